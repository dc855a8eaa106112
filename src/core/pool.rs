//! This process's Redis connections, reused across emits and PHP requests.
//!
//! php-fpm runs module start-up in the master and then forks its workers, and
//! CLI scripts may `pcntl_fork()`: a socket inherited across a fork is shared
//! by two processes whose replies would interleave. So the pool remembers the
//! pid it belongs to and never hands an inherited connection out; connections
//! are only ever opened lazily, by the process that uses them.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use super::config::{Address, Config};
use super::connection::Connection;
use super::Error;

/// What makes two configs share a connection. The password is only kept as a
/// hash, so the pool itself holds no secret beyond the open socket.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct PoolKey {
    address: Address,
    username: Option<String>,
    password_hash: Option<u64>,
    db: u32,
    connect_timeout: Duration,
    io_timeout: Duration,
}

impl PoolKey {
    fn of(config: &Config) -> PoolKey {
        PoolKey {
            address: config.address.clone(),
            username: config.username.clone(),
            password_hash: config.password.as_ref().map(|p| {
                let mut h = DefaultHasher::new();
                p.expose().hash(&mut h);
                h.finish()
            }),
            db: config.db,
            connect_timeout: config.connect_timeout,
            io_timeout: config.io_timeout,
        }
    }
}

/// Counters of this process, for phpinfo and `Emitter::stats()`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Connections opened (first use, and replacements).
    pub connections_opened: u64,
    /// Commands that went out on an already open connection.
    pub reuses: u64,
    /// Pooled connections found dead before use and replaced.
    pub reconnects: u64,
    /// Operations that succeeded.
    pub commands: u64,
    /// Operations that failed (connect, I/O or error reply).
    pub failures: u64,
}

struct Pool {
    pid: u32,
    idle: Vec<(PoolKey, Connection)>,
    stats: Stats,
}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    pid: 0,
    idle: Vec::new(),
    stats: Stats {
        connections_opened: 0,
        reuses: 0,
        reconnects: 0,
        commands: 0,
        failures: 0,
    },
});

/// The pool of the calling process, after dropping anything inherited from a parent.
fn pool() -> MutexGuard<'static, Pool> {
    // A poisoned lock only means a panic elsewhere; the data is still consistent
    // because every change below is a single push/remove.
    let mut pool = POOL.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let pid = std::process::id();
    if pool.pid != pid {
        // Closing our copy of an inherited fd sends nothing: the parent's socket stays intact.
        pool.idle.clear();
        pool.stats = Stats::default();
        pool.pid = pid;
    }
    pool
}

/// Runs `op` on this process's connection for `config`, opening one if needed.
///
/// A connection that failed mid-command is dropped, never returned to the pool:
/// its stream may hold half a reply. An error *reply* leaves it in step, so it is kept.
pub fn run<R>(config: &Config, op: impl FnOnce(&mut Connection) -> Result<R, Error>) -> Result<R, Error> {
    let key = PoolKey::of(config);
    let pooled = {
        let mut pool = pool();
        let index = pool.idle.iter().position(|(k, _)| *k == key);
        index.map(|i| pool.idle.swap_remove(i).1)
    };
    let mut replaced = false;
    let mut conn = match pooled {
        Some(conn) if conn.is_reusable() => Some(conn),
        Some(_dead) => {
            replaced = true;
            None
        }
        None => None,
    };
    let reused = conn.is_some();
    if conn.is_none() {
        match Connection::open(config) {
            Ok(c) => conn = Some(c),
            Err(e) => {
                let mut pool = pool();
                pool.stats.failures += 1;
                pool.stats.reconnects += u64::from(replaced);
                return Err(e);
            }
        }
    }
    let Some(mut conn) = conn else {
        return Err(Error::Connect {
            address: config.address.to_string(),
            detail: "no connection".into(),
        });
    };
    let result = op(&mut conn);
    let mut pool = pool();
    pool.stats.reconnects += u64::from(replaced);
    if reused {
        pool.stats.reuses += 1;
    } else {
        pool.stats.connections_opened += 1;
    }
    match &result {
        Ok(_) => pool.stats.commands += 1,
        Err(_) => pool.stats.failures += 1,
    }
    if matches!(result, Ok(_) | Err(Error::Reply { .. })) {
        pool.idle.push((key, conn));
    }
    result
}

/// This process's counters.
pub fn stats() -> Stats {
    pool().stats
}

/// Idle connections this process holds.
pub fn idle_connections() -> usize {
    pool().idle.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::parse_dsn;

    #[test]
    fn same_settings_share_a_key_passwords_only_hashed() {
        let a = parse_dsn("redis://u:secret@h:1").unwrap();
        let b = parse_dsn("redis://u:secret@h:1").unwrap();
        let c = parse_dsn("redis://u:other@h:1").unwrap();
        assert_eq!(PoolKey::of(&a), PoolKey::of(&b));
        assert_ne!(PoolKey::of(&a), PoolKey::of(&c));
        assert!(!format!("{:?}", PoolKey::of(&a)).contains("secret"));
    }

    #[test]
    fn unreachable_redis_fails_fast_and_is_counted() {
        // Port 1 on loopback: nothing listens, the connect is refused at once.
        let mut config = parse_dsn("redis://127.0.0.1:1").unwrap();
        config.connect_timeout = Duration::from_millis(200);
        let started = std::time::Instant::now();
        let err = run(&config, |c| c.publish("x", b"y")).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(matches!(err, Error::Connect { .. }), "{err}");
        assert!(err.to_string().contains("127.0.0.1:1"));
        assert!(stats().failures >= 1);
    }
}
