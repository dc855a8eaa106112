//! The sharded Socket.IO adapter: `createShardedAdapter` of
//! `@socket.io/redis-adapter` 8.2+ (Redis 7 sharded pub/sub, `SSUBSCRIBE`).
//!
//! Its servers do not read the classic emitter's envelope: they exchange
//! `ClusterMessage`s of `socket.io-adapter`'s `ClusterAdapter`, keys in the
//! order `type, data, uid, nsp`, JSON unless the message may carry binary
//! (BROADCAST, SERVER_SIDE_EMIT) and does, then the whole object in msgpack.
//! The receiver tells them apart by the first byte (`{`). We send with uid
//! `emitter`, which no server has (theirs are 16 hex characters), so every
//! server handles the message as from a peer.
//!
//! Channels (`computeChannel`): `<prefix>#<nsp>#`, except a broadcast to
//! exactly one room, which in the `dynamic` mode goes to `<prefix>#<nsp>#<room>#`
//! unless the room looks like a socket id (20 UTF-16 units), and in
//! `dynamic-private` always; servers subscribe to a room's channel while they
//! hold the room, so the message reaches only those.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::protocol::{check_msgpack, encode_msgpack, EncodeError, EventArgs, EventList, FullOpts, Limits, RoomSet, Target, EMITTER_UID, EVENT_PACKET_TYPE};

/// `subscriptionMode` of the servers' `createShardedAdapter`: which channels they listen on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SubscriptionMode {
    /// `<prefix>#<nsp>#` (and their own response channel) only.
    Static,
    /// Also one channel per public room they hold (the default).
    #[default]
    Dynamic,
    /// Also one channel per room they hold, socket ids included.
    DynamicPrivate,
}

impl SubscriptionMode {
    pub const NAMES: &'static str = "'dynamic', 'static' or 'dynamic-private'";

    pub fn parse(text: &str) -> Option<SubscriptionMode> {
        match text {
            "static" => Some(SubscriptionMode::Static),
            "dynamic" => Some(SubscriptionMode::Dynamic),
            "dynamic-private" => Some(SubscriptionMode::DynamicPrivate),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SubscriptionMode::Static => "static",
            SubscriptionMode::Dynamic => "dynamic",
            SubscriptionMode::DynamicPrivate => "dynamic-private",
        }
    }
}

/// `MessageType` of socket.io-adapter's cluster adapter.
const BROADCAST: u8 = 3;
const SOCKETS_JOIN: u8 = 4;
const SOCKETS_LEAVE: u8 = 5;
const DISCONNECT_SOCKETS: u8 = 6;
const SERVER_SIDE_EMIT: u8 = 9;
const FETCH_SOCKETS: u8 = 7;

/// What one `ClusterMessage` asks of the servers.
pub enum Message<'a, A: ?Sized> {
    /// BROADCAST: `[event, ...args]` to the targeted sockets.
    Broadcast { event: &'a str, args: &'a A },
    /// SOCKETS_JOIN: the targeted sockets join `rooms`.
    SocketsJoin(&'a RoomSet),
    /// SOCKETS_LEAVE.
    SocketsLeave(&'a RoomSet),
    /// DISCONNECT_SOCKETS; `close` also closes the underlying connection.
    DisconnectSockets { close: bool },
    /// SERVER_SIDE_EMIT: `[event, ...args]` to the servers' `serverSideEmit` listeners.
    ServerSideEmit { event: &'a str, args: &'a A },
    /// FETCH_SOCKETS: every server answers with its targeted sockets.
    FetchSockets { request_id: &'a str },
    /// BROADCAST with a `requestId`: every server answers with its client
    /// count, then with each client's ack.
    BroadcastWithAck { event: &'a str, args: &'a A, request_id: &'a str },
}

impl<A: ?Sized> Message<'_, A> {
    /// The `MessageType` number.
    pub fn kind(&self) -> u8 {
        match self {
            Message::Broadcast { .. } => BROADCAST,
            Message::SocketsJoin(_) => SOCKETS_JOIN,
            Message::SocketsLeave(_) => SOCKETS_LEAVE,
            Message::DisconnectSockets { .. } => DISCONNECT_SOCKETS,
            Message::ServerSideEmit { .. } => SERVER_SIDE_EMIT,
            Message::FetchSockets { .. } => FETCH_SOCKETS,
            Message::BroadcastWithAck { .. } => BROADCAST,
        }
    }

    /// Events delivered to browsers count their binary attachments (`max_attachments`).
    fn reaches_clients(&self) -> bool {
        matches!(self, Message::Broadcast { .. } | Message::BroadcastWithAck { .. })
    }
}

/// socket.io's `looksLikeASocketId`: a string of length 20 (JS length: UTF-16 units).
fn looks_like_socket_id(room: &str) -> bool {
    room.len() >= 20 && room.encode_utf16().count() == 20
}

/// The channel the servers of `mode` listen on for `message`.
pub fn channel<A: ?Sized>(prefix: &str, target: &Target, mode: SubscriptionMode, message: &Message<'_, A>) -> String {
    let mut channel = String::with_capacity(prefix.len() + target.nsp.len() + 2);
    channel.push_str(prefix);
    channel.push('#');
    channel.push_str(&target.nsp);
    channel.push('#');
    if let (Message::Broadcast { .. }, [room]) = (message, target.rooms.as_slice()) {
        let per_room = match mode {
            SubscriptionMode::Static => false,
            SubscriptionMode::Dynamic => !looks_like_socket_id(room),
            SubscriptionMode::DynamicPrivate => true,
        };
        if per_room {
            channel.push_str(room);
            channel.push('#');
        }
    }
    channel
}

struct ClusterMessage<'a, A: ?Sized> {
    target: &'a Target,
    message: &'a Message<'a, A>,
}

/// A socket.io packet without `nsp` (the message's `nsp` routes it): `{type: 2, data}`.
struct Packet<'a, A: ?Sized> {
    event: &'a str,
    args: &'a A,
}

impl<A: EventArgs + ?Sized> Serialize for Packet<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("type", &EVENT_PACKET_TYPE)?;
        map.serialize_entry("data", &EventList { event: self.event, args: self.args })?;
        map.end()
    }
}

struct Data<'a, A: ?Sized>(&'a ClusterMessage<'a, A>);

impl<A: EventArgs + ?Sized> Serialize for Data<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let opts = FullOpts(self.0.target);
        match self.0.message {
            Message::Broadcast { event, args } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("packet", &Packet { event, args: *args })?;
                map.serialize_entry("opts", &opts)?;
                map.end()
            }
            Message::SocketsJoin(rooms) | Message::SocketsLeave(rooms) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("opts", &opts)?;
                map.serialize_entry("rooms", rooms)?;
                map.end()
            }
            Message::DisconnectSockets { close } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("opts", &opts)?;
                map.serialize_entry("close", close)?;
                map.end()
            }
            Message::ServerSideEmit { event, args } => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("packet", &EventList { event, args: *args })?;
                map.end()
            }
            Message::FetchSockets { request_id } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("opts", &opts)?;
                map.serialize_entry("requestId", request_id)?;
                map.end()
            }
            Message::BroadcastWithAck { event, args, request_id } => {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("packet", &Packet { event, args: *args })?;
                map.serialize_entry("requestId", request_id)?;
                map.serialize_entry("opts", &opts)?;
                map.end()
            }
        }
    }
}

impl<A: EventArgs + ?Sized> Serialize for ClusterMessage<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("type", &self.message.kind())?;
        map.serialize_entry("data", &Data(self))?;
        map.serialize_entry("uid", EMITTER_UID)?;
        map.serialize_entry("nsp", &self.target.nsp)?;
        map.end()
    }
}

/// Appends the `ClusterMessage` to `out` as the adapter's `encode` writes it:
/// msgpack when it holds a binary, JSON otherwise.
pub fn encode<A: EventArgs + ?Sized>(out: &mut Vec<u8>, target: &Target, message: &Message<'_, A>, limits: Limits) -> Result<(), EncodeError> {
    encode_value(out, &ClusterMessage { target, message }, message.reaches_clients(), limits, Format::JsonUnlessBinary).map(drop)
}

/// Appends the whole `ClusterMessage` in msgpack whatever it holds (how the
/// streams adapter publishes its ephemeral messages).
pub fn encode_msgpack_message<A: EventArgs + ?Sized>(out: &mut Vec<u8>, target: &Target, message: &Message<'_, A>, limits: Limits) -> Result<(), EncodeError> {
    encode_value(out, &ClusterMessage { target, message }, message.reaches_clients(), limits, Format::Msgpack).map(drop)
}

/// Appends only the message's `data` (`{packet, opts}`, `{opts, rooms}`...),
/// JSON unless it holds a binary; returns the number of binaries (0: JSON was written).
pub fn encode_data<A: EventArgs + ?Sized>(out: &mut Vec<u8>, target: &Target, message: &Message<'_, A>, limits: Limits) -> Result<usize, EncodeError> {
    encode_value(out, &Data(&ClusterMessage { target, message }), message.reaches_clients(), limits, Format::JsonUnlessBinary)
}

enum Format {
    JsonUnlessBinary,
    Msgpack,
}

/// The values are encoded once, to msgpack (PHP code such as `jsonSerialize()`
/// runs once), the bytes checked like a classic broadcast, then, without
/// binary and unless msgpack is asked for, rewritten as the JSON
/// `JSON.stringify` gives for the same value. `max_payload` applies to what
/// is written. Returns the number of binaries.
fn encode_value<T: Serialize>(out: &mut Vec<u8>, value: &T, reaches_clients: bool, limits: Limits, format: Format) -> Result<usize, EncodeError> {
    let start = out.len();
    encode_msgpack(out, value, limits.max_payload)?;
    let bytes = out.get(start..).unwrap_or_default();
    let bins = check_msgpack(bytes).map_err(EncodeError::Malformed)?;
    if reaches_clients && limits.max_attachments != 0 && bins > limits.max_attachments {
        return Err(EncodeError::TooManyAttachments {
            limit: limits.max_attachments,
            count: bins,
        });
    }
    if bins > 0 || matches!(format, Format::Msgpack) {
        return Ok(bins);
    }
    let mut json = Vec::with_capacity(bytes.len() + bytes.len() / 4 + 16);
    msgpack_to_json(bytes, &mut json).map_err(EncodeError::Malformed)?;
    if limits.max_payload != 0 && json.len() > limits.max_payload {
        return Err(EncodeError::TooLarge {
            limit: limits.max_payload,
            written: json.len(),
        });
    }
    out.truncate(start);
    out.extend_from_slice(&json);
    Ok(0)
}

/// One open container of [`msgpack_to_json`]: entries still to write
/// (a map counts keys and values) and whether one was written already.
struct Open {
    left: u64,
    map: bool,
    written: u64,
}

/// Rewrites one msgpack value (as our encoder writes them: no ext types, map
/// keys strings) as the JSON `JSON.stringify` writes for the value notepack
/// would decode. Iterative: any nesting depth in constant stack.
pub fn msgpack_to_json(bytes: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let mut at = 0usize;
    let mut stack: Vec<Open> = Vec::new();
    transcode_value(bytes, &mut at, out, &mut stack)?;
    loop {
        // Close finished containers, then write the separator the next entry needs.
        while let Some(top) = stack.last() {
            if top.left > 0 {
                break;
            }
            out.push(if top.map { b'}' } else { b']' });
            stack.pop();
        }
        let Some(top) = stack.last_mut() else { break };
        let is_key = top.map && top.written % 2 == 0;
        if top.written > 0 {
            out.push(if top.map && !is_key { b':' } else { b',' });
        }
        top.left -= 1;
        top.written += 1;
        if is_key && !matches!(bytes.get(at), Some(0xa0..=0xbf | 0xd9..=0xdb)) {
            return Err(format!("map key at byte {at} is not a string"));
        }
        transcode_value(bytes, &mut at, out, &mut stack)?;
    }
    if at == bytes.len() {
        Ok(())
    } else {
        Err(format!("{} byte(s) after the end of the value", bytes.len().saturating_sub(at)))
    }
}

fn take<'b>(bytes: &'b [u8], at: &mut usize, n: usize) -> Result<&'b [u8], String> {
    let field = bytes.get(*at..at.saturating_add(n)).ok_or_else(|| format!("truncated at byte {at}"))?;
    *at += n;
    Ok(field)
}

fn big_endian(bytes: &[u8], at: &mut usize, n: usize) -> Result<u64, String> {
    Ok(take(bytes, at, n)?.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
}

/// Writes one scalar, or the opening of a container (pushed on `stack`).
fn transcode_value(bytes: &[u8], at: &mut usize, out: &mut Vec<u8>, stack: &mut Vec<Open>) -> Result<(), String> {
    let tag = *take(bytes, at, 1)?.first().ok_or("truncated")?;
    let mut open = |out: &mut Vec<u8>, at: usize, count: u64, map: bool| -> Result<(), String> {
        let left = if map { count.checked_mul(2).ok_or("map too large")? } else { count };
        // Each entry takes at least one byte: more announced than bytes left is a lie.
        if left > bytes.len().saturating_sub(at) as u64 {
            return Err(format!("{count} entries announced at byte {at} but fewer bytes follow"));
        }
        out.push(if map { b'{' } else { b'[' });
        stack.push(Open { left, map, written: 0 });
        Ok(())
    };
    match tag {
        0x00..=0x7f => push_int(out, i128::from(tag)),
        0xe0..=0xff => push_int(out, i128::from(tag as i8)),
        0xc0 => out.extend_from_slice(b"null"),
        0xc2 => out.extend_from_slice(b"false"),
        0xc3 => out.extend_from_slice(b"true"),
        0xcc..=0xcf => {
            let value = big_endian(bytes, at, 1usize << (tag - 0xcc))?;
            push_int(out, i128::from(value));
        }
        0xd0..=0xd3 => {
            let n = 1usize << (tag - 0xd0);
            let raw = big_endian(bytes, at, n)?;
            // Sign-extend the n-byte two's complement value.
            let shift = 64 - 8 * n as u32;
            push_int(out, i128::from(((raw << shift) as i64) >> shift));
        }
        0xca => {
            let raw = big_endian(bytes, at, 4)? as u32;
            push_number(out, f64::from(f32::from_bits(raw)))?;
        }
        0xcb => push_number(out, f64::from_bits(big_endian(bytes, at, 8)?))?,
        0xa0..=0xbf | 0xd9..=0xdb => {
            let len = match tag {
                0xa0..=0xbf => u64::from(tag & 0x1f),
                _ => big_endian(bytes, at, 1usize << (tag - 0xd9))?,
            };
            let len = usize::try_from(len).map_err(|_| "string too long")?;
            let text = std::str::from_utf8(take(bytes, at, len)?).map_err(|_| format!("string before byte {at} is not UTF-8"))?;
            push_string(out, text);
        }
        0x90..=0x9f => open(out, *at, u64::from(tag & 0x0f), false)?,
        0xdc | 0xdd => {
            let count = big_endian(bytes, at, if tag == 0xdc { 2 } else { 4 })?;
            open(out, *at, count, false)?;
        }
        0x80..=0x8f => open(out, *at, u64::from(tag & 0x0f), true)?,
        0xde | 0xdf => {
            let count = big_endian(bytes, at, if tag == 0xde { 2 } else { 4 })?;
            open(out, *at, count, true)?;
        }
        other => return Err(format!("msgpack type 0x{other:02x} at byte {} has no JSON form", *at - 1)),
    }
    Ok(())
}

fn push_int(out: &mut Vec<u8>, value: i128) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// A double as JS `Number.prototype.toString` writes it (what `JSON.stringify`
/// uses): the shortest digits that read back to the same double, in plain
/// notation from 1e-7 to below 1e21, else `d.ddde+N`; `-0` is `0`.
pub fn push_number(out: &mut Vec<u8>, value: f64) -> Result<(), String> {
    if !value.is_finite() {
        // JSON.stringify would write null; our encoder refuses these before.
        return Err(format!("{value} has no JSON form"));
    }
    if value == 0.0 {
        out.push(b'0');
        return Ok(());
    }
    // ryu: the shortest digits that read back to the same double, the closest
    // of them to it (as JS chooses), as "ddd.ddd" or "d.ddde<exp>".
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(value.abs());
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i32 = exp.parse().map_err(|_| "unexpected float exponent")?;
    let point = mantissa.find('.').unwrap_or(mantissa.len()) as i32;
    let all: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let trimmed = all.trim_start_matches('0');
    // Position of the decimal point after the first n significant digits.
    let n = point + exp - (all.len() - trimmed.len()) as i32;
    let digits = trimmed.trim_end_matches('0');
    let k = digits.len() as i32;
    if value < 0.0 {
        out.push(b'-');
    }
    if k <= n && n <= 21 {
        out.extend_from_slice(digits.as_bytes());
        out.extend(std::iter::repeat_n(b'0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        out.extend_from_slice(int.as_bytes());
        out.push(b'.');
        out.extend_from_slice(frac.as_bytes());
    } else if -6 < n && n <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-n) as usize));
        out.extend_from_slice(digits.as_bytes());
    } else {
        let (first, rest) = digits.split_at(1);
        out.extend_from_slice(first.as_bytes());
        if !rest.is_empty() {
            out.push(b'.');
            out.extend_from_slice(rest.as_bytes());
        }
        out.push(b'e');
        out.push(if n - 1 < 0 { b'-' } else { b'+' });
        out.extend_from_slice(itoa::Buffer::new().format((n - 1).abs()).as_bytes());
    }
    Ok(())
}

/// A string as `JSON.stringify` quotes it: `"` and `\` escaped, the C0
/// controls as `\b \t \n \f \r` or `\u00xx`, everything else as is (UTF-8).
pub fn push_string(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0a => b"\\n",
            0x0c => b"\\f",
            0x0d => b"\\r",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(bytes.get(plain_from..i).unwrap_or_default());
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.extend(HEX.get(usize::from(b >> 4)));
            out.extend(HEX.get(usize::from(b & 0x0f)));
        } else {
            out.extend_from_slice(escape);
        }
        plain_from = i + 1;
    }
    out.extend_from_slice(bytes.get(plain_from..).unwrap_or_default());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64) -> String {
        let mut out = Vec::new();
        push_number(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        // Expected strings are String(x) in node 20.
        for (value, js) in [
            (1.0, "1"),
            (-1.0, "-1"),
            (-0.0, "0"),
            (0.5, "0.5"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.25e-7, "1.25e-7"),
            (-2.5e-300, "-2.5e-300"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (4294967296.0, "4294967296"),
            (9007199254740993.0, "9007199254740992"),
            // Two shortest candidates (…3.2 and …3.3): JS takes the closer one.
            (627377256111883.2, "627377256111883.2"),
            (0.001, "0.001"),
            (100.0, "100"),
            (1.5e300, "1.5e+300"),
            (123.456, "123.456"),
        ] {
            assert_eq!(number(value), js, "{value:e}");
        }
        assert!(push_number(&mut Vec::new(), f64::NAN).is_err());
        assert!(push_number(&mut Vec::new(), f64::INFINITY).is_err());
    }

    #[test]
    fn strings_are_quoted_as_json_stringify_quotes_them() {
        let mut out = Vec::new();
        push_string(&mut out, "a\"b\\c\u{8}\t\n\u{c}\r\u{0}\u{1f}\u{7f}é😀\u{2028}");
        assert_eq!(String::from_utf8(out).unwrap(), "\"a\\\"b\\\\c\\b\\t\\n\\f\\r\\u0000\\u001f\u{7f}é😀\u{2028}\"");
    }

    fn json_of(value: &rmpv::Value) -> Result<String, String> {
        let mut bytes = Vec::new();
        rmpv::encode::write_value(&mut bytes, value).unwrap();
        let mut out = Vec::new();
        msgpack_to_json(&bytes, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn msgpack_values_become_the_same_json_values() {
        use rmpv::Value as V;
        let value = V::Map(vec![
            (V::from("a"), V::Array(vec![V::from(1), V::from(-1), V::from(-129), V::from(u64::MAX), V::from(i64::MIN)])),
            (V::from("b"), V::Map(vec![])),
            (V::from("c"), V::Array(vec![V::Array(vec![]), V::Nil, V::Boolean(true), V::Boolean(false), V::F64(2.0), V::F32(0.5)])),
            (V::from("d".repeat(40).as_str()), V::from("x".repeat(300).as_str())),
        ]);
        let json = json_of(&value).unwrap();
        assert_eq!(
            json,
            format!(
                "{{\"a\":[1,-1,-129,18446744073709551615,-9223372036854775808],\"b\":{{}},\"c\":[[],null,true,false,2,0.5],\"{}\":\"{}\"}}",
                "d".repeat(40),
                "x".repeat(300)
            )
        );
        serde_json::from_str::<serde_json::Value>(&json).unwrap();
        // 2000 levels: no recursion.
        let mut deep = V::Nil;
        for _ in 0..2000 {
            deep = V::Array(vec![deep]);
        }
        let json = json_of(&deep).unwrap();
        assert_eq!(json.len(), 4 + 2 * 2000);
    }

    #[test]
    fn what_json_cannot_hold_and_broken_bytes_are_refused() {
        use rmpv::Value as V;
        assert!(json_of(&V::Binary(vec![1])).is_err());
        assert!(json_of(&V::Ext(1, vec![1])).is_err());
        assert!(json_of(&V::Map(vec![(V::from(1), V::Nil)])).unwrap_err().contains("not a string"));
        let mut out = Vec::new();
        assert!(msgpack_to_json(&[0x92, 0x01], &mut out).is_err(), "one entry missing");
        assert!(msgpack_to_json(&[0x01, 0x01], &mut Vec::new()).is_err(), "trailing byte");
        assert!(msgpack_to_json(&[0xdd, 0xff, 0xff, 0xff, 0xff], &mut Vec::new()).is_err(), "huge count");
        assert!(msgpack_to_json(&[0xa2, 0xff, 0xfe], &mut Vec::new()).is_err(), "not UTF-8");
        assert!(msgpack_to_json(&[], &mut Vec::new()).is_err());
    }

    #[test]
    fn a_room_looks_like_a_socket_id_by_its_javascript_length() {
        assert!(looks_like_socket_id(&"a".repeat(20)));
        assert!(!looks_like_socket_id(&"a".repeat(19)));
        // "é" is 2 bytes but 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
        assert!(looks_like_socket_id(&"é".repeat(20)));
        assert!(looks_like_socket_id(&"😀".repeat(10)));
        assert!(!looks_like_socket_id(&"😀".repeat(20)));
        let mut target = Target::default();
        target.rooms.insert("é".repeat(20));
        let message: Message<'_, [u8]> = Message::Broadcast { event: "e", args: &[][..] };
        assert_eq!(channel("p", &target, SubscriptionMode::Dynamic, &message), "p#/#");
        assert_eq!(channel("p", &target, SubscriptionMode::DynamicPrivate, &message), format!("p#/#{}#", "é".repeat(20)));
        assert_eq!(channel("p", &target, SubscriptionMode::Static, &message), "p#/#");
        let join: Message<'_, [u8]> = Message::SocketsJoin(&target.rooms);
        assert_eq!(channel("p", &target, SubscriptionMode::DynamicPrivate, &join), "p#/#");
    }

    #[test]
    fn binary_keeps_msgpack_and_counts_attachments() {
        struct Bin;
        impl Serialize for Bin {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&[1, 2])
            }
        }
        let target = Target::default();
        let args = [Bin, Bin, Bin];
        let message = Message::Broadcast { event: "e", args: &args[..] };
        let mut out = Vec::new();
        encode(&mut out, &target, &message, Limits::UNLIMITED).unwrap();
        assert_eq!(out.first(), Some(&0x84));
        let limits = Limits { max_payload: 0, max_attachments: 2 };
        assert!(matches!(encode(&mut Vec::new(), &target, &message, limits), Err(EncodeError::TooManyAttachments { count: 3, .. })));
        // serverSideEmit reaches servers, not clients: no attachment limit.
        let message = Message::ServerSideEmit { event: "e", args: &args[..] };
        encode(&mut Vec::new(), &target, &message, limits).unwrap();
        // max_payload applies to the JSON that is sent.
        let text = ["\u{1}".repeat(100)];
        let message = Message::Broadcast { event: "e", args: &text[..] };
        let limits = Limits { max_payload: 300, max_attachments: 0 };
        assert!(matches!(encode(&mut Vec::new(), &target, &message, limits), Err(EncodeError::TooLarge { .. })));
    }
}
