//! Round trips: asking the Socket.IO servers and collecting their answers
//! (`fetchSockets()`, `emitWithAck()`), for both adapters.
//!
//! Classic adapter (`@socket.io/redis-adapter` `createAdapter`): the request
//! goes to `<prefix>-request#<nsp>#` (REMOTE_FETCH 5 as JSON, BROADCAST 7 as
//! msgpack); every server answers on `<prefix>-response#<nsp>#`, or on
//! `<prefix>-response#<nsp>#<uid>#` when it runs with
//! `publishOnSpecificResponseChannel`: the emitter listens on both.
//! REMOTE_FETCH answers are `{requestId, sockets}` (JSON); a broadcast with
//! ack is answered by one BROADCAST_CLIENT_COUNT (8, JSON) per server and
//! one BROADCAST_ACK (9, msgpack) per client ack.
//!
//! Sharded adapter (`createShardedAdapter`, socket.io-adapter's cluster
//! adapter): the request is a `ClusterMessage` (FETCH_SOCKETS 7, or BROADCAST 3
//! with a `requestId`) on `<prefix>#<nsp>#`; answers go to
//! `<prefix>#<nsp>#<requester uid>#` as FETCH_SOCKETS_RESPONSE (8),
//! BROADCAST_CLIENT_COUNT (11) and BROADCAST_ACK (12), JSON or msgpack.
//! The requester uid stays `"emitter"`: a cluster-adapter server counts every
//! other uid it hears as one more server (its `serverCount()` would then wait
//! for a server that does not exist), so PHP workers share the response
//! channel and tell their answers apart by the random `requestId`.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::protocol::{check_msgpack, encode_msgpack, EncodeError, EventArgs, EventList, FullOpts, Limits, Target, EMITTER_UID, EVENT_PACKET_TYPE};

/// What a round trip asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `fetchSockets()`: every server answers with its matching sockets.
    FetchSockets,
    /// `emitWithAck()`: every server says how many clients it sent to, then each client acks.
    EmitWithAck,
}

/// A fresh request id: 128 random bits from the OS, as 32 hex digits. Never
/// derived from a seed kept in the process, so forked workers never repeat one.
pub fn request_id() -> Result<String, String> {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 16];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| "the operating system gave no random bytes for the request id".to_owned())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// `<prefix>-response#<nsp>#` and `<prefix>-response#<nsp>#emitter#` (classic).
pub fn classic_response_channels(prefix: &str, nsp: &str) -> [String; 2] {
    let common = format!("{prefix}-response#{nsp}#");
    let specific = format!("{common}{EMITTER_UID}#");
    [common, specific]
}

/// `<prefix>#<nsp>#`: where the sharded servers take requests.
pub fn sharded_request_channel(prefix: &str, nsp: &str) -> String {
    format!("{prefix}#{nsp}#")
}

/// `<prefix>#<nsp>#emitter#`: where the sharded servers answer the emitter.
pub fn sharded_response_channel(prefix: &str, nsp: &str) -> String {
    format!("{prefix}#{nsp}#{EMITTER_UID}#")
}

/// `{"rooms":[...],"except":[...]}`.
struct RoomsOpts<'a>(&'a Target);

impl Serialize for RoomsOpts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("rooms", &self.0.rooms)?;
        map.serialize_entry("except", &self.0.except)?;
        map.end()
    }
}


/// `{type: 2, data: [event, ...args], nsp}`.
struct ClassicPacket<'a, A: ?Sized> {
    nsp: &'a str,
    list: EventList<'a, A>,
}

impl<A: EventArgs + ?Sized> Serialize for ClassicPacket<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("type", &EVENT_PACKET_TYPE)?;
        map.serialize_entry("data", &self.list)?;
        map.serialize_entry("nsp", self.nsp)?;
        map.end()
    }
}

/// The classic BROADCAST (7) request: `{uid, requestId, type, packet, opts}`.
struct ClassicBroadcast<'a, A: ?Sized> {
    target: &'a Target,
    request_id: &'a str,
    event: &'a str,
    args: &'a A,
}

impl<A: EventArgs + ?Sized> Serialize for ClassicBroadcast<'_, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("uid", EMITTER_UID)?;
        map.serialize_entry("requestId", self.request_id)?;
        map.serialize_entry("type", &7u8)?;
        map.serialize_entry(
            "packet",
            &ClassicPacket {
                nsp: &self.target.nsp,
                list: EventList { event: self.event, args: self.args },
            },
        )?;
        map.serialize_entry("opts", &FullOpts(self.target))?;
        map.end()
    }
}

/// The classic REMOTE_FETCH (5) request as JSON.
pub fn classic_fetch_request(target: &Target, request_id: &str) -> Vec<u8> {
    struct Fetch<'a>(&'a Target, &'a str);
    impl Serialize for Fetch<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(4))?;
            map.serialize_entry("uid", EMITTER_UID)?;
            map.serialize_entry("requestId", self.1)?;
            map.serialize_entry("type", &5u8)?;
            map.serialize_entry("opts", &RoomsOpts(self.0))?;
            map.end()
        }
    }
    serde_json::to_vec(&Fetch(target, request_id)).unwrap_or_default()
}

/// The classic BROADCAST (7) request with ack, msgpack (the adapter decodes
/// a request not starting with `{` as msgpack).
pub fn classic_ack_request<A: EventArgs + ?Sized>(
    out: &mut Vec<u8>,
    target: &Target,
    request_id: &str,
    event: &str,
    args: &A,
    limits: Limits,
) -> Result<(), EncodeError> {
    let start = out.len();
    encode_msgpack(out, &ClassicBroadcast { target, request_id, event, args }, limits.max_payload)?;
    let bins = check_msgpack(out.get(start..).unwrap_or_default()).map_err(EncodeError::Malformed)?;
    if limits.max_attachments != 0 && bins > limits.max_attachments {
        return Err(EncodeError::TooManyAttachments {
            limit: limits.max_attachments,
            count: bins,
        });
    }
    Ok(())
}

/// A value the servers sent back (socket data, handshakes, ack arguments),
/// decoded from JSON or msgpack. Maps keep their order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A Buffer: msgpack bin, or JSON `{"type":"Buffer","data":[bytes]}`.
    Bin(Vec<u8>),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 && f.is_finite() => Some(*f as i64),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// JSON's form of a Node Buffer (`Buffer.prototype.toJSON`), as bytes.
    fn json_buffer(entries: &[(String, Value)]) -> Option<Vec<u8>> {
        let [(k1, Value::Str(kind)), (k2, Value::List(data))] = entries else { return None };
        if k1 != "type" || kind != "Buffer" || k2 != "data" {
            return None;
        }
        data.iter().map(|b| b.as_int().and_then(|b| u8::try_from(b).ok())).collect()
    }
}

/// Deepest nesting decoded (deeper answers are refused, not recursed into).
const MAX_DEPTH: usize = 128;

struct ValueVisitor(usize);

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON or msgpack value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Bin(v.to_vec()))
    }
    fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Value, E> {
        Ok(Value::Bin(v))
    }
    /// A msgpack ext (rmp gives it as a newtype of `[type, bytes]`): a
    /// timestamp (type -1, a JS Date to notepack) becomes the string
    /// `JSON.stringify` writes for that Date; other types stay `[type, bytes]`
    /// as notepack decodes them.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        let inner = d.deserialize_any(ValueVisitor(self.0))?;
        if let Value::List(parts) = &inner {
            if let [Value::Int(-1), Value::Bin(data)] = parts.as_slice() {
                if let Some(date) = timestamp_text(data) {
                    return Ok(Value::Str(date));
                }
            }
        }
        Ok(inner)
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Value, S::Error> {
        if self.0 >= MAX_DEPTH {
            return Err(de::Error::custom("nested too deeply"));
        }
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element_seed(Seed(self.0 + 1))? {
            list.push(v);
        }
        Ok(Value::List(list))
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Value, M::Error> {
        if self.0 >= MAX_DEPTH {
            return Err(de::Error::custom("nested too deeply"));
        }
        let mut entries: Vec<(String, Value)> = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = map.next_key_seed(Seed(self.0 + 1))? {
            let key = match key {
                Value::Str(s) => s,
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Null => "null".to_owned(),
                _ => return Err(de::Error::custom("map key is not a string")),
            };
            let value = map.next_value_seed(Seed(self.0 + 1))?;
            // JS objects keep one value per key: the last one.
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key, value)),
            }
        }
        Ok(match Value::json_buffer(&entries) {
            Some(bytes) => Value::Bin(bytes),
            None => Value::Map(entries),
        })
    }
}

/// The msgpack timestamp extension (32, 64 or 96 bits) → `Date.prototype.toJSON()` text.
fn timestamp_text(data: &[u8]) -> Option<String> {
    let (secs, nanos): (i64, u32) = match data.len() {
        4 => (i64::from(u32::from_be_bytes(data.try_into().ok()?)), 0),
        8 => {
            let v = u64::from_be_bytes(data.try_into().ok()?);
            (i64::try_from(v & 0x3_ffff_ffff).ok()?, u32::try_from(v >> 34).ok()?)
        }
        12 => (
            i64::from_be_bytes(data.get(4..12)?.try_into().ok()?),
            u32::from_be_bytes(data.get(..4)?.try_into().ok()?),
        ),
        _ => return None,
    };
    super::js_date::from_unix_micros(&format!("{secs}.{:06}", nanos / 1000)).ok()
}

struct Seed(usize);

impl<'de> de::DeserializeSeed<'de> for Seed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor(self.0))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor(0))
    }
}

/// Decodes an answer: JSON when it starts with `{`, msgpack otherwise (as the adapters decide).
pub fn decode(bytes: &[u8]) -> Result<Value, String> {
    if bytes.first() == Some(&b'{') {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    } else {
        // Exactly one value, nothing after it (as notepack decodes).
        check_msgpack(bytes)?;
        let mut de = rmp_serde::Deserializer::from_read_ref(bytes);
        let value = Value::deserialize(&mut de).map_err(|e| e.to_string())?;
        Ok(value)
    }
}

/// One answer to one of our requests.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// One server's sockets (each a map: id, handshake, rooms, data).
    Sockets(Vec<Value>),
    /// How many clients one server sent the event to.
    ClientCount(u64),
    /// One client's ack argument.
    Ack(Value),
}

/// Reads an answer to `request_id` out of a message from a response channel;
/// `None` for anything else (another request's, another type, undecodable).
pub fn parse_answer(bytes: &[u8], sharded: bool, kind: Kind, request_id: &str) -> Option<Answer> {
    let message = decode(bytes).ok()?;
    let (kind_code, body) = if sharded {
        (message.get("type")?.as_int()?, message.get("data")?)
    } else {
        // The classic REMOTE_FETCH answer has no type.
        (message.get("type").and_then(Value::as_int).unwrap_or(5), &message)
    };
    if body.get("requestId")?.as_str()? != request_id {
        return None;
    }
    let (sockets, count, ack) = if sharded { (8, 11, 12) } else { (5, 8, 9) };
    match kind {
        Kind::FetchSockets if kind_code == sockets => match body.get("sockets")? {
            Value::List(list) => Some(Answer::Sockets(list.clone())),
            _ => None,
        },
        Kind::EmitWithAck if kind_code == count => body.get("clientCount")?.as_int().map(|n| Answer::ClientCount(n.max(0).unsigned_abs())),
        Kind::EmitWithAck if kind_code == ack => Some(Answer::Ack(body.get("packet").cloned().unwrap_or(Value::Null))),
        _ => None,
    }
}

/// What arrived so far for one request, and whether it is complete.
#[derive(Debug)]
pub struct Collector {
    pub kind: Kind,
    /// Servers that received the request (the request channel's subscribers).
    pub servers: u64,
    /// Servers that answered (sockets or client count).
    pub answered: u64,
    /// Acks announced by the client counts so far.
    pub acks_expected: u64,
    pub sockets: Vec<Value>,
    pub acks: Vec<Value>,
}

impl Collector {
    pub fn new(kind: Kind, servers: u64) -> Collector {
        Collector {
            kind,
            servers,
            answered: 0,
            acks_expected: 0,
            sockets: Vec::new(),
            acks: Vec::new(),
        }
    }

    pub fn absorb(&mut self, answer: Answer) {
        match answer {
            Answer::Sockets(sockets) => {
                self.answered += 1;
                self.sockets.extend(sockets);
            }
            Answer::ClientCount(n) => {
                self.answered += 1;
                self.acks_expected += n;
            }
            Answer::Ack(value) => self.acks.push(value),
        }
    }

    /// Every server answered and, for acks, every announced ack arrived.
    pub fn complete(&self) -> bool {
        self.answered >= self.servers && (self.kind == Kind::FetchSockets || self.acks.len() as u64 >= self.acks_expected)
    }

    /// What the timeout message says was missing.
    pub fn shortfall(&self) -> String {
        let servers = format!("{} of {} Socket.IO servers answered", self.answered.min(self.servers), self.servers);
        match self.kind {
            Kind::FetchSockets => servers,
            Kind::EmitWithAck => format!(
                "{servers}; {} of {} client acknowledgements arrived",
                self.acks.len(),
                self.acks_expected.max(self.acks.len() as u64)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(rooms: &[&str], except: &[&str]) -> Target {
        let mut t = Target::new("/admin");
        for r in rooms {
            t.rooms.insert((*r).to_owned());
        }
        for r in except {
            t.except.insert((*r).to_owned());
        }
        t
    }

    #[test]
    fn request_ids_are_random_hex() {
        let a = request_id().unwrap();
        let b = request_id().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn classic_fetch_request_bytes() {
        let bytes = classic_fetch_request(&target(&["team:1"], &["x"]), "abc");
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"{"uid":"emitter","requestId":"abc","type":5,"opts":{"rooms":["team:1"],"except":["x"]}}"#
        );
    }

    #[test]
    fn classic_ack_request_decodes_as_the_adapter_reads_it() {
        let mut out = Vec::new();
        classic_ack_request(&mut out, &target(&["r"], &[]), "id1", "ping", &[42][..], Limits { max_payload: 0, max_attachments: 0 }).unwrap();
        assert_ne!(out.first(), Some(&b'{'));
        let v = decode(&out).unwrap();
        assert_eq!(v.get("uid"), Some(&Value::Str("emitter".into())));
        assert_eq!(v.get("requestId"), Some(&Value::Str("id1".into())));
        assert_eq!(v.get("type"), Some(&Value::Int(7)));
        let packet = v.get("packet").unwrap();
        assert_eq!(packet.get("data"), Some(&Value::List(vec![Value::Str("ping".into()), Value::Int(42)])));
        assert_eq!(packet.get("nsp"), Some(&Value::Str("/admin".into())));
        assert_eq!(v.get("opts").unwrap().get("rooms"), Some(&Value::List(vec![Value::Str("r".into())])));
        let mut small = Vec::new();
        let err = classic_ack_request(&mut small, &target(&[], &[]), "id", "e", &["x".repeat(100)][..], Limits { max_payload: 50, max_attachments: 0 });
        assert!(err.is_err());
    }

    #[test]
    fn sharded_requests_are_cluster_messages() {
        use crate::core::sharded::{encode, Message};
        let limits = Limits { max_payload: 0, max_attachments: 0 };
        let mut out = Vec::new();
        encode::<[u8]>(&mut out, &target(&["team:1"], &["x"]), &Message::FetchSockets { request_id: "abc" }, limits).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"type":7,"data":{"opts":{"rooms":["team:1"],"except":["x"],"flags":{}},"requestId":"abc"},"uid":"emitter","nsp":"/admin"}"#
        );
        let mut out = Vec::new();
        encode(&mut out, &target(&[], &[]), &Message::BroadcastWithAck { event: "ping", args: &[42][..], request_id: "abc" }, limits).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"type":3,"data":{"packet":{"type":2,"data":["ping",42]},"requestId":"abc","opts":{"rooms":[],"except":[],"flags":{}}},"uid":"emitter","nsp":"/admin"}"#
        );
        // Only a plain broadcast may use a room's channel: the request goes to the namespace's.
        let mode = crate::core::sharded::SubscriptionMode::DynamicPrivate;
        let message: Message<'_, [u8]> = Message::BroadcastWithAck { event: "e", args: &[][..], request_id: "r" };
        assert_eq!(crate::core::sharded::channel("socket.io", &target(&["team:1"], &[]), mode, &message), "socket.io#/admin#");
    }

    #[test]
    fn classic_answers() {
        let fetch = br#"{"requestId":"r1","sockets":[{"id":"a","handshake":{"auth":{"u":1}},"rooms":["a","team:1"],"data":{"b":{"type":"Buffer","data":[1,2,255]}}}]}"#;
        let Some(Answer::Sockets(sockets)) = parse_answer(fetch, false, Kind::FetchSockets, "r1") else { panic!() };
        assert_eq!(sockets.len(), 1);
        assert_eq!(sockets[0].get("data").unwrap().get("b"), Some(&Value::Bin(vec![1, 2, 255])));
        assert_eq!(parse_answer(fetch, false, Kind::FetchSockets, "other"), None);
        assert_eq!(parse_answer(fetch, false, Kind::EmitWithAck, "r1"), None);
        let count = br#"{"type":8,"requestId":"r1","clientCount":3}"#;
        assert_eq!(parse_answer(count, false, Kind::EmitWithAck, "r1"), Some(Answer::ClientCount(3)));
        // msgpack {type: 9, requestId: "r1", packet: <bin 01 02>}
        let ack = [0x83, 0xa4, b't', b'y', b'p', b'e', 0x09, 0xa9, b'r', b'e', b'q', b'u', b'e', b's', b't', b'I', b'd', 0xa2, b'r', b'1', 0xa6, b'p', b'a', b'c', b'k', b'e', b't', 0xc4, 0x02, 0x01, 0x02];
        assert_eq!(parse_answer(&ack, false, Kind::EmitWithAck, "r1"), Some(Answer::Ack(Value::Bin(vec![1, 2]))));
        assert_eq!(parse_answer(b"\xc1", false, Kind::EmitWithAck, "r1"), None);
        assert_eq!(parse_answer(b"{nope", false, Kind::EmitWithAck, "r1"), None);
    }

    #[test]
    fn sharded_answers() {
        let fetch = br#"{"type":8,"data":{"requestId":"r1","sockets":[{"id":"a"}]},"uid":"s1","nsp":"/"}"#;
        assert!(matches!(parse_answer(fetch, true, Kind::FetchSockets, "r1"), Some(Answer::Sockets(s)) if s.len() == 1));
        let count = br#"{"type":11,"data":{"requestId":"r1","clientCount":2},"uid":"s1","nsp":"/"}"#;
        assert_eq!(parse_answer(count, true, Kind::EmitWithAck, "r1"), Some(Answer::ClientCount(2)));
        let ack = br#"{"type":12,"data":{"requestId":"r1","packet":"pong"},"uid":"s1","nsp":"/"}"#;
        assert_eq!(parse_answer(ack, true, Kind::EmitWithAck, "r1"), Some(Answer::Ack(Value::Str("pong".into()))));
        // The classic shape is not a sharded answer.
        assert_eq!(parse_answer(br#"{"type":8,"requestId":"r1","clientCount":3}"#, true, Kind::EmitWithAck, "r1"), None);
    }

    #[test]
    fn collector_completes_on_every_server_and_every_ack() {
        let mut c = Collector::new(Kind::EmitWithAck, 2);
        c.absorb(Answer::ClientCount(1));
        assert!(!c.complete());
        c.absorb(Answer::ClientCount(1));
        assert!(!c.complete());
        c.absorb(Answer::Ack(Value::Int(1)));
        assert!(!c.complete());
        assert_eq!(c.shortfall(), "2 of 2 Socket.IO servers answered; 1 of 2 client acknowledgements arrived");
        c.absorb(Answer::Ack(Value::Int(2)));
        assert!(c.complete());
        let mut f = Collector::new(Kind::FetchSockets, 2);
        f.absorb(Answer::Sockets(vec![]));
        assert!(!f.complete());
        assert_eq!(f.shortfall(), "1 of 2 Socket.IO servers answered");
        f.absorb(Answer::Sockets(vec![Value::Null]));
        assert!(f.complete());
        assert!(Collector::new(Kind::FetchSockets, 0).complete());
    }

    #[test]
    fn values_keep_order_and_types() {
        let v = decode(br#"{"z":1,"a":[true,null,1.5,-3,"s"],"big":18446744073709551615}"#).unwrap();
        let Value::Map(entries) = &v else { panic!() };
        assert_eq!(entries[0].0, "z");
        assert_eq!(entries[1].1, Value::List(vec![Value::Bool(true), Value::Null, Value::Float(1.5), Value::Int(-3), Value::Str("s".into())]));
        assert!(matches!(entries[2].1, Value::Float(_)));
        let deep = r#"{"a":"#.repeat(200) + "1" + &"}".repeat(200);
        assert!(decode(deep.as_bytes()).is_err());
        let deep_msgpack = [vec![0x91u8; 200], vec![0xc0]].concat();
        assert!(decode(&deep_msgpack).is_err());
        // Trailing bytes: not one value.
        assert!(decode(&[0x01, 0x02]).is_err());
        // msgpack timestamps (notepack's Date) → the Date's JSON text; other ext types stay [type, bytes].
        assert_eq!(decode(&[0xd6, 0xff, 0, 0, 0, 1]).unwrap(), Value::Str("1970-01-01T00:00:01.000Z".into()));
        let ts64 = ((123_000_000u64) << 34) | 86_400;
        assert_eq!(decode(&[&[0xd7, 0xff][..], &ts64.to_be_bytes()].concat()).unwrap(), Value::Str("1970-01-02T00:00:00.123Z".into()));
        assert_eq!(decode(&[0xd4, 0x05, 0x07]).unwrap(), Value::List(vec![Value::Int(5), Value::Bin(vec![7])]));
        // msgpack: a map with an int key, a nested array.
        assert_eq!(decode(&[0x81, 0x01, 0x91, 0xc0]).unwrap(), Value::Map(vec![("1".into(), Value::List(vec![Value::Null]))]));
    }
}
