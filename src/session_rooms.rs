//! PHP class `SocketIO\SessionRooms`: the PHP app, which owns the session,
//! decides which rooms a logged-in user's sockets are in.
//!
//! Rooms are stored per session in Redis (so sockets that connect later get
//! them from the Node middleware) and applied live with `socketsJoin`/
//! `socketsLeave` on the session's own room (so sockets already connected get
//! them now). Names are derived with an HMAC (core::session): no raw session id
//! ever reaches Redis or a room list.

// PHP parameter names (named arguments) are the Rust ones: `$sessionId`.
#![allow(non_snake_case)]

use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};

use crate::core::cluster::Route;
use crate::core::config::numeric_string;
use crate::core::protocol::RoomSet;
use crate::core::reply::Reply;
use crate::core::connection::{push_bulk, Command};
use crate::core::session::{rooms_key, session_hex, session_key, session_room, MIN_SECRET_LEN};
use crate::emitter::{option_key, room_names, Emitter, SocketsOp};
use crate::errors::{EmitterError, EmitterResult};
use crate::ini;
use crate::params::{BoolParam, Param, StrParam};

const DEFAULT_TTL_SECS: i64 = 86_400;
const MAX_TTL_SECS: i64 = 10 * 365 * 86_400;

#[php_class]
#[php(name = "SocketIO\\SessionRooms")]
#[php(flags = ClassFlags::Final)]
pub struct SessionRooms {
    emitter: Emitter,
    /// The HMAC key of the secret, set up once (not per call).
    key: ring::hmac::Key,
    ttl_secs: i64,
}

/// One session's derived names.
struct Session {
    room: String,
    key: String,
}

impl SessionRooms {
    fn session(&self, method: &'static str, session_id: StrParam) -> EmitterResult<Session> {
        let session_id = session_id.bytes(&Param { function: method, position: 1, name: "sessionId" })?;
        if session_id.is_empty() {
            return Err(EmitterError::Invalid(format!(
                "{method}(): Argument #1 ($sessionId) must not be empty"
            )));
        }
        let hex = session_hex(&self.key, session_id);
        let hash = hex.as_str();
        Ok(Session {
            room: session_room(hash),
            key: rooms_key(&self.emitter.config().prefix, hash),
        })
    }

    /// The session's sockets, on every Socket.IO server of the emitter's namespace.
    fn sockets_of(&self, session: &Session) -> Emitter {
        self.emitter.in_rooms(std::slice::from_ref(&session.room))
    }

    fn stored_rooms(&self, session: &Session) -> PhpResult<Option<Vec<String>>> {
        let members = self.emitter.with_redis(Route::key(session.key.as_bytes()), |conn| conn.call(redis::cmd("SMEMBERS").arg(&session.key)))?;
        Ok(members.map(room_list))
    }
}

/// What `join()` stores before the live update, packed by hand: a `redis::Cmd`
/// (its argument vectors, an i64 formatted through a String) cost more than
/// the command's bytes.
enum Store<'a> {
    /// `SADD key room...`
    Add { key: &'a str, rooms: &'a RoomSet },
    /// `EXPIRE key seconds`
    Expire { key: &'a str, secs: i64 },
}

impl Command for Store<'_> {
    fn pack(&self, out: &mut Vec<u8>) {
        let mut number = itoa::Buffer::new();
        match self {
            Store::Add { key, rooms } => {
                let rooms = rooms.as_slice();
                out.push(b'*');
                out.extend_from_slice(number.format(rooms.len() + 2).as_bytes());
                out.extend_from_slice(b"\r\n$4\r\nSADD\r\n");
                push_bulk(out, key.as_bytes());
                for room in rooms {
                    push_bulk(out, room.as_bytes());
                }
            }
            Store::Expire { key, secs } => {
                out.extend_from_slice(b"*3\r\n$6\r\nEXPIRE\r\n");
                push_bulk(out, key.as_bytes());
                push_bulk(out, number.format(*secs).as_bytes());
            }
        }
    }
}

/// A SMEMBERS reply → room names, sorted.
fn room_list(members: Reply) -> Vec<String> {
    let mut rooms: Vec<String> = match members {
        Reply::Array(Some(items)) => items
            .into_iter()
            .filter_map(|item| match item {
                Reply::Bulk(Some(bytes)) => String::from_utf8(bytes).ok(),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    rooms.sort();
    rooms
}

#[php_impl]
impl SessionRooms {
    /// `$options`: `secret` (at least 16 bytes; default ini `socketio_emitter.session_secret`),
    /// `ttl` (seconds the stored rooms live after the last `join()`, default 86400).
    pub fn __construct(emitter: &Emitter, options: Option<&ZendHashTable>) -> PhpResult<Self> {
        crate::emitter::refuse_second_construct::<SessionRooms>("SocketIO\\SessionRooms")?;
        let mut secret = ini::read(ini::SESSION_SECRET).unwrap_or_default().into_bytes();
        let mut ttl_secs = DEFAULT_TTL_SECS;
        if let Some(options) = options {
            crate::value::for_each_entry(options, |key, value| {
                let value = value.dereference();
                match option_key(key, "secret, ttl").map_err(|e| match e {
                    EmitterError::Invalid(msg) => EmitterError::Invalid(format!("SocketIO\\SessionRooms: {msg}")),
                    other => other,
                })?
                .as_str()
                {
                    "secret" => {
                        secret = value
                            .zend_str()
                            .map(|s| s.as_bytes().to_vec())
                            .ok_or_else(|| EmitterError::Invalid("SocketIO\\SessionRooms: option 'secret' must be a string".into()))?;
                    }
                    "ttl" => {
                        // '3600' from an environment variable means 3600, as for the Emitter's numbers.
                        let numeric = || value.str().and_then(numeric_string).filter(|n| n.fract() == 0.0 && n.abs() <= 1e18).map(|n| n as i64);
                        ttl_secs = value
                            .long()
                            .or_else(numeric)
                            .filter(|t| (1..=MAX_TTL_SECS).contains(t))
                            .ok_or_else(|| {
                                EmitterError::Invalid(format!("SocketIO\\SessionRooms: option 'ttl' must be an int of seconds between 1 and {MAX_TTL_SECS}"))
                            })?;
                    }
                    other => {
                        return Err(EmitterError::Invalid(format!(
                            "SocketIO\\SessionRooms: unknown option '{other}' (known options: secret, ttl)"
                        )))
                    }
                }
                Ok::<(), EmitterError>(())
            })?;
        }
        if secret.len() < MIN_SECRET_LEN {
            return Err(EmitterError::Invalid(format!(
                "SocketIO\\SessionRooms needs a secret of at least {MIN_SECRET_LEN} bytes: set the 'secret' option or socketio_emitter.session_secret (the same secret as the Node middleware)"
            ))
            .into());
        }
        Ok(SessionRooms {
            emitter: emitter.clone(),
            key: session_key(&secret),
            ttl_secs,
        })
    }

    /// The room all sockets of this session join: `session:<hmac>`, never the raw id.
    #[php(name = "roomOf")]
    pub fn room_of(&self, sessionId: StrParam) -> PhpResult<String> {
        Ok(self.session("SocketIO\\SessionRooms::roomOf", sessionId)?.room)
    }

    /// Adds rooms to the session: stored (for sockets that connect later) and
    /// joined now by the session's connected sockets.
    pub fn join(&self, sessionId: StrParam, rooms: &Zval) -> PhpResult<()> {
        // One budget for the whole call (store + live update), not one per operation.
        crate::core::pool::within_one_budget(self.emitter.config(), || {
            let mut session = self.session("SocketIO\\SessionRooms::join", sessionId)?;
            let rooms: RoomSet = room_names("SocketIO\\SessionRooms::join", 2, rooms)?.into_iter().collect();
            if rooms.is_empty() {
                return Ok(());
            }
            let store = [
                Store::Add { key: &session.key, rooms: &rooms },
                Store::Expire { key: &session.key, secs: self.ttl_secs },
            ];
            let route = Route::key(session.key.as_bytes());
            // One round trip when the set and the join request reach the same server.
            match self.emitter.operate_after_in(std::mem::take(&mut session.room), route, &store, &SocketsOp::SocketsJoin(&rooms)) {
                Ok(done) => return done,
                Err(room) => session.room = room,
            }
            let stored = self.emitter.with_redis(route, |conn| conn.pipeline(&store))?;
            if stored.is_some() {
                self.sockets_of(&session).operate(&SocketsOp::SocketsJoin(&rooms))?;
            }
            Ok(())
        })
    }

    /// Removes rooms from the session, stored and live.
    pub fn leave(&self, sessionId: StrParam, rooms: &Zval) -> PhpResult<()> {
        // One budget for the whole call (store + live update), not one per operation.
        crate::core::pool::within_one_budget(self.emitter.config(), || {
            let session = self.session("SocketIO\\SessionRooms::leave", sessionId)?;
            let rooms: RoomSet = room_names("SocketIO\\SessionRooms::leave", 2, rooms)?.into_iter().collect();
            if rooms.is_empty() {
                return Ok(());
            }
            let removed = self.emitter.with_redis(Route::key(session.key.as_bytes()), |conn| conn.call(redis::cmd("SREM").arg(&session.key).arg(rooms.as_slice())))?;
            if removed.is_some() {
                self.sockets_of(&session).operate(&SocketsOp::SocketsLeave(&rooms))?;
            }
            Ok(())
        })
    }

    /// The session's stored rooms, sorted.
    pub fn rooms(&self, sessionId: StrParam) -> PhpResult<Vec<String>> {
        let session = self.session("SocketIO\\SessionRooms::rooms", sessionId)?;
        Ok(self.stored_rooms(&session)?.unwrap_or_default())
    }

    /// Logout: forgets the stored rooms, makes the session's sockets leave them
    /// and, with `$disconnect`, disconnects those sockets (closing their connection).
    #[php(defaults(disconnect = false))]
    pub fn forget(&self, sessionId: StrParam, disconnect: BoolParam) -> PhpResult<()> {
        let disconnect = disconnect.get(&Param { function: "SocketIO\\SessionRooms::forget", position: 2, name: "disconnect" })?;
        // One budget for the whole call (store + live update), not one per operation.
        crate::core::pool::within_one_budget(self.emitter.config(), || {
            let session = self.session("SocketIO\\SessionRooms::forget", sessionId)?;
            // SMEMBERS + DEL in one MULTI: a join() landing between them would
            // otherwise be deleted from the store without its sockets leaving.
            let replies = self.emitter.with_redis(Route::key(session.key.as_bytes()), |conn| {
                conn.pipeline(&[
                    redis::cmd("MULTI"),
                    redis::cmd("SMEMBERS").arg(&session.key).clone(),
                    redis::cmd("DEL").arg(&session.key).clone(),
                    redis::cmd("EXEC"),
                ])
            })?;
            let Some(replies) = replies else { return Ok(()) };
            let rooms = match replies.into_iter().nth(3) {
                Some(Reply::Array(Some(mut results))) if !results.is_empty() => room_list(results.swap_remove(0)),
                _ => Vec::new(),
            };
            let sockets = self.sockets_of(&session);
            if !rooms.is_empty() {
                let rooms: RoomSet = rooms.into_iter().collect();
                sockets.operate(&SocketsOp::SocketsLeave(&rooms))?;
            }
            if disconnect {
                sockets.operate(&SocketsOp::DisconnectSockets { close: true })?;
            }
            Ok(())
        })
    }
}
