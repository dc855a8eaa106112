//! PHP class `SocketIO\Emitter`: zvals in, core calls, errors out.
//!
//! Like the Node emitter's `BroadcastOperator`, every modifier returns a new
//! Emitter and never changes the one it was called on, so a base emitter can be
//! shared (e.g. as a framework service) without one call leaking rooms into the next.

use std::cell::Cell;
use std::sync::Arc;

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;

use ext_php_rs::boxed::ZBox;
use ext_php_rs::error::php_error;
use ext_php_rs::flags::ErrorType;
use ext_php_rs::types::ZendHashTable;

use crate::core::config::{Config, OnError, OptionValue};
use crate::core::pool::{self, PrivateSlot};
use crate::core::protocol::{broadcast_channel, encode_broadcast, is_reserved_event, Flag, RoomSet, Target};
use crate::errors::{EmitterError, EmitterResult};
use crate::ini;
use crate::value::{self, Args};

#[php_class]
#[php(name = "SocketIO\\Emitter")]
#[php(flags = ClassFlags::Final)]
pub struct Emitter {
    config: Arc<Config>,
    /// The connection of a `'persistent' => false` emitter, shared with the
    /// emitters derived from it; `None` uses the process pool.
    private: Option<Arc<PrivateSlot>>,
    target: Target,
}

thread_local! {
    /// Reused encode buffer. Taken (not borrowed) so a `jsonSerialize()` that
    /// itself emits gets a fresh one instead of a double borrow.
    static SCRATCH: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// Largest encode buffer kept between emits; a rare huge payload is not held forever.
const SCRATCH_KEEP: usize = 1 << 20;

impl Emitter {
    fn derive(&self, change: impl FnOnce(&mut Target)) -> Emitter {
        let mut target = self.target.clone();
        change(&mut target);
        Emitter {
            config: Arc::clone(&self.config),
            private: self.private.clone(),
            target,
        }
    }

    /// Runs one Redis operation and applies `on_error` to connection and Redis
    /// failures: throw, or warn/stay silent and return `false`. Bad input always throws.
    fn deliver(&self, op: impl FnOnce(&mut crate::core::connection::Connection) -> Result<i64, crate::core::Error>) -> PhpResult<Zval> {
        let mut retval = Zval::new();
        match pool::run(&self.config, self.private.as_deref(), op) {
            Ok(count) => retval.set_long(count),
            Err(err) => match self.config.on_error {
                OnError::Throw => return Err(EmitterError::Core(err).into()),
                OnError::Warn => {
                    // php_error_docref prefixes "SocketIO\Emitter::<method>(): " itself.
                    php_error(&ErrorType::Warning, &err.to_string());
                    retval.set_bool(false);
                }
                OnError::Silent => retval.set_bool(false),
            },
        }
        Ok(retval)
    }

    fn with_rooms(&self, method: &str, rooms: &Zval, pick: fn(&mut Target) -> &mut RoomSet) -> EmitterResult<Emitter> {
        let rooms = room_names(method, rooms)?;
        Ok(self.derive(|t| {
            let set = pick(t);
            for room in rooms {
                set.insert(room);
            }
        }))
    }

    fn publish_broadcast(&self, event: &str, args: &[&Zval]) -> PhpResult<Zval> {
        if is_reserved_event(event) {
            return Err(EmitterError::Invalid(format!("\"{event}\" is a reserved event name")).into());
        }
        let mut payload = SCRATCH.take();
        payload.clear();
        // Encode completely before touching Redis: a half-written payload on a
        // `<prefix>#...#` channel would crash every subscribed Node server.
        let result = match encode_broadcast(&mut payload, &self.target, event, &Args::of_current_call(args)) {
            Ok(()) => {
                let channel = broadcast_channel(&self.config.prefix, &self.target);
                self.deliver(|conn| conn.publish(&channel, &payload))
            }
            Err(err) => Err(encode_error(err).into()),
        };
        if payload.capacity() <= SCRATCH_KEEP {
            SCRATCH.set(payload);
        }
        result
    }
}

/// The figures of `stats()` and phpinfo, in display order.
pub fn stats_rows(s: &pool::Snapshot) -> [(&'static str, i64); 8] {
    let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    [
        ("pid", i64::from(s.pid)),
        ("connections_opened", n(s.stats.connections_opened)),
        ("reuses", n(s.stats.reuses)),
        ("reconnects", n(s.stats.reconnects)),
        ("emits", n(s.stats.emits)),
        ("failures", n(s.stats.failures)),
        ("breakers_open", n(s.breakers_open as u64)),
        ("idle_connections", n(s.idle_connections as u64)),
    ]
}

fn encode_error(err: rmp_serde::encode::Error) -> EmitterError {
    match err {
        rmp_serde::encode::Error::Syntax(msg) => EmitterError::Invalid(msg),
        other => EmitterError::Invalid(format!("cannot encode the event: {other}")),
    }
}

#[php_impl]
impl Emitter {
    /// `$options`: a DSN (`redis://[user:pass@]host[:port][/db]`, `unix:///path.sock`),
    /// an array (`dsn`, `host`, `port`, `username`, `password`, `prefix`, `timeout`,
    /// `read_timeout`), or null for the php.ini defaults. No connection is opened here.
    pub fn __construct(options: Option<&Zval>) -> PhpResult<Self> {
        let defaults = ini::defaults();
        let config = match options {
            None => Config::from_options(&[], &defaults),
            Some(zv) if zv.is_null() => Config::from_options(&[], &defaults),
            Some(zv) => match (zv.str(), zv.array()) {
                (Some(dsn), _) => Config::from_dsn(dsn, &defaults),
                (None, Some(array)) => Config::from_options(&option_pairs(array)?, &defaults),
                _ => {
                    return Err(EmitterError::Type(format!(
                        "SocketIO\\Emitter::__construct(): Argument #1 ($options) must be of type string|array|null, {} given",
                        value::type_name(zv)
                    ))
                    .into())
                }
            },
        }
        .map_err(EmitterError::from)?;
        Ok(Emitter {
            private: (!config.persistent).then(|| Arc::new(PrivateSlot::default())),
            config: Arc::new(config),
            target: Target::default(),
        })
    }

    /// A new Emitter for namespace `$nsp` (a missing leading `/` is added), with no rooms or flags.
    pub fn of(&self, nsp: BinarySlice<u8>) -> PhpResult<Emitter> {
        Ok(Emitter {
            config: Arc::clone(&self.config),
            private: self.private.clone(),
            target: Target::new(utf8_argument("of", "$nsp", &nsp)?),
        })
    }

    /// Targets sockets in these rooms (added to the rooms already targeted).
    #[php(name = "in")]
    pub fn in_(&self, rooms: &Zval) -> PhpResult<Emitter> {
        Ok(self.with_rooms("in", rooms, |t| &mut t.rooms)?)
    }

    /// Alias of `in()`.
    pub fn to(&self, rooms: &Zval) -> PhpResult<Emitter> {
        Ok(self.with_rooms("to", rooms, |t| &mut t.rooms)?)
    }

    /// Excludes sockets in these rooms.
    pub fn except(&self, rooms: &Zval) -> PhpResult<Emitter> {
        Ok(self.with_rooms("except", rooms, |t| &mut t.except)?)
    }

    /// The event may be dropped for clients that are not ready to receive it.
    pub fn volatile(&self) -> Emitter {
        self.derive(|t| t.flags.set(Flag::Volatile))
    }

    /// Whether the server compresses the event (default true on the server).
    #[php(defaults(compress = true))]
    pub fn compress(&self, compress: bool) -> Emitter {
        self.derive(|t| t.flags.set(Flag::Compress(compress)))
    }

    /// Publishes `[event, ...args]` to the targeted sockets with one PUBLISH,
    /// whatever the number of rooms. Returns `int`: how many Socket.IO servers
    /// (Redis subscribers) received it; `false` when Redis failed and `on_error`
    /// is `warn` or `silent`.
    pub fn emit(&self, event: BinarySlice<u8>, args: &[&Zval]) -> PhpResult<Zval> {
        self.publish_broadcast(utf8_argument("emit", "$event", &event)?, args)
    }

    /// This process's connection figures: `pid`, `connections_opened`, `reuses`,
    /// `reconnects`, `emits`, `failures`, `breakers_open`, `idle_connections`.
    pub fn stats() -> PhpResult<ZBox<ZendHashTable>> {
        let snapshot = pool::snapshot();
        let mut table = ZendHashTable::new();
        for (key, value) in stats_rows(&snapshot) {
            table.insert(key, value)?;
        }
        Ok(table)
    }
}

/// String arguments arrive as bytes so that invalid UTF-8 gets our message, not a generic one.
fn utf8_argument<'a>(method: &str, name: &str, bytes: &'a [u8]) -> EmitterResult<&'a str> {
    std::str::from_utf8(bytes)
        .map_err(|_| EmitterError::Invalid(format!("SocketIO\\Emitter::{method}(): Argument #1 ({name}) must be valid UTF-8")))
}

/// `string|int|array` of rooms → room names. Ints become their decimal string:
/// Socket.IO matches rooms by JS identity, and `"123"` is what PHP apps mean.
fn room_names(method: &str, rooms: &Zval) -> EmitterResult<Vec<String>> {
    let rooms = rooms.dereference();
    if let Some(array) = rooms.array() {
        let mut names = Vec::with_capacity(array.len());
        for (position, room) in array.values().enumerate() {
            names.push(room_name(method, room.dereference()).map_err(|e| match e {
                EmitterError::Type(_) => EmitterError::Type(format!(
                    "SocketIO\\Emitter::{method}(): Argument #1 ($rooms) must contain only strings and ints, {} given at position {position}",
                    value::type_name(room)
                )),
                other => other,
            })?);
        }
        return Ok(names);
    }
    Ok(vec![room_name(method, rooms)?])
}

fn room_name(method: &str, room: &Zval) -> EmitterResult<String> {
    if let Some(i) = room.long() {
        return Ok(i.to_string());
    }
    if let Some(z) = room.zend_str() {
        return match std::str::from_utf8(z.as_bytes()) {
            Ok("") => Err(EmitterError::Invalid(format!("SocketIO\\Emitter::{method}(): room names must not be empty"))),
            Ok(name) => Ok(name.to_owned()),
            Err(_) => Err(EmitterError::Invalid(format!("SocketIO\\Emitter::{method}(): room names must be valid UTF-8"))),
        };
    }
    Err(EmitterError::Type(format!(
        "SocketIO\\Emitter::{method}(): Argument #1 ($rooms) must be of type string|int|array, {} given",
        value::type_name(room)
    )))
}

/// The options array → core option pairs (keys must be strings).
fn option_pairs(array: &ext_php_rs::types::ZendHashTable) -> EmitterResult<Vec<(String, OptionValue)>> {
    let mut pairs = Vec::with_capacity(array.len());
    let mut iter = array.iter();
    while let Some((key, zv)) = iter.next_zval() {
        let Some(key) = key.str().map(str::to_owned) else {
            return Err(EmitterError::Invalid(format!(
                "option keys must be strings, {} given (known options: {})",
                key.long().map_or_else(|| "a non-string key".to_owned(), |i| format!("int key {i}")),
                crate::core::config::OPTION_KEYS.join(", ")
            )));
        };
        let zv = zv.dereference();
        let value = if zv.is_null() {
            OptionValue::Null
        } else if let Some(b) = zv.bool() {
            OptionValue::Bool(b)
        } else if let Some(i) = zv.long() {
            OptionValue::Int(i)
        } else if let Some(f) = zv.double() {
            OptionValue::Float(f)
        } else if let Some(s) = zv.str() {
            OptionValue::Str(s.to_owned())
        } else {
            OptionValue::Other(value::static_type_name(zv))
        };
        pairs.push((key, value));
    }
    Ok(pairs)
}
