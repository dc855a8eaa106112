//! The pure-Rust core: wire protocol, configuration and the per-process
//! connection pool. No PHP types live here, so `cargo test` covers it alone.

pub mod adapter;
pub mod breaker;
pub mod cluster;
pub mod config;
pub mod connection;
pub mod js_date;
pub mod pool;
pub mod protocol;
pub mod reply;
pub mod roundtrip;
pub mod sentinel;
pub mod session;
pub mod sharded;
pub mod streams;
pub mod socket;
pub mod tls;

use std::fmt;

/// Everything that can go wrong below the PHP layer. Messages never contain a
/// password: addresses are printed as host:port and DSNs are never echoed.
#[derive(Debug)]
pub enum Error {
    /// A bad DSN or option; the message names the key.
    Config(String),
    /// Could not open a connection (refused, timed out, DNS, TLS handshake).
    Connect { address: String, detail: String },
    /// Redis is up but refused the connection set-up (AUTH or SELECT failed).
    Rejected { address: String, detail: String },
    /// The connection broke or timed out during a command. The command may or
    /// may not have reached Redis, so it is not retried (that could deliver twice).
    /// `stalled`: Redis did not answer in time (frozen, overloaded), as opposed
    /// to a connection it closed.
    /// `written`: whether any byte of the command had been handed to the
    /// kernel (if not, it certainly was not delivered).
    Io { address: String, detail: String, stalled: bool, written: bool },
    /// Redis answered with an error (e.g. NOPERM). The connection stays usable.
    Reply { address: String, message: String },
    /// What answered is not Redis (an HTTP server, a port that closes at once)
    /// or answered what Redis never would (a status reply to PUBLISH).
    Protocol { address: String, detail: String },
    /// Not attempted: the address failed less than `retry_interval` ago (circuit breaker).
    Unavailable { address: String, retry_in: std::time::Duration },
    /// No sentinel gave the master's address (`redis+sentinel://`): `master`
    /// names it and its sentinels, `detail` says what each sentinel did.
    Sentinel { master: String, detail: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(msg) => f.write_str(msg),
            Error::Connect { address, detail } => write!(f, "cannot connect to Redis at {address}: {detail}"),
            Error::Rejected { address, detail } => write!(f, "Redis at {address} refused the connection: {detail}"),
            Error::Io { address, detail, written: true, .. } => write!(
                f,
                "Redis at {address} failed during the command: {detail}; it was not retried because it may already have been delivered"
            ),
            Error::Io { address, detail, written: false, .. } => {
                write!(f, "Redis at {address} failed before the command was sent: {detail}; nothing was delivered")
            }
            Error::Reply { address, message } => write!(f, "Redis at {address} replied with an error: {message}"),
            Error::Protocol { address, detail } => write!(
                f,
                "the server at {address} does not speak the Redis protocol: {detail} (check the DSN/host/port options)"
            ),
            Error::Unavailable { address, retry_in } => write!(
                f,
                "Redis at {address} failed recently; not retrying for another {} ms (retry_interval)",
                retry_in.as_millis().max(1)
            ),
            Error::Sentinel { master, detail } => write!(f, "no Redis Sentinel gave the address of {master}: {detail}"),
        }
    }
}

impl std::error::Error for Error {}

/// Runs the body of an `extern "C"` hook (module start-up, request start-up and
/// shutdown, phpinfo, the fork handler): a panic unwinding out of it would
/// abort the PHP process (a php-fpm worker with every request it serves), so
/// it is caught here and the hook returns `fallback` instead.
pub fn no_unwind<R>(fallback: R, body: impl FnOnce() -> R) -> R {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(fallback)
}

#[cfg(test)]
mod golden_tests;

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn may_have_been_delivered_only_when_written() {
        let io = |written| Error::Io {
            address: "h:1".into(),
            detail: "timed out".into(),
            stalled: true,
            written,
        };
        assert!(io(true).to_string().contains("may already have been delivered"));
        let not_sent = io(false).to_string();
        assert!(!not_sent.contains("may already"), "{not_sent}");
        assert!(not_sent.contains("nothing was delivered"), "{not_sent}");
    }
}
