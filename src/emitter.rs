//! PHP class `SocketIO\Emitter`: zvals in, core calls, errors out.
//!
//! Like the Node emitter's `BroadcastOperator`, every modifier returns a new
//! Emitter and never changes the one it was called on, so a base emitter can be
//! shared (e.g. as a framework service) without one call leaking rooms into the next.

use std::cell::{Cell, RefCell};
use std::sync::{Arc, Mutex};

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendCallable, ZendHashTable, Zval};
use ext_php_rs::zend::ExecutorGlobals;

use crate::core::adapter::{self, Operation};
use crate::core::cluster::{self, Route};
use crate::core::config::{Config, Defaults, OnError, OptionValue};
use crate::core::connection::{Command, Connection, Expected, Outgoing, Verb};
use crate::core::pool::{self, PrivateSlot};
use crate::core::reply::Reply;
use crate::core::protocol::{is_reserved_event, EncodeError, EventArgs, Flag, Limits, Nsp, RoomSet, Target, RESERVED_SERVER_SIDE_EVENTS};
use crate::errors::{EmitterError, EmitterResult};
use crate::ini;
use crate::params::{BoolParam, Param, StrParam};
use crate::value::{self, Args};

#[path = "emitter_roundtrip.rs"]
mod roundtrip;

#[php_class]
#[php(name = "SocketIO\\Emitter")]
#[php(flags = ClassFlags::Final)]
#[derive(Clone)]
pub struct Emitter {
    config: Arc<Config>,
    /// The connection of a `'persistent' => false` emitter, shared with the
    /// emitters derived from it; `None` uses the process pool.
    private: Option<Arc<PrivateSlot>>,
    /// Set on the emitter `batch()` hands to its callback (and those derived
    /// from it): messages are queued here and sent together afterwards.
    batch: Option<Arc<BatchQueue>>,
    target: Target,
    /// The deadline of round trips (`timeout()`): `fetchSockets()`, `emitWithAck()`, `serverCount()`.
    round_trip: std::time::Duration,
}

/// Messages queued by `batch()` (`None` in the list: an emit to nobody, which
/// keeps its place in the results); `None` once the batch was sent, so an
/// emitter that escaped its callback cannot queue into a batch nobody will send.
type BatchQueue = Mutex<Option<Queue>>;

/// The commands queued by `batch()`: their channels and payloads one after
/// the other in one buffer (no allocation per emit once it has grown), and
/// per message where they are (`None`: an emit to nobody).
#[derive(Default)]
struct Queue {
    bytes: Vec<u8>,
    messages: Vec<Option<Queued>>,
}

/// One command queued by `batch()`: what `Outgoing` borrows, its channel and
/// payload as ranges of [`Queue::bytes`].
struct Queued {
    verb: Verb,
    nsp: Nsp,
    key: std::ops::Range<usize>,
    payload: std::ops::Range<usize>,
}

impl Queue {
    fn push(&mut self, message: Option<&Outgoing<'_>>, nsp: &Nsp) {
        let queued = message.map(|m| {
            let start = self.bytes.len();
            self.bytes.extend_from_slice(m.key.as_bytes());
            let middle = self.bytes.len();
            self.bytes.extend_from_slice(m.payload);
            Queued {
                verb: m.verb,
                nsp: nsp.clone(),
                key: start..middle,
                payload: middle..self.bytes.len(),
            }
        });
        self.messages.push(queued);
    }

    fn outgoing<'a>(&'a self, queued: &'a Queued) -> Outgoing<'a> {
        Outgoing {
            verb: queued.verb,
            // The bytes of a `&str`, cut where it ended: always valid UTF-8.
            key: self.bytes.get(queued.key.clone()).and_then(value::text).unwrap_or_default(),
            nsp: &queued.nsp,
            payload: self.bytes.get(queued.payload.clone()).unwrap_or_default(),
        }
    }
}

/// What a publish achieved, as `emit()` reports it.
pub(crate) enum Sent {
    /// Redis' receiver count (sync mode, PUBLISH and SPUBLISH).
    Count(i64),
    /// Handed over, count unknown yet: deferred mode, or queued in `batch()`;
    /// or appended to a stream (XADD: there is no receiver count).
    Accepted,
    /// Failed, and `on_error` said not to throw.
    Failed,
}

impl Sent {
    /// What a reply says: a receiver count (PUBLISH, SPUBLISH), the new
    /// entry's id (XADD), or anything else, which is not Redis' answer
    /// (whatever answered, the message's fate is unknown).
    fn of_reply(conn: &Connection, verb: Verb, reply: Reply) -> Result<Sent, crate::core::Error> {
        match (verb, reply) {
            (Verb::Publish | Verb::SPublish, Reply::Int(n)) => Ok(Sent::Count(n)),
            (Verb::XAdd { .. }, Reply::Bulk(Some(_))) => Ok(Sent::Accepted),
            (verb, other) => Err(crate::core::Error::Protocol {
                address: conn.address().to_owned(),
                detail: format!(
                    "{} was answered with {} instead of {}",
                    verb.name(),
                    other.kind(),
                    if matches!(verb, Verb::XAdd { .. }) { "an entry id" } else { "a receiver count" }
                ),
            }),
        }
    }

    fn into_zval(self) -> Zval {
        let mut retval = Zval::new();
        match self {
            Sent::Count(n) => retval.set_long(n),
            Sent::Accepted => retval.set_bool(true),
            Sent::Failed => retval.set_bool(false),
        }
        retval
    }
}

/// How a command is routed on a Redis Cluster: by its channel or stream. A
/// plain PUBLISH may go to any node (the cluster forwards it to all); the
/// slot's owner is preferred so a channel keeps one connection. An SPUBLISH
/// or an XADD must reach the owner of its key's slot.
fn route_of<'a>(command: Option<&Outgoing<'a>>) -> Route<'a> {
    match command {
        Some(c) if c.verb.routed_by_key() => Route::key(c.key.as_bytes()),
        Some(c) => Route::publish(c.key.as_bytes()),
        None => Route::publish(&[]),
    }
}

/// Writes one line to PHP's error log (`error_log` ini, else the SAPI's log),
/// never through the user's error handler.
fn log_line(line: &str) {
    let Some(log_err) = crate::php_symbols::get().and_then(|s| s.log_err) else { return };
    let Ok(line) = std::ffi::CString::new(crate::errors::php_text(line)) else { return };
    // SAFETY: a NUL-terminated string that outlives the call; LOG_NOTICE as php_log_err() uses.
    unsafe { log_err(line.as_ptr(), libc::LOG_NOTICE) };
}

/// Reports what Redis work left to say: error replies of deferred commands
/// read since the last call (E_WARNING during a request; in the log at its
/// end, where a throwing error handler would turn into a fatal error), and
/// the `on_error => 'log'` lines.
pub(crate) fn report_deferred_errors(request_ended: bool) {
    if !pool::has_reports() {
        return;
    }
    for warning in pool::take_deferred_warnings() {
        if request_ended {
            log_line(&format!("socketio_emitter: {warning}"));
        } else {
            crate::errors::warn(&warning);
        }
    }
    for line in pool::take_log_lines() {
        log_line(&line);
    }
}

/// Reused buffers of an emit: the payload and the channel (or stream).
#[derive(Default)]
struct Scratch {
    payload: Vec<u8>,
    key: String,
}

thread_local! {
    /// Reused encode buffers. Taken (not borrowed) so a `jsonSerialize()` that
    /// itself emits gets fresh ones instead of a double borrow.
    static SCRATCH: Cell<Scratch> = const { Cell::new(Scratch { payload: Vec::new(), key: String::new() }) };
}

/// Largest encode buffer kept from one request to the next; a rare huge
/// payload is not held forever. Within a request, buffers up to the
/// emitter's `max_payload` are kept, so repeated large emits encode into
/// a buffer that is already big enough (no regrowth, no copies): see
/// [`trim_scratch`], called at request end.
const SCRATCH_KEEP: usize = 1 << 20;

thread_local! {
    /// The buffers of the last `batch()`, reused by the next one.
    static SPARE_QUEUE: Cell<Queue> = const { Cell::new(Queue { bytes: Vec::new(), messages: Vec::new() }) };
}

/// An empty queue for a `batch()`, with the buffers a previous one grew.
fn take_queue() -> Queue {
    let mut queue = SPARE_QUEUE.take();
    queue.bytes.clear();
    queue.messages.clear();
    queue
}

/// Keeps a sent batch's buffers for the next one (not past [`SCRATCH_KEEP`]).
fn keep_queue(mut queue: Queue) {
    queue.messages.clear();
    if queue.bytes.capacity() <= SCRATCH_KEEP {
        SPARE_QUEUE.set(queue);
    }
}

/// Takes this thread's reusable buffers (fresh ones if an emit running in a
/// `jsonSerialize()` of another holds them), emptied.
fn take_scratch() -> Scratch {
    let mut scratch = SCRATCH.take();
    scratch.payload.clear();
    scratch.key.clear();
    scratch
}

/// Gives the buffers back for the next emit, unless larger than `keep` bytes.
fn keep_scratch(scratch: Scratch, keep: usize) {
    if scratch.payload.capacity() <= keep.max(SCRATCH_KEEP) && scratch.key.capacity() <= SCRATCH_KEEP {
        SCRATCH.set(scratch);
    }
}

/// Request end: a buffer grown past [`SCRATCH_KEEP`] for this request's
/// large emits is released.
pub(crate) fn trim_scratch() {
    let scratch = SCRATCH.take();
    keep_scratch(scratch, SCRATCH_KEEP);
}

impl Emitter {
    fn derive(&self, change: impl FnOnce(&mut Target)) -> Emitter {
        let mut target = self.target.clone();
        change(&mut target);
        self.derive_with(target)
    }

    /// This emitter aimed at `target`.
    fn derive_with(&self, target: Target) -> Emitter {
        Emitter {
            config: Arc::clone(&self.config),
            private: self.private.clone(),
            batch: self.batch.clone(),
            target,
            round_trip: self.round_trip,
        }
    }

    /// Runs Redis work on this emitter's connection and applies `on_error` to
    /// connection and Redis failures: throw, or warn / stay silent and give
    /// `None`. Bad input never gets here: it always throws.
    /// `route`: on a Redis Cluster, the key or channel whose node runs `op`.
    pub(crate) fn with_redis<R>(&self, route: Route<'_>, op: impl FnMut(&mut Connection) -> Result<R, crate::core::Error>) -> PhpResult<Option<R>> {
        let result = self.run_redis(route, op);
        self.apply_on_error(result)
    }

    /// Runs Redis work on the right connection: the master the sentinels
    /// name (see `sentinel::run`), or the cluster node (see `cluster::run`);
    /// errors as they are.
    fn run_redis<R>(&self, route: Route<'_>, op: impl FnMut(&mut Connection) -> Result<R, crate::core::Error>) -> Result<R, crate::core::Error> {
        let result = match &self.config.sentinel {
            Some(sentinel) => crate::core::sentinel::run(&self.config, sentinel, self.private.as_deref(), op),
            None => cluster::run(&self.config, self.private.as_deref(), route, op),
        };
        report_deferred_errors(false);
        result
    }

    fn apply_on_error<R>(&self, result: Result<R, crate::core::Error>) -> PhpResult<Option<R>> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(err) => match self.config.on_error {
                OnError::Throw => Err(EmitterError::Core(err).into()),
                OnError::Warn => {
                    // php_error_docref prefixes "SocketIO\Emitter::<method>(): " itself.
                    crate::errors::warn(&err.to_string());
                    Ok(None)
                }
                // Logged by the pool: once per outage, not per call.
                OnError::Log | OnError::Silent => Ok(None),
            },
        }
    }

    /// `to()`/`in()` (`chosen`: they narrow who gets the message) or `except()`.
    fn with_rooms(&self, function: &str, rooms: &Zval, chosen: bool, pick: fn(&mut Target) -> &mut RoomSet) -> EmitterResult<Emitter> {
        let mut target = self.target.clone();
        target.rooms_chosen |= chosen;
        let set = pick(&mut target);
        for_each_room(function, 1, rooms, |room| set.insert_str(room))?;
        Ok(self.derive_with(target))
    }

    /// Encodes an operation completely for the servers' adapter, then
    /// publishes it: queued in a batch, written without waiting (deferred), or
    /// sent and its reply read. An operation for the targeted sockets sends
    /// nothing when `to([])` left no room (it is still encoded: bad input still throws).
    ///
    /// Encoding finishes before Redis is touched: a half-written payload on a
    /// `<prefix>#...#` channel would crash every subscribed Node server.
    pub(crate) fn operate<A: EventArgs + ?Sized>(&self, op: &Operation<'_, A>) -> PhpResult<Sent> {
        let mut scratch = take_scratch();
        let result = match adapter::encode_into(&self.config, &self.target, op, self.limits(), &mut scratch.payload, &mut scratch.key) {
            Ok(_) if op.is_for_sockets() && self.target.targets_nobody() => self.send_to_nobody(),
            Ok(verb) => self.send(Outgoing {
                verb,
                key: &scratch.key,
                nsp: &self.target.nsp,
                payload: &scratch.payload,
            }),
            Err(err) => Err(encode_error(err).into()),
        };
        keep_scratch(scratch, self.config.max_payload);
        result
    }

    /// Runs `before` (two commands on the key of `route`, an array: no Vec
    /// per call) and then `op`, aimed at `target`, in ONE
    /// write and one round trip, when both surely reach the same server: one
    /// Redis (standalone, or Sentinel's master), not queued in a batch, not
    /// deferred. `op` is encoded fully before anything is written. `None`: not
    /// possible here, the caller sends them one after the other.
    /// Redis runs `op` even if a command of `before` is refused (the call then
    /// fails as a whole, and on_error applies once).
    pub(crate) fn operate_after<C: Command, A: EventArgs + ?Sized>(
        &self,
        target: &Target,
        route: Route<'_>,
        before: &[C; 2],
        op: &Operation<'_, A>,
    ) -> Option<PhpResult<()>> {
        if !self.config.cluster_seeds.is_empty() || self.batch.is_some() || self.config.deferred || (op.is_for_sockets() && target.targets_nobody()) {
            return None;
        }
        let mut scratch = take_scratch();
        let result = match adapter::encode_into(&self.config, target, op, self.limits(), &mut scratch.payload, &mut scratch.key) {
            Ok(verb) => {
                let last = Outgoing {
                    verb,
                    key: &scratch.key,
                    nsp: &target.nsp,
                    payload: &scratch.payload,
                };
                let [first, second] = before;
                let commands = [Mixed::Cmd(first), Mixed::Cmd(second), Mixed::Out(last)];
                self.with_redis(route, |conn| conn.pipeline_ok(&commands)).map(drop)
            }
            Err(err) => Err(encode_error(err).into()),
        };
        keep_scratch(scratch, self.config.max_payload);
        Some(result)
    }

    /// [`Emitter::operate_after`] by `self.in_rooms(&[room])`, without building
    /// that Emitter (nor copying `room`, handed back when this is not possible).
    pub(crate) fn operate_after_in<C: Command, A: EventArgs + ?Sized>(
        &self,
        room: String,
        route: Route<'_>,
        before: &[C; 2],
        op: &Operation<'_, A>,
    ) -> Result<PhpResult<()>, String> {
        let mut rooms = RoomSet::default();
        rooms.insert(room);
        let target = Target {
            nsp: self.target.nsp.clone(),
            rooms,
            rooms_chosen: true,
            except: RoomSet::default(),
            flags: self.target.flags.clone(),
        };
        match self.operate_after(&target, route, before, op) {
            Some(done) => Ok(done),
            None => Err(target.rooms.as_slice().first().cloned().unwrap_or_default()),
        }
    }

    /// Reached 0 sockets, known without asking Redis: 0 in every mode.
    fn send_to_nobody(&self) -> PhpResult<Sent> {
        self.enqueue(None)?;
        Ok(Sent::Count(0))
    }

    /// In a batch: queues the message (`None`: one to nobody) and returns true.
    fn enqueue(&self, message: Option<&Outgoing<'_>>) -> PhpResult<bool> {
        let Some(queue) = &self.batch else { return Ok(false) };
        let mut queue = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(queued) = queue.as_mut() else {
            return Err(EmitterError::Invalid(
                "this emitter belonged to a batch() that has already been sent; use the emitter batch() was called on".into(),
            )
            .into());
        };
        queued.push(message, &self.target.nsp);
        Ok(true)
    }

    fn send(&self, command: Outgoing<'_>) -> PhpResult<Sent> {
        if self.enqueue(Some(&command))? {
            return Ok(Sent::Accepted);
        }
        let sent = self.deliver_one(&command);
        Ok(self.apply_on_error(sent)?.unwrap_or(Sent::Failed))
    }

    /// Sends one publish (routed by its own channel): what `deliver_to_node`
    /// does for a list of one, without building lists.
    fn deliver_one(&self, publish: &Outgoing<'_>) -> Result<Sent, crate::core::Error> {
        let route = route_of(Some(publish));
        if self.config.deferred {
            self.run_redis(route, |conn| conn.send_deferred(std::slice::from_ref(publish), self.config.on_error))
                .map(|()| Sent::Accepted)
        } else {
            // One emit: a refused command is this call's failure (on_error applies).
            self.run_redis(route, |conn| {
                let reply = conn.request(publish)?;
                Sent::of_reply(conn, publish.verb, reply)
            })
        }
    }

    /// Writes the publishes in one go: without waiting for the replies in
    /// deferred mode, otherwise reading them. One `Sent` per publish, in order.
    /// On a Redis Cluster, a batch is split by node and each node's part is
    /// pipelined on its own connection.
    fn deliver(&self, publishes: &[Outgoing<'_>]) -> PhpResult<Vec<Sent>> {
        if self.config.cluster_seeds.is_empty() || publishes.len() <= 1 {
            // One node: no grouping to build.
            let sent = self.deliver_to_node(publishes);
            return Ok(self.apply_on_error(sent)?.unwrap_or_else(|| publishes.iter().map(|_| Sent::Failed).collect()));
        }
        let groups = self.by_node(publishes);
        if groups.len() <= 1 {
            let sent = self.deliver_to_node(publishes);
            return Ok(self.apply_on_error(sent)?.unwrap_or_else(|| publishes.iter().map(|_| Sent::Failed).collect()));
        }
        let mut sent: Vec<Option<Sent>> = publishes.iter().map(|_| None).collect();
        let mut failures = Vec::new();
        for indices in &groups {
            let group: Vec<Outgoing<'_>> = indices.iter().filter_map(|&i| publishes.get(i).copied()).collect();
            match self.deliver_to_node(&group) {
                Ok(results) => {
                    for (&i, result) in indices.iter().zip(results) {
                        if let Some(entry) = sent.get_mut(i) {
                            *entry = Some(result);
                        }
                    }
                }
                Err(err) => failures.push(err),
            }
        }
        if failures.len() == groups.len() {
            // Nothing was delivered: the batch failed as a whole, as on one node.
            let first = failures.into_iter().next().map_or(Ok(None::<()>), Err);
            self.apply_on_error(first)?;
        } else {
            // Other nodes' parts were delivered: their results must reach the
            // caller (a retried batch would deliver them twice), so a node's
            // failure is reported as a refused command is.
            for err in &failures {
                self.report_refused(err);
            }
        }
        Ok(sent.into_iter().map(|s| s.unwrap_or(Sent::Failed)).collect())
    }

    /// The publishes' indexes grouped by the cluster node serving their
    /// channel, in order of first appearance (one group without a cluster).
    fn by_node(&self, publishes: &[Outgoing<'_>]) -> Vec<Vec<usize>> {
        if self.config.cluster_seeds.is_empty() || publishes.len() <= 1 {
            return vec![(0..publishes.len()).collect()];
        }
        let mut groups: Vec<(crate::core::config::Address, Vec<usize>)> = Vec::new();
        for (i, publish) in publishes.iter().enumerate() {
            let node = cluster::node_of(&self.config, self.private.as_deref(), publish.key.as_bytes());
            match groups.iter_mut().find(|(n, _)| *n == node) {
                Some((_, indices)) => indices.push(i),
                None => groups.push((node, vec![i])),
            }
        }
        groups.into_iter().map(|(_, indices)| indices).collect()
    }

    /// Sends publishes meant for one node (routed by the first one's channel).
    /// `Err`: the node failed; refused commands of a batch are reported here
    /// and come back as `Sent::Failed`.
    fn deliver_to_node(&self, publishes: &[Outgoing<'_>]) -> Result<Vec<Sent>, crate::core::Error> {
        let route = route_of(publishes.first());
        if let [publish] = publishes {
            self.deliver_one(publish).map(|sent| vec![sent])
        } else if self.config.deferred {
            self.run_redis(route, |conn| conn.send_deferred(publishes, self.config.on_error))
                .map(|()| publishes.iter().map(|_| Sent::Accepted).collect())
        } else {
            // A batch: a refused command fails alone and the others' results are
            // kept (they were delivered; a caller retrying the batch would send
            // them twice). Only an I/O failure fails the whole batch.
            let replies = self.run_redis(route, |conn| {
                let replies = conn.pipeline_each(publishes)?;
                Ok(replies
                    .into_iter()
                    .zip(publishes)
                    .map(|(reply, p)| reply.and_then(|reply| Sent::of_reply(conn, p.verb, reply)))
                    .collect::<Vec<_>>())
            })?;
            Ok(replies
                .into_iter()
                .zip(publishes)
                .map(|(sent, publish)| match sent {
                    Ok(sent) => sent,
                    // A slot moved under the batch: that command was not run; sent again alone.
                    Err(err) if cluster::learn_from(&self.config, &err) => self.resend(publish),
                    Err(err) => {
                        self.report_refused(&err);
                        Sent::Failed
                    }
                })
                .collect())
        }
    }

    /// A publish of a batch redirected by the cluster, sent again on its own.
    fn resend(&self, publish: &Outgoing<'_>) -> Sent {
        match self.deliver_one(publish) {
            Ok(sent) => sent,
            Err(err) => {
                self.report_refused(&err);
                Sent::Failed
            }
        }
    }

    /// A command of a batch that Redis refused: reported as its own failure
    /// would be, but never thrown (the batch's other results must reach the
    /// caller), so `throw` reports it as a warning.
    fn report_refused(&self, err: &crate::core::Error) {
        match self.config.on_error {
            OnError::Throw | OnError::Warn => crate::errors::warn(&err.to_string()),
            OnError::Log => log_line(&format!("socketio_emitter: {err}")),
            OnError::Silent => {}
        }
    }

    /// Round trips wait for answers: they cannot be queued in a batch.
    fn no_batch(&self, method: &str) -> PhpResult<()> {
        if self.batch.is_some() {
            return Err(EmitterError::Invalid(format!("{method}() cannot be used inside batch(): it waits for the servers' answers")).into());
        }
        Ok(())
    }

    fn limits(&self) -> Limits {
        Limits {
            max_payload: self.config.max_payload,
            max_attachments: self.config.max_attachments,
        }
    }

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// This emitter aimed at `rooms` only (the base of SessionRooms' operations).
    pub(crate) fn in_rooms(&self, rooms: &[String]) -> Emitter {
        self.derive(|t| {
            t.rooms = rooms.iter().cloned().collect();
            t.rooms_chosen = true;
            t.except = RoomSet::default();
        })
    }
}

/// What an Emitter was constructed from.
#[derive(PartialEq)]
enum ConfigSource {
    Ini,
    Dsn(String),
    Options(Vec<(String, OptionValue)>),
}

/// Configs this process already parsed, newest last. A page builds its Emitter
/// on every request with the same options, and parsing them (DSN, validation)
/// cost more than the emit itself. Keyed by the options and the ini values in force.
type ParsedConfigs = Vec<(ConfigSource, Defaults, Arc<Config>)>;

thread_local! {
    static PARSED_CONFIGS: RefCell<ParsedConfigs> = const { RefCell::new(Vec::new()) };
}

const PARSED_CONFIGS_KEPT: usize = 16;

fn config_for(source: ConfigSource) -> Result<Arc<Config>, crate::core::Error> {
    // Unchanged ini settings are recognised in place, without reading them into strings.
    let cached = PARSED_CONFIGS.with_borrow(|configs| {
        configs
            .iter()
            .rev()
            .find(|(s, d, _)| *s == source && ini::defaults_unchanged(d))
            .map(|(_, _, config)| Arc::clone(config))
    });
    if let Some(config) = cached {
        return Ok(config);
    }
    let defaults = ini::defaults();
    let cached = PARSED_CONFIGS.with_borrow(|configs| {
        configs
            .iter()
            .find(|(s, d, _)| *s == source && *d == defaults)
            .map(|(_, _, config)| Arc::clone(config))
    });
    if let Some(config) = cached {
        return Ok(config);
    }
    let config = Arc::new(match &source {
        ConfigSource::Ini => Config::from_options(&[], &defaults)?,
        ConfigSource::Dsn(dsn) => Config::from_dsn(dsn, &defaults)?,
        ConfigSource::Options(pairs) => Config::from_options(pairs, &defaults)?,
    });
    PARSED_CONFIGS.with_borrow_mut(|configs| {
        if configs.len() >= PARSED_CONFIGS_KEPT {
            configs.remove(0);
        }
        configs.push((source, defaults, Arc::clone(&config)));
    });
    Ok(config)
}

/// A command of a pipeline mixing plain commands and encoded operations.
enum Mixed<'a, C> {
    Cmd(&'a C),
    Out(Outgoing<'a>),
}

impl<C: Command> Command for Mixed<'_, C> {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            Mixed::Cmd(cmd) => cmd.pack(out),
            Mixed::Out(outgoing) => outgoing.pack(out),
        }
    }

    fn expected(&self) -> Expected {
        match self {
            Mixed::Cmd(cmd) => cmd.expected(),
            Mixed::Out(outgoing) => outgoing.expected(),
        }
    }

    fn pack_head<'b>(&'b self, out: &mut Vec<u8>) -> Option<&'b [u8]> {
        match self {
            Mixed::Cmd(cmd) => cmd.pack_head(out),
            Mixed::Out(outgoing) => outgoing.pack_head(out),
        }
    }
}

/// The argument type of requests that carry no event arguments.
pub(crate) type NoArgs = [()];
/// An operation on sockets that carries no event arguments (join, leave, disconnect).
pub(crate) type SocketsOp<'a> = Operation<'a, NoArgs>;

/// The figures of `stats()` and phpinfo, in display order.
pub fn stats_rows(s: &pool::Snapshot) -> [(&'static str, i64); 16] {
    let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    [
        ("pid", i64::from(s.pid)),
        ("connections_opened", n(s.stats.connections_opened)),
        ("reuses", n(s.stats.reuses)),
        ("reconnects", n(s.stats.reconnects)),
        ("emits", n(s.stats.emits)),
        ("failures", n(s.stats.failures)),
        ("breakers_open", n(s.breakers_open as u64)),
        ("breaker_longest_ms", n(s.breaker_longest_ms)),
        ("breaker_shared", i64::from(s.breaker_shared)),
        ("idle_connections", n(s.idle_connections as u64)),
        ("deferred_receivers", n(s.stats.deferred_receivers)),
        ("deferred_no_receivers", n(s.stats.deferred_no_receivers)),
        ("deferred_errors", n(s.stats.deferred_errors)),
        ("deferred_unknown", n(s.stats.deferred_unknown)),
        ("cluster_refreshes", n(s.stats.cluster_refreshes)),
        ("cluster_redirects", n(s.stats.cluster_redirects)),
    ]
}

fn encode_error(err: EncodeError) -> EmitterError {
    EmitterError::Invalid(err.to_string())
}

#[php_impl]
impl Emitter {
    /// `$options`: a DSN (`redis://[user:pass@]host[:port][/db]`, `unix:///path.sock`),
    /// an array (`dsn`, `host`, `port`, `username`, `password`, `prefix`, `timeout`,
    /// `read_timeout`), or null for the php.ini defaults. No connection is opened here.
    pub fn __construct(options: Option<&Zval>) -> PhpResult<Self> {
        refuse_second_construct::<Emitter>("SocketIO\\Emitter")?;
        let source = match options {
            None => ConfigSource::Ini,
            Some(zv) if zv.is_null() => ConfigSource::Ini,
            Some(zv) => match (zv.str(), zv.array()) {
                (Some(dsn), _) => ConfigSource::Dsn(dsn.to_owned()),
                (None, Some(array)) => ConfigSource::Options(option_pairs(array)?),
                _ => {
                    return Err(EmitterError::Type(format!(
                        "SocketIO\\Emitter::__construct(): Argument #1 ($options) must be of type string|array|null, {} given",
                        value::type_name(zv)
                    ))
                    .into())
                }
            },
        };
        let config = config_for(source).map_err(EmitterError::from)?;
        Ok(Emitter {
            private: (!config.persistent).then(PrivateSlot::new),
            batch: None,
            config,
            target: Target::default(),
            round_trip: roundtrip::DEFAULT_TIMEOUT,
        })
    }

    /// A new Emitter for namespace `$nsp` (a missing leading `/` is added), with no rooms or flags.
    pub fn of(&self, nsp: StrParam) -> PhpResult<Emitter> {
        let target = Target::new(nsp.utf8(&Param { function: "SocketIO\\Emitter::of", position: 1, name: "nsp" })?);
        Ok(self.derive_with(target))
    }

    /// Targets sockets in these rooms (added to the rooms already targeted).
    #[php(name = "in")]
    pub fn in_(&self, rooms: &Zval) -> PhpResult<Emitter> {
        Ok(self.with_rooms("SocketIO\\Emitter::in", rooms, true, |t| &mut t.rooms)?)
    }

    /// Alias of `in()`.
    pub fn to(&self, rooms: &Zval) -> PhpResult<Emitter> {
        Ok(self.with_rooms("SocketIO\\Emitter::to", rooms, true, |t| &mut t.rooms)?)
    }

    /// Excludes sockets in these rooms.
    pub fn except(&self, rooms: &Zval) -> PhpResult<Emitter> {
        Ok(self.with_rooms("SocketIO\\Emitter::except", rooms, false, |t| &mut t.except)?)
    }

    /// The event may be dropped for clients that are not ready to receive it.
    pub fn volatile(&self) -> Emitter {
        self.derive(|t| t.flags.set(Flag::Volatile))
    }

    /// Whether the server compresses the event (default true on the server).
    #[php(defaults(compress = true))]
    pub fn compress(&self, compress: BoolParam) -> PhpResult<Emitter> {
        let compress = compress.get(&Param { function: "SocketIO\\Emitter::compress", position: 1, name: "compress" })?;
        Ok(self.derive(|t| t.flags.set(Flag::Compress(compress))))
    }

    /// Publishes `[event, ...args]` to the targeted sockets with one PUBLISH
    /// (SPUBLISH, sharded adapter; XADD, streams adapter), whatever the number
    /// of rooms. Returns `int`: how many Socket.IO servers (Redis subscribers)
    /// received it; `true` when that is not known yet (deferred mode, inside
    /// `batch()`) or, with the streams adapter, once the entry was appended;
    /// `false` when Redis failed and `on_error` is `warn` or `silent`.
    pub fn emit(&self, event: StrParam, args: &[&Zval]) -> PhpResult<Zval> {
        let event = event.utf8(&Param { function: "SocketIO\\Emitter::emit", position: 1, name: "event" })?;
        if is_reserved_event(event) {
            return Err(EmitterError::Invalid(format!("\"{event}\" is a reserved event name")).into());
        }
        let args = Args::of_current_call(args);
        let sent = self.operate(&Operation::Emit { event, args: &args })?;
        Ok(sent.into_zval())
    }

    /// Makes the targeted sockets (on every Socket.IO server) join `$rooms`.
    #[php(name = "socketsJoin")]
    pub fn sockets_join(&self, rooms: &Zval) -> PhpResult<()> {
        let rooms: RoomSet = room_names("SocketIO\\Emitter::socketsJoin", 1, rooms)?.into_iter().collect();
        self.operate(&SocketsOp::SocketsJoin(&rooms)).map(drop)
    }

    /// Makes the targeted sockets leave `$rooms`.
    #[php(name = "socketsLeave")]
    pub fn sockets_leave(&self, rooms: &Zval) -> PhpResult<()> {
        let rooms: RoomSet = room_names("SocketIO\\Emitter::socketsLeave", 1, rooms)?.into_iter().collect();
        self.operate(&SocketsOp::SocketsLeave(&rooms)).map(drop)
    }

    /// Disconnects the targeted sockets; `$close` also closes their underlying connection.
    #[php(name = "disconnectSockets")]
    #[php(defaults(close = false))]
    pub fn disconnect_sockets(&self, close: BoolParam) -> PhpResult<()> {
        let close = close.get(&Param { function: "SocketIO\\Emitter::disconnectSockets", position: 1, name: "close" })?;
        self.operate(&SocketsOp::DisconnectSockets { close }).map(drop)
    }

    /// Sends `[event, ...args]` to the other Socket.IO servers' `serverSideEmit`
    /// listeners (JSON; rooms do not apply). Returns what `emit()` returns.
    #[php(name = "serverSideEmit")]
    pub fn server_side_emit(&self, event: StrParam, args: &[&Zval]) -> PhpResult<Zval> {
        let event = event.utf8(&Param { function: "SocketIO\\Emitter::serverSideEmit", position: 1, name: "event" })?;
        if RESERVED_SERVER_SIDE_EVENTS.contains(&event) {
            return Err(EmitterError::Invalid(format!("\"{event}\" is a reserved event name")).into());
        }
        let args = Args::of_current_call(args);
        // Rooms do not apply to serverSideEmit: it goes to the servers, not to sockets.
        let sent = self.operate(&Operation::ServerSideEmit { event, args: &args })?;
        Ok(sent.into_zval())
    }

    /// The deadline of the round trips made through the new Emitter
    /// (`fetchSockets()`, `emitWithAck()`, `serverCount()`), in seconds: above
    /// 0, at most 3600; 5 when never called.
    pub fn timeout(&self, seconds: f64) -> PhpResult<Emitter> {
        let round_trip = roundtrip::parse_timeout(seconds)?;
        Ok(Emitter { round_trip, ..self.derive(|_| {}) })
    }

    /// How many Socket.IO servers serve this namespace (the subscribers of its
    /// request channel). `null` when Redis failed and `on_error` is not `throw`.
    #[php(name = "serverCount")]
    pub fn server_count(&self) -> PhpResult<Option<i64>> {
        self.no_batch("serverCount")?;
        self.server_count_now()
    }

    /// The targeted sockets (`of()`, `in()`, `except()`) on every Socket.IO
    /// server: a list of `['id' => string, 'handshake' => array, 'rooms' =>
    /// list<string>, 'data' => mixed]`. Waits until every server answered;
    /// past `timeout()` throws `SocketIO\TimeoutException` (whose
    /// `getResponses()` has the sockets of the servers that answered). `null`
    /// when Redis failed and `on_error` is not `throw`.
    #[php(name = "fetchSockets")]
    pub fn fetch_sockets(&self) -> PhpResult<Option<ZBox<ZendHashTable>>> {
        self.no_batch("fetchSockets")?;
        self.ask::<NoArgs>(None)
    }

    /// Emits `[event, ...args]` to the targeted sockets and returns their
    /// acknowledgements, one per client that got the event (in arrival
    /// order). Past `timeout()` throws `SocketIO\TimeoutException` (whose
    /// `getResponses()` has the acks that arrived). `null` when Redis failed
    /// and `on_error` is not `throw`.
    #[php(name = "emitWithAck")]
    pub fn emit_with_ack(&self, event: StrParam, args: &[&Zval]) -> PhpResult<Option<ZBox<ZendHashTable>>> {
        let event = event.utf8(&Param { function: "SocketIO\\Emitter::emitWithAck", position: 1, name: "event" })?;
        if is_reserved_event(event) {
            return Err(EmitterError::Invalid(format!("\"{event}\" is a reserved event name")).into());
        }
        self.no_batch("emitWithAck")?;
        let args = Args::of_current_call(args);
        self.ask(Some((event, &args)))
    }

    /// Calls `$callback($emitter)`; the messages emitted through that emitter
    /// (and emitters derived from it) are sent together, as one pipelined
    /// write, when the callback returns. Returns what each `emit()` would have
    /// returned, in order. Nothing is sent if the callback throws.
    pub fn batch(&self, callback: ZendCallable) -> PhpResult<ZBox<ZendHashTable>> {
        if self.batch.is_some() {
            return Err(EmitterError::Invalid("batch() cannot be nested".into()).into());
        }
        let queue: Arc<BatchQueue> = Arc::new(Mutex::new(Some(take_queue())));
        let batching = Emitter {
            batch: Some(Arc::clone(&queue)),
            ..self.clone()
        };
        let called = callback.try_call(vec![&batching]);
        let queued = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take().unwrap_or_default();
        if called.is_err() || ExecutorGlobals::has_exception() {
            // The callback's own exception keeps propagating; nothing is sent.
            return Err(EmitterError::Invalid("batch(): the callback failed; nothing was sent".into()).into());
        }
        let publishes: Vec<Outgoing<'_>> = queued.messages.iter().flatten().map(|m| queued.outgoing(m)).collect();
        let mut sent = if publishes.is_empty() { Vec::new() } else { self.deliver(&publishes)? }.into_iter();
        drop(publishes);
        let mut results = ZendHashTable::with_capacity(u32::try_from(queued.messages.len()).unwrap_or(u32::MAX));
        for message in &queued.messages {
            let result = match message {
                Some(_) => sent.next().unwrap_or(Sent::Failed),
                None => Sent::Count(0),
            };
            results.push(result.into_zval())?;
        }
        keep_queue(queued);
        Ok(results)
    }

    /// Waits now for every reply that deferred emits of this process still owe
    /// (pooled and `persistent => false` connections) and returns what they
    /// said: `replies` (owed), `receivers`, `no_receivers`, `appended`
    /// (stream entries written, streams adapter), `errors`,
    /// `unknown` (lost with a failed connection). For runtimes that never end
    /// the request (FrankenPHP worker mode, RoadRunner, Swoole, long CLI
    /// loops): call it between jobs; replies are otherwise read at request end,
    /// beyond 1,024 owed, or before the next write once the oldest is 1 s old.
    pub fn flush() -> PhpResult<ZBox<ZendHashTable>> {
        let before = pool::snapshot().stats;
        let owed = pool::read_all_pending();
        report_deferred_errors(false);
        let after = pool::snapshot().stats;
        let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        let mut table = ZendHashTable::new();
        for (key, value) in [
            ("replies", n(owed as u64)),
            ("receivers", n(after.deferred_receivers.saturating_sub(before.deferred_receivers))),
            ("no_receivers", n(after.deferred_no_receivers.saturating_sub(before.deferred_no_receivers))),
            ("appended", n(after.deferred_appended.saturating_sub(before.deferred_appended))),
            ("errors", n(after.deferred_errors.saturating_sub(before.deferred_errors))),
            ("unknown", n(after.deferred_unknown.saturating_sub(before.deferred_unknown))),
        ] {
            table.insert(key, value)?;
        }
        Ok(table)
    }

    /// This process's connection figures: `pid`, `connections_opened`, `reuses`,
    /// `reconnects`, `emits`, `failures`, `breakers_open`, `breaker_longest_ms`,
    /// `breaker_shared` (the breaker is shared by the php-fpm pool), `idle_connections`,
    /// and what deferred replies said: `deferred_receivers`,
    /// `deferred_no_receivers`, `deferred_errors`, `deferred_unknown`; on a
    /// Redis Cluster, `cluster_refreshes` (slot maps read) and
    /// `cluster_redirects` (commands that followed a MOVED or ASK).
    pub fn stats() -> PhpResult<ZBox<ZendHashTable>> {
        let snapshot = pool::snapshot();
        let mut table = ZendHashTable::new();
        for (key, value) in stats_rows(&snapshot) {
            table.insert(key, value)?;
        }
        Ok(table)
    }
}

/// `$e->__construct(...)` on a live object would replace its state in place:
/// an Emitter (or SessionRooms) shared as a service would change under every
/// holder. Objects are immutable, so a second call is refused.
pub(crate) fn refuse_second_construct<T: ext_php_rs::class::RegisteredClass>(class: &str) -> EmitterResult<()> {
    // SAFETY: the executor globals live as long as the process (read directly:
    // `ExecutorGlobals::get()` takes a lock); during a constructor call the
    // current frame is that call's, and `This` holds the object being
    // constructed (or nothing for a static call).
    let frame = unsafe { ext_php_rs::ffi::ext_php_rs_executor_globals().as_ref().and_then(|g| g.current_execute_data.as_ref()) };
    let this = frame.and_then(|frame| frame.This.object());
    if this.and_then(ext_php_rs::types::ZendClassObject::<T>::from_zend_obj).is_some() {
        return Err(EmitterError::Invalid(format!(
            "{class}::__construct() cannot be called on an existing object: it is immutable; create a new one instead"
        )));
    }
    Ok(())
}

/// `string|int|array` of rooms → room names. Ints become their decimal string:
/// Socket.IO matches rooms by JS identity, and `"123"` is what PHP apps mean.
///
/// `function` and `position` name the argument in messages:
/// `SocketIO\Emitter::in(): Argument #1 ($rooms) ...`.
pub(crate) fn room_names(function: &str, position: u8, rooms: &Zval) -> EmitterResult<Vec<String>> {
    let mut names = Vec::with_capacity(rooms.dereference().array().map_or(1, |a| a.len()));
    for_each_room(function, position, rooms, |name| names.push(name.to_owned()))?;
    Ok(names)
}

/// [`room_names`], each name handed to `f` as it is read (nothing allocated
/// here); on an error, the names before the bad one were already handed over.
fn for_each_room(function: &str, position: u8, rooms: &Zval, mut f: impl FnMut(&str)) -> EmitterResult<()> {
    let rooms = rooms.dereference();
    let mut digits = itoa::Buffer::new();
    if let Some(array) = rooms.array() {
        let mut index = 0usize;
        return value::for_each_entry(array, |_, room| {
            let name = room_name(function, position, room.dereference(), &mut digits).map_err(|e| match e {
                EmitterError::Type(_) => EmitterError::Type(format!(
                    "{function}(): Argument #{position} ($rooms) must contain only strings and ints, {} given at position {index}",
                    value::type_name(room)
                )),
                other => other,
            })?;
            f(name);
            index += 1;
            Ok::<(), EmitterError>(())
        });
    }
    f(room_name(function, position, rooms, &mut digits)?);
    Ok(())
}

/// One room: a non-empty UTF-8 string, or an int as its decimal string (written in `digits`).
fn room_name<'a>(function: &str, position: u8, room: &'a Zval, digits: &'a mut itoa::Buffer) -> EmitterResult<&'a str> {
    if let Some(i) = room.long() {
        return Ok(digits.format(i));
    }
    if let Some(z) = room.zend_str() {
        return match value::text(z.as_bytes()) {
            Some("") => Err(EmitterError::Invalid(format!("{function}(): room names must not be empty"))),
            Some(name) => Ok(name),
            None => Err(EmitterError::Invalid(format!("{function}(): room names must be valid UTF-8"))),
        };
    }
    Err(EmitterError::Type(format!(
        "{function}(): Argument #{position} ($rooms) must be of type string|int|array, {} given",
        value::type_name(room)
    )))
}

/// The options array → core option pairs (keys must be strings).
fn option_pairs(array: &ZendHashTable) -> EmitterResult<Vec<(String, OptionValue)>> {
    let mut pairs = Vec::with_capacity(array.len());
    value::for_each_entry(array, |key, zv| {
        let key = option_key(key, &crate::core::config::OPTION_KEYS.join(", "))?;
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
        Ok::<(), EmitterError>(())
    })?;
    Ok(pairs)
}

/// The key of an options array (Emitter, SessionRooms): a UTF-8 string.
pub(crate) fn option_key(key: value::Key<'_>, known: &str) -> EmitterResult<String> {
    match key {
        value::Key::Str(bytes) => match std::str::from_utf8(bytes) {
            Ok(key) => Ok(key.to_owned()),
            Err(_) => Err(EmitterError::Invalid(format!(
                "option keys must be valid UTF-8, '{}' given (known options: {known})",
                crate::errors::show_bytes(bytes)
            ))),
        },
        value::Key::Int(i) => Err(EmitterError::Invalid(format!(
            "option keys must be strings, int key {i} given (known options: {known})"
        ))),
    }
}
