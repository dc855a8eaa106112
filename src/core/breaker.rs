//! The circuit breaker, shared by every process forked from one master.
//!
//! A breaker per process let each php-fpm worker (or Apache child) pay its own
//! full timeout against a frozen Redis: 25 children stalled 50 requests ~1 s
//! each. The table here is mapped at MINIT (`MAP_SHARED | MAP_ANONYMOUS`), before
//! the master forks, so all workers see one state per address: an outage costs
//! about one timeout per address per window for the whole pool.
//!
//! Only atomics live in the table: a worker killed mid-update holds no lock.
//! A fixed number of slots, keyed by a hash of the address; a probe claim
//! carries its own expiry, so a worker dying during its probe blocks nobody
//! for longer than one operation. Without MINIT (unit tests) the table is a
//! process-local static, with the same rules.

use std::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use super::config::Address;

/// Addresses tracked; an application talks to a handful. When full, a new
/// address simply has no breaker (it is never refused).
const SLOTS: usize = 64;

/// Longest a failing address is refused, however long the outage (backoff cap).
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

#[derive(Default)]
struct Slot {
    /// Hash of the address; 0: free.
    key: AtomicU64,
    /// Monotonic ms until which the address is refused.
    open_until: AtomicU64,
    /// Monotonic ms until which one process's probe is in flight (0: none).
    probe_until: AtomicU64,
    /// Consecutive timeouts (doubling the window each time).
    timeouts: AtomicU32,
    /// Outage bookkeeping for `on_error => 'log'`: monotonic ms it started
    /// (0: no outage), failed operations since, whether its start was logged.
    outage_since: AtomicU64,
    outage_failures: AtomicU64,
    outage_logged: AtomicU32,
}

struct Table {
    slots: [Slot; SLOTS],
    /// Slots ever claimed (they are never freed). 0 (no address of the pool
    /// ever failed, the usual case): every lookup is answered without hashing.
    claimed: AtomicU32,
}

static SHARED: AtomicPtr<Table> = AtomicPtr::new(std::ptr::null_mut());

fn local() -> &'static Table {
    static LOCAL: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    LOCAL.get_or_init(|| Table {
        slots: std::array::from_fn(|_| Slot::default()),
        claimed: AtomicU32::new(0),
    })
}

/// Maps the shared table. Called at MINIT, before php-fpm / Apache fork their
/// workers. On failure the breaker stays per process.
pub fn init_shared() -> bool {
    if !SHARED.load(Ordering::Acquire).is_null() {
        return true;
    }
    let size = std::mem::size_of::<Table>();
    // SAFETY: an anonymous shared mapping, zero-filled by the kernel; all-zero
    // is a valid `Table` (atomics of 0 = free slots).
    let ptr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_SHARED | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if ptr == libc::MAP_FAILED {
        return false;
    }
    SHARED.store(ptr.cast(), Ordering::Release);
    true
}

/// Whether the table is shared across forked processes.
pub fn is_shared() -> bool {
    !SHARED.load(Ordering::Acquire).is_null()
}

fn table() -> &'static Table {
    // SAFETY: null, or a mapping made once and never unmapped.
    unsafe { SHARED.load(Ordering::Acquire).as_ref() }.unwrap_or_else(local)
}

/// CLOCK_MONOTONIC in ms: one clock for every process of the machine.
fn now_ms() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime into a timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    u64::try_from(ts.tv_sec).unwrap_or(0) * 1000 + u64::try_from(ts.tv_nsec).unwrap_or(0) / 1_000_000 + 1
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// FNV-1a of the address as displayed (`host:port`, `[v6]:port`, `unix:path`):
/// stable across processes of one build. Hashed from the parts, with no string
/// formatted or allocated: every operation asks twice (admit and record).
fn key_of(address: &Address) -> u64 {
    struct Fnv(u64);
    impl Fnv {
        fn feed(&mut self, bytes: &[u8]) {
            for b in bytes {
                self.0 ^= u64::from(*b);
                self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    match address {
        Address::Tcp { host, port } => {
            let bracketed = host.contains(':');
            if bracketed {
                h.feed(b"[");
            }
            h.feed(host.as_bytes());
            h.feed(if bracketed { b"]:" } else { b":" });
            let mut digits = [0u8; 5];
            let mut at = digits.len();
            let mut p = *port;
            loop {
                at -= 1;
                if let Some(d) = digits.get_mut(at) {
                    *d = b'0' + (p % 10) as u8;
                }
                p /= 10;
                if p == 0 || at == 0 {
                    break;
                }
            }
            h.feed(digits.get(at..).unwrap_or_default());
        }
        Address::Unix { path } => {
            h.feed(b"unix:");
            h.feed(path.as_bytes());
        }
    }
    h.0.max(1)
}

/// [`key_of`], remembered for the last address asked about in this thread:
/// every operation asks (admit, record), nearly always about the same address.
fn cached_key(address: &Address) -> u64 {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(Address, u64)>> = const { std::cell::RefCell::new(None) };
    }
    LAST.try_with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((known, key)) if known == address => *key,
            _ => {
                let key = key_of(address);
                *last = Some((address.clone(), key));
                key
            }
        }
    })
    .unwrap_or_else(|_| key_of(address))
}

/// The slot of `address`, claimed if `create` and it has none yet.
fn slot(address: &Address, create: bool) -> Option<&'static Slot> {
    let table = table();
    if !create && table.claimed.load(Ordering::Acquire) == 0 {
        // No address ever failed: none has a slot.
        return None;
    }
    let key = cached_key(address);
    let slots = &table.slots;
    let start = usize::try_from(key % SLOTS as u64).unwrap_or(0);
    for i in 0..SLOTS {
        let slot = slots.get((start + i) % SLOTS)?;
        match slot.key.load(Ordering::Acquire) {
            k if k == key => return Some(slot),
            0 if create => match slot.key.compare_exchange(0, key, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => {
                    table.claimed.fetch_add(1, Ordering::AcqRel);
                    return Some(slot);
                }
                Err(k) if k == key => return Some(slot),
                Err(_) => {}
            },
            0 => return None,
            _ => {}
        }
    }
    None
}

/// What the breaker says about an operation about to start.
#[derive(Debug, PartialEq, Eq)]
pub enum Admit {
    /// Go ahead; `probe`: this process holds the one probe of an open address.
    Go { probe: bool },
    /// Refused for about this long (open window, or another process is probing).
    Refused(Duration),
}

/// Asks whether `address` may be tried now. `probe_for`: how long a probe may
/// take (the operation's whole budget) before its claim expires.
pub fn admit(address: &Address, probe_for: Duration) -> Admit {
    let Some(slot) = slot(address, false) else { return Admit::Go { probe: false } };
    let now = now_ms();
    let open_until = slot.open_until.load(Ordering::Acquire);
    if open_until == 0 {
        return Admit::Go { probe: false };
    }
    if now < open_until {
        return Admit::Refused(Duration::from_millis(open_until - now));
    }
    // Window over: one process probes, the others keep failing fast meanwhile.
    let claimed = slot.probe_until.load(Ordering::Acquire);
    if claimed > now {
        return Admit::Refused(Duration::from_millis(claimed - now));
    }
    match slot
        .probe_until
        .compare_exchange(claimed, now + millis(probe_for) + 100, Ordering::AcqRel, Ordering::Acquire)
    {
        Ok(_) => Admit::Go { probe: true },
        Err(other) => Admit::Refused(Duration::from_millis(other.saturating_sub(now).max(1))),
    }
}

/// How an operation ended, for the breaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Redis answered (even an error reply): close the breaker.
    Alive,
    /// The connection was refused or failed at once: refuse for `retry_interval`.
    Refused,
    /// A timeout (connect or reply): refuse with exponential backoff, since
    /// every probe costs a full timeout.
    TimedOut,
    /// Neither (e.g. Redis closed an idle connection): no change, probe released.
    Unknown,
}

/// How a failed operation counts. `elapsed`: what it cost; `short_timeout`:
/// the smaller of its timeouts (an attempt that used it up timed out).
pub fn outcome_of(err: &super::Error, elapsed: Duration, short_timeout: Duration) -> Outcome {
    use super::Error;
    match err {
        // Redis answered: it is up.
        Error::Reply { .. } | Error::Rejected { .. } => Outcome::Alive,
        Error::Io { stalled: true, .. } => Outcome::TimedOut,
        Error::Connect { .. } if elapsed >= short_timeout.mul_f64(0.9) => Outcome::TimedOut,
        Error::Connect { .. } => Outcome::Refused,
        // The connection Redis closed (restart, CLIENT KILL), a reset, a
        // protocol error: the next operation reconnects at once.
        // Something that is not Redis answered at once: a wrong port, not an outage.
        Error::Io { stalled: false, .. } | Error::Protocol { .. } | Error::Config(_) | Error::Unavailable { .. } | Error::Sentinel { .. } => Outcome::Unknown,
    }
}

/// Cheap per-call jitter in [0.75, 1.25): workers of a pool must not probe in step.
fn jitter(ms: u64) -> u64 {
    let seed = u64::from(std::process::id()) ^ now_ms().wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut x = seed | 1;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    ms * 3 / 4 + x % (ms / 2).max(1)
}

/// Records how an operation on `address` ended. Returns, for a success that
/// ended an outage, `(failed operations, seconds)` if its start was logged
/// (the caller logs the recovery; exactly one process gets it).
pub fn record(address: &Address, retry_interval: Duration, outcome: Outcome) -> Option<(u64, f64)> {
    match outcome {
        Outcome::Alive => {
            let slot = slot(address, false)?;
            slot.open_until.store(0, Ordering::Release);
            slot.timeouts.store(0, Ordering::Release);
            slot.probe_until.store(0, Ordering::Release);
            let since = slot.outage_since.swap(0, Ordering::AcqRel);
            let failures = slot.outage_failures.swap(0, Ordering::AcqRel);
            let logged = slot.outage_logged.swap(0, Ordering::AcqRel) != 0;
            (since != 0 && logged).then(|| (failures, now_ms().saturating_sub(since) as f64 / 1000.0))
        }
        Outcome::Unknown => {
            if let Some(slot) = slot(address, false) {
                slot.probe_until.store(0, Ordering::Release);
            }
            None
        }
        Outcome::Refused | Outcome::TimedOut => {
            if retry_interval.is_zero() {
                return None;
            }
            let slot = slot(address, true)?;
            if slot.open_until.load(Ordering::Acquire) > now_ms() {
                // Already open: operations that were in flight when the outage
                // began fail one after the other; they are one failure, not
                // reasons to double the window again.
                return None;
            }
            let base = millis(retry_interval);
            let window = if outcome == Outcome::TimedOut {
                // The first window is retry_interval exactly; later ones double, with jitter.
                match slot.timeouts.fetch_add(1, Ordering::AcqRel).min(16) {
                    0 => base,
                    n => jitter(base.saturating_mul(1 << n)).min(millis(MAX_BACKOFF)),
                }
            } else {
                base
            };
            slot.open_until.store(now_ms() + window, Ordering::Release);
            slot.probe_until.store(0, Ordering::Release);
            None
        }
    }
}

/// Counts a failed operation on `address` for the outage summary. Returns
/// true for the one caller (pool-wide) that should log the outage's start,
/// when `wants_log`.
pub fn note_failure(address: &Address, wants_log: bool) -> bool {
    let Some(slot) = slot(address, true) else { return wants_log };
    let _ = slot.outage_since.compare_exchange(0, now_ms(), Ordering::AcqRel, Ordering::Acquire);
    slot.outage_failures.fetch_add(1, Ordering::AcqRel);
    wants_log && slot.outage_logged.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire).is_ok()
}

/// Addresses not known healthy (window running, or over but no probe has
/// succeeded yet), and the longest window still to run (ms).
pub fn open_count() -> (usize, u64) {
    let now = now_ms();
    let mut open = 0;
    let mut longest = 0;
    for slot in &table().slots {
        let until = slot.open_until.load(Ordering::Acquire);
        if slot.key.load(Ordering::Acquire) != 0 && until != 0 {
            open += 1;
            longest = longest.max(until.saturating_sub(now));
        }
    }
    (open, longest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::parse_dsn;

    #[test]
    fn key_is_the_fnv_of_the_displayed_address() {
        let fnv = |s: &str| s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)).max(1);
        for port in [0u16, 1, 9, 10, 99, 100, 6379, 10000, 65535] {
            for host in ["127.0.0.1", "redis.example", "::1", "fe80::1%eth0"] {
                let a = Address::Tcp { host: host.into(), port };
                assert_eq!(key_of(&a), fnv(&a.to_string()), "{a}");
            }
        }
        let u = Address::Unix { path: "/run/redis/redis.sock".into() };
        assert_eq!(key_of(&u), fnv("unix:/run/redis/redis.sock"));
        assert_ne!(key_of(&u), key_of(&Address::Unix { path: "/run/redis/other.sock".into() }));
    }

    #[test]
    fn timeouts_back_off_exponentially_with_one_probe_at_a_time() {
        let address = parse_dsn("redis://10.255.0.1:7001").unwrap().address;
        let retry = Duration::from_millis(100);
        assert_eq!(admit(&address, retry), Admit::Go { probe: false });
        record(&address, retry, Outcome::TimedOut);
        let Admit::Refused(first) = admit(&address, retry) else { panic!("open") };
        assert!(first >= Duration::from_millis(90) && first <= Duration::from_millis(100), "{first:?}");
        std::thread::sleep(first + Duration::from_millis(5));
        assert_eq!(admit(&address, Duration::from_secs(1)), Admit::Go { probe: true });
        // The probe is in flight: everyone else is refused.
        assert!(matches!(admit(&address, retry), Admit::Refused(_)));
        record(&address, retry, Outcome::TimedOut);
        // Operations in flight when it broke fail too: they do not compound.
        record(&address, retry, Outcome::TimedOut);
        let Admit::Refused(second) = admit(&address, retry) else { panic!("open") };
        assert!(second >= Duration::from_millis(145) && second <= Duration::from_millis(255), "{second:?}");
        for _ in 0..20 {
            slot(&address, false).unwrap().open_until.store(1, Ordering::Release); // window over: a probe failed
            record(&address, retry, Outcome::TimedOut);
        }
        let Admit::Refused(capped) = admit(&address, retry) else { panic!("open") };
        assert!(capped <= MAX_BACKOFF && capped >= MAX_BACKOFF / 2, "{capped:?}");
        assert!(open_count().0 >= 1);
        // A refused connect does not grow the window; success closes it.
        record(&address, retry, Outcome::Alive);
        assert_eq!(admit(&address, retry), Admit::Go { probe: false });
        record(&address, retry, Outcome::Refused);
        let Admit::Refused(flat) = admit(&address, retry) else { panic!("open") };
        assert!(flat <= retry, "{flat:?}");
        record(&address, retry, Outcome::Alive);
    }

    #[test]
    fn an_outage_is_logged_once_and_summed_up_once() {
        let address = parse_dsn("redis://10.255.0.2:7002").unwrap().address;
        assert!(note_failure(&address, true));
        assert!(!note_failure(&address, true));
        assert!(!note_failure(&address, false));
        let (failures, _) = record(&address, Duration::from_millis(100), Outcome::Alive).unwrap();
        assert_eq!(failures, 3);
        assert_eq!(record(&address, Duration::from_millis(100), Outcome::Alive), None);
    }
}
