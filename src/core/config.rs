//! DSN, option array and php.ini defaults → one validated [`Config`].
//!
//! Messages name the offending key but never echo a DSN or a password: a DSN
//! may carry credentials, and exception messages end up in logs.

use std::fmt;
use std::time::Duration;

use super::Error;

pub const DEFAULT_DSN: &str = "redis://127.0.0.1:6379";
pub const DEFAULT_PREFIX: &str = "socket.io";
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);
const DEFAULT_PORT: u16 = 6379;
/// Longest accepted timeout: a PHP request waiting longer than this is broken anyway.
const MAX_TIMEOUT_SECS: f64 = 3600.0;

/// The option keys an Emitter accepts, in the order the README documents them.
pub const OPTION_KEYS: [&str; 8] = [
    "dsn",
    "host",
    "port",
    "username",
    "password",
    "prefix",
    "timeout",
    "read_timeout",
];

/// Where Redis listens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Address {
    Tcp { host: String, port: u16 },
    Unix { path: String },
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Tcp { host, port } if host.contains(':') => write!(f, "[{host}]:{port}"),
            Address::Tcp { host, port } => write!(f, "{host}:{port}"),
            Address::Unix { path } => write!(f, "unix:{path}"),
        }
    }
}

/// A password: shown as `***` by `Debug`, never by `Display`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Everything needed to reach Redis and name channels.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub address: Address,
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub db: u32,
    pub prefix: String,
    pub connect_timeout: Duration,
    pub io_timeout: Duration,
}

/// A PHP option value, already stripped of zvals by the PHP layer.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// Anything else (array, object...): only its type name is kept for the message.
    Other(&'static str),
}

impl OptionValue {
    fn type_name(&self) -> &'static str {
        match self {
            OptionValue::Null => "null",
            OptionValue::Bool(_) => "bool",
            OptionValue::Int(_) => "int",
            OptionValue::Float(_) => "float",
            OptionValue::Str(_) => "string",
            OptionValue::Other(name) => name,
        }
    }
}

/// php.ini values the options fall back to.
#[derive(Clone, Debug)]
pub struct Defaults {
    pub dsn: String,
    pub prefix: String,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            dsn: DEFAULT_DSN.to_owned(),
            prefix: DEFAULT_PREFIX.to_owned(),
        }
    }
}

fn option_error(key: &str, reason: impl fmt::Display) -> Error {
    Error::Config(format!("option '{key}' {reason}"))
}

impl Config {
    /// `new Emitter('redis://...')`.
    pub fn from_dsn(dsn: &str, defaults: &Defaults) -> Result<Config, Error> {
        let mut config = parse_dsn(dsn)?;
        config.prefix = validate_prefix(&defaults.prefix, "socketio_emitter.prefix")?;
        Ok(config)
    }

    /// `new Emitter([...])`: `dsn` (or the ini DSN) first, then the single keys on top.
    pub fn from_options(options: &[(String, OptionValue)], defaults: &Defaults) -> Result<Config, Error> {
        if let Some((key, _)) = options.iter().find(|(k, _)| !OPTION_KEYS.contains(&k.as_str())) {
            return Err(Error::Config(format!(
                "unknown option '{key}' (known options: {})",
                OPTION_KEYS.join(", ")
            )));
        }
        let get = |name: &str| {
            options
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
                .filter(|v| **v != OptionValue::Null)
        };
        let string = |name: &str| -> Result<Option<String>, Error> {
            match get(name) {
                None => Ok(None),
                Some(OptionValue::Str(s)) => Ok(Some(s.clone())),
                Some(other) => Err(option_error(name, format!("must be a string, {} given", other.type_name()))),
            }
        };

        let mut config = match string("dsn")? {
            Some(dsn) => parse_dsn(&dsn)?,
            None => parse_dsn(&defaults.dsn)?,
        };
        if let Some(host) = string("host")? {
            if host.is_empty() {
                return Err(option_error("host", "must not be empty"));
            }
            let port = match &config.address {
                Address::Tcp { port, .. } => *port,
                Address::Unix { .. } => DEFAULT_PORT,
            };
            config.address = Address::Tcp { host, port };
        }
        match get("port") {
            None => {}
            Some(OptionValue::Int(p)) => {
                let port = u16::try_from(*p)
                    .ok()
                    .filter(|p| *p != 0)
                    .ok_or_else(|| option_error("port", format!("must be between 1 and 65535, {p} given")))?;
                match &mut config.address {
                    Address::Tcp { port: current, .. } => *current = port,
                    Address::Unix { .. } => return Err(option_error("port", "cannot be used with a unix socket DSN")),
                }
            }
            Some(other) => return Err(option_error("port", format!("must be an int, {} given", other.type_name()))),
        }
        if let Some(username) = string("username")? {
            config.username = Some(username);
        }
        if let Some(password) = string("password")? {
            config.password = Some(Secret(password));
        }
        config.prefix = match string("prefix")? {
            Some(prefix) => validate_prefix(&prefix, "prefix")?,
            None => validate_prefix(&defaults.prefix, "socketio_emitter.prefix")?,
        };
        if let Some(value) = get("timeout") {
            config.connect_timeout = parse_timeout("timeout", value)?;
        }
        if let Some(value) = get("read_timeout") {
            config.io_timeout = parse_timeout("read_timeout", value)?;
        }
        Ok(config)
    }
}

fn validate_prefix(prefix: &str, name: &str) -> Result<String, Error> {
    if prefix.is_empty() {
        return Err(option_error(name, "must not be empty"));
    }
    // The adapter splits channels on '#': a prefix containing one could never match.
    if prefix.contains('#') {
        return Err(option_error(name, "must not contain '#'"));
    }
    Ok(prefix.to_owned())
}

/// Seconds as int or float, like phpredis' `timeout`.
fn parse_timeout(key: &str, value: &OptionValue) -> Result<Duration, Error> {
    let secs = match value {
        OptionValue::Int(i) => *i as f64,
        OptionValue::Float(f) => *f,
        other => return Err(option_error(key, format!("must be a number of seconds, {} given", other.type_name()))),
    };
    if !(secs > 0.0 && secs <= MAX_TIMEOUT_SECS) {
        return Err(option_error(key, format!("must be greater than 0 and at most {MAX_TIMEOUT_SECS} seconds")));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// `redis://[user:pass@]host[:port][/db]` or `unix:///path/to.sock[?db=N]`.
pub fn parse_dsn(dsn: &str) -> Result<Config, Error> {
    let invalid = |reason: &str| Error::Config(format!("invalid DSN: {reason}"));
    let url = url::Url::parse(dsn).map_err(|e| invalid(&e.to_string()))?;
    let mut db = 0;
    let address = match url.scheme() {
        "redis" => {
            let host = match url.host() {
                Some(url::Host::Domain(d)) if !d.is_empty() => d.to_owned(),
                Some(url::Host::Ipv4(ip)) => ip.to_string(),
                Some(url::Host::Ipv6(ip)) => ip.to_string(),
                _ => return Err(invalid("missing host")),
            };
            let path = url.path().trim_start_matches('/');
            if !path.is_empty() {
                db = path
                    .parse()
                    .map_err(|_| invalid("the path must be a database number, like /0"))?;
            }
            Address::Tcp {
                host,
                port: url.port().unwrap_or(DEFAULT_PORT),
            }
        }
        "unix" => {
            if url.path().is_empty() || url.path() == "/" {
                return Err(invalid("missing socket path (use unix:///path/to/redis.sock)"));
            }
            Address::Unix {
                path: percent_decode(url.path()),
            }
        }
        "rediss" => return Err(invalid("TLS (rediss://) is not supported by this build yet")),
        other => return Err(invalid(&format!("unsupported scheme '{other}' (use redis:// or unix://)"))),
    };
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "db" => db = value.parse().map_err(|_| invalid("query parameter 'db' must be a database number"))?,
            other => return Err(invalid(&format!("unknown query parameter '{other}'"))),
        }
    }
    let username = Some(percent_decode(url.username())).filter(|u| !u.is_empty());
    let password = url.password().map(|p| Secret(percent_decode(p)));
    Ok(Config {
        address,
        username,
        password,
        db,
        prefix: DEFAULT_PREFIX.to_owned(),
        connect_timeout: DEFAULT_TIMEOUT,
        io_timeout: DEFAULT_TIMEOUT,
    })
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(pairs: &[(&str, OptionValue)]) -> Vec<(String, OptionValue)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn dsn_forms() {
        let c = parse_dsn("redis://127.0.0.1:6390/2").unwrap();
        assert_eq!(c.address, Address::Tcp { host: "127.0.0.1".into(), port: 6390 });
        assert_eq!(c.db, 2);
        let c = parse_dsn("redis://us%40er:p%3Ass@example.com").unwrap();
        assert_eq!(c.username.as_deref(), Some("us@er"));
        assert_eq!(c.password.unwrap().expose(), "p:ss");
        let c = parse_dsn("redis://:only-pass@[::1]:7000").unwrap();
        assert_eq!(c.username, None);
        assert_eq!(c.address.to_string(), "[::1]:7000");
        let c = parse_dsn("unix:///run/redis.sock?db=3").unwrap();
        assert_eq!(c.address, Address::Unix { path: "/run/redis.sock".into() });
        assert_eq!(c.db, 3);
    }

    #[test]
    fn bad_dsns_never_echo_the_password() {
        for dsn in [
            "redis://u:hunter2@host/notadb",
            "http://u:hunter2@host",
            "redis://u:hunter2@",
            "hunter2",
            "redis://u:hunter2@host?x=1",
            "rediss://u:hunter2@host",
        ] {
            let err = parse_dsn(dsn).unwrap_err().to_string();
            assert!(err.starts_with("invalid DSN"), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn options_override_dsn_and_defaults() {
        let defaults = Defaults { dsn: "redis://10.0.0.1:7000".into(), prefix: "ini".into() };
        let c = Config::from_options(&opts(&[("port", OptionValue::Int(7001)), ("timeout", OptionValue::Float(0.25))]), &defaults).unwrap();
        assert_eq!(c.address, Address::Tcp { host: "10.0.0.1".into(), port: 7001 });
        assert_eq!(c.prefix, "ini");
        assert_eq!(c.connect_timeout, Duration::from_millis(250));
        assert_eq!(c.io_timeout, DEFAULT_TIMEOUT);
        let c = Config::from_options(
            &opts(&[("dsn", OptionValue::Str("redis://h".into())), ("prefix", OptionValue::Str("my".into())), ("password", OptionValue::Str("s".into()))]),
            &defaults,
        )
        .unwrap();
        assert_eq!(c.address.to_string(), "h:6379");
        assert_eq!(c.prefix, "my");
        assert_eq!(format!("{:?}", c.password), "Some(***)");
    }

    #[test]
    fn option_errors_name_the_key() {
        let d = Defaults::default();
        let cases = [
            (opts(&[("hots", OptionValue::Str("x".into()))]), "unknown option 'hots'"),
            (opts(&[("port", OptionValue::Int(70000))]), "option 'port' must be between 1 and 65535"),
            (opts(&[("port", OptionValue::Str("1".into()))]), "option 'port' must be an int, string given"),
            (opts(&[("timeout", OptionValue::Float(0.0))]), "option 'timeout' must be greater than 0"),
            (opts(&[("read_timeout", OptionValue::Float(f64::NAN))]), "option 'read_timeout' must be greater than 0"),
            (opts(&[("prefix", OptionValue::Str("a#b".into()))]), "option 'prefix' must not contain '#'"),
            (opts(&[("password", OptionValue::Other("array"))]), "option 'password' must be a string, array given"),
        ];
        for (options, expected) in cases {
            let err = Config::from_options(&options, &d).unwrap_err().to_string();
            assert!(err.contains(expected), "{err} should contain {expected}");
        }
    }
}
