//! One operation of the PHP API (emit, socketsJoin, ...) → what to send for
//! the adapter the Socket.IO servers run: the command, the channel and the
//! payload. Each adapter's wire rules live in its own module (`protocol` for
//! the classic adapter, `sharded`); this is the one place that chooses.

use super::config::Adapter;
use super::protocol::{self, EncodeError, EventArgs, Limits, Request, RoomSet, Target};
use super::sharded::{self, Message};

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

/// The command to send: `PUBLISH` or, sharded, `SPUBLISH` on `channel`.
#[derive(Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub channel: String,
    pub sharded: bool,
}

/// Encodes `op` for `adapter` into `out` (the payload) and says where it goes.
/// On error `out` may hold a partial payload: never publish it.
pub fn encode<A: EventArgs + ?Sized>(
    adapter: Adapter,
    prefix: &str,
    target: &Target,
    op: &Operation<'_, A>,
    limits: Limits,
    out: &mut Vec<u8>,
) -> Result<Outgoing, EncodeError> {
    match adapter {
        Adapter::Classic => {
            let request = match op {
                Operation::Emit { event, args } => {
                    protocol::encode_broadcast(out, target, event, *args, limits)?;
                    return Ok(Outgoing {
                        channel: protocol::broadcast_channel(prefix, target),
                        sharded: false,
                    });
                }
                Operation::SocketsJoin(rooms) => Request::SocketsJoin(rooms),
                Operation::SocketsLeave(rooms) => Request::SocketsLeave(rooms),
                Operation::DisconnectSockets { close } => Request::DisconnectSockets { close: *close },
                Operation::ServerSideEmit { event, args } => Request::ServerSideEmit { event, args: *args },
            };
            protocol::encode_request(out, target, &request, limits.max_payload)?;
            Ok(Outgoing {
                channel: protocol::request_channel(prefix, &target.nsp),
                sharded: false,
            })
        }
        Adapter::Sharded(mode) => {
            let message = match op {
                Operation::Emit { event, args } => Message::Broadcast { event, args: *args },
                Operation::SocketsJoin(rooms) => Message::SocketsJoin(rooms),
                Operation::SocketsLeave(rooms) => Message::SocketsLeave(rooms),
                Operation::DisconnectSockets { close } => Message::DisconnectSockets { close: *close },
                Operation::ServerSideEmit { event, args } => Message::ServerSideEmit { event, args: *args },
            };
            sharded::encode(out, target, &message, limits)?;
            Ok(Outgoing {
                channel: sharded::channel(prefix, target, mode, &message),
                sharded: true,
            })
        }
    }
}
