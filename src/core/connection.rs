//! One Redis connection: a blocking socket with connect and I/O timeouts,
//! RESP encoding and decoding by the `redis` crate.
//!
//! We drive the socket ourselves instead of `redis::Connection` because we need
//! what its sync client does not give: a liveness peek before reuse without a
//! round trip, nothing sent at set-up beyond AUTH/SELECT (ACL users allowed only
//! `+publish` must work), and a connection that is simply dropped on any failure.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

use rustls::{ClientConnection, StreamOwned};

use super::config::{Address, Config, OnError};
use super::reply::{Reply, ReplyReader};
use super::socket::{describe, Socket};
use super::{tls, Error};

type TlsStream = StreamOwned<ClientConnection, Socket>;

enum Stream {
    Plain(Socket),
    Tls(Box<TlsStream>),
}

impl Stream {
    fn socket(&mut self) -> &mut Socket {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => &mut s.sock,
        }
    }

    /// Reads only what has already arrived: `WouldBlock` when nothing has.
    fn read_now(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let deadline = self.socket().deadline();
        self.socket().set_deadline(None);
        let read = self.read(buf);
        self.socket().set_deadline(deadline);
        read
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Tls(s) => s.flush(),
            Stream::Plain(_) => Ok(()),
        }
    }
}

/// A stream that never waits (see [`Stream::read_now`]).
struct ReadNow<'a>(&'a mut Stream);

impl Read for ReadNow<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read_now(buf)
    }
}

/// Replies owed beyond which a deferred write first waits for them, so a loop
/// of deferred emits against a stalled Redis cannot queue without bound.
const MAX_PENDING_REPLIES: usize = 1024;

/// Age of the oldest owed reply beyond which the next write first waits for
/// them: worker-mode runtimes (FrankenPHP, RoadRunner) never end a request,
/// so without it an error reply could wait unreported for ever.
const MAX_PENDING_AGE: Duration = Duration::from_secs(1);

/// Runs the TLS handshake now (within the connect deadline), so a bad
/// certificate is reported as a connect error and not at the first command.
fn tls_handshake(config: &Config, host: &str, mut sock: Socket) -> Result<Stream, String> {
    let Some(settings) = &config.tls else {
        return Err("TLS settings missing".to_owned());
    };
    let client_config = tls::client_config(settings)?;
    let mut conn = ClientConnection::new(client_config, tls::server_name(host)?).map_err(|e| format!("TLS set-up failed: {e}"))?;
    while conn.is_handshaking() {
        conn.complete_io(&mut sock).map_err(|e| format!("TLS handshake failed: {}", describe(&e)))?;
    }
    Ok(Stream::Tls(Box::new(StreamOwned::new(conn, sock))))
}

/// What the replies of deferred commands turned out to be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeferredOutcome {
    /// Sum of the receiver counts of PUBLISH replies.
    pub receivers: u64,
    /// Replies saying nobody was subscribed (no Socket.IO server got the message).
    pub no_receivers: u64,
    /// Error replies (e.g. an ACL NOPERM), as Redis wrote them, with the
    /// `on_error` of the emitter that wrote the command (how to report them)...
    pub errors: Vec<(OnError, String)>,
    /// ...and error replies to commands of `on_error => 'silent'` emitters.
    pub silent_errors: u64,
    /// Redis Cluster MOVED/ASK replies among them: the slot map is outdated.
    pub redirects: u64,
    /// XADD replies (an entry id): appended to the stream.
    pub appended: u64,
}

/// Something that can be written to Redis as one RESP command.
pub trait Command {
    fn pack(&self, out: &mut Vec<u8>);

    /// What a successful reply is (how a deferred reply is booked).
    fn expected(&self) -> Expected {
        Expected::Count
    }

    /// Packs the command into `out`, except for a large last argument, which
    /// it returns to be written straight from where it is (followed by
    /// `\r\n`): a 64 MB event must not be copied into a second buffer.
    fn pack_head<'a>(&'a self, out: &mut Vec<u8>) -> Option<&'a [u8]> {
        self.pack(out);
        None
    }
}

/// The successful reply of a deferred command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A receiver count (PUBLISH, SPUBLISH).
    Count,
    /// The id of the entry appended (XADD).
    EntryId,
}

/// Payloads from this size on are written from the caller's buffer, not copied.
const WRITE_DIRECT_FROM: usize = 64 * 1024;

impl Command for redis::Cmd {
    fn pack(&self, out: &mut Vec<u8>) {
        self.write_packed_command(out);
    }
}

/// The Redis command that carries one operation to the Socket.IO servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    /// `PUBLISH channel payload`: the classic adapter (and the streams
    /// adapter's ephemeral messages). The reply is a receiver count.
    Publish,
    /// `SPUBLISH channel payload`: sharded pub/sub (Redis 7). A receiver count too.
    SPublish,
    /// `XADD key MAXLEN ~ <max_len> * uid emitter nsp <nsp> type <kind> data <payload>`:
    /// the streams adapter. The reply is the new entry's id.
    XAdd { max_len: u64, kind: u8 },
}

impl Verb {
    /// Whether the command must run on the node owning its key's slot
    /// (a plain PUBLISH may run on any node of a cluster).
    pub fn routed_by_key(self) -> bool {
        !matches!(self, Verb::Publish)
    }

    pub fn name(self) -> &'static str {
        match self {
            Verb::Publish => "PUBLISH",
            Verb::SPublish => "SPUBLISH",
            Verb::XAdd { .. } => "XADD",
        }
    }
}

/// One outgoing command, packed by hand: the emit hot path. `redis::Cmd`
/// would copy the payload twice and allocate per emit.
#[derive(Clone, Copy)]
pub struct Outgoing<'a> {
    pub verb: Verb,
    /// The channel (PUBLISH, SPUBLISH) or the stream (XADD).
    pub key: &'a str,
    /// XADD: the entry's `nsp` field (unused otherwise).
    pub nsp: &'a str,
    /// The message; XADD: the entry's `data` field.
    pub payload: &'a [u8],
}

/// `$<len>\r\n<bytes>\r\n`: one RESP bulk string.
pub fn push_bulk(out: &mut Vec<u8>, bytes: &[u8]) {
    // Keys, rooms and numbers are short: their header is written as one
    // small array, without formatting a number.
    match u8::try_from(bytes.len()) {
        Ok(n) if n < 10 => out.extend_from_slice(&[b'$', b'0' + n, b'\r', b'\n']),
        Ok(n) if n < 100 => out.extend_from_slice(&[b'$', b'0' + n / 10, b'0' + n % 10, b'\r', b'\n']),
        _ => {
            let mut len = itoa::Buffer::new();
            out.push(b'$');
            out.extend_from_slice(len.format(bytes.len()).as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\r\n");
}

impl<'a> Outgoing<'a> {
    /// `PUBLISH channel payload`.
    pub fn publish(channel: &'a str, payload: &'a [u8]) -> Outgoing<'a> {
        Outgoing {
            verb: Verb::Publish,
            key: channel,
            nsp: "",
            payload,
        }
    }

    /// Everything before the payload's bytes (its `$<len>\r\n` included).
    fn pack_prefix(&self, out: &mut Vec<u8>) {
        let mut len = itoa::Buffer::new();
        match self.verb {
            Verb::Publish => out.extend_from_slice(b"*3\r\n$7\r\nPUBLISH\r\n"),
            Verb::SPublish => out.extend_from_slice(b"*3\r\n$8\r\nSPUBLISH\r\n"),
            Verb::XAdd { .. } => out.extend_from_slice(b"*14\r\n$4\r\nXADD\r\n"),
        }
        push_bulk(out, self.key.as_bytes());
        if let Verb::XAdd { max_len, kind } = self.verb {
            out.extend_from_slice(b"$6\r\nMAXLEN\r\n$1\r\n~\r\n");
            push_bulk(out, len.format(max_len).as_bytes());
            out.extend_from_slice(b"$1\r\n*\r\n$3\r\nuid\r\n$7\r\nemitter\r\n$3\r\nnsp\r\n");
            push_bulk(out, self.nsp.as_bytes());
            out.extend_from_slice(b"$4\r\ntype\r\n");
            push_bulk(out, len.format(kind).as_bytes());
            out.extend_from_slice(b"$4\r\ndata\r\n");
        }
        out.push(b'$');
        out.extend_from_slice(len.format(self.payload.len()).as_bytes());
        out.extend_from_slice(b"\r\n");
    }
}

impl Command for Outgoing<'_> {
    fn expected(&self) -> Expected {
        match self.verb {
            Verb::XAdd { .. } => Expected::EntryId,
            Verb::Publish | Verb::SPublish => Expected::Count,
        }
    }

    fn pack_head<'a>(&'a self, out: &mut Vec<u8>) -> Option<&'a [u8]> {
        if self.payload.len() < WRITE_DIRECT_FROM {
            self.pack(out);
            return None;
        }
        self.pack_prefix(out);
        Some(self.payload)
    }

    fn pack(&self, out: &mut Vec<u8>) {
        out.reserve(self.key.len() + self.nsp.len() + self.payload.len() + 128);
        self.pack_prefix(out);
        out.extend_from_slice(self.payload);
        out.extend_from_slice(b"\r\n");
    }
}

const CLOSED_WITHOUT_REPLYING: &str = "it closed the connection without replying";

/// Largest command buffer kept between commands.
const KEEP_PACKED: usize = 1 << 20;

/// A pub/sub message: `(channel, payload)`.
pub type PubSubMessage = (Vec<u8>, Vec<u8>);

pub struct Connection {
    stream: Stream,
    replies: ReplyReader,
    address: String,
    io_timeout: Duration,
    /// Replies of deferred commands not read yet (deferred mode writes and moves
    /// on), oldest first: the `on_error` of the emitter that wrote each (how an
    /// error reply is reported) and when it was written.
    pending: VecDeque<(OnError, Instant, Expected)>,
    /// What the deferred replies read so far said, until the pool collects it.
    deferred: DeferredOutcome,
    /// Scratch buffer for packed commands, kept to avoid an allocation per emit.
    packed: Vec<u8>,
    /// Whether a reply was ever read here: a server that closes a new
    /// connection before any reply is not a Redis that went away.
    replied: bool,
}

/// A connection that broke during AUTH/SELECT never carried a command of
/// ours: that is a failure to connect (no "may have been delivered").
fn setup_failure(err: Error) -> Error {
    match err {
        Error::Io { address, detail, .. } => Error::Connect { address, detail },
        other => other,
    }
}

impl Connection {
    /// Connects, then sends AUTH and SELECT only when the config asks for them,
    /// all before `deadline` (DNS, every address tried, TLS handshake included).
    pub fn open(config: &Config, deadline: Instant) -> Result<Connection, Error> {
        let address = config.address.to_string();
        let connect_error = |detail: String| Error::Connect {
            address: address.clone(),
            detail,
        };
        let stream = match &config.address {
            Address::Tcp { host, port } => {
                let socket = Socket::connect_tcp(host, *port, deadline).map_err(connect_error)?;
                if config.tls.is_some() {
                    tls_handshake(config, host, socket).map_err(connect_error)?
                } else {
                    Stream::Plain(socket)
                }
            }
            Address::Unix { path } => Stream::Plain(Socket::connect_unix(path, deadline).map_err(connect_error)?),
        };
        let mut conn = Connection {
            stream,
            replies: ReplyReader::default(),
            address: address.clone(),
            io_timeout: config.io_timeout,
            pending: VecDeque::new(),
            deferred: DeferredOutcome::default(),
            packed: Vec::new(),
            replied: false,
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
                other => setup_failure(other),
            })?;
        }
        if config.db != 0 {
            conn.call(redis::cmd("SELECT").arg(config.db)).map_err(|e| match e {
                Error::Reply { message, .. } => Error::Rejected {
                    address: address.clone(),
                    detail: format!("SELECT {} failed: {message}", config.db),
                },
                other => setup_failure(other),
            })?;
        }
        if let Some(sentinel) = &config.sentinel {
            conn.check_master_role(&sentinel.master_name).map_err(setup_failure)?;
        }
        Ok(conn)
    }

    /// A node the sentinels named as master must say so itself: just after a
    /// failover, a stale answer may name the old master, now a replica (which
    /// still accepts PUBLISH, delivering to nobody who follows the master).
    fn check_master_role(&mut self, master_name: &str) -> Result<(), Error> {
        let address = self.address.clone();
        let rejected = |detail: String| Error::Rejected {
            address: address.clone(),
            detail,
        };
        match self.call(&redis::cmd("ROLE")) {
            Ok(Reply::Array(Some(items))) => match items.first() {
                Some(Reply::Bulk(Some(role))) if role.as_slice() == b"master" => Ok(()),
                Some(Reply::Bulk(Some(role))) => Err(rejected(format!(
                    "the sentinels named it master '{master_name}' but it is a {} (a failover is under way; the sentinels are asked again)",
                    String::from_utf8_lossy(role)
                ))),
                _ => Err(rejected("ROLE was answered with an unexpected array".to_owned())),
            },
            Ok(other) => Err(rejected(format!("ROLE was answered with {} instead of an array", other.kind()))),
            Err(Error::Reply { message, .. }) => Err(rejected(format!(
                "ROLE failed (with Redis Sentinel the user needs the +role permission): {message}"
            ))),
            Err(other) => Err(other),
        }
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn io_timeout(&self) -> Duration {
        self.io_timeout
    }

    /// Bounds everything the next operation does on this connection: one
    /// deadline for all its reads and writes, not a timeout per system call.
    pub fn set_deadline(&mut self, deadline: Instant) {
        self.stream.socket().set_deadline(Some(deadline));
    }

    /// Whether this pooled connection can carry the next command:
    /// `Ok(true)` yes; `Ok(false)` Redis closed it (restart, `CLIENT KILL`, idle
    /// timeout) or it is out of step: replace it; `Err` Redis did not deliver
    /// the replies owed by deferred commands in time: it is stalled, and a new
    /// connection would only wait again.
    pub fn check_reusable(&mut self) -> Result<bool, Error> {
        if !self.pending.is_empty() {
            // Owed replies are expected bytes: take those that arrived, without
            // waiting for the rest, so deferred emits stream without a round
            // trip each. Reading also tells whether Redis closed the connection.
            if self.read_arrived().is_err() {
                return Ok(false);
            }
            let too_old = self.pending.front().is_some_and(|(_, written, _)| written.elapsed() >= MAX_PENDING_AGE);
            if self.pending.len() >= MAX_PENDING_REPLIES || too_old {
                match self.read_pending() {
                    Ok(()) => {}
                    Err(err @ Error::Io { stalled: true, .. }) => return Err(not_written(err)),
                    Err(_) => return Ok(false),
                }
            }
            if !self.pending.is_empty() {
                return Ok(true); // replies on their way, and no close seen
            }
        }
        Ok(self.is_open())
    }

    /// True when the peer has not closed the socket and no unexpected bytes are
    /// waiting. One non-blocking read: no round trip to Redis.
    fn is_open(&mut self) -> bool {
        // Nothing to read: alive. 0: the peer closed (Redis restarted, CLIENT
        // KILL, idle timeout). Bytes nobody asked for: out of step, do not trust
        // it. (On TLS, records without data, such as session tickets, are
        // consumed by rustls and read as "nothing".)
        match &mut self.stream {
            Stream::Plain(socket) => socket.is_quiet(),
            Stream::Tls(_) => {
                let mut byte = [0u8; 1];
                matches!(self.stream.read_now(&mut byte), Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted))
            }
        }
    }

    /// Replies still owed by Redis for deferred commands.
    pub fn pending_replies(&self) -> usize {
        self.pending.len()
    }

    /// Writes commands without waiting for their replies (deferred mode): they
    /// are read by the next command that needs its own reply, or by
    /// [`Connection::read_pending`] at the end of the request.
    /// `on_error`: how an error reply is reported when read.
    pub fn send_deferred<C: Command>(&mut self, cmds: &[C], on_error: OnError) -> Result<(), Error> {
        self.write_commands(cmds)?;
        let now = Instant::now();
        self.pending.extend(cmds.iter().map(|cmd| (on_error, now, cmd.expected())));
        Ok(())
    }

    /// Packs the commands into one buffer and writes it: one syscall, one round trip.
    /// The buffer is kept (capacity reused) unless a huge payload grew it; a
    /// large payload is written from its own buffer between two packed parts.
    fn write_commands<C: Command>(&mut self, cmds: &[C]) -> Result<(), Error> {
        let mut packed = std::mem::take(&mut self.packed);
        packed.clear();
        let mut written = Ok(());
        for cmd in cmds {
            if let Some(body) = cmd.pack_head(&mut packed) {
                written = self.write_all(&packed).and_then(|()| self.write_all(body));
                packed.clear();
                packed.extend_from_slice(b"\r\n");
                if written.is_err() {
                    break;
                }
            }
        }
        if written.is_ok() {
            written = self.write_all(&packed);
        }
        if packed.capacity() <= KEEP_PACKED {
            self.packed = packed;
        }
        written
    }

    /// Reads every reply owed for deferred commands and records what they said.
    pub fn read_pending(&mut self) -> Result<(), Error> {
        while !self.pending.is_empty() {
            let reply = self.read_reply();
            self.book(reply)?;
        }
        Ok(())
    }

    /// Reads the owed replies that have already arrived, never waiting.
    fn read_arrived(&mut self) -> Result<(), Error> {
        while !self.pending.is_empty() {
            let reply = match self.replies.read(&mut ReadNow(&mut self.stream)) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                read => self.reply_or_error(read),
            };
            self.book(reply)?;
        }
        Ok(())
    }

    /// Records what one owed reply said. A reply (even an error reply) was
    /// consumed; an I/O error leaves the rest unknown and is returned.
    fn book(&mut self, reply: Result<Reply, Error>) -> Result<(), Error> {
        let (on_error, expected) = match reply {
            Err(Error::Io { .. }) => (OnError::Silent, Expected::Count),
            _ => self.pending.pop_front().map_or((OnError::Warn, Expected::Count), |(on_error, _, expected)| (on_error, expected)),
        };
        if let Err(Error::Reply { message, .. }) = &reply {
            if super::cluster::is_redirect(message) {
                self.deferred.redirects += 1;
            }
        }
        match reply {
            Ok(Reply::Int(0)) if expected == Expected::Count => self.deferred.no_receivers += 1,
            Ok(Reply::Int(n)) if expected == Expected::Count => self.deferred.receivers += n.unsigned_abs(),
            // XADD's answer: the id of the entry appended.
            Ok(Reply::Bulk(Some(_))) if expected == Expected::EntryId => self.deferred.appended += 1,
            // Anything else is not Redis' answer.
            Ok(_) if on_error == OnError::Silent => self.deferred.silent_errors += 1,
            Ok(other) => self
                .deferred
                .errors
                .push((on_error, match expected {
                    Expected::Count => format!("PUBLISH was answered with {} instead of a receiver count", other.kind()),
                    Expected::EntryId => format!("XADD was answered with {} instead of an entry id", other.kind()),
                })),
            // Error replies, including those read as a refusal (NOAUTH, maxclients).
            Err(Error::Reply { .. } | Error::Rejected { .. }) if on_error == OnError::Silent => self.deferred.silent_errors += 1,
            Err(Error::Reply { message, .. } | Error::Rejected { detail: message, .. }) => self.deferred.errors.push((on_error, message)),
            Err(err) => return Err(err),
        }
        Ok(())
    }

    /// Hands over what the deferred replies read so far said.
    pub fn take_deferred_outcome(&mut self) -> DeferredOutcome {
        std::mem::take(&mut self.deferred)
    }

    /// Sends one command and reads its reply.
    pub fn call(&mut self, cmd: &redis::Cmd) -> Result<Reply, Error> {
        self.read_pending().map_err(not_written)?;
        self.write_commands(std::slice::from_ref(cmd))?;
        self.read_reply()
    }

    /// Sends one command and reads its reply: [`Connection::pipeline`] of
    /// one, without its lists (the emit hot path).
    pub fn request<C: Command>(&mut self, cmd: &C) -> Result<Reply, Error> {
        self.read_pending().map_err(not_written)?;
        self.write_commands(std::slice::from_ref(cmd))?;
        self.read_reply()
    }

    /// Sends several commands in one write and reads all their replies, in order.
    /// An error reply fails the whole call, but only after every reply was read,
    /// so the connection stays in step and can be reused.
    pub fn pipeline<C: Command>(&mut self, cmds: &[C]) -> Result<Vec<Reply>, Error> {
        self.pipeline_each(cmds)?.into_iter().collect()
    }

    /// [`Connection::pipeline`] for a caller that needs no reply: the same
    /// outcome (every reply is read; the first error reply, if any), without
    /// collecting the replies.
    pub fn pipeline_ok<C: Command>(&mut self, cmds: &[C]) -> Result<(), Error> {
        self.read_pending().map_err(not_written)?;
        self.write_commands(cmds)?;
        let mut outcome = Ok(());
        for _ in cmds {
            match self.read_reply() {
                Err(err @ Error::Reply { .. }) => {
                    if outcome.is_ok() {
                        outcome = Err(err);
                    }
                }
                Err(err) => return Err(err),
                Ok(_) => {}
            }
        }
        outcome
    }

    /// Like [`Connection::pipeline`], but one result per command: an error
    /// reply fails only its own command (the others were executed, and a
    /// caller that retried the whole batch would deliver them twice). `Err`
    /// only for an I/O failure.
    pub fn pipeline_each<C: Command>(&mut self, cmds: &[C]) -> Result<Vec<Result<Reply, Error>>, Error> {
        self.read_pending().map_err(not_written)?;
        self.write_commands(cmds)?;
        let mut replies = Vec::with_capacity(cmds.len());
        for _ in cmds {
            match self.read_reply() {
                Err(err @ Error::Reply { .. }) => replies.push(Err(err)),
                Err(err) => return Err(err),
                Ok(reply) => replies.push(Ok(reply)),
            }
        }
        Ok(replies)
    }

    /// Enters subscribe mode: `command` (SUBSCRIBE, or SSUBSCRIBE for sharded
    /// pub/sub) on `channels`, returning once Redis confirmed every channel,
    /// so that a message published afterwards is certain to be received.
    /// The connection is then only good for [`Connection::next_message`].
    pub fn subscribe(&mut self, command: &str, channels: &[&str]) -> Result<(), Error> {
        let mut cmd = redis::cmd(command);
        for channel in channels {
            cmd.arg(*channel);
        }
        self.read_pending().map_err(not_written)?;
        self.write_commands(std::slice::from_ref(&cmd))?;
        let confirmation = command.to_ascii_lowercase();
        for _ in channels {
            match self.read_reply()? {
                Reply::Array(Some(items)) if matches!(items.first(), Some(Reply::Bulk(Some(kind))) if *kind == confirmation.as_bytes()) => {}
                other => {
                    return Err(self.protocol_error(format!("{command} was answered with {} instead of a confirmation", other.kind())));
                }
            }
        }
        Ok(())
    }

    /// The next message of a subscribed connection: `(channel, payload)`, or
    /// `None` once the deadline set by [`Connection::set_deadline`] passed.
    pub fn next_message(&mut self) -> Result<Option<PubSubMessage>, Error> {
        loop {
            match self.read_reply() {
                Ok(Reply::Array(Some(items))) => {
                    let mut items = items.into_iter();
                    let (Some(Reply::Bulk(Some(kind))), Some(Reply::Bulk(Some(channel))), Some(Reply::Bulk(Some(payload))), None) =
                        (items.next(), items.next(), items.next(), items.next())
                    else {
                        continue;
                    };
                    if kind == b"message" || kind == b"smessage" {
                        return Ok(Some((channel, payload)));
                    }
                }
                Ok(_) => {}
                Err(Error::Io { stalled: true, .. }) => return Ok(None),
                Err(err) => return Err(err),
            }
        }
    }

    fn write_all(&mut self, mut bytes: &[u8]) -> Result<(), Error> {
        let mut written = false;
        let result = loop {
            if bytes.is_empty() {
                break self.stream.flush();
            }
            match self.stream.write(bytes) {
                Ok(0) => break Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => {
                    written = true;
                    bytes = bytes.get(n..).unwrap_or_default();
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        let Err(e) = result else { return Ok(()) };
        if self.closed_before_replying(e.kind()) {
            // A server that refuses clients (maxclients) writes why, then
            // closes: that reply, if it arrived, says more than EPIPE.
            let said = self.replies.read(&mut ReadNow(&mut self.stream));
            return Err(match said {
                Ok(Reply::Error(message)) => self.error_reply(message),
                _ => self.protocol_error(CLOSED_WITHOUT_REPLYING.to_owned()),
            });
        }
        let stalled = matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut);
        Err(Error::Io {
            address: self.address.clone(),
            detail: describe(&e),
            stalled,
            written,
        })
    }

    /// A connection that never carried a reply and was closed (or reset) by
    /// the server: what listens there is not a Redis that went away mid-use.
    fn closed_before_replying(&self, kind: io::ErrorKind) -> bool {
        !self.replied
            && matches!(
                kind,
                io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionAborted
            )
    }

    fn read_reply(&mut self) -> Result<Reply, Error> {
        let read = self.replies.read(&mut self.stream);
        self.reply_or_error(read)
    }

    fn reply_or_error(&mut self, read: io::Result<Reply>) -> Result<Reply, Error> {
        self.replied |= read.is_ok();
        match read {
            Ok(Reply::Error(message)) => Err(self.error_reply(message)),
            Ok(reply) => Ok(reply),
            Err(err) if err.kind() == io::ErrorKind::InvalidData => Err(self.protocol_error(err.to_string())),
            Err(err) if self.closed_before_replying(err.kind()) => Err(self.protocol_error(CLOSED_WITHOUT_REPLYING.to_owned())),
            Err(err) => {
                let stalled = matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut);
                let detail = match err.kind() {
                    _ if stalled => format!("no reply within read_timeout ({} s)", self.io_timeout.as_secs_f64()),
                    io::ErrorKind::UnexpectedEof => "connection closed by the server".to_owned(),
                    io::ErrorKind::InvalidData => format!("protocol error, connection dropped: {err}"),
                    _ => format!("connection lost: {err}"),
                };
                Err(self.io_error(detail, stalled))
            }
        }
    }

    /// An error reply, as Redis wrote it ("NOPERM User emitter has no
    /// permissions..."), with what it means for the two Redis sends before any
    /// command: a client over `maxclients` and a server that needs a password.
    fn error_reply(&self, message: String) -> Error {
        let address = self.address.clone();
        if message.starts_with("ERR max number of clients reached") {
            return Error::Rejected {
                address,
                detail: format!("too many clients (Redis maxclients reached; this is not an authentication failure): {message}"),
            };
        }
        if message.starts_with("NOAUTH") {
            return Error::Rejected {
                address,
                detail: format!("it needs a password: set the 'password' option (or redis://:password@host in the DSN): {message}"),
            };
        }
        Error::Reply { address, message }
    }

    fn protocol_error(&self, detail: String) -> Error {
        Error::Protocol {
            address: self.address.clone(),
            detail,
        }
    }

    /// A failure reading a reply: the command was written.
    fn io_error(&self, detail: String, stalled: bool) -> Error {
        Error::Io {
            address: self.address.clone(),
            detail,
            stalled,
            written: true,
        }
    }
}

/// An I/O failure that happened before this operation's command was written
/// (reading replies owed by earlier deferred commands).
fn not_written(err: Error) -> Error {
    match err {
        Error::Io { address, detail, stalled, .. } => Error::Io {
            address,
            detail,
            stalled,
            written: false,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_strings_of_every_header_width_are_what_redis_cmd_packs() {
        for len in [0, 1, 9, 10, 11, 99, 100, 101, 255, 256, 999, 1000, 65_536] {
            let name = "x".repeat(len);
            let mut ours = b"*1\r\n".to_vec();
            push_bulk(&mut ours, name.as_bytes());
            assert_eq!(ours, redis::cmd(&name).get_packed_command(), "{len}");
        }
    }

    #[test]
    fn hand_packed_commands_are_what_redis_cmd_packs() {
        let big = vec![7u8; WRITE_DIRECT_FROM + 1];
        for payload in [&b""[..], b"\x93\x00\r\n", &[7u8; 300][..], &big[..]] {
            let mut ours = Vec::new();
            Outgoing::publish("socket.io#/#é#", payload).pack(&mut ours);
            assert_eq!(ours, redis::cmd("PUBLISH").arg("socket.io#/#é#").arg(payload).get_packed_command());
            // Large payloads: the head, then the payload written apart, then CRLF: the same bytes.
            let mut head = Vec::new();
            let publish = Outgoing::publish("socket.io#/#é#", payload);
            match publish.pack_head(&mut head) {
                Some(body) => {
                    assert!(payload.len() >= WRITE_DIRECT_FROM);
                    head.extend_from_slice(body);
                    head.extend_from_slice(b"\r\n");
                }
                None => assert!(payload.len() < WRITE_DIRECT_FROM),
            }
            assert_eq!(head, ours);
            let mut sharded = Vec::new();
            Outgoing { verb: Verb::SPublish, ..publish }.pack(&mut sharded);
            assert_eq!(sharded, redis::cmd("SPUBLISH").arg("socket.io#/#é#").arg(payload).get_packed_command());
            let (mut xadd, mut xadd_head) = (Vec::new(), Vec::new());
            let entry = Outgoing { verb: Verb::XAdd { max_len: 10_000, kind: 3 }, key: "socket.io-2", nsp: "/é", payload };
            entry.pack(&mut xadd);
            let expected = redis::cmd("XADD")
                .arg("socket.io-2")
                .arg("MAXLEN")
                .arg("~")
                .arg(10_000)
                .arg("*")
                .arg("uid")
                .arg("emitter")
                .arg("nsp")
                .arg("/é")
                .arg("type")
                .arg("3")
                .arg("data")
                .arg(payload)
                .get_packed_command();
            assert_eq!(xadd, expected);
            if let Some(body) = entry.pack_head(&mut xadd_head) {
                xadd_head.extend_from_slice(body);
                xadd_head.extend_from_slice(b"\r\n");
            }
            assert_eq!(xadd_head, expected);
        }
    }
}
