//! This process's Redis connections, reused across emits and PHP requests.
//!
//! php-fpm runs module start-up in the master and then forks its workers, and
//! CLI scripts may `pcntl_fork()`: a socket inherited across a fork is shared
//! by two processes whose replies would interleave. So the pool remembers the
//! pid it belongs to and never hands an inherited connection out; connections
//! are only ever opened lazily, by the process that uses them.

use std::hash::Hash;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Once, Weak};
use std::time::{Duration, Instant};

use super::config::{Address, Config, OnError, Secret, TlsSettings};
use super::breaker;
use super::connection::Connection;
use super::Error;

/// What makes two configs share a connection. The password is only kept as a
/// hash, so the pool itself holds no secret beyond the open socket.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub(crate) struct PoolKey {
    address: Address,
    /// A TLS connection verified one way must never serve a config asking for another.
    tls: Option<TlsSettings>,
    username: Option<String>,
    password_hash: Option<u64>,
    db: u32,
    connect_timeout: Duration,
    io_timeout: Duration,
    /// Kept for the breaker of failures found at request end, with no config at hand.
    retry_interval: Duration,
    /// Opened as the master of a Redis Sentinel set (its `ROLE` was checked).
    role_checked: bool,
}

impl PoolKey {
    fn of(config: &Config) -> PoolKey {
        PoolKey {
            address: config.address.clone(),
            tls: config.tls.clone(),
            username: config.username.clone(),
            password_hash: config.password.as_ref().map(Secret::fingerprint),
            db: config.db,
            connect_timeout: config.connect_timeout,
            io_timeout: config.io_timeout,
            retry_interval: config.retry_interval,
            role_checked: config.sentinel.is_some(),
        }
    }

    /// `*self == PoolKey::of(config)`, without building (cloning, dropping) a
    /// key: asked on every operation. Cheapest fields first.
    fn matches(&self, config: &Config) -> bool {
        self.db == config.db
            && self.role_checked == config.sentinel.is_some()
            && self.connect_timeout == config.connect_timeout
            && self.io_timeout == config.io_timeout
            && self.retry_interval == config.retry_interval
            && self.address == config.address
            && self.username == config.username
            && self.tls == config.tls
            && self.password_hash == config.password.as_ref().map(Secret::fingerprint)
    }
}

/// Counters of this process, for phpinfo and `Emitter::stats()`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Connections opened (first use, and replacements).
    pub connections_opened: u64,
    /// Operations that went out on an already open connection.
    pub reuses: u64,
    /// Open connections found dead before use (peer closed) and replaced.
    pub reconnects: u64,
    /// Operations that succeeded (one per emit or remote operation).
    pub emits: u64,
    /// Operations that failed: connect, I/O, error reply, or refused by the breaker.
    pub failures: u64,
    /// Deferred mode: receivers counted by the replies read later...
    pub deferred_receivers: u64,
    /// ...replies saying no Socket.IO server was subscribed...
    pub deferred_no_receivers: u64,
    /// ...entries appended (XADD, streams adapter)...
    pub deferred_appended: u64,
    /// ...error replies (reported as warnings when read)...
    pub deferred_errors: u64,
    /// ...and replies never read because the connection died first: such
    /// commands may or may not have been delivered, and are not resent.
    pub deferred_unknown: u64,
    /// Redis Cluster: slot maps read (CLUSTER SLOTS)...
    pub cluster_refreshes: u64,
    /// ...and commands redirected by a MOVED or ASK reply.
    pub cluster_redirects: u64,
}

/// A snapshot of the pool for monitoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub pid: u32,
    pub stats: Stats,
    /// Addresses currently refused by the circuit breaker (shared by the pool
    /// of processes forked from one master when `breaker_shared`)...
    pub breakers_open: usize,
    /// ...the longest window still to run, ms...
    pub breaker_longest_ms: u64,
    /// ...and whether that state is shared (table mapped at module start-up).
    pub breaker_shared: bool,
    pub idle_connections: usize,
}

/// The connections owned by one Emitter (and the emitters derived from it)
/// instead of the process: `'persistent' => false`. One per Redis node (a
/// standalone Redis has one; a cluster one per node used). Closed when the
/// last of those emitters is freed.
#[derive(Default)]
pub struct PrivateSlot(Mutex<Vec<(u32, Box<Pooled>)>>);

/// A connection and the key it was opened for. Boxed in the lists: it
/// leaves its list and returns on every operation, and moving a pointer is
/// cheaper than moving both (several hundred bytes, many times per emit).
struct Pooled {
    key: PoolKey,
    conn: Connection,
}

impl Drop for PrivateSlot {
    /// The Emitter owning these connections is gone: collect their owed replies.
    fn drop(&mut self) {
        for entry in self.take_all() {
            settle(entry);
        }
    }
}

/// Every live private slot, so the end of a request reads their owed replies
/// too: an Emitter still referenced at request end is only freed after
/// RSHUTDOWN, too late to report anything.
static PRIVATE_SLOTS: Mutex<Vec<Weak<PrivateSlot>>> = Mutex::new(Vec::new());

impl PrivateSlot {
    pub fn new() -> Arc<PrivateSlot> {
        let slot = Arc::new(PrivateSlot::default());
        let mut slots = PRIVATE_SLOTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Forget freed ones now and then (amortised: at each power of two).
        if slots.len() >= 64 && slots.len().is_power_of_two() {
            slots.retain(|w| w.strong_count() > 0);
        }
        slots.push(Arc::downgrade(&slot));
        slot
    }

    fn lock(&self) -> MutexGuard<'_, Vec<(u32, Box<Pooled>)>> {
        let mut conns = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Inherited from a parent process: never used (closing our copy sends nothing).
        let pid = current_pid();
        conns.retain(|(owner, _)| *owner == pid);
        conns
    }

    fn take(&self, config: &Config) -> Option<Box<Pooled>> {
        let mut conns = self.lock();
        let index = conns.iter().position(|(_, e)| e.key.matches(config))?;
        Some(conns.swap_remove(index).1)
    }

    #[allow(clippy::vec_box, reason = "entries are moved out and back one by one (see `Pooled`)")]
    fn take_all(&self) -> Vec<Box<Pooled>> {
        std::mem::take(&mut *self.lock()).into_iter().map(|(_, entry)| entry).collect()
    }

    fn put(&self, entry: Box<Pooled>) {
        self.lock().push((current_pid(), entry));
    }
}

struct Pool {
    pid: u32,
    #[allow(clippy::vec_box, reason = "entries are moved out and back on every operation (see `Pooled`)")]
    idle: Vec<Box<Pooled>>,
    stats: Stats,
    /// Error replies of deferred commands, waiting to be reported as warnings.
    deferred_warnings: Vec<String>,
    /// Lines for PHP's error log (`on_error => 'log'`), waiting to be written.
    log_lines: Vec<String>,
    /// Deferred commands answered MOVED/ASK since the cluster router last asked.
    deferred_redirects: u64,
}

const EMPTY_POOL: Pool = Pool {
    pid: 0,
    idle: Vec::new(),
    stats: Stats {
        connections_opened: 0,
        reuses: 0,
        reconnects: 0,
        emits: 0,
        failures: 0,
        deferred_receivers: 0,
        deferred_no_receivers: 0,
        deferred_appended: 0,
        deferred_errors: 0,
        deferred_unknown: 0,
        cluster_refreshes: 0,
        cluster_redirects: 0,
    },
    deferred_warnings: Vec::new(),
    log_lines: Vec::new(),
    deferred_redirects: 0,
};

thread_local! {
    /// The pool of the calling thread. NTS PHP has one thread per process; a
    /// thread-safe (ZTS) PHP (Apache's threaded MPMs, FrankenPHP) serves requests
    /// on several threads at once, and a connection's owed deferred replies,
    /// the warnings they raise and the `on_error => 'log'` lines belong to the
    /// request of the thread that wrote them: no connection passes between threads.
    static POOL: ThreadPool = ThreadPool(Box::leak(Box::new(Mutex::new(EMPTY_POOL))));
}

/// A thread's pool. Leaked so that a guard can be `'static`; a thread that
/// ends closes its connections, leaving only the empty header behind.
struct ThreadPool(&'static Mutex<Pool>);

impl Drop for ThreadPool {
    fn drop(&mut self) {
        let mut pool = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        pool.idle.clear();
    }
}

/// This process's id, cached: `getpid()` is a system call and the pool asks on
/// every operation. A fork handler clears the cache in the child.
pub(crate) fn current_pid() -> u32 {
    static PID: AtomicU32 = AtomicU32::new(0);
    static FORK_HANDLER: Once = Once::new();
    extern "C" fn forget_pid_in_child() {
        super::no_unwind((), || PID.store(0, Ordering::Relaxed));
    }
    FORK_HANDLER.call_once(|| {
        // SAFETY: registers a handler that only stores to an atomic.
        unsafe { libc::pthread_atfork(None, None, Some(forget_pid_in_child)) };
    });
    match PID.load(Ordering::Relaxed) {
        0 => {
            let pid = std::process::id();
            PID.store(pid, Ordering::Relaxed);
            pid
        }
        pid => pid,
    }
}

thread_local! {
    /// Whether the pool holds warnings or log lines to report, as of the last
    /// guard dropped: asked after every operation, without taking the lock.
    static REPORTS_WAITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The locked pool; on release, notes whether reports are waiting (`.1`:
/// it is the thread's own pool, not the one serving after the thread's exit).
struct PoolGuard(MutexGuard<'static, Pool>, bool);

impl std::ops::Deref for PoolGuard {
    type Target = Pool;
    fn deref(&self) -> &Pool {
        &self.0
    }
}

impl std::ops::DerefMut for PoolGuard {
    fn deref_mut(&mut self) -> &mut Pool {
        &mut self.0
    }
}

impl Drop for PoolGuard {
    fn drop(&mut self) {
        if self.1 {
            let waiting = !self.0.deferred_warnings.is_empty() || !self.0.log_lines.is_empty();
            let _ = REPORTS_WAITING.try_with(|w| w.set(waiting));
        }
    }
}

/// The pool of the calling thread, after dropping anything inherited from a parent process.
fn pool() -> PoolGuard {
    // A poisoned lock only means a panic elsewhere; the data is still consistent
    // because every change below is a single push/remove. The lock is never
    // contended (one thread), but it keeps re-entrant use a deadlock-free error path.
    // After the thread's locals were destroyed (exit of a thread, or of the
    // process with code still running), a process-wide pool serves instead.
    static AFTER_THREAD_EXIT: Mutex<Pool> = Mutex::new(EMPTY_POOL);
    let own = POOL.try_with(|p| p.0).ok();
    let mut pool = own.unwrap_or(&AFTER_THREAD_EXIT).lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let pid = current_pid();
    if pool.pid != pid {
        // Closing our copy of an inherited fd sends nothing: the parent's socket stays intact.
        pool.idle.clear();
        pool.deferred_warnings.clear();
        pool.log_lines.clear();
        pool.stats = Stats::default();
        pool.deferred_redirects = 0;
        pool.pid = pid;
    }
    PoolGuard(pool, own.is_some())
}

impl Pool {
    /// Books what a connection's deferred replies said; `lost`: the connection is
    /// being dropped, so the replies it still owes will never be known.
    fn absorb(&mut self, conn: &mut Connection, lost: bool) {
        let outcome = conn.take_deferred_outcome();
        self.deferred_redirects += outcome.redirects;
        self.stats.deferred_receivers += outcome.receivers;
        self.stats.deferred_no_receivers += outcome.no_receivers;
        self.stats.deferred_appended += outcome.appended;
        self.stats.deferred_errors += outcome.errors.len() as u64 + outcome.silent_errors;
        for (on_error, message) in outcome.errors {
            let line = format!("a deferred command was refused by Redis at {}: {message}", conn.address());
            match on_error {
                OnError::Log => self.log_lines.push(format!("socketio_emitter: {line}")),
                _ => self.deferred_warnings.push(line),
            }
        }
        if lost {
            self.stats.deferred_unknown += conn.pending_replies() as u64;
        }
    }

    fn record(&mut self, config: &Config, started: Instant, result: &Result<(), &Error>) {
        let outcome = match result {
            // A cluster redirect: the node is fine, and the router sends the
            // command on; the operation's outcome is the redirected one.
            Err(Error::Reply { message, .. }) if super::cluster::is_redirect(message) => breaker::Outcome::Alive,
            Ok(()) => {
                self.stats.emits += 1;
                breaker::Outcome::Alive
            }
            Err(err) => {
                self.stats.failures += 1;
                self.note_failure(config, err);
                breaker::outcome_of(err, started.elapsed(), config.connect_timeout.min(config.io_timeout))
            }
        };
        if let Some((failures, secs)) = breaker::record(&config.address, config.retry_interval, outcome) {
            self.log_lines.push(format!(
                "socketio_emitter: Redis at {} recovered: {failures} emits failed over {secs:.1} s",
                config.address
            ));
        }
    }

    /// `on_error => 'log'`: one line when an address starts failing (one per
    /// pool of processes, through the shared breaker table); an error reply
    /// (a refused command, not an outage) is one line each.
    fn note_failure(&mut self, config: &Config, err: &Error) {
        let wants_log = config.on_error == OnError::Log;
        if matches!(err, Error::Reply { .. } | Error::Rejected { .. }) {
            if wants_log {
                self.log_lines.push(format!("socketio_emitter: {err}"));
            }
            return;
        }
        if breaker::note_failure(&config.address, wants_log) {
            self.log_lines.push(format!(
                "socketio_emitter: {err}; emits to this address fail (return false) until it recovers, which will be logged"
            ));
        }
    }
}

thread_local! {
    /// Deadline of the PHP call in progress when it makes several operations
    /// (SessionRooms: a store, then a live join): see [`within_one_budget`].
    static CALL_DEADLINE: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

/// Runs `f`, whose Redis operations together get one budget of
/// `timeout + read_timeout` (instead of one each): a PHP method that makes
/// several operations still never blocks longer than one.
pub fn within_one_budget<R>(config: &Config, f: impl FnOnce() -> R) -> R {
    let cap = Instant::now() + config.connect_timeout + config.io_timeout;
    let outer = CALL_DEADLINE.get();
    CALL_DEADLINE.set(Some(outer.map_or(cap, |o| o.min(cap))));
    let result = f();
    CALL_DEADLINE.set(outer);
    result
}

/// Runs `f`, whose Redis operations never run past `deadline` (nor past
/// their own budgets): a round trip (`fetchSockets()`) has one deadline.
pub fn within_deadline<R>(deadline: Instant, f: impl FnOnce() -> R) -> R {
    let outer = CALL_DEADLINE.get();
    CALL_DEADLINE.set(Some(outer.map_or(deadline, |o| o.min(deadline))));
    let result = f();
    CALL_DEADLINE.set(outer);
    result
}

/// The deadline of the PHP call in progress, if one was set.
pub fn call_deadline() -> Option<Instant> {
    CALL_DEADLINE.get()
}

/// Runs `op` on a connection for `config`: this process's pooled one, or the
/// Emitter's own `private` one, opening it if needed.
///
/// - While the circuit breaker of the address is open (a connect or I/O failure
///   less than `retry_interval` ago) nothing is attempted: a dead Redis must not
///   cost every request a full timeout.
/// - A connection that failed mid-command is dropped, never reused: its stream
///   may hold half a reply, and the command is not resent (it may have arrived).
///   An error *reply* leaves the stream in step, so that connection is kept.
pub fn run<R>(
    config: &Config,
    private: Option<&PrivateSlot>,
    op: impl FnOnce(&mut Connection) -> Result<R, Error>,
) -> Result<R, Error> {
    // One budget for the whole operation, whatever the server does: at most
    // `timeout` to connect (DNS, TLS, AUTH, SELECT included) and `read_timeout`
    // for the command, and never past their sum from now.
    let started = Instant::now();
    let own = started + config.connect_timeout + config.io_timeout;
    let cap = CALL_DEADLINE.get().map_or(own, |call| call.min(own));
    let io_deadline = || (Instant::now() + config.io_timeout).min(cap);
    let pooled = {
        let mut pool = pool();
        let admitted = if config.retry_interval.is_zero() {
            breaker::Admit::Go { probe: false }
        } else {
            breaker::admit(&config.address, config.connect_timeout + config.io_timeout)
        };
        if let breaker::Admit::Refused(remaining) = admitted {
            pool.stats.failures += 1;
            let err = Error::Unavailable {
                address: config.address.to_string(),
                retry_in: remaining,
            };
            pool.note_failure(config, &err);
            return Err(err);
        }
        match private {
            Some(slot) => slot.take(config),
            None => {
                let index = pool.idle.iter().position(|e| e.key.matches(config));
                index.map(|i| pool.idle.swap_remove(i))
            }
        }
    };
    // An Emitter's own connection to an address it no longer uses (the
    // sentinels named another master) is settled and replaced.
    let pooled = match pooled {
        Some(entry) if private.is_some() && entry.conn.address() != config.address.to_string() => {
            settle(entry);
            None
        }
        other => other,
    };
    // A pooled connection first reads the replies owed by deferred commands, then peeks.
    // It goes back with its own key.
    let mut replaced = false;
    let reusable = match pooled {
        Some(mut entry) => {
            // `started` is a few instructions old: no second clock read.
            entry.conn.set_deadline((started + config.io_timeout).min(cap));
            match entry.conn.check_reusable() {
                // What its deferred replies said is booked with the operation's outcome below.
                Ok(true) => Some(entry),
                Ok(false) => {
                    pool().absorb(&mut entry.conn, true);
                    replaced = true;
                    None
                }
                Err(stalled) => {
                    // Redis is stalled: fail this operation and open the breaker,
                    // as a timeout in sync mode would.
                    let mut guard = pool();
                    guard.absorb(&mut entry.conn, true);
                    guard.record(config, started, &Err(&stalled));
                    return Err(stalled);
                }
            }
        }
        None => None,
    };
    let (mut entry, reused) = match reusable {
        Some(entry) => (entry, true),
        None => match Connection::open(config, (Instant::now() + config.connect_timeout).min(cap)) {
            Ok(mut fresh) => {
                fresh.set_deadline(io_deadline());
                (Box::new(Pooled { key: PoolKey::of(config), conn: fresh }), false)
            }
            Err(e) => {
                let mut pool = pool();
                pool.stats.reconnects += u64::from(replaced);
                pool.record(config, started, &Err(&e));
                return Err(e);
            }
        },
    };
    let result = op(&mut entry.conn);
    let mut pool = pool();
    let keep = matches!(result, Ok(_) | Err(Error::Reply { .. }));
    pool.absorb(&mut entry.conn, !keep);
    pool.stats.reconnects += u64::from(replaced);
    if reused {
        pool.stats.reuses += 1;
    } else {
        pool.stats.connections_opened += 1;
    }
    pool.record(config, started, &result.as_ref().map(|_| ()));
    if keep {
        match private {
            Some(slot) => slot.put(entry),
            None => pool.idle.push(entry),
        }
    }
    result
}

/// Reads the replies a connection owes and books them (a connection leaving use).
fn settle(mut entry: Box<Pooled>) {
    let conn = &mut entry.conn;
    conn.set_deadline(Instant::now() + conn.io_timeout());
    let read = conn.read_pending();
    pool().absorb(conn, read.is_err());
}

/// End of a PHP request (or `Emitter::flush()`): reads every reply still owed
/// by deferred commands on this process's connections, so none is left for the
/// next request to trip over. A connection that fails here is dropped and its
/// replies count as unknown. Returns how many replies were owed.
pub fn read_all_pending() -> usize {
    let mut owed = 0;
    let owing: Vec<Box<Pooled>> = {
        let mut pool = pool();
        let (owing, idle) = std::mem::take(&mut pool.idle)
            .into_iter()
            .partition(|e| e.conn.pending_replies() > 0);
        pool.idle = idle;
        owing
    };
    let private: Vec<Arc<PrivateSlot>> = {
        let mut slots = PRIVATE_SLOTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        slots.retain(|w| w.strong_count() > 0);
        slots.iter().filter_map(Weak::upgrade).collect()
    };
    for slot in private {
        for mut entry in slot.take_all() {
            let conn = &mut entry.conn;
            if conn.pending_replies() == 0 {
                slot.put(entry);
                continue;
            }
            owed += conn.pending_replies();
            conn.set_deadline(Instant::now() + conn.io_timeout());
            let read = conn.read_pending();
            pool().absorb(conn, read.is_err());
            if read.is_ok() {
                slot.put(entry);
            }
        }
    }
    for mut entry in owing {
        let Pooled { key, conn } = &mut *entry;
        owed += conn.pending_replies();
        conn.set_deadline(Instant::now() + key.io_timeout);
        let read = conn.read_pending();
        let mut pool = pool();
        pool.absorb(conn, read.is_err());
        match read {
            Ok(()) => pool.idle.push(entry),
            // Stalled Redis: the next requests must fail fast, not wait again.
            Err(Error::Io { stalled: true, .. }) => {
                breaker::record(&key.address, key.retry_interval, breaker::Outcome::TimedOut);
            }
            Err(_) => {}
        }
    }
    owed
}

/// Whether deferred commands were answered MOVED/ASK since the last call
/// (the cluster router then reads the slot map again).
pub(crate) fn take_deferred_redirects() -> bool {
    std::mem::take(&mut pool().deferred_redirects) > 0
}

/// Updates this thread's counters (the cluster router's figures).
pub(crate) fn count(update: impl FnOnce(&mut Stats)) {
    update(&mut pool().stats);
}

/// Warnings owed to the PHP script for error replies of deferred commands.
/// Whether warnings or log lines are waiting (one look, for every operation).
pub fn has_reports() -> bool {
    // Set by the guard of every change (of this thread's pool): no lock. A
    // forked child's inherited flag only costs one look at its (reset) pool.
    if POOL.try_with(|_| ()).is_ok() && REPORTS_WAITING.try_with(std::cell::Cell::get) == Ok(false) {
        return false;
    }
    let pool = pool();
    !pool.deferred_warnings.is_empty() || !pool.log_lines.is_empty()
}

pub fn take_deferred_warnings() -> Vec<String> {
    std::mem::take(&mut pool().deferred_warnings)
}

/// Lines owed to PHP's error log (`on_error => 'log'`).
pub fn take_log_lines() -> Vec<String> {
    std::mem::take(&mut pool().log_lines)
}

/// This process's counters and state.
pub fn snapshot() -> Snapshot {
    let pool = pool();
    let (breakers_open, breaker_longest_ms) = breaker::open_count();
    Snapshot {
        pid: pool.pid,
        stats: pool.stats,
        breakers_open,
        breaker_longest_ms,
        breaker_shared: breaker::is_shared(),
        idle_connections: pool.idle.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::parse_dsn;
    use crate::core::connection::Outgoing;

    #[test]
    fn same_settings_share_a_key_passwords_only_hashed() {
        let a = parse_dsn("redis://u:secret@h:1").unwrap();
        let b = parse_dsn("redis://u:secret@h:1").unwrap();
        let c = parse_dsn("redis://u:other@h:1").unwrap();
        assert_eq!(PoolKey::of(&a), PoolKey::of(&b));
        assert!(PoolKey::of(&a).matches(&b));
        assert!(!PoolKey::of(&a).matches(&c));
        assert_ne!(PoolKey::of(&a), PoolKey::of(&c));
        assert!(!format!("{:?}", PoolKey::of(&a)).contains("secret"));
        let mut unverified = parse_dsn("rediss://h:1").unwrap();
        let verified = unverified.clone();
        unverified.tls = unverified.tls.map(|t| crate::core::config::TlsSettings { verify_peer: false, ..t });
        assert_ne!(PoolKey::of(&unverified), PoolKey::of(&verified));
        assert_ne!(PoolKey::of(&verified), PoolKey::of(&parse_dsn("redis://h:1").unwrap()));
        assert!(!PoolKey::of(&verified).matches(&unverified));
        assert!(!PoolKey::of(&verified).matches(&parse_dsn("redis://h:1").unwrap()));
        for dsn in ["redis://h:1/2", "redis://u:pw@h:1", "redis://:pw2@h:1", "redis://h:1?timeout=2", "redis+sentinel://h:1/m", "unix:///tmp/r.sock"] {
            let Ok(other) = parse_dsn(dsn) else { continue };
            assert_eq!(PoolKey::of(&verified).matches(&other), PoolKey::of(&verified) == PoolKey::of(&other), "{dsn}");
            assert!(PoolKey::of(&other).matches(&other), "{dsn}");
        }
    }

    #[test]
    fn unreachable_redis_fails_fast_and_is_counted() {
        // Port 1 on loopback: nothing listens, the connect is refused at once.
        let mut config = parse_dsn("redis://127.0.0.1:1").unwrap();
        config.connect_timeout = Duration::from_millis(200);
        let started = std::time::Instant::now();
        let err = run(&config, None, |c| c.pipeline(&[Outgoing::publish("x", b"y")])).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(matches!(err, Error::Connect { .. }), "{err}");
        assert!(err.to_string().contains("127.0.0.1:1"));
        // The breaker now refuses the address without touching the network...
        let err = run(&config, None, |c| c.pipeline(&[Outgoing::publish("x", b"y")])).unwrap_err();
        assert!(matches!(err, Error::Unavailable { .. }), "{err}");
        assert!(snapshot().breakers_open >= 1);
        assert!(snapshot().stats.failures >= 2);
        // ...until retry_interval has passed.
        config.retry_interval = Duration::ZERO;
        let err = run(&config, None, |c| c.pipeline(&[Outgoing::publish("x", b"y")])).unwrap_err();
        assert!(matches!(err, Error::Connect { .. }), "{err}");
    }
}
