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

    /// Writes each argument as msgpack, one after the other, straight into
    /// the encode buffer: the same bytes as [`EventArgs::serialize_each`]
    /// through rmp (which is what this default does). The PHP layer
    /// overrides it with a writer that walks zvals without serde's per-value calls.
    fn write_msgpack_each(&self, out: &mut Bounded<'_>) -> Result<(), WriteError> {
        self.serialize_each(&mut EachMsgpack(out)).map_err(WriteError::from)
    }
}

/// Why the msgpack writer stopped: the message (a value that cannot be
/// sent, naming its path), boxed so that a writer call returns in a register.
#[derive(Debug)]
#[allow(clippy::box_collection)] // a thin pointer: `Result<(), WriteError>` is one register
pub struct WriteError(Box<String>);

impl WriteError {
    pub fn into_message(self) -> String {
        *self.0
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl serde::ser::Error for WriteError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        WriteError(Box::new(msg.to_string()))
    }
}

/// What serde (through rmp) reported: a value's own message as it is.
impl From<rmp_serde::encode::Error> for WriteError {
    fn from(err: rmp_serde::encode::Error) -> Self {
        match err {
            rmp_serde::encode::Error::Syntax(msg) => WriteError(Box::new(msg)),
            other => WriteError(Box::new(format!("cannot encode the event: {other}"))),
        }
    }
}

/// A `SerializeSeq` that writes its elements as consecutive msgpack values, no header.
struct EachMsgpack<'a, 'b>(&'a mut Bounded<'b>);

impl SerializeSeq for EachMsgpack<'_, '_> {
    type Ok = ();
    type Error = rmp_serde::encode::Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        value.serialize(&mut rmp_serde::Serializer::new(&mut *self.0))
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
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
#[cfg_attr(not(test), allow(dead_code))]
struct Envelope<'a, A: ?Sized> {
    target: &'a Target,
    event: &'a str,
    args: &'a A,
}

#[cfg_attr(not(test), allow(dead_code))]
struct Packet<'a, A: ?Sized>(&'a Envelope<'a, A>);
#[cfg_attr(not(test), allow(dead_code))]
struct PacketData<'a, A: ?Sized>(&'a Envelope<'a, A>);
#[cfg_attr(not(test), allow(dead_code))]
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

/// The requests on sockets (join, leave, disconnect) written by hand, the
/// bytes serde_json writes for [`RequestJson`] (checked by a test): their
/// shape is fixed and `SessionRooms::join()` sends one per call. `false`
/// (with `out` partly written) when a string needs JSON escapes or for
/// another request: the caller truncates and lets serde_json write it.
fn write_sockets_request<A: ?Sized>(out: &mut Vec<u8>, target: &Target, request: &Request<'_, A>) -> bool {
    let (kind, rooms): (&[u8], _) = match request {
        Request::SocketsJoin(rooms) => (b"2", Some(rooms)),
        Request::SocketsLeave(rooms) => (b"3", Some(rooms)),
        Request::DisconnectSockets { .. } => (b"4", None),
        Request::ServerSideEmit { .. } => return false,
    };
    out.extend_from_slice(b"{\"type\":");
    out.extend_from_slice(kind);
    out.extend_from_slice(b",\"opts\":{\"rooms\":");
    if !push_plain_json_list(out, target.rooms.as_slice()) {
        return false;
    }
    out.extend_from_slice(b",\"except\":");
    if !push_plain_json_list(out, target.except.as_slice()) {
        return false;
    }
    match (rooms, request) {
        (Some(rooms), _) => {
            out.extend_from_slice(b"},\"rooms\":");
            if !push_plain_json_list(out, rooms.as_slice()) {
                return false;
            }
        }
        (None, Request::DisconnectSockets { close: true }) => out.extend_from_slice(b"},\"close\":true"),
        (None, _) => out.extend_from_slice(b"},\"close\":false"),
    }
    out.push(b'}');
    true
}

/// Whether `bytes` holds a byte JSON escapes: a control character, `"` or
/// `\`. Eight bytes at a time (a room name is often a 40-byte session room).
fn needs_json_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Some byte of `word` is below `n` (n <= 0x80): exact, bytes >= 0x80 included.
    let any_below = |word: u64, n: u64| word.wrapping_sub(ONES * n) & !word & HIGHS != 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        if any_below(word, 0x20) || any_below(word ^ (ONES * u64::from(b'"')), 1) || any_below(word ^ (ONES * u64::from(b'\\')), 1) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// `["a","b"]`, or `false` when a string needs escapes (a quote, a backslash,
/// a control character): the only bytes serde_json does not copy as they are.
fn push_plain_json_list(out: &mut Vec<u8>, items: &[String]) -> bool {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if needs_json_escape(item.as_bytes()) {
            return false;
        }
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_slice(item.as_bytes());
        out.push(b'"');
    }
    out.push(b']');
    true
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
    if write_sockets_request(out, target, request) && (max_payload == 0 || out.len() - start <= max_payload) {
        return Ok(());
    }
    // Escapes, another request, or too large (serde_json's bounded write
    // reports where it stopped): serde_json writes it.
    out.truncate(start);
    let mut writer = Bounded::new(out, start, max_payload);
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
pub struct Bounded<'a> {
    out: &'a mut Vec<u8>,
    /// `out`'s buffer and length while the writer writes: kept here, one
    /// load away instead of two, and given back to `out` when the buffer
    /// grows and when the writer is dropped.
    buf: *mut u8,
    len: usize,
    start: usize,
    limit: usize,
    exceeded: Option<usize>,
    /// Writes that end at or before this length need no check: it is the
    /// smaller of the capacity and `start + limit` (never more: the buffer
    /// only grows, so a stale value is only ever too small).
    clear_until: usize,
    /// `bin` values written by [`Bounded::bin`] (socket.io's attachments).
    bins: usize,
    /// Whether serde wrote any of the bytes (through `io::Write`): then the
    /// writer's own structure is not the whole story and the finished bytes
    /// are checked ([`check_msgpack`]).
    opaque: bool,
}

impl<'a> Bounded<'a> {
    /// A writer appending to `out`, whose output starts at `start`, stopping
    /// past `limit` bytes from there (0: unlimited).
    fn new(out: &'a mut Vec<u8>, start: usize, limit: usize) -> Bounded<'a> {
        let (buf, len) = (out.as_mut_ptr(), out.len());
        let mut writer = Bounded {
            out,
            buf,
            len,
            start,
            limit,
            exceeded: None,
            clear_until: 0,
            bins: 0,
            opaque: false,
        };
        writer.recompute();
        writer
    }
}

impl Drop for Bounded<'_> {
    fn drop(&mut self) {
        // SAFETY: the bytes below `len` were written (or were there).
        unsafe { self.out.set_len(self.len) }
    }
}

impl Bounded<'_> {
    fn recompute(&mut self) {
        let capacity = self.out.capacity();
        self.clear_until = if self.limit == 0 { capacity } else { capacity.min(self.start.saturating_add(self.limit)) };
    }


    /// Makes room for `extra` more bytes: refuses past `max_payload`, and
    /// grows the buffer (exactly, for a large chunk: see [`EXACT_RESERVE_FROM`]).
    #[inline(always)]
    fn room(&mut self, extra: usize) -> Result<(), WriteError> {
        if self.len.saturating_add(extra) <= self.clear_until {
            return Ok(());
        }
        self.make_room(extra)
    }

    /// Past `clear_until`: refused past the limit, else the buffer grows.
    #[cold]
    #[inline(never)]
    fn make_room(&mut self, extra: usize) -> Result<(), WriteError> {
        let len = self.len;
        if self.limit != 0 && (len - self.start).saturating_add(extra) > self.limit {
            self.exceeded = Some((len - self.start).saturating_add(extra));
            return Err(past_limit());
        }
        if self.out.capacity() - len < extra {
            // SAFETY: the bytes below `len` were written.
            unsafe { self.out.set_len(len) };
            if extra >= EXACT_RESERVE_FROM {
                self.out.reserve_exact(extra + EXACT_RESERVE_SLACK);
            } else {
                self.out.reserve(extra);
            }
            self.buf = self.out.as_mut_ptr();
        }
        self.recompute();
        Ok(())
    }

    /// Writes a header (`tag`, then the low `n` of `value`'s bytes,
    /// big-endian; `n` is 0, 1, 2, 4 or 8) followed by `body`, in one step.
    #[inline(always)]
    fn put_head(&mut self, tag: u8, value: u64, n: usize, body: &[u8]) -> Result<(), WriteError> {
        self.room(1 + n + body.len())?;
        let len = self.len;
        // SAFETY: `room` reserved 1 + n + body.len() bytes past `len`; each
        // write below stays inside them, and `len` then covers exactly what was written.
        #[allow(clippy::cast_possible_truncation)]
        unsafe {
            let p = self.buf.add(len);
            p.write(tag);
            match n {
                0 => {}
                1 => p.add(1).write(value as u8),
                2 => p.add(1).cast::<[u8; 2]>().write_unaligned((value as u16).to_be_bytes()),
                4 => p.add(1).cast::<[u8; 4]>().write_unaligned((value as u32).to_be_bytes()),
                _ => p.add(1).cast::<[u8; 8]>().write_unaligned(value.to_be_bytes()),
            }
            let n = if matches!(n, 0 | 1 | 2 | 4) { n } else { 8 };
            copy_bytes(body, p.add(1 + n));
            self.len = len + 1 + n + body.len();
        }
        Ok(())
    }

    /// Bytes as they are.
    #[inline(always)]
    fn put_slice(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        self.room(bytes.len())?;
        let len = self.len;
        // SAFETY: `room` reserved `bytes.len()` bytes past `len`.
        unsafe {
            copy_bytes(bytes, self.buf.add(len));
        }
        self.len = len + bytes.len();
        Ok(())
    }

    /// A str that may be too long for msgpack (refused, never written).
    #[inline(always)]
    fn checked_str(&mut self, s: &str) -> Result<(), WriteError> {
        if !fits_msgpack(s.len()) {
            return Err(<WriteError as serde::ser::Error>::custom(format!("a length of {} does not fit msgpack", s.len())));
        }
        self.str_bytes(s.as_bytes())
    }

    /// A list of room names.
    fn rooms(&mut self, rooms: &RoomSet) -> Result<(), WriteError> {
        let rooms = rooms.as_slice();
        self.array_len(rooms.len())?;
        rooms.iter().try_for_each(|room| self.checked_str(room))
    }

    /// One byte.
    #[inline(always)]
    fn put_byte(&mut self, byte: u8) -> Result<(), WriteError> {
        self.put_head(byte, 0, 0, &[])
    }

    /// A header of `n` bytes after the tag, nothing after it.
    #[inline(always)]
    fn head(&mut self, tag: u8, value: u64, n: usize) -> Result<(), WriteError> {
        self.put_head(tag, value, n, &[])
    }
}

/// Copies `src` to `dst`; the short ones (most keys and values) without a
/// call to `memcpy`, through [`copy_ascii`] (whose ASCII test the compiler
/// drops when its result is unused).
///
/// # Safety
/// `dst` is valid for `src.len()` bytes of writes and does not overlap `src`.
#[inline(always)]
unsafe fn copy_bytes(src: &[u8], dst: *mut u8) {
    if src.len() <= 32 {
        copy_ascii(src, dst);
    } else {
        std::ptr::copy_nonoverlapping(src.as_ptr(), dst, src.len());
    }
}

/// Copies up to 32 bytes without a call to `memcpy` (two overlapping moves
/// of the largest word that fits), returning whether they were all ASCII (no
/// byte with its high bit set), tested on the words moved.
///
/// # Safety
/// As [`copy_bytes`]; `src.len() <= 32`.
#[inline(always)]
unsafe fn copy_ascii(src: &[u8], dst: *mut u8) -> bool {
    const HIGH64: u64 = 0x8080_8080_8080_8080;
    let (n, s) = (src.len(), src.as_ptr());
    debug_assert!(n <= 32);
    let high = if n >= 16 {
        let (a, b) = (s.cast::<u128>().read_unaligned(), s.add(n - 16).cast::<u128>().read_unaligned());
        dst.cast::<u128>().write_unaligned(a);
        dst.add(n - 16).cast::<u128>().write_unaligned(b);
        let both = a | b;
        (both as u64 | (both >> 64) as u64) & HIGH64
    } else if n >= 8 {
        let (a, b) = (s.cast::<u64>().read_unaligned(), s.add(n - 8).cast::<u64>().read_unaligned());
        dst.cast::<u64>().write_unaligned(a);
        dst.add(n - 8).cast::<u64>().write_unaligned(b);
        (a | b) & HIGH64
    } else if n >= 4 {
        let (a, b) = (s.cast::<u32>().read_unaligned(), s.add(n - 4).cast::<u32>().read_unaligned());
        dst.cast::<u32>().write_unaligned(a);
        dst.add(n - 4).cast::<u32>().write_unaligned(b);
        u64::from(a | b) & HIGH64
    } else if n > 0 {
        // 1 to 3 bytes: the first, the middle and the last (some the same).
        let (a, b, c) = (s.read(), s.add(n / 2).read(), s.add(n - 1).read());
        dst.write(a);
        dst.add(n / 2).write(b);
        dst.add(n - 1).write(c);
        u64::from(a | b | c) & 0x80
    } else {
        0
    };
    high == 0
}

#[cold]
#[inline(never)]
fn past_limit() -> WriteError {
    WriteError(Box::new("max_payload exceeded".into()))
}

/// msgpack written straight into the encode buffer, byte for byte what rmp
/// (through serde) writes for the same values: the smallest form of each
/// integer (`write_sint`), floats as float64, str/bin/array/map headers in
/// their smallest form. The PHP layer's value writer goes through here
/// (`EventArgs::write_msgpack_each`) instead of serde's per-value calls.
impl Bounded<'_> {
    #[inline(always)]
    pub(crate) fn nil(&mut self) -> Result<(), WriteError> {
        self.put_byte(0xc0)
    }

    #[inline(always)]
    pub(crate) fn boolean(&mut self, b: bool) -> Result<(), WriteError> {
        self.put_byte(if b { 0xc3 } else { 0xc2 })
    }

    #[inline(always)]
    pub(crate) fn int(&mut self, v: i64) -> Result<(), WriteError> {
        // rmp::encode::write_sint, case for case.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        match v {
            0..=127 => self.put_byte(v as u8),
            -32..=-1 => self.put_byte(v as i8 as u8),
            -128..=-33 => self.head(0xd0, u64::from(v as i8 as u8), 1),
            -32768..=-129 => self.head(0xd1, u64::from(v as i16 as u16), 2),
            -2_147_483_648..=-32769 => self.head(0xd2, u64::from(v as i32 as u32), 4),
            i64::MIN..=-2_147_483_649 => self.head(0xd3, v as u64, 8),
            128..=255 => self.head(0xcc, v as u64, 1),
            256..=65535 => self.head(0xcd, v as u64, 2),
            65536..=4_294_967_295 => self.head(0xce, v as u64, 4),
            _ => self.head(0xcf, v as u64, 8),
        }
    }

    #[inline]
    pub(crate) fn float(&mut self, v: f64) -> Result<(), WriteError> {
        self.head(0xcb, v.to_bits(), 8)
    }

    /// A str: the caller checked that `s` is UTF-8 and [`fits_msgpack`].
    #[inline(always)]
    pub(crate) fn str_bytes(&mut self, s: &[u8]) -> Result<(), WriteError> {
        let n = s.len();
        #[allow(clippy::cast_possible_truncation)]
        if n < 32 {
            self.put_head(0xa0 | n as u8, 0, 0, s)
        } else {
            self.long_str(s)
        }
    }

    /// A str that must be UTF-8 (a PHP string or array key): written, then
    /// `Ok(true)` if it is valid UTF-8. A short one (a fixstr, most keys and
    /// values) is checked for ASCII in the same loads that copy it, instead of
    /// a second pass; the rest, and a short one that is not all ASCII, are
    /// checked by `std`. On `Ok(false)` the caller refuses the value (what was
    /// written is discarded with the rest of the failed encode).
    #[inline(always)]
    pub(crate) fn utf8_str(&mut self, s: &[u8]) -> Result<bool, WriteError> {
        let n = s.len();
        if n < 32 {
            self.room(1 + n)?;
            let len = self.len;
            // SAFETY: `room` reserved 1 + n bytes past `len`; `len` then covers them.
            #[allow(clippy::cast_possible_truncation)]
            let ascii = unsafe {
                let p = self.buf.add(len);
                p.write(0xa0 | n as u8);
                copy_ascii(s, p.add(1))
            };
            self.len = len + 1 + n;
            Ok(ascii || std::str::from_utf8(s).is_ok())
        } else {
            let valid = s.is_ascii() || std::str::from_utf8(s).is_ok();
            if valid {
                if !fits_msgpack(n) {
                    return Ok(false);
                }
                self.long_str(s)?;
            }
            Ok(valid)
        }
    }

    /// A bin: the caller checked that it [`fits_msgpack`].
    #[inline]
    pub(crate) fn bin(&mut self, b: &[u8]) -> Result<(), WriteError> {
        self.bins += 1;
        self.sized(b, [0xc4, 0xc5, 0xc6])
    }

    #[inline(always)]
    pub(crate) fn array_len(&mut self, n: usize) -> Result<(), WriteError> {
        self.container_len(n, [0x90, 0xdc, 0xdd])
    }

    #[inline(always)]
    pub(crate) fn map_len(&mut self, n: usize) -> Result<(), WriteError> {
        self.container_len(n, [0x80, 0xde, 0xdf])
    }

    /// An array or map header: `fix` (ored with `n`) below 16, else the 16-bit or 32-bit form.
    #[inline(always)]
    fn container_len(&mut self, n: usize, [fix, m16, m32]: [u8; 3]) -> Result<(), WriteError> {
        #[allow(clippy::cast_possible_truncation)]
        if n < 16 {
            self.put_byte(fix | n as u8)
        } else if n < 65536 {
            self.head(m16, n as u64, 2)
        } else {
            self.head(m32, n as u64, 4)
        }
    }

    /// A str of 32 bytes or more.
    #[inline(never)]
    fn long_str(&mut self, s: &[u8]) -> Result<(), WriteError> {
        self.sized(s, [0xd9, 0xda, 0xdb])
    }

    /// `body` after its 8-, 16- or 32-bit length header (str or bin).
    #[inline(always)]
    fn sized(&mut self, body: &[u8], [m8, m16, m32]: [u8; 3]) -> Result<(), WriteError> {
        let n = body.len();
        if n < 256 {
            self.put_head(m8, n as u64, 1, body)
        } else if n < 65536 {
            self.put_head(m16, n as u64, 2, body)
        } else {
            self.put_head(m32, n as u64, 4, body)
        }
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

    /// Serde's output (JSON requests, objects in msgpack): the writer's own
    /// bound and growth ([`Bounded::put_slice`]).
    #[inline(always)]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.opaque = true;
        self.put_slice(buf).map(|()| buf.len()).map_err(|_| std::io::Error::other("max_payload exceeded"))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Appends `value` to `out` in msgpack, stopping at `max_payload` bytes (0:
/// unlimited). On error `out` may hold a partial value.
pub fn encode_msgpack<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, max_payload: usize) -> Result<(), EncodeError> {
    let start = out.len();
    let mut writer = Bounded::new(out, start, max_payload);
    let result = value.serialize(&mut rmp_serde::Serializer::new(&mut writer));
    if let Some(written) = writer.exceeded {
        return Err(EncodeError::TooLarge {
            limit: max_payload,
            written,
        });
    }
    result.map_err(|err| EncodeError::Value(WriteError::from(err).into_message()))
}

/// The broadcast envelope ([`Envelope`]'s bytes), its fixed parts written by
/// hand and only the event's data through serde.
///
/// Returns the number of `bin` values when every byte came from the writer's
/// own methods, whose output is complete by construction (each container's
/// header announces the entries then written, each string header its bytes,
/// and no PHP code runs meanwhile); `None` when serde wrote some of it
/// (objects: their PHP code may run), so the bytes must be checked.
fn encode_envelope<A: EventArgs + ?Sized>(
    out: &mut Vec<u8>,
    target: &Target,
    event: &str,
    args: &A,
    max_payload: usize,
) -> Result<Option<usize>, EncodeError> {
    let start = out.len();
    let mut writer = Bounded::new(out, start, max_payload);
    // ["emitter", {"type": 2, "data": ...
    const HEAD: [u8; 21] = {
        let mut head = *b"\x93\xa7emitter\x83\xa4type\x02\xa4data";
        head[ENVELOPE_TYPE_AT] = EVENT_PACKET_TYPE;
        head
    };
    const _: () = assert!(EMITTER_UID.len() == 7);
    // [event, ...args]
    let result = if fits_msgpack(event.len()) {
        writer
            .put_slice(&HEAD)
            .and_then(|()| writer.array_len(1 + args.count()))
            .and_then(|()| writer.str_bytes(event.as_bytes()))
            .and_then(|()| args.write_msgpack_each(&mut writer))
    } else {
        return Err(EncodeError::Value(msgpack_too_long(event.len(), "the event name")));
    };
    if let Some(written) = writer.exceeded {
        return Err(EncodeError::TooLarge { limit: max_payload, written });
    }
    if let Err(err) = result {
        return Err(EncodeError::Value(err.into_message()));
    }
    let bins = (!writer.opaque).then_some(writer.bins);
    drop(writer);
    // ..., "nsp": nsp}, {"rooms": [...], "flags": {...}, "except": [...]}]
    // (Its size is checked once, below.)
    let mut tail = Bounded::new(out, start, 0);
    let result = (|| {
        tail.put_slice(&[0xa3, b'n', b's', b'p'])?;
        tail.checked_str(&target.nsp)?;
        tail.put_slice(&[0x83, 0xa5, b'r', b'o', b'o', b'm', b's'])?;
        tail.rooms(&target.rooms)?;
        tail.put_slice(&[0xa5, b'f', b'l', b'a', b'g', b's'])?;
        tail.map_len(target.flags.0.len())?;
        for flag in &target.flags.0 {
            tail.checked_str(flag.key())?;
            tail.boolean(flag.value())?;
        }
        tail.put_slice(&[0xa6, b'e', b'x', b'c', b'e', b'p', b't'])?;
        tail.rooms(&target.except)
    })();
    drop(tail);
    if let Err(err) = result {
        return Err(EncodeError::Value(err.into_message()));
    }
    let written = out.len() - start;
    if max_payload != 0 && written > max_payload {
        return Err(EncodeError::TooLarge { limit: max_payload, written });
    }
    Ok(bins)
}

/// Appends the msgpack broadcast envelope to `out`.
///
/// On error `out` may hold a partial envelope: callers encode into a scratch
/// buffer and only publish after success, because a malformed payload on a
/// `<prefix>#...#` channel crashes every subscribed Node server (§4). For the
/// same reason bytes serde wrote (objects, whose PHP code runs meanwhile)
/// are checked once finished ([`check_msgpack`]): a count that does not match
/// its entries is refused here. Bytes only the writer's own methods wrote are
/// complete by construction (each header announces what is then written; a
/// PHP array whose count does not match its entries is refused while it is
/// walked); debug builds check them too.
pub fn encode_broadcast<A: EventArgs + ?Sized>(
    out: &mut Vec<u8>,
    target: &Target,
    event: &str,
    args: &A,
    limits: Limits,
) -> Result<usize, EncodeError> {
    let start = out.len();
    let counted = encode_envelope(out, target, event, args, limits.max_payload)?;
    let bytes = out.get(start..).unwrap_or_default();
    let attachments = match counted {
        Some(bins) => {
            debug_assert_eq!(check_msgpack(bytes), Ok(bins), "the writer's own output");
            bins
        }
        None => check_msgpack(bytes).map_err(EncodeError::Malformed)?,
    };
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
    let end = bytes.len();
    let mut at = 0usize;
    let mut owed: u64 = 1;
    let mut bins = 0usize;
    while owed > 0 {
        let Some(&tag) = bytes.get(at) else {
            return Err(format!("{owed} value(s) announced but missing at byte {at}"));
        };
        owed -= 1;
        at += 1;
        // Any u8 indexes the 256 entries (the fallback is never taken).
        let form = FORMS.get(usize::from(tag)).copied().unwrap_or(WIDE << 8);
        let n = usize::from(form & 0xff);
        match form >> 8 {
            SKIP => {
                at += n;
                if at > end {
                    return Err(format!("truncated at byte {}", at - n));
                }
                continue;
            }
            HOLDS => owed += n as u64,
            _ => {
                // Out of line, by value: `at` and `owed` stay in registers here.
                let (next, children, bin) = wide_form(bytes, tag, at)?;
                at = next;
                owed += children;
                bins += usize::from(bin);
            }
        }
        // Each announced value takes at least one byte: more owed than bytes left is a lie.
        if owed > (end - at) as u64 {
            return Err(format!("{owed} value(s) announced at byte {at} but only {} byte(s) follow", end - at));
        }
    }
    if at != end {
        return Err(format!("{} byte(s) after the end of the value", end - at));
    }
    Ok(bins)
}

/// [`FORMS`] kinds (high byte): a value of fixed size (the low byte: bytes
/// after the tag), a fixmap/fixarray (the low byte: values it holds), or a
/// form with a length field ([`wide_form`]).
const SKIP: u16 = 0;
const HOLDS: u16 = 1;
const WIDE: u16 = 2;

/// What each msgpack tag is, so the check takes one table look-up per value.
/// (Built at compile time: an index out of range would not compile.)
#[allow(clippy::indexing_slicing)]
const FORMS: [u16; 256] = {
    let mut forms = [WIDE << 8; 256];
    let mut tag = 0usize;
    while tag < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let low = (tag & 0x1f) as u16;
        forms[tag] = match tag {
            0x00..=0x7f | 0xe0..=0xff | 0xc0 | 0xc2 | 0xc3 => SKIP << 8,
            0x80..=0x8f => (HOLDS << 8) | ((low & 0x0f) * 2),
            0x90..=0x9f => (HOLDS << 8) | (low & 0x0f),
            0xa0..=0xbf => (SKIP << 8) | low,
            0xca | 0xce | 0xd2 => (SKIP << 8) | 4,
            0xcb | 0xcf | 0xd3 => (SKIP << 8) | 8,
            0xcc | 0xd0 => (SKIP << 8) | 1,
            0xcd | 0xd1 | 0xd4 => (SKIP << 8) | 2,
            0xd5 => (SKIP << 8) | 3,
            0xd6 => (SKIP << 8) | 5,
            0xd7 => (SKIP << 8) | 9,
            0xd8 => (SKIP << 8) | 17,
            _ => WIDE << 8,
        };
        tag += 1;
    }
    forms
};

/// [`check_msgpack`]'s other forms: `tag` was read, `at` is the byte after it.
/// Returns where the value ends, the values it holds and whether it is a bin.
#[inline(never)]
fn wide_form(bytes: &[u8], tag: u8, at: usize) -> Result<(usize, u64, bool), String> {
    let mut at = at;
    let be = |at: usize, n: usize| -> Result<u64, String> {
        let field = bytes.get(at..at + n).ok_or_else(|| format!("truncated at byte {at}"))?;
        Ok(field.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    };
    // (bytes of length field, or fixed payload size), then what the value adds.
    let (skip, children): (u64, u64) = match tag {
        0xc4..=0xc6 | 0xd9..=0xdb => {
            let n = match tag {
                0xc4 | 0xd9 => 1,
                0xc5 | 0xda => 2,
                _ => 4,
            };
            let len = be(at, n)?;
            at += n;
            (len, 0)
        }
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
        // Every other form has a fixed size or count: in `FORMS`, read by the caller.
        _ => (0, 0),
    };
    let end = usize::try_from(skip)
        .ok()
        .and_then(|skip| at.checked_add(skip))
        .filter(|end| *end <= bytes.len())
        .ok_or_else(|| format!("truncated at byte {at}"))?;
    Ok((end, children, (0xc4..=0xc6).contains(&tag)))
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
    fn sockets_requests_written_by_hand_are_serde_jsons_bytes() {
        let serde = |target: &Target, request: &Request<'_, [i32]>, limit: usize| {
            let mut out = b"before".to_vec();
            let mut writer = Bounded::new(&mut out, 6, limit);
            let result = RequestJson { target, request }.serialize(&mut serde_json::Serializer::new(&mut writer));
            let exceeded = writer.exceeded;
            drop(writer);
            (exceeded, result.is_ok(), out)
        };
        let names: [&[&str]; 9] = [
            &[],
            &["a"],
            &["team:7", "x y", "é中😀", "a/b"],
            &["q\"uote"],
            &["back\\slash", "ok"],
            &["tab\t", "\u{1}", "\u{7f}"],
            &["session:0123456789abcdef0123456789abcdef", "12345678", "é中😀é中😀é中😀 ~\u{7f}\u{80}"],
            &["12345678\"", "1234567\\8", "abcdefghijklmno\u{1f}"],
            &["\u{0}2345678abcdefgh"],
        ];
        let mut hand_written = 0;
        for rooms in names {
            for except in names {
                for joined in names {
                    let mut target = Target::default();
                    rooms.iter().for_each(|r| target.rooms.insert((*r).into()));
                    except.iter().for_each(|r| target.except.insert((*r).into()));
                    let joined: RoomSet = joined.iter().copied().collect();
                    for request in [
                        Request::SocketsJoin(&joined),
                        Request::SocketsLeave(&joined),
                        Request::DisconnectSockets { close: true },
                        Request::DisconnectSockets { close: false },
                    ] {
                        let (_, _, expected) = serde(&target, &request, 0);
                        let mut out = b"before".to_vec();
                        encode_request(&mut out, &target, &request, 0).unwrap();
                        assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&expected));
                        let mut scratch = Vec::new();
                        hand_written += usize::from(write_sockets_request(&mut scratch, &target, &request));
                        // Over the limit: the same error, and where encoding stopped, as serde_json's bounded write.
                        for limit in [1, 10, expected.len() - 7, expected.len() - 6] {
                            let (exceeded, _, _) = serde(&target, &request, limit);
                            let mut out = b"before".to_vec();
                            match (encode_request(&mut out, &target, &request, limit), exceeded) {
                                (Err(EncodeError::TooLarge { limit: l, written }), Some(w)) => assert_eq!((l, written), (limit, w)),
                                (Ok(()), None) => assert_eq!(out, expected),
                                (other, w) => panic!("{other:?} where serde_json stopped at {w:?}"),
                            }
                        }
                    }
                }
            }
        }
        assert!(hand_written > 100, "{hand_written}");
    }

    #[test]
    fn json_escape_check_finds_every_byte_serde_json_escapes() {
        for len in 1..=20 {
            for at in 0..len {
                for b in 0u8..=255 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let escaped = serde_json::to_string(&String::from_utf8_lossy(&bytes)).unwrap();
                    let lossless = std::str::from_utf8(&bytes).is_ok();
                    if lossless {
                        assert_eq!(needs_json_escape(&bytes), escaped.len() != len + 2, "{bytes:?}");
                    } else {
                        assert!(!needs_json_escape(&bytes), "{bytes:?}");
                    }
                }
            }
        }
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
    fn utf8_str_writes_what_str_bytes_writes_and_tells_utf8() {
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for len in 0..70 {
            cases.push(vec![b'a'; len]);
            for at in 0..len {
                for byte in [0x7f, 0x80, 0xc3, 0xff] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    cases.push(bytes);
                }
                if at + 1 < len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at..at + 2].copy_from_slice("é".as_bytes());
                    cases.push(bytes);
                }
            }
        }
        for bytes in &cases {
            let mut out = vec![0x01];
            let mut writer = Bounded::new(&mut out, 1, 0);
            let valid = writer.utf8_str(bytes).unwrap();
            drop(writer);
            assert_eq!(valid, std::str::from_utf8(bytes).is_ok(), "{bytes:x?}");
            if valid {
                let mut reference = vec![0x01];
                Bounded::new(&mut reference, 1, 0).str_bytes(bytes).unwrap();
                assert_eq!(out, reference, "{bytes:x?}");
            }
        }
    }

    /// Arguments written by the writer's own methods (as the PHP layer's
    /// zval walk does): their bins are counted as written, not by a re-read.
    struct Written(usize);
    impl EventArgs for Written {
        fn count(&self) -> usize {
            2
        }
        fn serialize_each<S: SerializeSeq>(&self, _: &mut S) -> Result<(), S::Error> {
            unreachable!("written directly")
        }
        fn write_msgpack_each(&self, out: &mut Bounded<'_>) -> Result<(), WriteError> {
            out.array_len(self.0)?;
            for i in 0..self.0 {
                out.bin(&vec![7; i * 100])?;
            }
            out.map_len(1)?;
            out.str_bytes(b"k")?;
            out.bin(b"v")
        }
    }

    #[test]
    fn writer_output_counts_its_own_bins() {
        for n in [0, 1, 10, 11, 300] {
            let mut out = Vec::new();
            assert_eq!(encode_broadcast(&mut out, &Target::default(), "ev", &Written(n), Limits::UNLIMITED).unwrap(), n + 1);
            assert_eq!(check_msgpack(&out), Ok(n + 1));
            let limits = Limits { max_payload: 0, max_attachments: 10 };
            match encode_broadcast(&mut Vec::new(), &Target::default(), "ev", &Written(n), limits) {
                Ok(count) => assert!(n < 10 && count == n + 1),
                Err(EncodeError::TooManyAttachments { limit: 10, count }) => assert!(n >= 10 && count == n + 1),
                Err(other) => panic!("{other:?}"),
            }
        }
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

    /// The hand-written msgpack writer against rmp (through serde, what it replaced) at every size boundary.
    #[test]
    fn msgpack_writer_writes_what_rmp_writes() {
        fn ours(f: impl FnOnce(&mut Bounded<'_>) -> Result<(), WriteError>) -> Vec<u8> {
            let mut out = vec![0xee];
            let mut w = Bounded::new(&mut out, 1, 0);
            f(&mut w).unwrap();
            drop(w);
            out.split_off(1)
        }
        fn rmp<T: Serialize + ?Sized>(v: &T) -> Vec<u8> {
            rmp_serde::to_vec(v).unwrap()
        }
        let mut ints: Vec<i64> = vec![i64::MIN, i64::MAX, 0, -1];
        for edge in [31i64, 32, 33, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 2147483647, 2147483648, 4294967295, 4294967296] {
            for v in [edge - 1, edge, edge + 1] {
                ints.extend([v, -v]);
            }
        }
        for v in ints {
            assert_eq!(ours(|w| w.int(v)), rmp(&v), "int {v}");
        }
        for v in [0.0f64, -0.0, 1.5, -2.25e300, f64::MIN_POSITIVE, 4.75] {
            assert_eq!(ours(|w| w.float(v)), rmp(&v), "float {v}");
        }
        assert_eq!(ours(|w| w.nil()), rmp(&()));
        assert_eq!(ours(|w| w.boolean(true)), rmp(&true));
        assert_eq!(ours(|w| w.boolean(false)), rmp(&false));
        for n in [0usize, 1, 15, 16, 31, 32, 255, 256, 65535, 65536, 70000] {
            let text = "é".repeat(n / 2) + &"a".repeat(n % 2);
            assert_eq!(ours(|w| w.str_bytes(text.as_bytes())), rmp(&text), "str of {n} bytes");
            let bytes = vec![7u8; n];
            assert_eq!(ours(|w| w.bin(&bytes)), rmp(&as_serde_bytes(&bytes)), "bin of {n} bytes");
            let list = vec![(); n];
            let mut expected = rmp(&list);
            expected.truncate(expected.len() - n); // the header only: every () is one 0xc0
            assert_eq!(ours(|w| w.array_len(n)), expected, "array of {n}");
            let map: std::collections::BTreeMap<u32, ()> = (0..u32::try_from(n).unwrap()).map(|k| (k, ())).collect();
            let full = rmp(&map);
            let header = ours(|w| w.map_len(n));
            assert!(full.starts_with(&header), "map of {n}: {} vs {}", hex(&header), hex(&full[..header.len().min(full.len())]));
            assert_eq!(check_msgpack(&full), Ok(0));
        }
    }

    /// Bytes as serde's bytes (what `serialize_bytes` writes: msgpack bin).
    fn as_serde_bytes(bytes: &[u8]) -> impl Serialize + '_ {
        struct Bytes<'a>(&'a [u8]);
        impl Serialize for Bytes<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        Bytes(bytes)
    }

    /// The writer stops at max_payload before copying a chunk past it.
    #[test]
    fn msgpack_writer_stops_at_the_limit() {
        let mut out = Vec::new();
        let mut w = Bounded::new(&mut out, 0, 10);
        assert!(w.str_bytes(b"12345678").is_ok());
        assert!(w.str_bytes(b"abc").is_err());
        assert_eq!(w.exceeded, Some(13));
        drop(w);
        assert_eq!(out.len(), 9);
    }
}
