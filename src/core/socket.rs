//! A non-blocking socket driven by `poll()` against one deadline per operation.
//!
//! Socket timeouts (`SO_RCVTIMEO`) apply per system call: a server trickling
//! one byte every 0.4 s held a 0.5 s `read_timeout` for seconds, and every
//! signal turned a pending read into `EINTR`, failing emits Redis had executed.
//! Here every wait is `poll()` for what is left until the deadline, and
//! `EINTR` from any call is retried within it.

use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A connected stream socket (TCP or unix), `O_NONBLOCK`.
pub struct Socket {
    fd: OwnedFd,
    /// When the current operation must give up. `None`: never wait (only what
    /// has already arrived is read; `WouldBlock` otherwise).
    deadline: Option<Instant>,
}

/// What is left until `deadline`, or a `TimedOut` error once it has passed.
fn remaining(deadline: Instant) -> io::Result<Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(io::ErrorKind::TimedOut.into());
    }
    Ok(left)
}

/// Waits until `fd` is ready for `events` or `deadline` passes (`TimedOut`).
/// Signals (`EINTR`) only shorten one `poll()`: the wait resumes for what is left.
fn wait(fd: RawFd, events: libc::c_short, deadline: Instant) -> io::Result<()> {
    loop {
        let left = remaining(deadline)?;
        // Round up so a sub-millisecond remainder still waits instead of spinning.
        let ms = libc::c_int::try_from(left.as_micros().div_ceil(1000)).unwrap_or(libc::c_int::MAX);
        let mut pfd = libc::pollfd { fd, events, revents: 0 };
        // SAFETY: one valid pollfd on the stack.
        match unsafe { libc::poll(&mut pfd, 1, ms) } {
            n if n > 0 => return Ok(()), // ready, or an error/hang-up the next call reports
            0 => {}                      // slept its share: the loop checks the deadline
            _ => {
                let err = io::Error::last_os_error();
                if err.kind() != io::ErrorKind::Interrupted {
                    return Err(err);
                }
            }
        }
    }
}

fn set_nonblocking(fd: RawFd) -> io::Result<()> {
    // SAFETY: fcntl on a valid fd we own.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    // SAFETY: as above.
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

impl Socket {
    fn new(fd: OwnedFd, deadline: Instant) -> io::Result<Socket> {
        set_nonblocking(fd.as_raw_fd())?;
        Ok(Socket {
            fd,
            deadline: Some(deadline),
        })
    }

    /// Connects to the first address of `host:port` that accepts before `deadline`.
    /// A numeric host is not resolved; a name is resolved on a helper thread that
    /// is abandoned at the deadline (`getaddrinfo()` itself has no timeout).
    pub fn connect_tcp(host: &str, port: u16, deadline: Instant) -> Result<Socket, String> {
        let addrs = match host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            Ok(ip) => vec![SocketAddr::new(ip, port)],
            Err(_) => resolve(host, port, deadline)?,
        };
        let mut last_error = None;
        for addr in addrs {
            // Each address gets what is left of the one deadline, not a timeout of its own.
            let attempt = remaining(deadline).and_then(|left| TcpStream::connect_timeout(&addr, left));
            match attempt {
                Ok(stream) => {
                    // PUBLISH is one small write followed by a read: never let Nagle hold it.
                    stream.set_nodelay(true).map_err(|e| describe_connect(&e))?;
                    return Socket::new(OwnedFd::from(stream), deadline).map_err(|e| describe_connect(&e));
                }
                Err(e) => {
                    let timed_out = matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock);
                    last_error = Some(e);
                    if timed_out && Instant::now() >= deadline {
                        break;
                    }
                }
            }
        }
        Err(match last_error {
            Some(e) => describe_connect(&e),
            None => "host resolved to no address".to_owned(),
        })
    }

    /// Connects to a unix socket before `deadline`. A blocking `connect()` to a
    /// socket whose accept queue is full waits for as long as the server does
    /// not accept (forever for a frozen Redis); non-blocking, Linux answers
    /// `EAGAIN` instead, and we retry until the deadline.
    pub fn connect_unix(path: &str, deadline: Instant) -> Result<Socket, String> {
        let fail = |e: &io::Error| format!("{path}: {}", describe_connect(e));
        // SAFETY: plain socket(2); the fd is owned right below.
        let raw = unsafe { libc::socket(libc::AF_UNIX, libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, 0) };
        if raw < 0 {
            return Err(fail(&io::Error::last_os_error()));
        }
        // SAFETY: a fresh fd nobody else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(raw) };
        // SAFETY: sockaddr_un is plain data; all-zero is a valid value.
        let mut addr: libc::sockaddr_un = unsafe { std::mem::zeroed() };
        addr.sun_family = libc::AF_UNIX as libc::sa_family_t;
        let bytes = path.as_bytes();
        if bytes.len() >= addr.sun_path.len() {
            return Err(format!("{path}: unix socket path too long"));
        }
        for (dst, src) in addr.sun_path.iter_mut().zip(bytes) {
            *dst = *src as libc::c_char;
        }
        let len = (std::mem::size_of::<libc::sa_family_t>() + bytes.len() + 1) as libc::socklen_t;
        loop {
            // SAFETY: a valid fd and a sockaddr_un of `len` bytes.
            let rc = unsafe { libc::connect(fd.as_raw_fd(), (&raw const addr).cast(), len) };
            if rc == 0 {
                break;
            }
            let err = io::Error::last_os_error();
            match err.raw_os_error() {
                Some(libc::EINTR) => continue,
                Some(libc::EAGAIN) => {
                    // Accept queue full: the kernel offers no wait, so poll by retrying.
                    let left = remaining(deadline).map_err(|e| fail(&e))?;
                    std::thread::sleep(left.min(Duration::from_millis(5)));
                }
                Some(libc::EINPROGRESS) => {
                    wait(fd.as_raw_fd(), libc::POLLOUT, deadline).map_err(|e| fail(&e))?;
                    return match take_socket_error(fd.as_raw_fd()) {
                        Ok(()) => Socket::new(fd, deadline).map_err(|e| fail(&e)),
                        Err(e) => Err(fail(&e)),
                    };
                }
                _ => return Err(fail(&err)),
            }
        }
        Socket::new(fd, deadline).map_err(|e| fail(&e))
    }

    /// Sets the deadline of the operation about to run; `None`: never wait.
    pub fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.deadline = deadline;
    }

    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// True when nothing is waiting to be read and the peer has not closed
    /// (the liveness check of a pooled connection): one non-blocking read of
    /// one byte, its errno compared as is. A byte that was waiting is consumed:
    /// the connection is out of step and must not be used anyway.
    pub fn is_quiet(&self) -> bool {
        let mut byte = 0u8;
        loop {
            // SAFETY: a valid fd and one byte we own.
            let n = unsafe { libc::recv(self.raw_fd(), (&raw mut byte).cast(), 1, libc::MSG_DONTWAIT) };
            if n >= 0 {
                return false; // 0: closed by the peer; 1: bytes nobody asked for
            }
            match io::Error::last_os_error().raw_os_error() {
                Some(libc::EINTR) => {}
                Some(code) => return code == libc::EAGAIN || code == libc::EWOULDBLOCK,
                None => return false,
            }
        }
    }

    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    /// Runs a non-blocking call until it does something, waiting for `events`
    /// between tries, until the deadline.
    fn retry(&self, events: libc::c_short, mut call: impl FnMut() -> isize) -> io::Result<usize> {
        loop {
            if let Ok(n) = usize::try_from(call()) {
                return Ok(n);
            }
            let err = io::Error::last_os_error();
            match err.kind() {
                io::ErrorKind::Interrupted => {}
                io::ErrorKind::WouldBlock => match self.deadline {
                    Some(deadline) => wait(self.raw_fd(), events, deadline)?,
                    None => return Err(err),
                },
                _ => return Err(err),
            }
        }
    }
}

fn take_socket_error(fd: RawFd) -> io::Result<()> {
    let mut err: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt into an int of the announced size.
    let rc = unsafe { libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_ERROR, (&raw mut err).cast(), &mut len) };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    if err != 0 {
        return Err(io::Error::from_raw_os_error(err));
    }
    Ok(())
}

/// `getaddrinfo()` on a helper thread, waited for until `deadline` only: a
/// resolver that hangs keeps its thread, not the PHP request.
fn resolve(host: &str, port: u16, deadline: Instant) -> Result<Vec<SocketAddr>, String> {
    resolve_with(host, port, deadline, |name, port| {
        (name, port).to_socket_addrs().map(Iterator::collect::<Vec<_>>)
    })
}

/// [`resolve`] with the lookup given, so a hanging resolver can be tested.
fn resolve_with(
    host: &str,
    port: u16,
    deadline: Instant,
    lookup: impl FnOnce(&str, u16) -> io::Result<Vec<SocketAddr>> + Send + 'static,
) -> Result<Vec<SocketAddr>, String> {
    let (tx, rx) = mpsc::channel();
    let name = host.to_owned();
    std::thread::Builder::new()
        .name("sio-resolve".into())
        .spawn(move || {
            let _ = tx.send(lookup(name.as_str(), port));
        })
        .map_err(|e| format!("cannot resolve host: {e}"))?;
    let left = deadline.saturating_duration_since(Instant::now());
    match rx.recv_timeout(left) {
        Ok(Ok(addrs)) => Ok(addrs),
        Ok(Err(e)) => Err(format!("cannot resolve host: {e}")),
        Err(_) => Err(format!("cannot resolve host: no answer within timeout ({} s)", round_secs(left))),
    }
}

fn round_secs(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

pub fn describe(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => "timed out".to_owned(),
        io::ErrorKind::UnexpectedEof => "connection closed by the server".to_owned(),
        _ => err.to_string(),
    }
}

/// Why a connect failed, with a hint where one helps.
pub fn describe_connect(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::ConnectionRefused | io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
            format!("{} (check that Redis is running and the DSN/host/port options)", describe(err))
        }
        _ => describe(err),
    }
}

impl Read for Socket {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let fd = self.raw_fd();
        // SAFETY: a valid fd and a buffer we own, of the given length.
        self.retry(libc::POLLIN, || unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), libc::MSG_DONTWAIT) })
    }
}

impl Write for Socket {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let fd = self.raw_fd();
        // MSG_NOSIGNAL: a closed peer is an error, not a SIGPIPE killing the PHP process.
        // SAFETY: a valid fd and a buffer of the given length.
        self.retry(libc::POLLOUT, || unsafe {
            libc::send(fd, buf.as_ptr().cast(), buf.len(), libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL)
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::net::UnixListener;

    #[test]
    fn unix_connect_to_a_full_accept_queue_gives_up_at_the_deadline() {
        let dir = std::env::temp_dir().join(format!("sio-sock-test-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("full.sock");
        let _ = std::fs::remove_file(&path);
        let path = path.to_str().unwrap().to_owned();
        let listener = UnixListener::bind(&path).unwrap();
        // Never accepted: fill the backlog (its size is the listen() backlog, 128 by default).
        let mut held = Vec::new();
        let started = Instant::now();
        let err = loop {
            match Socket::connect_unix(&path, Instant::now() + Duration::from_millis(200)) {
                Ok(s) => held.push(s),
                Err(e) => break e,
            }
            assert!(held.len() < 10_000);
        };
        let took = started.elapsed();
        assert!(err.contains("timed out"), "{err}");
        assert!(took < Duration::from_secs(5), "{took:?}");
        drop(listener);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_hanging_resolver_is_abandoned_at_the_deadline() {
        let started = Instant::now();
        let err = resolve_with("hangs.example", 6379, started + Duration::from_millis(200), |_, _| {
            std::thread::sleep(Duration::from_secs(3));
            Ok(Vec::new())
        })
        .unwrap_err();
        let took = started.elapsed();
        assert!(err.contains("no answer within timeout"), "{err}");
        assert!(took >= Duration::from_millis(190) && took < Duration::from_millis(400), "{took:?}");
        // A name that resolves goes through the same thread.
        let addrs = resolve("localhost", 6379, Instant::now() + Duration::from_secs(2)).unwrap();
        assert!(addrs.iter().all(|a| a.port() == 6379) && !addrs.is_empty());
    }

    #[test]
    fn read_gives_up_at_the_deadline_whatever_trickles_in() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            for _ in 0..20 {
                if s.write_all(b"x").is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let started = Instant::now();
        let mut sock = Socket::connect_tcp("127.0.0.1", port, started + Duration::from_millis(300)).unwrap();
        let mut buf = [0u8; 1];
        let mut got = 0;
        let err = loop {
            match sock.read(&mut buf) {
                Ok(n) => got += n,
                Err(e) => break e,
            }
        };
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(got >= 2, "{got}");
        let took = started.elapsed();
        assert!(took < Duration::from_millis(400), "{took:?}");
        drop(sock);
        server.join().unwrap();
    }
}
