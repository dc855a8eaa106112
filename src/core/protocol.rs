//! The wire rules of the Socket.IO Redis adapter, as the official
//! `@socket.io/redis-emitter` 5.1.0 writes them (shared/protocol.md §1–2, §8).
//!
//! Everything a subscriber sees is decided here: which channel a message is
//! published on and the exact msgpack envelope. Nothing here knows about PHP.

use std::collections::HashSet;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// The uid every emitter writes; Socket.IO servers use 6-char uids, so it never collides.
pub const EMITTER_UID: &str = "emitter";

/// socket.io-parser EVENT. Binary payloads stay type 2: type 5 (BINARY_EVENT)
/// coming from Redis is broken on socket.io >= 3 (protocol.md §1.2).
pub const EVENT_PACKET_TYPE: u8 = 2;

/// Event names socket.io reserves for itself; the official emitter throws on them.
pub const RESERVED_EVENTS: [&str; 6] = [
    "connect",
    "connect_error",
    "disconnect",
    "disconnecting",
    "newListener",
    "removeListener",
];

/// Is `event` one of socket.io's reserved names (§1.3)?
pub fn is_reserved_event(event: &str) -> bool {
    RESERVED_EVENTS.contains(&event)
}

/// `of("admin")` targets `/admin`, like the Node emitter's `of()`.
pub fn normalize_namespace(nsp: &str) -> String {
    if nsp.starts_with('/') {
        nsp.to_owned()
    } else {
        format!("/{nsp}")
    }
}

/// An ordered set of room names: the first insertion wins, duplicates are
/// dropped (the Node emitter keeps rooms in a JS `Set`). A hash index keeps
/// `in()` with 100,000 rooms linear (a scan per insert took 20 s); it is only
/// built past a few rooms, so the usual one or two cost no hashing or copies.
#[derive(Clone, Debug, Default)]
pub struct RoomSet {
    ordered: Rooms,
    /// None, or every room of `ordered` (once there are `INDEXED_FROM`):
    /// the usual set, never indexed, clones and drops without a hash table.
    seen: Option<HashSet<String>>,
}

const INDEXED_FROM: usize = 16;

/// Room names in order; one room (the usual `in('team:7')`) without a list
/// of its own: one allocation less for each emitter aimed at a room.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Rooms {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Rooms {
    fn push(&mut self, room: String) {
        *self = match std::mem::take(self) {
            Rooms::None => Rooms::One(room),
            Rooms::One(first) => Rooms::Many(vec![first, room]),
            Rooms::Many(mut rooms) => {
                rooms.push(room);
                Rooms::Many(rooms)
            }
        };
    }
}

impl std::ops::Deref for Rooms {
    type Target = [String];

    fn deref(&self) -> &[String] {
        match self {
            Rooms::None => &[],
            Rooms::One(room) => std::slice::from_ref(room),
            Rooms::Many(rooms) => rooms,
        }
    }
}

impl RoomSet {
    pub fn insert(&mut self, room: String) {
        if self.ordered.len() < INDEXED_FROM {
            if self.ordered.contains(&room) {
                return;
            }
        } else {
            let ordered = &self.ordered;
            let seen = self.seen.get_or_insert_with(|| ordered.iter().cloned().collect());
            if !seen.insert(room.clone()) {
                return;
            }
        }
        self.ordered.push(room);
    }

    /// [`RoomSet::insert`], copying `room` only when it is new.
    pub fn insert_str(&mut self, room: &str) {
        if self.ordered.len() < INDEXED_FROM {
            if !self.ordered.iter().any(|r| r == room) {
                self.ordered.push(room.to_owned());
            }
        } else {
            self.insert(room.to_owned());
        }
    }

    pub fn as_slice(&self) -> &[String] {
        &self.ordered
    }

    pub fn is_empty(&self) -> bool {
        self.ordered.is_empty()
    }
}

impl PartialEq for RoomSet {
    fn eq(&self, other: &Self) -> bool {
        self.ordered == other.ordered
    }
}

impl Eq for RoomSet {}

impl<S: Into<String>> FromIterator<S> for RoomSet {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut set = RoomSet::default();
        for room in iter {
            set.insert(room.into());
        }
        set
    }
}

impl Serialize for RoomSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.ordered.iter())
    }
}

/// A broadcast flag. The receiving adapter only reads these two (§4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Volatile,
    Compress(bool),
}

impl Flag {
    fn key(self) -> &'static str {
        match self {
            Flag::Volatile => "volatile",
            Flag::Compress(_) => "compress",
        }
    }

    fn value(self) -> bool {
        match self {
            Flag::Volatile => true,
            Flag::Compress(on) => on,
        }
    }
}

/// Flags in the order they were first applied: the Node emitter builds them with
/// `Object.assign({}, flags, {...})`, so a key keeps its first position and a
/// later call only changes its value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flags(Vec<Flag>);

impl Flags {
    pub fn set(&mut self, flag: Flag) {
        match self.0.iter_mut().find(|f| f.key() == flag.key()) {
            Some(existing) => *existing = flag,
            None => self.0.push(flag),
        }
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for flag in &self.0 {
            map.serialize_entry(flag.key(), &flag.value())?;
        }
        map.end()
    }
}

/// A namespace (`/`, `/admin`), shared by the targets copied from one
/// another: deriving an emitter (`in()`, `to()`, ...) copies a pointer, not the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nsp(std::sync::Arc<str>);

impl Nsp {
    /// `nsp` with its leading `/` (see [`normalize_namespace`]); `/` itself
    /// (every new Emitter's) is one shared string.
    fn of(nsp: &str) -> Nsp {
        static ROOT: std::sync::LazyLock<Nsp> = std::sync::LazyLock::new(|| Nsp("/".into()));
        match nsp {
            "/" | "" => ROOT.clone(),
            _ if nsp.starts_with('/') => Nsp(nsp.into()),
            _ => Nsp(normalize_namespace(nsp).into()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Nsp {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Nsp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Nsp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Who a message is for: the state of a Node `BroadcastOperator`.
/// Modifiers on the PHP side clone this and change the clone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub nsp: Nsp,
    pub rooms: RoomSet,
    /// Whether `to()`/`in()` was called: `rooms` empty then means nobody (the
    /// caller's room list was empty), not the whole namespace as with no call.
    pub rooms_chosen: bool,
    pub except: RoomSet,
    pub flags: Flags,
}

impl Default for Target {
    fn default() -> Self {
        Target::new("/")
    }
}

impl Target {
    pub fn new(nsp: &str) -> Self {
        Target {
            nsp: Nsp::of(nsp),
            rooms: RoomSet::default(),
            rooms_chosen: false,
            except: RoomSet::default(),
            flags: Flags::default(),
        }
    }

    /// `to([])`: a list that happened to be empty (a user in no team) must not
    /// widen to everyone. Deliberately unlike Node, where `to([])` is a no-op.
    pub fn targets_nobody(&self) -> bool {
        self.rooms_chosen && self.rooms.is_empty()
    }
}

/// `<prefix>#<nsp>#`, plus `<room>#` when exactly one distinct room is targeted.
///
/// Servers drop a suffixed message before decoding it when they have no such
/// room, so the suffix is only ever added for a single room: with several rooms
/// a server holding only the second would miss it (§1.1). `except` rooms never
/// change the channel.
pub fn broadcast_channel(prefix: &str, target: &Target) -> String {
    let mut channel = String::new();
    write_broadcast_channel(&mut channel, prefix, target);
    channel
}

/// [`broadcast_channel`], appended to `channel` (a buffer reused across emits).
pub fn write_broadcast_channel(channel: &mut String, prefix: &str, target: &Target) {
    let room = match target.rooms.as_slice() {
        [room] => Some(room.as_str()),
        _ => None,
    };
    channel.reserve(prefix.len() + target.nsp.len() + room.map_or(0, |r| r.len() + 1) + 2);
    channel.push_str(prefix);
    channel.push('#');
    channel.push_str(&target.nsp);
    channel.push('#');
    if let Some(room) = room {
        channel.push_str(room);
        channel.push('#');
    }
}

/// `<prefix>-request#<nsp>#`: where remote operations (join, leave, ...) go.
pub fn request_channel(prefix: &str, nsp: &str) -> String {
    let mut channel = String::with_capacity(prefix.len() + nsp.len() + 10);
    channel.push_str(prefix);
    channel.push_str("-request#");
    channel.push_str(nsp);
    channel.push('#');
    channel
}

/// The arguments of an event after its name. Implemented for plain Rust slices
/// (tests, golden vectors) and by the PHP layer for its zvals, so the envelope
/// is written straight from the caller's values without an intermediate tree.
pub trait EventArgs {
    fn count(&self) -> usize;
    fn serialize_each<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error>;
}

impl<T: Serialize> EventArgs for [T] {
    fn count(&self) -> usize {
        self.len()
    }

    fn serialize_each<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
        self.iter().try_for_each(|arg| seq.serialize_element(arg))
    }
}

/// `["emitter", {type: 2, data: [event, ...args], nsp}, {rooms, flags, except}]`
/// with exactly these keys in this order (§2.2, checklist §8.1).
struct Envelope<'a, A: ?Sized> {
    target: &'a Target,
    event: &'a str,
    args: &'a A,
}

struct Packet<'a, A: ?Sized>(&'a Envelope<'a, A>);
struct PacketData<'a, A: ?Sized>(&'a Envelope<'a, A>);
struct BroadcastOpts<'a>(&'a Target);

impl<A: EventArgs + ?Sized> Serialize for Envelope<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(3))?;
        seq.serialize_element(EMITTER_UID)?;
        seq.serialize_element(&Packet(self))?;
        seq.serialize_element(&BroadcastOpts(self.target))?;
        seq.end()
    }
}

impl<A: EventArgs + ?Sized> Serialize for Packet<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("type", &EVENT_PACKET_TYPE)?;
        map.serialize_entry("data", &PacketData(self.0))?;
        map.serialize_entry("nsp", &self.0.target.nsp)?;
        map.end()
    }
}

impl<A: EventArgs + ?Sized> Serialize for PacketData<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(1 + self.0.args.count()))?;
        seq.serialize_element(self.0.event)?;
        self.0.args.serialize_each(&mut seq)?;
        seq.end()
    }
}

impl Serialize for BroadcastOpts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("rooms", &self.0.rooms)?;
        map.serialize_entry("flags", &self.0.flags)?;
        map.serialize_entry("except", &self.0.except)?;
        map.end()
    }
}

/// Remote operations on sockets, sent as JSON on the request channel (§2.3).
/// Request types of `@socket.io/redis-adapter` (`RequestType` enum).
pub enum Request<'a, A: ?Sized> {
    /// REMOTE_JOIN (2): matching sockets join `rooms`.
    SocketsJoin(&'a RoomSet),
    /// REMOTE_LEAVE (3).
    SocketsLeave(&'a RoomSet),
    /// REMOTE_DISCONNECT (4); `close` also closes the underlying connection.
    DisconnectSockets { close: bool },
    /// SERVER_SIDE_EMIT (6): `[event, ...args]` to the other Socket.IO servers.
    ServerSideEmit { event: &'a str, args: &'a A },
}

/// Event names socket.io's own `serverSideEmit` refuses: a server would run its
/// connection handler with whatever we send (protocol.md §1.3).
pub const RESERVED_SERVER_SIDE_EVENTS: [&str; 3] = ["connect", "connection", "new_namespace"];

struct RequestJson<'a, A: ?Sized> {
    target: &'a Target,
    request: &'a Request<'a, A>,
}

/// `{"rooms":[...],"except":[...],"flags":{...}}`: `encodeOptions` of the
/// cluster adapter (this key order), in its messages and requests.
pub(crate) struct FullOpts<'a>(pub(crate) &'a Target);

impl Serialize for FullOpts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("rooms", &self.0.rooms)?;
        map.serialize_entry("except", &self.0.except)?;
        map.serialize_entry("flags", &self.0.flags)?;
        map.end()
    }
}

/// `{"rooms":[...],"except":[...]}`: no flags in requests.
struct RequestOpts<'a>(&'a Target);

impl Serialize for RequestOpts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("rooms", &self.0.rooms)?;
        map.serialize_entry("except", &self.0.except)?;
        map.end()
    }
}

/// `[event, ...args]`.
pub(crate) struct EventList<'a, A: ?Sized> {
    pub(crate) event: &'a str,
    pub(crate) args: &'a A,
}

impl<A: EventArgs + ?Sized> Serialize for EventList<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(1 + self.args.count()))?;
        seq.serialize_element(self.event)?;
        self.args.serialize_each(&mut seq)?;
        seq.end()
    }
}

impl<A: EventArgs + ?Sized> Serialize for RequestJson<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Key order is the Node emitter's JSON.stringify order.
        match self.request {
            Request::SocketsJoin(rooms) | Request::SocketsLeave(rooms) => {
                let kind: u8 = if matches!(self.request, Request::SocketsJoin(_)) { 2 } else { 3 };
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("type", &kind)?;
                map.serialize_entry("opts", &RequestOpts(self.target))?;
                map.serialize_entry("rooms", rooms)?;
                map.end()
            }
            Request::DisconnectSockets { close } => {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("type", &4u8)?;
                map.serialize_entry("opts", &RequestOpts(self.target))?;
                map.serialize_entry("close", close)?;
                map.end()
            }
            Request::ServerSideEmit { event, args } => {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("uid", EMITTER_UID)?;
                map.serialize_entry("type", &6u8)?;
                map.serialize_entry("data", &EventList { event, args: *args })?;
                map.end()
            }
        }
    }
}

/// Appends the JSON request to `out` (to be published on [`request_channel`]),
/// stopping at `max_payload` bytes (0: unlimited) like a broadcast.
pub fn encode_request<A: EventArgs + ?Sized>(
    out: &mut Vec<u8>,
    target: &Target,
    request: &Request<'_, A>,
    max_payload: usize,
) -> Result<(), EncodeError> {
    let start = out.len();
    let mut writer = Bounded {
        out,
        start,
        limit: max_payload,
        exceeded: None,
    };
    let result = RequestJson { target, request }.serialize(&mut serde_json::Serializer::new(&mut writer));
    match (writer.exceeded, result) {
        (Some(written), _) => Err(EncodeError::TooLarge {
            limit: max_payload,
            written,
        }),
        (None, Ok(())) => Ok(()),
        (None, Err(err)) => Err(EncodeError::Value(err.to_string())),
    }
}

/// The longest str or bin msgpack can announce: its length field is 32 bits
/// (rmp would write a longer length wrapped around, a malformed payload).
pub const MAX_MSGPACK_LEN: usize = u32::MAX as usize;

/// Whether msgpack can send a string or binary of `len` bytes.
#[inline(always)]
pub fn fits_msgpack(len: usize) -> bool {
    len <= MAX_MSGPACK_LEN
}

/// Why a string or binary (`what`) of `len` bytes that does not [`fits_msgpack`] is refused.
#[cold]
pub fn msgpack_too_long(len: usize, what: &str) -> String {
    format!("{what} is {len} bytes long, more than msgpack can send ({MAX_MSGPACK_LEN} bytes, 4 GiB - 1); send it in parts")
}

/// What one broadcast may hold; 0 means unlimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the whole envelope (`max_payload`).
    pub max_payload: usize,
    /// msgpack bin values, i.e. socket.io binary attachments (`max_attachments`).
    pub max_attachments: usize,
}

impl Limits {
    pub const UNLIMITED: Limits = Limits {
        max_payload: 0,
        max_attachments: 0,
    };
}

/// Why a broadcast was not encoded.
#[derive(Debug)]
pub enum EncodeError {
    /// A value cannot be sent (the message names its path).
    Value(String),
    /// The envelope passed `max_payload`; encoding stopped at `written` bytes.
    TooLarge { limit: usize, written: usize },
    /// More bin values than `max_attachments`.
    TooManyAttachments { limit: usize, count: usize },
    /// The bytes do not form exactly one msgpack value (a declared count that
    /// does not match what follows): refused, never published.
    Malformed(String),
}

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EncodeError::Value(msg) => f.write_str(msg),
            EncodeError::TooLarge { limit, written } => write!(
                f,
                "the event is larger than max_payload ({limit} bytes; encoding stopped at {written} bytes) and was not sent: \
                 Redis disconnects a subscriber whose pub/sub output buffer passes client-output-buffer-limit pubsub \
                 (32mb 8mb 60 by default), so every Socket.IO server would lose it and drop off Redis. Send less, or raise \
                 the 'max_payload' option / socketio_emitter.max_payload (0 = unlimited) together with that Redis setting"
            ),
            EncodeError::TooManyAttachments { limit, count } => write!(
                f,
                "the event has {count} SocketIO\\Binary values, more than max_attachments ({limit}), and was not sent: \
                 socket.io-parser (4.2.6+, 3.4.4+) disconnects a client that receives an event with more binary attachments \
                 than its limit (10 by default). Send fewer binaries (e.g. one Binary holding them all), or raise the \
                 'max_attachments' option / socketio_emitter.max_attachments (0 = unlimited) if your clients allow more"
            ),
            EncodeError::Malformed(why) => write!(f, "internal error: the encoded event is not valid msgpack ({why}); nothing was sent"),
        }
    }
}

/// The output of the encoder: stops as soon as `max_payload` is passed (a
/// 1 GB value is not encoded to find out it is too big), and reserves exactly
/// for a large chunk (a big string or binary) instead of doubling the buffer.
struct Bounded<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
    limit: usize,
    exceeded: Option<usize>,
}

impl Bounded<'_> {
    #[cold]
    #[inline(never)]
    fn refuse(&mut self, size: usize) -> std::io::Error {
        self.exceeded = Some(size);
        std::io::Error::other("max_payload exceeded")
    }
}

/// Chunks from this size on get an exact reservation.
const EXACT_RESERVE_FROM: usize = 64 * 1024;
const EXACT_RESERVE_SLACK: usize = 4 * 1024;

impl std::io::Write for Bounded<'_> {
    #[inline(always)]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.write(buf).map(drop)
    }

    #[inline(always)]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.out.len() - self.start;
        if self.limit != 0 && written.saturating_add(buf.len()) > self.limit {
            return Err(self.refuse(written.saturating_add(buf.len())));
        }
        if buf.len() >= EXACT_RESERVE_FROM {
            // Plus a little for what follows (the rest of the envelope), so the
            // next small write does not double a buffer this large.
            self.out.reserve_exact(buf.len() + EXACT_RESERVE_SLACK);
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Appends `value` to `out` in msgpack, stopping at `max_payload` bytes (0:
/// unlimited). On error `out` may hold a partial value.
pub fn encode_msgpack<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, max_payload: usize) -> Result<(), EncodeError> {
    let start = out.len();
    let mut writer = Bounded {
        out,
        start,
        limit: max_payload,
        exceeded: None,
    };
    let result = value.serialize(&mut rmp_serde::Serializer::new(&mut writer));
    if let Some(written) = writer.exceeded {
        return Err(EncodeError::TooLarge {
            limit: max_payload,
            written,
        });
    }
    match result {
        Ok(()) => Ok(()),
        Err(rmp_serde::encode::Error::Syntax(msg)) => Err(EncodeError::Value(msg)),
        Err(other) => Err(EncodeError::Value(format!("cannot encode the event: {other}"))),
    }
}

/// msgpack's str header (the smallest, as rmp writes it: fixstr, str8, str16, str32).
fn put_str(out: &mut Vec<u8>, s: &str) -> Result<(), EncodeError> {
    put_len(out, s.len(), [0xa0, 0xd9, 0xda, 0xdb], 32, true)?;
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// A length header: `fix` for lengths under `fix_below` (ored in), else the 8-bit
/// (`with_8`: str only), 16-bit or 32-bit form.
fn put_len(out: &mut Vec<u8>, n: usize, [fix, m8, m16, m32]: [u8; 4], fix_below: usize, with_8: bool) -> Result<(), EncodeError> {
    if n < fix_below {
        out.push(fix | u8::try_from(n).unwrap_or(0));
    } else if let (true, Ok(n)) = (with_8, u8::try_from(n)) {
        out.extend_from_slice(&[m8, n]);
    } else if let Ok(n) = u16::try_from(n) {
        out.push(m16);
        out.extend_from_slice(&n.to_be_bytes());
    } else if let Ok(n) = u32::try_from(n) {
        out.push(m32);
        out.extend_from_slice(&n.to_be_bytes());
    } else {
        return Err(EncodeError::Value(format!("a length of {n} does not fit msgpack")));
    }
    Ok(())
}

fn put_rooms(out: &mut Vec<u8>, rooms: &RoomSet) -> Result<(), EncodeError> {
    put_len(out, rooms.ordered.len(), [0x90, 0, 0xdc, 0xdd], 16, false)?;
    rooms.ordered.iter().try_for_each(|room| put_str(out, room))
}

/// The broadcast envelope ([`Envelope`]'s bytes), its fixed parts written by
/// hand and only the event's data through serde.
fn encode_envelope<A: EventArgs + ?Sized>(out: &mut Vec<u8>, target: &Target, event: &str, args: &A, max_payload: usize) -> Result<(), EncodeError> {
    let start = out.len();
    // ["emitter", {"type": 2, "data": ...
    out.extend_from_slice(&[0x93, 0xa7]);
    out.extend_from_slice(EMITTER_UID.as_bytes());
    out.extend_from_slice(&[0x83, 0xa4, b't', b'y', b'p', b'e', EVENT_PACKET_TYPE, 0xa4, b'd', b'a', b't', b'a']);
    let mut writer = Bounded {
        out,
        start,
        limit: max_payload,
        exceeded: None,
    };
    let result = PacketData(&Envelope { target, event, args }).serialize(&mut rmp_serde::Serializer::new(&mut writer));
    if let Some(written) = writer.exceeded {
        return Err(EncodeError::TooLarge { limit: max_payload, written });
    }
    match result {
        Ok(()) => {}
        Err(rmp_serde::encode::Error::Syntax(msg)) => return Err(EncodeError::Value(msg)),
        Err(other) => return Err(EncodeError::Value(format!("cannot encode the event: {other}"))),
    }
    // ..., "nsp": nsp}, {"rooms": [...], "flags": {...}, "except": [...]}]
    out.extend_from_slice(&[0xa3, b'n', b's', b'p']);
    put_str(out, &target.nsp)?;
    out.extend_from_slice(&[0x83, 0xa5, b'r', b'o', b'o', b'm', b's']);
    put_rooms(out, &target.rooms)?;
    out.extend_from_slice(&[0xa5, b'f', b'l', b'a', b'g', b's']);
    put_len(out, target.flags.0.len(), [0x80, 0, 0xde, 0xdf], 16, false)?;
    for flag in &target.flags.0 {
        put_str(out, flag.key())?;
        out.push(if flag.value() { 0xc3 } else { 0xc2 });
    }
    out.extend_from_slice(&[0xa6, b'e', b'x', b'c', b'e', b'p', b't']);
    put_rooms(out, &target.except)?;
    let written = out.len() - start;
    if max_payload != 0 && written > max_payload {
        return Err(EncodeError::TooLarge { limit: max_payload, written });
    }
    Ok(())
}

/// Appends the msgpack broadcast envelope to `out`.
///
/// On error `out` may hold a partial envelope: callers encode into a scratch
/// buffer and only publish after success, because a malformed payload on a
/// `<prefix>#...#` channel crashes every subscribed Node server (§4). For the
/// same reason the finished bytes are checked ([`check_msgpack`]): a count
/// that does not match its entries is refused here, whatever wrote it.
pub fn encode_broadcast<A: EventArgs + ?Sized>(
    out: &mut Vec<u8>,
    target: &Target,
    event: &str,
    args: &A,
    limits: Limits,
) -> Result<usize, EncodeError> {
    let start = out.len();
    encode_envelope(out, target, event, args, limits.max_payload)?;
    let bytes = out.get(start..).unwrap_or_default();
    let attachments = check_msgpack(bytes).map_err(EncodeError::Malformed)?;
    if limits.max_attachments != 0 && attachments > limits.max_attachments {
        return Err(EncodeError::TooManyAttachments {
            limit: limits.max_attachments,
            count: attachments,
        });
    }
    Ok(attachments)
}

/// socket.io 2's BINARY_EVENT packet type: its parser sends an EVENT's
/// Buffers as JSON objects, a BINARY_EVENT's as binary attachments.
pub const BINARY_EVENT_PACKET_TYPE: u8 = 5;

/// Where the packet's type sits in a broadcast envelope:
/// `93 a7 "emitter" 83 a4 "type" <type>`.
const ENVELOPE_TYPE_AT: usize = 1 + 1 + EMITTER_UID.len() + 1 + 1 + 4;

/// Turns the broadcast envelope `encode_broadcast` wrote at `start` into a
/// BINARY_EVENT (socket.io 2); `false` if the bytes there are not an EVENT envelope.
pub fn mark_binary_event(out: &mut [u8], start: usize) -> bool {
    let head_ok = out.get(start..start + ENVELOPE_TYPE_AT).is_some_and(|head| {
        head.starts_with(&[0x93, 0xa0 | EMITTER_UID.len() as u8]) && head.ends_with(&[0x83, 0xa4, b't', b'y', b'p', b'e'])
    });
    match out.get_mut(start + ENVELOPE_TYPE_AT) {
        Some(byte) if head_ok && *byte == EVENT_PACKET_TYPE => {
            *byte = BINARY_EVENT_PACKET_TYPE;
            true
        }
        _ => false,
    }
}

/// Checks that `bytes` are exactly one complete msgpack value (every array and
/// map count matched by its entries, every length by its bytes, nothing
/// after) and returns the number of bin values in it. No recursion: a
/// counter of values still owed, so any nesting depth is checked in constant stack.
pub fn check_msgpack(bytes: &[u8]) -> Result<usize, String> {
    let mut at = 0usize;
    let mut owed: u64 = 1;
    let mut bins = 0usize;
    let be = |at: usize, n: usize| -> Result<u64, String> {
        let field = bytes.get(at..at + n).ok_or_else(|| format!("truncated at byte {at}"))?;
        Ok(field.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    };
    while owed > 0 {
        let tag = *bytes.get(at).ok_or_else(|| format!("{owed} value(s) announced but missing at byte {at}"))?;
        owed -= 1;
        at += 1;
        // (bytes of length field, or fixed payload size), then what the value adds.
        let (skip, children): (u64, u64) = match tag {
            0x00..=0x7f | 0xe0..=0xff | 0xc0 | 0xc2 | 0xc3 => (0, 0),
            0x80..=0x8f => (0, u64::from(tag & 0x0f) * 2),
            0x90..=0x9f => (0, u64::from(tag & 0x0f)),
            0xa0..=0xbf => (u64::from(tag & 0x1f), 0),
            0xc4..=0xc6 | 0xd9..=0xdb => {
                let n = match tag {
                    0xc4 | 0xd9 => 1,
                    0xc5 | 0xda => 2,
                    _ => 4,
                };
                let len = be(at, n)?;
                at += n;
                if tag <= 0xc6 {
                    bins += 1;
                }
                (len, 0)
            }
            0xca => (4, 0),
            0xcb => (8, 0),
            0xcc | 0xd0 => (1, 0),
            0xcd | 0xd1 => (2, 0),
            0xce | 0xd2 => (4, 0),
            0xcf | 0xd3 => (8, 0),
            0xd4 => (2, 0),
            0xd5 => (3, 0),
            0xd6 => (5, 0),
            0xd7 => (9, 0),
            0xd8 => (17, 0),
            0xc7..=0xc9 => {
                let n = 1usize << (tag - 0xc7);
                let len = be(at, n)?;
                at += n;
                (len + 1, 0)
            }
            0xdc | 0xdd => {
                let n = if tag == 0xdc { 2 } else { 4 };
                let count = be(at, n)?;
                at += n;
                (0, count)
            }
            0xde | 0xdf => {
                let n = if tag == 0xde { 2 } else { 4 };
                let count = be(at, n)?;
                at += n;
                (0, count * 2)
            }
            0xc1 => return Err(format!("reserved byte 0xc1 at {}", at - 1)),
        };
        at = usize::try_from(skip)
            .ok()
            .and_then(|skip| at.checked_add(skip))
            .filter(|end| *end <= bytes.len())
            .ok_or_else(|| format!("truncated at byte {at}"))?;
        owed += children;
        // Each announced value takes at least one byte: more owed than bytes left is a lie.
        if owed > (bytes.len() - at) as u64 {
            return Err(format!("{owed} value(s) announced at byte {at} but only {} byte(s) follow", bytes.len() - at));
        }
    }
    if at != bytes.len() {
        return Err(format!("{} byte(s) after the end of the value", bytes.len() - at));
    }
    Ok(bins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn strings_and_binaries_past_4_gib_are_refused() {
        assert!(fits_msgpack(0) && fits_msgpack(u32::MAX as usize));
        assert!(!fits_msgpack(u32::MAX as usize + 1));
        let err = msgpack_too_long(u32::MAX as usize + 1, "SocketIO\\Binary");
        assert!(err.contains("SocketIO\\Binary is 4294967296 bytes long") && err.contains("4294967295 bytes"), "{err}");
    }

    #[test]
    fn single_room_gets_channel_suffix_and_annotated_bytes() {
        let mut target = Target::default();
        target.rooms.insert("room1".into());
        let mut out = Vec::new();
        encode_broadcast(&mut out, &target, "ev", &[1][..], Limits::UNLIMITED).unwrap();
        assert_eq!(broadcast_channel("socket.io", &target), "socket.io#/#room1#");
        // protocol.md §2.2, annotated bytes of $e->to('room1')->emit('ev', 1)
        assert_eq!(
            hex(&out),
            "93a7656d697474657283a47479706502a46461746192a2657601a36e7370a12f83a5726f6f6d7391a5726f6f6d31a5666c61677380a665786365707490"
        );
    }

    #[test]
    fn two_rooms_and_except_never_suffix() {
        let mut target = Target::default();
        target.rooms = ["a", "b"].into_iter().collect();
        assert_eq!(broadcast_channel("p", &target), "p#/#");
        let mut target = Target::new("admin");
        target.except.insert("x".into());
        assert_eq!(broadcast_channel("p", &target), "p#/admin#");
    }

    #[test]
    fn rooms_are_an_ordered_set() {
        let rooms: RoomSet = ["b", "a", "b", "c", "a"].into_iter().collect();
        assert_eq!(rooms.as_slice(), ["b", "a", "c"]);
    }

    #[test]
    fn namespaces_get_their_leading_slash_and_copies_share_the_name() {
        for (given, nsp) in [("/", "/"), ("", "/"), ("admin", "/admin"), ("/admin", "/admin"), ("//x", "//x")] {
            let target = Target::new(given);
            assert_eq!(target.nsp.as_str(), nsp, "{given:?}");
            assert_eq!(target.nsp.to_string(), normalize_namespace(given));
            assert_eq!(serde_json::to_string(&target.nsp).unwrap(), format!("{nsp:?}"));
        }
        let a = Target::new("/chat");
        let b = a.clone();
        assert!(std::ptr::eq(a.nsp.as_str(), b.nsp.as_str()));
        assert!(std::ptr::eq(Target::default().nsp.as_str(), Target::new("").nsp.as_str()));
    }

    #[test]
    fn rooms_grow_from_none_to_one_to_many_as_one_set() {
        let mut rooms = RoomSet::default();
        assert!(rooms.is_empty());
        rooms.insert_str("a");
        rooms.insert_str("a");
        assert_eq!(rooms.as_slice(), ["a"]);
        let one = rooms.clone();
        rooms.insert_str("b");
        rooms.insert("a".into());
        assert_eq!(rooms.as_slice(), ["a", "b"]);
        assert_ne!(rooms, one);
        rooms.insert_str("c");
        assert_eq!(rooms, ["a", "b", "c"].into_iter().collect::<RoomSet>());
        assert_eq!(serde_json::to_string(&rooms).unwrap(), r#"["a","b","c"]"#);
        assert_eq!(serde_json::to_string(&one).unwrap(), r#"["a"]"#);
        let names: Vec<String> = (0..20).chain(0..20).map(|i| format!("r{i}")).collect();
        let mut big = RoomSet::default();
        names.iter().for_each(|n| big.insert_str(n));
        assert_eq!(big.as_slice(), names.get(..20).unwrap());
    }

    #[test]
    fn large_room_sets_dedupe_across_the_index_threshold() {
        let names: Vec<String> = (0..40).chain(0..40).chain([3, 39, 17]).map(|i| format!("r{i}")).collect();
        let rooms: RoomSet = names.iter().cloned().collect();
        let expected: Vec<String> = (0..40).map(|i| format!("r{i}")).collect();
        assert_eq!(rooms.as_slice(), expected.as_slice());
    }

    #[test]
    fn empty_chosen_rooms_target_nobody() {
        let mut target = Target::default();
        assert!(!target.targets_nobody());
        target.rooms_chosen = true;
        assert!(target.targets_nobody());
        target.rooms.insert("a".into());
        assert!(!target.targets_nobody());
    }

    #[test]
    fn flags_keep_first_position() {
        let mut flags = Flags::default();
        flags.set(Flag::Compress(false));
        flags.set(Flag::Volatile);
        flags.set(Flag::Compress(true));
        assert_eq!(flags.0, vec![Flag::Compress(true), Flag::Volatile]);
    }

    #[test]
    fn namespace_gets_leading_slash() {
        assert_eq!(normalize_namespace("admin"), "/admin");
        assert_eq!(normalize_namespace("/admin"), "/admin");
        assert_eq!(normalize_namespace(""), "/");
        assert_eq!(request_channel("socket.io", "/"), "socket.io-request#/#");
    }

    #[test]
    fn request_shapes() {
        let json = |target: &Target, request: &Request<'_, [i32]>| {
            let mut out = Vec::new();
            encode_request(&mut out, target, request, 0).unwrap();
            String::from_utf8(out).unwrap()
        };
        let mut target = Target::default();
        target.rooms.insert("room1".into());
        target.except.insert("room2".into());
        let rooms: RoomSet = ["room4", "room5"].into_iter().collect();
        assert_eq!(
            json(&target, &Request::SocketsJoin(&rooms)),
            r#"{"type":2,"opts":{"rooms":["room1"],"except":["room2"]},"rooms":["room4","room5"]}"#
        );
        assert_eq!(
            json(&Target::default(), &Request::DisconnectSockets { close: true }),
            r#"{"type":4,"opts":{"rooms":[],"except":[]},"close":true}"#
        );
        assert_eq!(
            json(&target, &Request::ServerSideEmit { event: "hello", args: &[1][..] }),
            r#"{"uid":"emitter","type":6,"data":["hello",1]}"#
        );
    }

    #[test]
    fn checker_accepts_whole_values_and_counts_bins() {
        let mut out = Vec::new();
        let bins = [serde_bytes_like(b"a"), serde_bytes_like(b"bc")];
        encode_broadcast(&mut out, &Target::default(), "ev", &bins[..], Limits::UNLIMITED).unwrap();
        assert_eq!(check_msgpack(&out), Ok(2));
        // fixmap announcing 2 entries, holding 1; fixarray announcing 3, holding 2; trailing byte; truncated str.
        for bad in [&[0x82, 0xa1, b'a', 0x01][..], &[0x93, 0x01, 0x02], &[0x90, 0x00], &[0xa3, b'a'], &[0xdd, 0xff, 0xff, 0xff, 0xff]] {
            assert!(check_msgpack(bad).is_err(), "{bad:x?}");
        }
        assert_eq!(check_msgpack(&[0x81, 0xa1, b'a', 0x92, 0xc4, 0x00, 0xc0]), Ok(1));
    }

    #[test]
    fn limits_refuse_before_sending() {
        let big = vec!["x".repeat(1000); 100];
        let mut out = Vec::new();
        let limits = Limits { max_payload: 10_000, max_attachments: 0 };
        match encode_broadcast(&mut out, &Target::default(), "ev", &big[..], limits) {
            Err(EncodeError::TooLarge { limit: 10_000, written }) => assert!(written > 10_000 && written < 12_000, "{written}"),
            other => panic!("{other:?}"),
        }
        let bins: Vec<_> = (0..11).map(|_| serde_bytes_like(b"z")).collect();
        let limits = Limits { max_payload: 0, max_attachments: 10 };
        assert!(matches!(
            encode_broadcast(&mut Vec::new(), &Target::default(), "ev", &bins[..], limits),
            Err(EncodeError::TooManyAttachments { limit: 10, count: 11 })
        ));
        assert!(encode_broadcast(&mut Vec::new(), &Target::default(), "ev", &bins[..10], limits).is_ok());
    }

    /// A value serialized as msgpack bin.
    struct Bin(&'static [u8]);
    impl Serialize for Bin {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    fn serde_bytes_like(b: &'static [u8]) -> Bin {
        Bin(b)
    }

    #[test]
    fn hand_written_envelope_is_the_serde_one() {
        let long = |n: usize| "r".repeat(n);
        let mut targets = vec![Target::default(), Target::new("/admin")];
        for rooms in [vec![long(1)], vec![long(31), long(32), long(255), long(256), long(70_000)], (0..40).map(|i| format!("room{i}")).collect()] {
            let mut t = Target::new(&format!("/{}", long(40)));
            t.rooms = rooms.iter().cloned().collect();
            t.except = rooms.iter().rev().take(17).cloned().collect();
            t.flags.set(Flag::Volatile);
            t.flags.set(Flag::Compress(false));
            targets.push(t);
        }
        let args: [&str; 2] = ["a", "b"];
        for target in &targets {
            for event in ["ev", &long(300)[..]] {
                let mut reference = Vec::new();
                encode_msgpack(&mut reference, &Envelope { target, event, args: &args[..] }, 0).unwrap();
                let mut ours = vec![0xc0]; // after other bytes: only its own part is compared
                encode_envelope(&mut ours, target, event, &args[..], 0).unwrap();
                assert_eq!(&ours[1..], &reference[..], "{target:?}");
            }
        }
        // The limit counts the whole envelope, the hand-written tail included.
        let mut t = Target::default();
        t.rooms = (0..100).map(|i| format!("room{i}")).collect();
        let mut out = Vec::new();
        let full = {
            let mut all = Vec::new();
            encode_envelope(&mut all, &t, "ev", &args[..], 0).unwrap();
            all.len()
        };
        match encode_envelope(&mut out, &t, "ev", &args[..], full - 1) {
            Err(EncodeError::TooLarge { written, .. }) => assert_eq!(written, full),
            other => panic!("{other:?}"),
        }
        assert!(encode_envelope(&mut Vec::new(), &t, "ev", &args[..], full).is_ok());
    }

    #[test]
    fn reserved_events() {
        assert!(is_reserved_event("connect"));
        assert!(is_reserved_event("removeListener"));
        assert!(!is_reserved_event("connection"));
        assert!(!is_reserved_event("error"));
    }
}
