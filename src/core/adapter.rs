//! One operation of the PHP API (emit, socketsJoin, ...) → what to send for
//! the adapter the Socket.IO servers run: the command, the channel and the
//! payload. Each adapter's wire rules live in its own module (`protocol` for
//! the classic adapter, `sharded`); this is the one place that chooses.

use super::config::{Adapter, Config, SocketIoVersion};
use super::connection::Verb;
use super::protocol::{self, EncodeError, EventArgs, Limits, Request, RoomSet, Target};
use super::sharded::{self, Message};
use super::streams;

/// What the PHP API asks of the Socket.IO servers.
pub enum Operation<'a, A: ?Sized> {
    /// `emit(event, ...args)` to the targeted sockets.
    Emit { event: &'a str, args: &'a A },
    /// `socketsJoin(rooms)`.
    SocketsJoin(&'a RoomSet),
    /// `socketsLeave(rooms)`.
    SocketsLeave(&'a RoomSet),
    /// `disconnectSockets(close)`.
    DisconnectSockets { close: bool },
    /// `serverSideEmit(event, ...args)`: to the servers; rooms do not apply.
    ServerSideEmit { event: &'a str, args: &'a A },
}

impl<A: ?Sized> Operation<'_, A> {
    /// Whether the operation is for the targeted sockets (nothing is sent when
    /// `to([])` left no room), as opposed to the servers themselves.
    pub fn is_for_sockets(&self) -> bool {
        !matches!(self, Operation::ServerSideEmit { .. })
    }
}

/// Where an operation goes: the command, and its channel or stream.
#[derive(Debug, PartialEq, Eq)]
pub struct Destination {
    pub verb: Verb,
    /// The channel (PUBLISH, SPUBLISH) or the stream (XADD).
    pub key: String,
}

/// Refuses what the servers' Socket.IO version cannot do: socket.io-redis 5
/// (socket.io 2) reads `except` as socket ids and has none of the room-wide
/// remote operations; socket.io-redis 6 (socket.io 3) has no serverSideEmit.
/// Sending them would be silently ignored by every server.
fn check_version<A: ?Sized>(version: SocketIoVersion, target: &Target, op: &Operation<'_, A>) -> Result<(), EncodeError> {
    let refused = match (version, op) {
        (SocketIoVersion::V2, Operation::Emit { .. }) if !target.except.is_empty() => Some((
            "except()",
            "socket.io-redis 5 (socket.io 2) matches except against socket ids only, never rooms, so every socket would receive the event",
        )),
        (SocketIoVersion::V2, Operation::SocketsJoin(_)) => Some(("socketsJoin()", NO_REMOTE_OPERATIONS)),
        (SocketIoVersion::V2, Operation::SocketsLeave(_)) => Some(("socketsLeave()", NO_REMOTE_OPERATIONS)),
        (SocketIoVersion::V2, Operation::DisconnectSockets { .. }) => Some(("disconnectSockets()", NO_REMOTE_OPERATIONS)),
        (SocketIoVersion::V2 | SocketIoVersion::V3, Operation::ServerSideEmit { .. }) => Some((
            "serverSideEmit()",
            "socket.io-redis 5 and 6 (socket.io 2 and 3) have no server-side emit; it came with @socket.io/redis-adapter 7 (socket.io 4)",
        )),
        _ => None,
    };
    match refused {
        Some((what, why)) => Err(EncodeError::Value(format!(
            "{what} is not supported with socketio_version {}: {why}; nothing was sent",
            version.number()
        ))),
        None => Ok(()),
    }
}

const NO_REMOTE_OPERATIONS: &str =
    "socket.io-redis 5 (socket.io 2) has no room-wide remote operations (its requests name one socket id), so no server would act on it";

/// Encodes `op` for the servers `config` describes into `out` (the payload)
/// and says where it goes. On error `out` may hold a partial payload: never send it.
pub fn encode<A: EventArgs + ?Sized>(config: &Config, target: &Target, op: &Operation<'_, A>, limits: Limits, out: &mut Vec<u8>) -> Result<Destination, EncodeError> {
    let mut key = String::new();
    let verb = encode_into(config, target, op, limits, out, &mut key)?;
    Ok(Destination { verb, key })
}

/// [`encode`], the channel or stream written into `key` (cleared first), a
/// buffer the caller reuses: an emit then builds no string of its own.
pub fn encode_into<A: EventArgs + ?Sized>(
    config: &Config,
    target: &Target,
    op: &Operation<'_, A>,
    limits: Limits,
    out: &mut Vec<u8>,
    key: &mut String,
) -> Result<Verb, EncodeError> {
    key.clear();
    let prefix = config.prefix.as_str();
    check_version(config.socketio_version, target, op)?;
    match config.adapter {
        Adapter::Classic => {
            let request = match op {
                Operation::Emit { event, args } => {
                    let start = out.len();
                    let binaries = protocol::encode_broadcast(out, target, event, *args, limits)?;
                    if binaries > 0 && config.socketio_version == SocketIoVersion::V2 && !protocol::mark_binary_event(out, start) {
                        return Err(EncodeError::Malformed("no packet type where the envelope has it".into()));
                    }
                    protocol::write_broadcast_channel(key, prefix, target);
                    return Ok(Verb::Publish);
                }
                Operation::SocketsJoin(rooms) => Request::SocketsJoin(rooms),
                Operation::SocketsLeave(rooms) => Request::SocketsLeave(rooms),
                Operation::DisconnectSockets { close } => Request::DisconnectSockets { close: *close },
                Operation::ServerSideEmit { event, args } => Request::ServerSideEmit { event, args: *args },
            };
            protocol::encode_request(out, target, &request, limits.max_payload)?;
            key.push_str(&protocol::request_channel(prefix, &target.nsp));
            Ok(Verb::Publish)
        }
        Adapter::Sharded(mode) => {
            let message = message_of(op);
            sharded::encode(out, target, &message, limits)?;
            key.push_str(&sharded::channel(prefix, target, mode, &message));
            Ok(Verb::SPublish)
        }
        Adapter::Streams => {
            let message = message_of(op);
            if let Message::ServerSideEmit { .. } = message {
                // An ephemeral message: pub/sub, the whole message in msgpack.
                sharded::encode_msgpack_message(out, target, &message, limits)?;
                key.push_str(prefix);
                key.push('#');
                key.push_str(&target.nsp);
                key.push('#');
                return Ok(Verb::Publish);
            }
            key.push_str(&streams::stream_key(&config.streams, &target.nsp)?);
            streams::encode_data(out, target, &message, limits)?;
            Ok(Verb::XAdd {
                max_len: config.streams.max_len,
                kind: message.kind(),
            })
        }
    }
}

/// The cluster adapter's message for `op` (sharded and streams adapters).
fn message_of<'a, A: ?Sized>(op: &Operation<'a, A>) -> Message<'a, A> {
    match *op {
        Operation::Emit { event, args } => Message::Broadcast { event, args },
        Operation::SocketsJoin(rooms) => Message::SocketsJoin(rooms),
        Operation::SocketsLeave(rooms) => Message::SocketsLeave(rooms),
        Operation::DisconnectSockets { close } => Message::DisconnectSockets { close },
        Operation::ServerSideEmit { event, args } => Message::ServerSideEmit { event, args },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::{Defaults, OptionValue};

    fn config(options: &[(&str, OptionValue)]) -> Config {
        let options: Vec<(String, OptionValue)> = options.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        Config::from_options(&options, &Defaults::default()).unwrap()
    }

    #[test]
    fn socketio_2_sends_binary_events_as_type_5_and_refuses_what_socket_io_redis_5_lacks() {
        let v2 = config(&[("socketio_version", OptionValue::Int(2))]);
        let target = Target::new("/");
        let encode = |config: &Config, target: &Target, op: &Operation<'_, [serde_bytes_like::Bytes]>| {
            let mut out = Vec::new();
            encode(config, target, op, Limits::UNLIMITED, &mut out).map(|d| (d, out))
        };
        let bin = [serde_bytes_like::Bytes(vec![1, 2])];
        let (_, with_binary) = encode(&v2, &target, &Operation::Emit { event: "ev", args: &bin[..] }).unwrap();
        assert_eq!(with_binary.get(15), Some(&5), "{with_binary:02x?}");
        let (_, plain) = encode(&v2, &target, &Operation::Emit { event: "ev", args: &[][..] }).unwrap();
        assert_eq!(plain.get(15), Some(&2));
        let (_, v4) = encode(&config(&[]), &target, &Operation::Emit { event: "ev", args: &bin[..] }).unwrap();
        assert_eq!(v4.get(15), Some(&2), "type 2 for socket.io 3 and 4 (type 5 breaks their parser)");
        let mut excepted = target.clone();
        excepted.except.insert("r".into());
        let err = encode(&v2, &excepted, &Operation::Emit { event: "ev", args: &[][..] }).unwrap_err().to_string();
        assert!(err.starts_with("except() is not supported with socketio_version 2"), "{err}");
        let rooms = RoomSet::default();
        for op in [Operation::SocketsJoin(&rooms), Operation::SocketsLeave(&rooms), Operation::DisconnectSockets { close: false }, Operation::ServerSideEmit { event: "e", args: &[][..] }] {
            assert!(encode(&v2, &target, &op).is_err());
        }
        let v3 = config(&[("socketio_version", OptionValue::Int(3))]);
        assert!(encode(&v3, &target, &Operation::ServerSideEmit { event: "e", args: &[][..] }).unwrap_err().to_string().contains("socketio_version 3"));
        assert!(encode(&v3, &excepted, &Operation::SocketsJoin(&rooms)).is_ok());
    }

    /// A binary argument, as `SocketIO\Binary` serializes.
    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }
}
