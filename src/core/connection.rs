//! One Redis connection: a blocking socket with connect and I/O timeouts,
//! RESP encoding and decoding by the `redis` crate.
//!
//! We drive the socket ourselves instead of `redis::Connection` because we need
//! what its sync client does not give: a liveness peek before reuse without a
//! round trip, nothing sent at set-up beyond AUTH/SELECT (ACL users allowed only
//! `+publish` must work), and a connection that is simply dropped on any failure.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use rustls::{ClientConnection, StreamOwned};

use super::config::{Address, Config};
use super::{tls, Error};

type TlsStream = StreamOwned<ClientConnection, TcpStream>;

enum Stream {
    Tcp(TcpStream),
    Unix(UnixStream),
    Tls(Box<TlsStream>),
}

impl Stream {
    fn set_timeouts(&self, timeout: Duration) -> io::Result<()> {
        match self {
            Stream::Tcp(s) => {
                s.set_read_timeout(Some(timeout))?;
                s.set_write_timeout(Some(timeout))
            }
            Stream::Tls(s) => {
                s.sock.set_read_timeout(Some(timeout))?;
                s.sock.set_write_timeout(Some(timeout))
            }
            Stream::Unix(s) => {
                s.set_read_timeout(Some(timeout))?;
                s.set_write_timeout(Some(timeout))
            }
        }
    }

    fn raw_fd(&self) -> RawFd {
        match self {
            Stream::Tcp(s) => s.as_raw_fd(),
            Stream::Tls(s) => s.sock.as_raw_fd(),
            Stream::Unix(s) => s.as_raw_fd(),
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            Stream::Unix(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
            Stream::Unix(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Tls(s) => s.flush(),
            _ => Ok(()),
        }
    }
}

/// Runs the TLS handshake now (bounded by the socket timeouts), so a bad
/// certificate is reported as a connect error and not at the first command.
fn tls_handshake(config: &Config, host: &str, mut sock: TcpStream) -> Result<Stream, String> {
    let Some(settings) = &config.tls else {
        return Err("TLS settings missing".to_owned());
    };
    let client_config = tls::client_config(settings)?;
    let mut conn = ClientConnection::new(client_config, tls::server_name(host)?).map_err(|e| format!("TLS set-up failed: {e}"))?;
    sock.set_read_timeout(Some(config.connect_timeout)).map_err(|e| describe(&e))?;
    sock.set_write_timeout(Some(config.connect_timeout)).map_err(|e| describe(&e))?;
    while conn.is_handshaking() {
        conn.complete_io(&mut sock).map_err(|e| format!("TLS handshake failed: {}", describe(&e)))?;
    }
    Ok(Stream::Tls(Box::new(StreamOwned::new(conn, sock))))
}

/// A pooled TLS stream may legitimately have bytes waiting (TLS 1.3 session
/// tickets sent after the handshake): let rustls consume them without blocking,
/// then require that no application data and no close arrived.
fn tls_is_reusable(stream: &mut TlsStream) -> bool {
    if stream.sock.set_nonblocking(true).is_err() {
        return false;
    }
    let mut alive = true;
    loop {
        match stream.conn.read_tls(&mut stream.sock) {
            Ok(0) => {
                alive = false;
                break;
            }
            Ok(_) => {
                if stream.conn.process_new_packets().is_err() {
                    alive = false;
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
            Err(_) => {
                alive = false;
                break;
            }
        }
    }
    if alive {
        let mut byte = [0u8; 1];
        alive = matches!(stream.conn.reader().read(&mut byte), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
    }
    stream.sock.set_nonblocking(false).is_ok() && alive
}

/// What the replies of deferred commands turned out to be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeferredOutcome {
    /// Sum of the receiver counts of PUBLISH replies.
    pub receivers: u64,
    /// Replies saying nobody was subscribed (no Socket.IO server got the message).
    pub no_receivers: u64,
    /// Error replies (e.g. an ACL NOPERM), as Redis wrote them.
    pub errors: Vec<String>,
}

pub struct Connection {
    stream: Stream,
    parser: redis::Parser,
    address: String,
    io_timeout: Duration,
    /// Replies of deferred commands not read yet (deferred mode writes and moves on).
    pending_replies: u32,
    /// What the deferred replies read so far said, until the pool collects it.
    deferred: DeferredOutcome,
    /// Whether error replies of deferred commands become PHP warnings
    /// (`on_error` other than `silent` of the emitter that last wrote).
    pub warn_on_deferred_errors: bool,
    /// Scratch buffer for packed commands, kept to avoid an allocation per emit.
    packed: Vec<u8>,
}

fn describe(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => "timed out".to_owned(),
        io::ErrorKind::UnexpectedEof => "connection closed by the server".to_owned(),
        _ => err.to_string(),
    }
}

fn describe_redis(err: &redis::RedisError, timeout: Duration) -> String {
    if err.is_timeout() {
        format!("no reply within read_timeout ({} s)", timeout.as_secs_f64())
    } else if err.kind() == redis::ErrorKind::Io {
        // e.g. a TLS alert (client certificate required) or a reset.
        match err.detail() {
            Some(detail) => format!("connection lost: {detail}"),
            None => format!("connection lost: {err}"),
        }
    } else {
        "unreadable reply".to_owned()
    }
}

/// Why a TCP connect failed, with a hint where one helps.
fn describe_connect(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::ConnectionRefused | io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
            format!("{} (check that Redis is running and the DSN/host/port options)", describe(err))
        }
        _ => describe(err),
    }
}

impl Connection {
    /// Connects, then sends AUTH and SELECT only when the config asks for them.
    pub fn open(config: &Config) -> Result<Connection, Error> {
        let address = config.address.to_string();
        let connect_error = |detail: String| Error::Connect {
            address: address.clone(),
            detail,
        };
        let stream = match &config.address {
            Address::Tcp { host, port } => {
                let addrs = (host.as_str(), *port)
                    .to_socket_addrs()
                    .map_err(|e| connect_error(format!("cannot resolve host: {e}")))?;
                let mut last_error = None;
                let mut connected = None;
                for addr in addrs {
                    match TcpStream::connect_timeout(&addr, config.connect_timeout) {
                        Ok(s) => {
                            connected = Some(s);
                            break;
                        }
                        Err(e) => last_error = Some(e),
                    }
                }
                let stream = match (connected, last_error) {
                    (Some(s), _) => s,
                    (None, Some(e)) => return Err(connect_error(describe_connect(&e))),
                    (None, None) => return Err(connect_error("host resolved to no address".into())),
                };
                // PUBLISH is one small write followed by a read: never let Nagle hold it.
                stream.set_nodelay(true).map_err(|e| connect_error(describe(&e)))?;
                if config.tls.is_some() {
                    tls_handshake(config, host, stream).map_err(connect_error)?
                } else {
                    Stream::Tcp(stream)
                }
            }
            Address::Unix { path } => Stream::Unix(UnixStream::connect(path).map_err(|e| connect_error(format!("{path}: {}", describe_connect(&e))))?),
        };
        stream
            .set_timeouts(config.io_timeout)
            .map_err(|e| connect_error(describe(&e)))?;
        let mut conn = Connection {
            stream,
            parser: redis::Parser::new(),
            address: address.clone(),
            io_timeout: config.io_timeout,
            pending_replies: 0,
            deferred: DeferredOutcome::default(),
            warn_on_deferred_errors: true,
            packed: Vec::new(),
        };
        if let Some(password) = &config.password {
            let mut auth = redis::cmd("AUTH");
            if let Some(user) = &config.username {
                auth.arg(user);
            }
            auth.arg(password.expose());
            conn.call(&auth).map_err(|e| match e {
                Error::Reply { message, .. } => Error::Rejected {
                    address: address.clone(),
                    detail: format!("authentication failed (check username/password): {message}"),
                },
                other => other,
            })?;
        }
        if config.db != 0 {
            conn.call(redis::cmd("SELECT").arg(config.db)).map_err(|e| match e {
                Error::Reply { message, .. } => Error::Rejected {
                    address: address.clone(),
                    detail: format!("SELECT {} failed: {message}", config.db),
                },
                other => other,
            })?;
        }
        Ok(conn)
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    /// Whether this pooled connection can carry the next command:
    /// `Ok(true)` yes; `Ok(false)` Redis closed it (restart, `CLIENT KILL`, idle
    /// timeout) or it is out of step: replace it; `Err` Redis did not deliver
    /// the replies owed by deferred commands in time: it is stalled, and a new
    /// connection would only wait again.
    pub fn check_reusable(&mut self) -> Result<bool, Error> {
        if self.pending_replies > 0 {
            // Owed replies are expected bytes: read them (usually already here) first.
            match self.read_pending() {
                Ok(()) => {}
                Err(err @ Error::Io { stalled: true, .. }) => return Err(err),
                Err(_) => return Ok(false),
            }
        }
        Ok(self.is_open())
    }

    /// True when the peer has not closed the socket and no unexpected bytes are
    /// waiting. One non-blocking `recv(MSG_PEEK)`: no round trip to Redis.
    fn is_open(&mut self) -> bool {
        let mut byte = 0u8;
        // SAFETY: a valid fd owned by `self.stream` and a 1-byte buffer we own.
        let n = unsafe {
            libc::recv(
                self.stream.raw_fd(),
                (&raw mut byte).cast(),
                1,
                libc::MSG_PEEK | libc::MSG_DONTWAIT,
            )
        };
        if n < 0 {
            let err = io::Error::last_os_error();
            return matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted);
        }
        // 0: the peer closed (Redis restarted, CLIENT KILL, idle timeout).
        // >0: bytes nobody asked for; the stream is out of step, do not trust it
        // (except TLS records that carry no data, which rustls may consume).
        match &mut self.stream {
            Stream::Tls(tls) if n > 0 => tls_is_reusable(tls),
            _ => false,
        }
    }

    /// Replies still owed by Redis for deferred commands.
    pub fn pending_replies(&self) -> u32 {
        self.pending_replies
    }

    /// Writes commands without waiting for their replies (deferred mode): they
    /// are read by the next command that needs its own reply, or by
    /// [`Connection::read_pending`] at the end of the request.
    pub fn send_deferred(&mut self, cmds: &[redis::Cmd]) -> Result<(), Error> {
        self.write_commands(cmds)?;
        self.pending_replies += u32::try_from(cmds.len()).unwrap_or(u32::MAX);
        Ok(())
    }

    /// Packs the commands into one buffer and writes it: one syscall, one round trip.
    fn write_commands(&mut self, cmds: &[redis::Cmd]) -> Result<(), Error> {
        let mut packed = std::mem::take(&mut self.packed);
        packed.clear();
        for cmd in cmds {
            cmd.write_packed_command(&mut packed);
        }
        let written = self.write_all(&packed);
        self.packed = packed;
        written
    }

    /// Reads every reply owed for deferred commands and records what they said.
    pub fn read_pending(&mut self) -> Result<(), Error> {
        while self.pending_replies > 0 {
            let reply = self.read_reply();
            // A reply (even an error reply) was consumed; an I/O error leaves the rest unknown.
            if !matches!(reply, Err(Error::Io { .. })) {
                self.pending_replies -= 1;
            }
            match reply {
                Ok(redis::Value::Int(0)) => self.deferred.no_receivers += 1,
                Ok(redis::Value::Int(n)) => self.deferred.receivers += n.unsigned_abs(),
                Ok(_) => {}
                Err(Error::Reply { message, .. }) => self.deferred.errors.push(message),
                Err(err) => return Err(err),
            }
        }
        Ok(())
    }

    /// Hands over what the deferred replies read so far said.
    pub fn take_deferred_outcome(&mut self) -> DeferredOutcome {
        std::mem::take(&mut self.deferred)
    }

    /// Sends one command and reads its reply.
    pub fn call(&mut self, cmd: &redis::Cmd) -> Result<redis::Value, Error> {
        self.read_pending()?;
        self.write_commands(std::slice::from_ref(cmd))?;
        self.read_reply()
    }

    /// Sends several commands in one write and reads all their replies, in order.
    /// An error reply fails the whole call, but only after every reply was read,
    /// so the connection stays in step and can be reused.
    pub fn pipeline(&mut self, cmds: &[redis::Cmd]) -> Result<Vec<redis::Value>, Error> {
        self.read_pending()?;
        self.write_commands(cmds)?;
        let mut replies = Vec::with_capacity(cmds.len());
        let mut first_error = None;
        for _ in cmds {
            match self.read_reply() {
                Ok(value) => replies.push(value),
                Err(err @ Error::Reply { .. }) => {
                    first_error.get_or_insert(err);
                    replies.push(redis::Value::Nil);
                }
                Err(err) => return Err(err),
            }
        }
        match first_error {
            Some(err) => Err(err),
            None => Ok(replies),
        }
    }

    /// `PUBLISH channel payload`, returning how many subscribers got it.
    pub fn publish(&mut self, channel: &str, payload: &[u8]) -> Result<i64, Error> {
        match self.call(redis::cmd("PUBLISH").arg(channel).arg(payload))? {
            redis::Value::Int(n) => Ok(n),
            _ => Err(self.io_error("unexpected reply to PUBLISH".into(), false)),
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.stream.write_all(bytes).and_then(|()| self.stream.flush()).map_err(|e| {
            let stalled = matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut);
            self.io_error(describe(&e), stalled)
        })
    }

    fn read_reply(&mut self) -> Result<redis::Value, Error> {
        match self.parser.parse_value(&mut self.stream) {
            Ok(redis::Value::ServerError(err)) => Err(Error::Reply {
                address: self.address.clone(),
                // As Redis wrote it: "NOPERM User emitter has no permissions..."
                message: match err.details() {
                    Some(details) => format!("{} {details}", err.code()),
                    None => err.code().to_owned(),
                },
            }),
            Ok(value) => Ok(value),
            Err(err) => Err(self.io_error(describe_redis(&err, self.io_timeout), err.is_timeout())),
        }
    }

    fn io_error(&self, detail: String, stalled: bool) -> Error {
        Error::Io {
            address: self.address.clone(),
            detail,
            stalled,
        }
    }
}
