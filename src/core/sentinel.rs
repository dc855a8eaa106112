//! Redis Sentinel (`redis+sentinel://`): the master's address is asked of the
//! sentinels, then the operation runs through [`pool::run`] with a config
//! whose address is the master's, so pooling, the breaker and the one
//! deadline apply unchanged, and so does whatever command is sent.
//!
//! Following a failover:
//! - the answer is cached per thread with the time it was given, and asked
//!   again before an operation once it is [`RECHECK_EVERY`] old: after a
//!   planned failover (`SENTINEL FAILOVER`) the old master stays up and
//!   accepts PUBLISH for seconds, delivering to nobody who follows the master,
//!   so waiting for its connection to drop is not enough;
//! - a failed operation marks the answer stale: the next operation asks again
//!   (at most every [`RECHECK_STALE`]);
//! - an operation whose connection to the master could not be set up (connect
//!   failure, breaker, `ROLE` not master: nothing was written) asks again at
//!   once and, when the master moved, runs on the new one (once);
//! - a master is only used after `ROLE` said `master` (checked on connect).
//!
//! The cache holds addresses only (no socket), so a forked child may inherit it.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use super::config::{Address, Config, SentinelSettings};
use super::connection::Connection;
use super::pool::{self, PrivateSlot};
use super::reply::Reply;
use super::Error;

/// How long a sentinel's answer is trusted.
pub const RECHECK_EVERY: Duration = Duration::from_secs(1);
/// After a failure, how soon the sentinels may be asked again (not on every
/// operation of a loop that fails fast).
pub const RECHECK_STALE: Duration = Duration::from_millis(100);

/// What this thread last learnt about one master.
struct Known {
    sentinels: Vec<Address>,
    master_name: String,
    master: Option<Address>,
    /// When the sentinels were last asked (answered or not).
    asked: Instant,
    /// A failure since: ask again sooner.
    stale: bool,
    /// The sentinel that answered last, asked first next time.
    preferred: usize,
}

thread_local! {
    static KNOWN: RefCell<Vec<Known>> = const { RefCell::new(Vec::new()) };
}

/// Masters remembered per thread; an application uses one or two.
const KNOWN_KEPT: usize = 16;

fn with_known<R>(settings: &SentinelSettings, f: impl FnOnce(Option<&mut Known>) -> R) -> R {
    KNOWN.with_borrow_mut(|known| {
        f(known
            .iter_mut()
            .find(|k| k.master_name == settings.master_name && k.sentinels == settings.sentinels))
    })
}

fn remember(settings: &SentinelSettings, master: Option<Address>, preferred: Option<usize>) {
    let now = Instant::now();
    let stored = with_known(settings, |known| {
        let Some(known) = known else { return false };
        known.asked = now;
        if master.is_some() {
            known.master = master.clone();
            known.stale = false;
        }
        if let Some(p) = preferred {
            known.preferred = p;
        }
        true
    });
    if !stored {
        KNOWN.with_borrow_mut(|known| {
            if known.len() >= KNOWN_KEPT {
                known.remove(0);
            }
            known.push(Known {
                sentinels: settings.sentinels.clone(),
                master_name: settings.master_name.clone(),
                stale: master.is_none(),
                master,
                asked: now,
                preferred: preferred.unwrap_or(0),
            });
        });
    }
}

/// The next operation asks the sentinels again (after a failure).
fn forget(settings: &SentinelSettings) {
    with_known(settings, |known| {
        if let Some(known) = known {
            known.stale = true;
        }
    });
}

/// The config of one sentinel: its address and credentials, no TLS, no database.
fn sentinel_config(config: &Config, settings: &SentinelSettings, address: &Address) -> Config {
    Config {
        address: address.clone(),
        tls: None,
        username: settings.username.clone(),
        password: settings.password.clone(),
        db: 0,
        persistent: true,
        deferred: false,
        sentinel: None,
        ..config.clone()
    }
}

/// The config of the master at `address`: the DSN's credentials, TLS and database.
fn master_config(config: &Config, address: &Address) -> Config {
    Config {
        address: address.clone(),
        ..config.clone()
    }
}

/// Asks one sentinel. One that monitors no master of that name answers with
/// an error reply here, so that `on_error => 'log'` logs it like any refusal.
fn ask(config: &Config, master_name: &str) -> Result<Address, Error> {
    pool::run(config, None, |conn| {
        let reply = conn.call(redis::cmd("SENTINEL").arg("get-master-addr-by-name").arg(master_name))?;
        parse_master_reply(conn.address(), reply)?.ok_or_else(|| Error::Reply {
            address: conn.address().to_owned(),
            message: format!("it monitors no master named '{master_name}'"),
        })
    })
    .map_err(|err| match err {
        // The connection's advice names the data nodes' options.
        Error::Rejected { address, detail } => Error::Rejected {
            address,
            detail: detail
                .replace("(check username/password)", "(check the sentinel_username/sentinel_password options)")
                .replace("set the 'password' option (or redis://:password@host in the DSN)", "set the 'sentinel_password' option"),
        },
        other => other,
    })
}

fn parse_master_reply(from: &str, reply: Reply) -> Result<Option<Address>, Error> {
    let unexpected = |what: &str| Error::Protocol {
        address: from.to_owned(),
        detail: format!("SENTINEL get-master-addr-by-name was answered with {what} instead of [host, port]"),
    };
    match reply {
        Reply::Array(None) | Reply::Bulk(None) => Ok(None),
        Reply::Array(Some(items)) => match items.as_slice() {
            [Reply::Bulk(Some(host)), Reply::Bulk(Some(port))] => {
                let host = String::from_utf8_lossy(host).into_owned();
                let port = std::str::from_utf8(port).ok().and_then(|p| p.parse::<u16>().ok()).filter(|p| *p != 0);
                match port {
                    Some(port) if !host.is_empty() && !host.contains('\0') => Ok(Some(Address::Tcp { host, port })),
                    _ => Err(unexpected("an invalid host or port")),
                }
            }
            _ => Err(unexpected("an array of another shape")),
        },
        other => Err(unexpected(other.kind())),
    }
}

/// The master's address: the cached answer while fresh, else the sentinels'
/// (each in turn, the last one that answered first, within the operation's
/// deadline). `force`: ask even if the answer is fresh.
pub fn resolve(config: &Config, settings: &SentinelSettings, force: bool) -> Result<Address, Error> {
    let (cached, preferred, due) = with_known(settings, |known| match known {
        None => (None, 0, true),
        Some(k) => {
            let age = k.asked.elapsed();
            let due = if k.stale { age >= RECHECK_STALE } else { age >= RECHECK_EVERY };
            (k.master.clone(), k.preferred, due || force && age >= RECHECK_STALE)
        }
    });
    if let (Some(master), false) = (&cached, due) {
        return Ok(master.clone());
    }
    let count = settings.sentinels.len();
    let mut failures = Vec::new();
    for index in (0..count).map(|i| (i + preferred) % count) {
        let Some(address) = settings.sentinels.get(index) else { continue };
        match ask(&sentinel_config(config, settings, address), &settings.master_name) {
            Ok(master) => {
                remember(settings, Some(master.clone()), Some(index));
                return Ok(master);
            }
            Err(err) => failures.push(err.to_string()),
        }
    }
    remember(settings, None, None);
    match cached {
        // The sentinels are unreachable but the master may not be: keep using
        // the last answer (asked again later; failures are reported by the pool).
        Some(master) => Ok(master),
        None => Err(Error::Sentinel {
            master: settings.describe(),
            detail: failures.join("; "),
        }),
    }
}

/// `config` aimed at the master the sentinels name now.
pub fn master_config_now(config: &Config, settings: &SentinelSettings) -> Result<Config, Error> {
    let master = resolve(config, settings, false)?;
    Ok(master_config(config, &master))
}

/// Runs `op` on the master of `settings` (see the module's description), all
/// of it within one `timeout + read_timeout`.
pub fn run<R>(
    config: &Config,
    settings: &SentinelSettings,
    private: Option<&PrivateSlot>,
    op: impl FnOnce(&mut Connection) -> Result<R, Error>,
) -> Result<R, Error> {
    pool::within_one_budget(config, || {
        let mut op = Some(op);
        let mut master = resolve(config, settings, false)?;
        let mut asked_again = false;
        loop {
            let result = pool::run(&master_config(config, &master), private, |conn| match op.take() {
                Some(op) => op(conn),
                None => Err(Error::Config("internal error: the operation already ran".into())),
            });
            let Err(err) = result else { return result };
            forget(settings);
            // `op` not taken: the connection failed before it, nothing was
            // written, so running it on the new master cannot deliver twice.
            if op.is_none() || asked_again {
                return Err(err);
            }
            asked_again = true;
            match resolve(config, settings, true) {
                Ok(moved) if moved != master => master = moved,
                _ => return Err(err),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::parse_dsn;

    #[test]
    fn master_replies() {
        let bulk = |s: &str| Reply::Bulk(Some(s.as_bytes().to_vec()));
        let ok = parse_master_reply("s:1", Reply::Array(Some(vec![bulk("10.0.0.5"), bulk("6380")]))).unwrap();
        assert_eq!(ok, Some(Address::Tcp { host: "10.0.0.5".into(), port: 6380 }));
        let v6 = parse_master_reply("s:1", Reply::Array(Some(vec![bulk("::1"), bulk("6380")]))).unwrap().unwrap();
        assert_eq!(v6.to_string(), "[::1]:6380");
        assert_eq!(parse_master_reply("s:1", Reply::Array(None)).unwrap(), None);
        for bad in [
            Reply::Array(Some(vec![bulk("h"), bulk("0")])),
            Reply::Array(Some(vec![bulk("h"), bulk("x")])),
            Reply::Array(Some(vec![bulk("h")])),
            Reply::Int(3),
        ] {
            let err = parse_master_reply("s:1", bad).unwrap_err().to_string();
            assert!(err.contains("s:1") && err.contains("get-master-addr-by-name"), "{err}");
        }
    }

    #[test]
    fn configs_for_sentinels_and_master() {
        let mut config = parse_dsn("rediss+sentinel://u:datapw@127.0.0.1:1,127.0.0.1:2/mymaster/3").unwrap();
        let settings = config.sentinel.clone().unwrap();
        config.sentinel = Some(SentinelSettings {
            password: Some(parse_dsn("redis://:sentpw@h").unwrap().password.unwrap()),
            ..settings.clone()
        });
        let settings = config.sentinel.clone().unwrap();
        let sentinel = sentinel_config(&config, &settings, &settings.sentinels[1]);
        assert_eq!(sentinel.address.to_string(), "127.0.0.1:2");
        assert_eq!((sentinel.db, sentinel.tls.is_none(), sentinel.sentinel.is_none()), (0, true, true));
        assert_eq!(sentinel.password.unwrap().expose(), "sentpw");
        assert_eq!(sentinel.username, None);
        let master = master_config(&config, &Address::Tcp { host: "10.0.0.9".into(), port: 6379 });
        assert_eq!((master.db, master.tls.is_some(), master.sentinel.is_some()), (3, true, true));
        assert_eq!(master.password.unwrap().expose(), "datapw");
    }

    #[test]
    fn no_sentinel_reachable_names_them_within_the_deadline() {
        // Port 1 on loopback: nothing listens, every connect is refused at once.
        let mut config = parse_dsn("redis+sentinel://u:hunter2@127.0.0.1:1,127.0.0.1:2/nosuch-xyz").unwrap();
        config.connect_timeout = Duration::from_millis(200);
        config.io_timeout = Duration::from_millis(200);
        config.sentinel = config.sentinel.map(|s| SentinelSettings {
            password: parse_dsn("redis://:sentinel-secret@h").unwrap().password,
            ..s
        });
        let settings = config.sentinel.clone().unwrap();
        let started = Instant::now();
        let err = run(&config, &settings, None, |_| Ok(())).unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(500));
        let text = err.to_string();
        assert!(matches!(err, Error::Sentinel { .. }), "{text}");
        for expected in ["nosuch-xyz", "127.0.0.1:1", "127.0.0.1:2"] {
            assert!(text.contains(expected), "{text}");
        }
        assert!(!text.contains("hunter2") && !text.contains("sentinel-secret"), "{text}");
        // Asked again only after RECHECK_STALE; the breaker refuses the sentinels meanwhile.
        let err = run(&config, &settings, None, |_| Ok(())).unwrap_err().to_string();
        assert!(err.contains("nosuch-xyz"), "{err}");
    }

    #[test]
    fn answers_are_cached_then_asked_again() {
        let settings = parse_dsn("redis+sentinel://127.0.0.1:3/cache-test").unwrap().sentinel.unwrap();
        let master = Address::Tcp { host: "10.1.1.1".into(), port: 6379 };
        remember(&settings, Some(master.clone()), Some(0));
        let config = parse_dsn("redis+sentinel://127.0.0.1:3/cache-test").unwrap();
        // Fresh: no sentinel asked (127.0.0.1:3 refuses connections).
        assert_eq!(resolve(&config, &settings, false).unwrap(), master);
        // Forced or stale: asked, and the last answer kept when no sentinel answers.
        forget(&settings);
        with_known(&settings, |k| k.unwrap().asked -= RECHECK_STALE);
        assert_eq!(resolve(&config, &settings, false).unwrap(), master);
        assert!(with_known(&settings, |k| k.unwrap().asked.elapsed() < RECHECK_STALE));
    }
}
