//! DSN, option array and php.ini defaults → one validated [`Config`].
//!
//! Messages name the offending key but never echo a DSN or a password: a DSN
//! may carry credentials, and exception messages end up in logs.

use std::fmt;
use std::time::Duration;

use super::sharded::SubscriptionMode;
use super::Error;

pub const DEFAULT_DSN: &str = "redis://127.0.0.1:6379";
pub const DEFAULT_PREFIX: &str = "socket.io";
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);
pub const DEFAULT_RETRY_INTERVAL: Duration = Duration::from_millis(500);
const DEFAULT_PORT: u16 = 6379;
/// Where a Redis Sentinel listens unless the DSN says otherwise.
pub const DEFAULT_SENTINEL_PORT: u16 = 26379;
/// Longest accepted timeout: a PHP request waiting longer than this is broken anyway.
const MAX_TIMEOUT_SECS: f64 = 3600.0;
const MAX_RETRY_INTERVAL_MS: i64 = 3_600_000;

/// The option keys an Emitter accepts, in the order the README documents them.
pub const OPTION_KEYS: [&str; 26] = [
    "dsn",
    "host",
    "port",
    "username",
    "password",
    "prefix",
    "timeout",
    "read_timeout",
    "retry_interval",
    "on_error",
    "persistent",
    "deferred",
    "tls_ca_file",
    "tls_cert_file",
    "tls_key_file",
    "verify_peer",
    "max_attachments",
    "max_payload",
    "adapter",
    "subscription_mode",
    "stream_name",
    "max_len",
    "stream_count",
    "socketio_version",
    "sentinel_username",
    "sentinel_password",
];

/// socket.io-parser's own limit since CVE-2026-33151 (4.2.6+, 3.4.4+, 3.3.5+):
/// a client receiving an event with more binary attachments disconnects.
pub const DEFAULT_MAX_ATTACHMENTS: usize = 10;
/// Half of Redis' default `client-output-buffer-limit pubsub 32mb 8mb 60`.
pub const DEFAULT_MAX_PAYLOAD: usize = 16 * 1024 * 1024;

/// What `emit()` does when Redis cannot be reached or fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// `SocketIO\Exception` (default).
    Throw,
    /// `E_WARNING` and `false`.
    Warn,
    /// `false`, and a line in PHP's error log when an address starts failing
    /// and when it recovers (never the user's error handler: frameworks turn
    /// warnings into exceptions, and a line per request floods the log).
    Log,
    /// `false` only.
    Silent,
}

impl OnError {
    fn parse(value: &str, key: &str) -> Result<OnError, Error> {
        match value {
            "throw" => Ok(OnError::Throw),
            "warn" => Ok(OnError::Warn),
            "log" => Ok(OnError::Log),
            "silent" => Ok(OnError::Silent),
            _ => Err(option_error(key, "must be 'throw', 'warn', 'log' or 'silent'")),
        }
    }
}

/// TLS settings of a `rediss://` connection.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TlsSettings {
    /// PEM file of the CA(s) to trust instead of the system store.
    pub ca_file: Option<String>,
    /// Client certificate and key (PEM) for mutual TLS.
    pub cert_file: Option<String>,
    pub key_file: Option<String>,
    /// Off only when asked explicitly (`verify_peer => false`).
    pub verify_peer: bool,
}

impl Default for TlsSettings {
    fn default() -> Self {
        TlsSettings {
            ca_file: None,
            cert_file: None,
            key_file: None,
            verify_peer: true,
        }
    }
}

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

/// `redis+sentinel://`: the master's address is asked of these sentinels.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SentinelSettings {
    /// Asked in turn (the last one that answered first).
    pub sentinels: Vec<Address>,
    /// The name the sentinels monitor the master under (`sentinel monitor <name> ...`).
    pub master_name: String,
    /// Credentials of the sentinels themselves (options `sentinel_username`,
    /// `sentinel_password`); those of the DSN are the data nodes'.
    pub username: Option<String>,
    pub password: Option<Secret>,
}

impl SentinelSettings {
    /// "master 'mymaster' (sentinels 10.0.0.1:26379, 10.0.0.2:26379)", for messages.
    pub fn describe(&self) -> String {
        let list: Vec<String> = self.sentinels.iter().map(Address::to_string).collect();
        format!("master '{}' (sentinels {})", self.master_name, list.join(", "))
    }
}

/// A password: shown as `***` by `Debug`, never by `Display`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Secret(String);

impl Secret {
    /// A hash of the secret, to tell two apart without keeping either.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.hash(&mut h);
        h.finish()
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Which Socket.IO Redis adapter the servers run: it decides the command, the
/// channels and the message format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Adapter {
    /// `createAdapter` (PUBLISH, the msgpack envelope of `@socket.io/redis-emitter`).
    #[default]
    Classic,
    /// `createShardedAdapter` (SPUBLISH of `ClusterMessage`s), with the servers' `subscriptionMode`.
    Sharded(SubscriptionMode),
    /// `@socket.io/redis-streams-adapter` (XADD to a Redis stream; see `Config::streams`).
    Streams,
}

impl Adapter {
    const NAMES: &'static str = "'classic', 'sharded' or 'streams'";

    pub fn name(self) -> &'static str {
        match self {
            Adapter::Classic => "classic",
            Adapter::Sharded(_) => "sharded",
            Adapter::Streams => "streams",
        }
    }

    /// `adapter` and `subscription_mode` as given (`mode`: None when not given).
    fn parse(adapter: &str, adapter_key: &str, mode: Option<(&str, &str)>) -> Result<Adapter, Error> {
        let mode = match mode {
            None => SubscriptionMode::default(),
            Some((text, key)) => SubscriptionMode::parse(text.trim())
                .ok_or_else(|| option_error(key, format!("must be {}, '{}' given", SubscriptionMode::NAMES, text.escape_debug())))?,
        };
        match adapter.trim() {
            "classic" => Ok(Adapter::Classic),
            "sharded" => Ok(Adapter::Sharded(mode)),
            "streams" => Ok(Adapter::Streams),
            other => Err(option_error(adapter_key, format!("must be {}, '{}' given", Adapter::NAMES, other.escape_debug()))),
        }
    }
}

/// Everything needed to reach Redis, name channels and handle failures.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The Redis server; for a cluster, the node this per-node config reaches
    /// (the first seed in the config parsed from the DSN).
    pub address: Address,
    /// `redis+cluster://` seeds (empty: one standalone server at `address`).
    pub cluster_seeds: Vec<Address>,
    /// `Some` for `rediss://`.
    pub tls: Option<TlsSettings>,
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub db: u32,
    pub prefix: String,
    pub connect_timeout: Duration,
    pub io_timeout: Duration,
    /// How long an address that just failed is not tried again (0: always try).
    pub retry_interval: Duration,
    pub on_error: OnError,
    /// false: the connection lives as long as the Emitter, not the process.
    pub persistent: bool,
    /// Write commands without waiting for their replies (read later, at the
    /// latest at the end of the request).
    pub deferred: bool,
    /// Largest number of `SocketIO\Binary` values in one event (0: unlimited).
    pub max_attachments: usize,
    /// Largest encoded event, bytes (0: unlimited).
    pub max_payload: usize,
    pub adapter: Adapter,
    /// The streams adapter's `streamName`, `maxLen` and `streamCount`.
    pub streams: StreamsSettings,
    /// The Socket.IO major version the servers run (2, 3 or 4): what their
    /// adapter understands (see `SocketIoVersion`).
    pub socketio_version: SocketIoVersion,
    /// `Some` for `redis+sentinel://`: `address` is then only the first
    /// sentinel's; the master's is resolved before each operation (see `sentinel.rs`).
    pub sentinel: Option<SentinelSettings>,
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

/// php.ini values the options fall back to, as PHP stores them (strings).
#[derive(Clone, Debug, PartialEq)]
pub struct Defaults {
    pub dsn: String,
    pub prefix: String,
    pub timeout: String,
    pub read_timeout: String,
    pub retry_interval: String,
    pub on_error: String,
    pub deferred: String,
    pub max_attachments: String,
    pub max_payload: String,
    pub adapter: String,
    pub subscription_mode: String,
    pub stream_name: String,
    pub max_len: String,
    pub stream_count: String,
    pub socketio_version: String,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            dsn: DEFAULT_DSN.to_owned(),
            prefix: DEFAULT_PREFIX.to_owned(),
            timeout: "1".to_owned(),
            read_timeout: "1".to_owned(),
            retry_interval: "500".to_owned(),
            on_error: "throw".to_owned(),
            deferred: "0".to_owned(),
            max_attachments: DEFAULT_MAX_ATTACHMENTS.to_string(),
            max_payload: DEFAULT_MAX_PAYLOAD.to_string(),
            adapter: "classic".to_owned(),
            subscription_mode: SubscriptionMode::default().name().to_owned(),
            stream_name: DEFAULT_STREAM_NAME.to_owned(),
            max_len: DEFAULT_MAX_LEN.to_string(),
            stream_count: "1".to_owned(),
            socketio_version: "4".to_owned(),
        }
    }
}

impl Defaults {
    /// Applies the ini settings other than the DSN to a config parsed from a DSN.
    fn apply(&self, config: &mut Config) -> Result<(), Error> {
        let ini_number = |value: &str, key: &str| -> Result<OptionValue, Error> {
            value
                .trim()
                .parse::<f64>()
                .map(OptionValue::Float)
                .map_err(|_| option_error(key, "must be a number"))
        };
        config.prefix = validate_prefix(&self.prefix, "socketio_emitter.prefix")?;
        config.connect_timeout = parse_timeout("socketio_emitter.timeout", &ini_number(&self.timeout, "socketio_emitter.timeout")?)?;
        config.io_timeout = parse_timeout("socketio_emitter.read_timeout", &ini_number(&self.read_timeout, "socketio_emitter.read_timeout")?)?;
        config.retry_interval = parse_retry_interval(
            "socketio_emitter.retry_interval",
            &ini_number(&self.retry_interval, "socketio_emitter.retry_interval")?,
        )?;
        config.on_error = OnError::parse(self.on_error.trim(), "socketio_emitter.on_error")?;
        config.deferred = parse_ini_bool(&self.deferred, "socketio_emitter.deferred")?;
        config.max_attachments = parse_limit(
            "socketio_emitter.max_attachments",
            &ini_number(&self.max_attachments, "socketio_emitter.max_attachments")?,
            "",
        )?;
        config.max_payload = parse_payload_limit("socketio_emitter.max_payload", &ini_number(&self.max_payload, "socketio_emitter.max_payload")?)?;
        config.adapter = Adapter::parse(
            &self.adapter,
            "socketio_emitter.adapter",
            Some((&self.subscription_mode, "socketio_emitter.subscription_mode")),
        )?;
        config.streams = StreamsSettings {
            name: validate_stream_name(&self.stream_name, "socketio_emitter.stream_name")?,
            max_len: parse_count("socketio_emitter.max_len", &ini_number(&self.max_len, "socketio_emitter.max_len")?, MAX_MAX_LEN)?,
            count: parse_count("socketio_emitter.stream_count", &ini_number(&self.stream_count, "socketio_emitter.stream_count")?, MAX_STREAM_COUNT)?,
        };
        config.socketio_version = SocketIoVersion::parse("socketio_emitter.socketio_version", &OptionValue::Str(self.socketio_version.clone()))?;
        Ok(())
    }
}

fn option_error(key: &str, reason: impl fmt::Display) -> Error {
    Error::Config(format!("option '{key}' {reason}"))
}

impl Config {
    /// `new Emitter('redis://...')`.
    pub fn from_dsn(dsn: &str, defaults: &Defaults) -> Result<Config, Error> {
        let mut config = parse_dsn(dsn)?;
        defaults.apply(&mut config)?;
        config.check_stack("socketio_emitter.socketio_version")?;
        config.check_credentials()?;
        Ok(config)
    }

    /// A username alone would connect without AUTH, as if none were given:
    /// Redis ACL users always authenticate with a password.
    fn check_credentials(&self) -> Result<(), Error> {
        if self.username.is_some() && self.password.is_none() {
            return Err(Error::Config(
                "a username needs a password: Redis authenticates ACL users with AUTH <username> <password> (redis://user:password@host, or the 'password' option)".into(),
            ));
        }
        if self.sentinel.as_ref().is_some_and(|s| s.username.is_some() && s.password.is_none()) {
            return Err(option_error("sentinel_username", "needs 'sentinel_password' too: sentinels authenticate ACL users with AUTH <username> <password>"));
        }
        Ok(())
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
                // C APIs (socket paths, file names) and C strings in PHP cut at NUL.
                Some(OptionValue::Str(s)) if s.contains('\0') => Err(option_error(name, "must not contain a NUL byte")),
                Some(OptionValue::Str(s)) => Ok(Some(s.clone())),
                Some(other) => Err(option_error(name, format!("must be a string, {} given", other.type_name()))),
            }
        };

        let boolean = |name: &str| -> Result<Option<bool>, Error> {
            match get(name) {
                None => Ok(None),
                Some(OptionValue::Bool(b)) => Ok(Some(*b)),
                Some(other) => Err(option_error(name, format!("must be a bool, {} given", other.type_name()))),
            }
        };

        let mut config = match string("dsn")? {
            Some(dsn) => parse_dsn(&dsn)?,
            None => parse_dsn(&defaults.dsn)?,
        };
        defaults.apply(&mut config)?;
        if !config.cluster_seeds.is_empty() {
            if let Some(key) = ["host", "port"].into_iter().find(|k| get(k).is_some()) {
                return Err(option_error(key, "cannot be used with a redis+cluster:// DSN (list the seed nodes in the DSN)"));
            }
        }
        if config.sentinel.is_some() {
            if let Some(key) = ["host", "port"].into_iter().find(|k| get(k).is_some()) {
                return Err(option_error(key, "cannot be used with a Redis Sentinel DSN: the sentinels give the master's address"));
            }
        }
        let sentinel_username = string("sentinel_username")?;
        let sentinel_password = string("sentinel_password")?;
        match &mut config.sentinel {
            Some(sentinel) => {
                if let Some(username) = sentinel_username {
                    sentinel.username = Some(username).filter(|u| !u.is_empty());
                }
                if let Some(password) = sentinel_password {
                    sentinel.password = Some(Secret(password));
                }
            }
            None => {
                if let Some(key) = [("sentinel_username", &sentinel_username), ("sentinel_password", &sentinel_password)]
                    .into_iter()
                    .find_map(|(k, v)| v.is_some().then_some(k))
                {
                    return Err(option_error(key, "needs a Redis Sentinel DSN (redis+sentinel://host:26379/master-name)"));
                }
            }
        }
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
        let port = match get("port") {
            None => None,
            Some(OptionValue::Int(p)) => Some(*p),
            // Environment variables and .env files give strings: '6379' is meant as 6379.
            Some(OptionValue::Str(text)) => Some(
                numeric_string(text)
                    .and_then(|n| text.trim().parse::<i64>().ok().filter(|i| *i as f64 == n))
                    .ok_or_else(|| option_error("port", "must be an int, a non-numeric string given"))?,
            ),
            Some(other) => return Err(option_error("port", format!("must be an int, {} given", other.type_name()))),
        };
        match port {
            None => {}
            Some(p) => {
                let port = u16::try_from(p)
                    .ok()
                    .filter(|p| *p != 0)
                    .ok_or_else(|| option_error("port", format!("must be between 1 and 65535, {p} given")))?;
                match &mut config.address {
                    Address::Tcp { port: current, .. } => *current = port,
                    Address::Unix { .. } => return Err(option_error("port", "cannot be used with a unix socket DSN")),
                }
            }
        }
        if let Some(username) = string("username")? {
            // '' is what an unset environment variable gives: no username.
            config.username = Some(username).filter(|u| !u.is_empty());
        }
        if let Some(password) = string("password")? {
            config.password = Some(Secret(password));
        }
        if let Some(prefix) = string("prefix")? {
            config.prefix = validate_prefix(&prefix, "prefix")?;
        }
        if let Some(value) = get("timeout") {
            config.connect_timeout = parse_timeout("timeout", value)?;
        }
        if let Some(value) = get("read_timeout") {
            config.io_timeout = parse_timeout("read_timeout", value)?;
        }
        if let Some(value) = get("retry_interval") {
            config.retry_interval = parse_retry_interval("retry_interval", value)?;
        }
        if let Some(value) = string("on_error")? {
            config.on_error = OnError::parse(&value, "on_error")?;
        }
        if let Some(persistent) = boolean("persistent")? {
            config.persistent = persistent;
        }
        if let Some(deferred) = boolean("deferred")? {
            config.deferred = deferred;
        }
        if let Some(value) = get("max_attachments") {
            config.max_attachments = parse_limit("max_attachments", value, "")?;
        }
        if let Some(value) = get("max_payload") {
            config.max_payload = parse_payload_limit("max_payload", value)?;
        }
        let adapter = string("adapter")?;
        let mode = string("subscription_mode")?;
        if adapter.is_some() || mode.is_some() {
            let ini_mode = match config.adapter {
                Adapter::Sharded(mode) => mode.name(),
                Adapter::Classic | Adapter::Streams => defaults.subscription_mode.as_str(),
            };
            let adapter_name = config.adapter.name();
            let (adapter_text, adapter_key) = adapter.as_deref().map_or((adapter_name, "socketio_emitter.adapter"), |a| (a, "adapter"));
            let (mode_text, mode_key) = mode.as_deref().map_or((ini_mode, "socketio_emitter.subscription_mode"), |m| (m, "subscription_mode"));
            config.adapter = Adapter::parse(adapter_text, adapter_key, Some((mode_text, mode_key)))?;
            if mode.is_some() && config.adapter == Adapter::Classic {
                return Err(option_error(
                    "subscription_mode",
                    "applies to the sharded adapter only ('adapter' => 'sharded'): the classic adapter has one channel per namespace and room",
                ));
            }
            if mode.is_some() && config.adapter == Adapter::Streams {
                return Err(option_error(
                    "subscription_mode",
                    "applies to the sharded adapter only ('adapter' => 'sharded'): the streams adapter writes to a Redis stream",
                ));
            }
        }
        if let Some(name) = string("stream_name")? {
            config.streams.name = validate_stream_name(&name, "stream_name")?;
        }
        if let Some(value) = get("max_len") {
            config.streams.max_len = parse_count("max_len", value, MAX_MAX_LEN)?;
        }
        if let Some(value) = get("stream_count") {
            config.streams.count = parse_count("stream_count", value, MAX_STREAM_COUNT)?;
        }
        if config.adapter != Adapter::Streams {
            if let Some(key) = ["stream_name", "max_len", "stream_count"].into_iter().find(|k| get(k).is_some()) {
                return Err(option_error(
                    key,
                    format!("applies to the streams adapter only ('adapter' => 'streams'); the adapter is '{}'", config.adapter.name()),
                ));
            }
        }
        if let Some(value) = get("socketio_version") {
            config.socketio_version = SocketIoVersion::parse("socketio_version", value)?;
        }
        config.check_stack("socketio_version")?;
        let tls_options = [
            ("tls_ca_file", string("tls_ca_file")?),
            ("tls_cert_file", string("tls_cert_file")?),
            ("tls_key_file", string("tls_key_file")?),
        ];
        let verify_peer = boolean("verify_peer")?;
        match &mut config.tls {
            Some(tls) => {
                let [(_, ca), (_, cert), (_, key)] = tls_options;
                tls.ca_file = ca.or(tls.ca_file.take());
                tls.cert_file = cert.or(tls.cert_file.take());
                tls.key_file = key.or(tls.key_file.take());
                tls.verify_peer = verify_peer.unwrap_or(tls.verify_peer);
                if tls.cert_file.is_some() != tls.key_file.is_some() {
                    return Err(option_error("tls_cert_file", "and 'tls_key_file' must be given together"));
                }
            }
            None => {
                let given = tls_options
                    .iter()
                    .find(|(_, v)| v.is_some())
                    .map(|(k, _)| *k)
                    .or(verify_peer.map(|_| "verify_peer"));
                if let Some(key) = given {
                    return Err(option_error(key, "needs a TLS DSN (rediss://host:port)"));
                }
            }
        }
        config.check_credentials()?;
        Ok(config)
    }
}

/// A PHP numeric string (`' 1.5'`, `'10'`, `'1e3'`; surrounding whitespace allowed) as a number.
pub fn numeric_string(text: &str) -> Option<f64> {
    let trimmed = text.trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    // Rust also parses "inf", "NaN" and "+.5e1"-like forms PHP would not; only digits count.
    let plain = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    if !plain.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    trimmed.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// php.ini booleans as PHP reads them ("1", "on", "yes", "true"; "" is off).
fn parse_ini_bool(value: &str, key: &str) -> Result<bool, Error> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "on" | "yes" | "true" => Ok(true),
        "" | "0" | "off" | "no" | "false" | "none" => Ok(false),
        _ => Err(option_error(key, "must be a boolean (0 or 1)")),
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
    if prefix.contains('\0') {
        return Err(option_error(name, "must not contain a NUL byte"));
    }
    Ok(prefix.to_owned())
}

/// Seconds as int or float, like phpredis' `timeout`.
fn parse_timeout(key: &str, value: &OptionValue) -> Result<Duration, Error> {
    let secs = match value {
        OptionValue::Int(i) => *i as f64,
        OptionValue::Float(f) => *f,
        OptionValue::Str(text) => {
            numeric_string(text).ok_or_else(|| option_error(key, "must be a number of seconds, a non-numeric string given"))?
        }
        other => return Err(option_error(key, format!("must be a number of seconds, {} given", other.type_name()))),
    };
    if !(secs > 0.0 && secs <= MAX_TIMEOUT_SECS) {
        return Err(option_error(key, format!("must be greater than 0 and at most {MAX_TIMEOUT_SECS} seconds")));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn parse_retry_interval(key: &str, value: &OptionValue) -> Result<Duration, Error> {
    let ms = match value {
        OptionValue::Int(i) => *i,
        OptionValue::Float(f) if f.fract() == 0.0 && f.is_finite() => *f as i64,
        OptionValue::Str(text) => match numeric_string(text) {
            Some(n) if n.fract() == 0.0 && n.abs() <= MAX_RETRY_INTERVAL_MS as f64 => n as i64,
            Some(_) => -1,
            None => return Err(option_error(key, "must be a whole number of milliseconds, a non-numeric string given")),
        },
        other => return Err(option_error(key, format!("must be a whole number of milliseconds, {} given", other.type_name()))),
    };
    if !(0..=MAX_RETRY_INTERVAL_MS).contains(&ms) {
        return Err(option_error(key, format!("must be between 0 and {MAX_RETRY_INTERVAL_MS} milliseconds")));
    }
    Ok(Duration::from_millis(ms.unsigned_abs()))
}

/// A count or size limit: a whole number >= 0, where 0 means unlimited.
fn parse_limit(key: &str, value: &OptionValue, unit: &str) -> Result<usize, Error> {
    let n = match value {
        OptionValue::Int(i) => Some(*i),
        OptionValue::Float(f) if f.fract() == 0.0 && f.is_finite() && f.abs() < 9.0e18 => Some(*f as i64),
        OptionValue::Float(_) => None,
        other => return Err(option_error(key, format!("must be an int (0 = unlimited), {} given", other.type_name()))),
    };
    n.and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| option_error(key, format!("must be a whole number of{unit} >= 0 (0 = unlimited)")))
}

/// `max_payload`: an event is at most one msgpack str/bin longer than the
/// rest, so a limit past msgpack's 4 GiB could only let through what the
/// encoder refuses anyway.
fn parse_payload_limit(key: &str, value: &OptionValue) -> Result<usize, Error> {
    let limit = parse_limit(key, value, " bytes")?;
    if !crate::core::protocol::fits_msgpack(limit) {
        return Err(option_error(
            key,
            format!("must be at most {} bytes (4 GiB - 1, what msgpack can send; 0 = unlimited), {limit} given", crate::core::protocol::MAX_MSGPACK_LEN),
        ));
    }
    Ok(limit)
}

pub const DEFAULT_STREAM_NAME: &str = "socket.io";
/// The streams adapter's default `maxLen`.
pub const DEFAULT_MAX_LEN: u64 = 10_000;
const MAX_MAX_LEN: u64 = i64::MAX as u64;
/// More streams than this would be as many blocking XREAD connections per server.
const MAX_STREAM_COUNT: u64 = 1024;

/// What the servers of `@socket.io/redis-streams-adapter` were given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamsSettings {
    /// `streamName` (default `socket.io`).
    pub name: String,
    /// `maxLen`: `XADD ... MAXLEN ~ <max_len>` (default 10000).
    pub max_len: u64,
    /// `streamCount` (default 1): namespaces spread over `<name>-<i>`.
    pub count: u64,
}

impl Default for StreamsSettings {
    fn default() -> Self {
        StreamsSettings {
            name: DEFAULT_STREAM_NAME.to_owned(),
            max_len: DEFAULT_MAX_LEN,
            count: 1,
        }
    }
}

/// The Socket.IO major version of the servers, which decides what their
/// Redis adapter understands: socket.io 2 runs socket.io-redis 5 (binary
/// events need packet type 5; no `except`, no remote room operations),
/// socket.io 3 runs socket.io-redis 6 (no `serverSideEmit`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SocketIoVersion {
    V2,
    V3,
    #[default]
    V4,
}

impl SocketIoVersion {
    fn parse(key: &str, value: &OptionValue) -> Result<SocketIoVersion, Error> {
        let n = match value {
            OptionValue::Int(i) => Some(*i),
            OptionValue::Float(f) if f.fract() == 0.0 && f.is_finite() && f.abs() < 100.0 => Some(*f as i64),
            OptionValue::Str(text) => text.trim().parse::<i64>().ok(),
            _ => None,
        };
        match n {
            Some(2) => Ok(SocketIoVersion::V2),
            Some(3) => Ok(SocketIoVersion::V3),
            Some(4) => Ok(SocketIoVersion::V4),
            _ => Err(option_error(key, format!("must be 2, 3 or 4 (the servers' Socket.IO major version), {} given", describe(value)))),
        }
    }

    pub fn number(self) -> u8 {
        match self {
            SocketIoVersion::V2 => 2,
            SocketIoVersion::V3 => 3,
            SocketIoVersion::V4 => 4,
        }
    }
}

fn describe(value: &OptionValue) -> String {
    match value {
        OptionValue::Int(i) => i.to_string(),
        OptionValue::Float(f) => f.to_string(),
        OptionValue::Str(s) => format!("'{}'", s.escape_debug()),
        other => other.type_name().to_owned(),
    }
}

impl Config {
    /// The sharded and streams adapters exist for socket.io 4 only.
    fn check_stack(&self, key: &str) -> Result<(), Error> {
        if self.adapter != Adapter::Classic && self.socketio_version != SocketIoVersion::V4 {
            return Err(option_error(
                key,
                format!(
                    "is {version} with the {adapter} adapter, which runs on socket.io 4 only: socket.io {version} servers use the classic adapter (socket.io-redis); use 'adapter' => 'classic' or socketio_version 4",
                    adapter = self.adapter.name(),
                    version = self.socketio_version.number()
                ),
            ));
        }
        Ok(())
    }
}

/// A whole number from 1 to `max`.
fn parse_count(key: &str, value: &OptionValue, max: u64) -> Result<u64, Error> {
    let n = match value {
        OptionValue::Int(i) => Some(*i),
        OptionValue::Float(f) if f.fract() == 0.0 && f.is_finite() && f.abs() < 9.0e18 => Some(*f as i64),
        OptionValue::Float(_) => None,
        other => return Err(option_error(key, format!("must be an int, {} given", other.type_name()))),
    };
    n.and_then(|n| u64::try_from(n).ok())
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| option_error(key, format!("must be a whole number from 1 to {max}, {} given", describe(value))))
}

fn validate_stream_name(name: &str, key: &str) -> Result<String, Error> {
    if name.is_empty() {
        return Err(option_error(key, "must not be empty"));
    }
    if name.contains('\0') {
        return Err(option_error(key, "must not contain a NUL byte"));
    }
    Ok(name.to_owned())
}

/// `redis://[user:pass@]host[:port][/db]`, `rediss://...` (TLS) or `unix:///path/to.sock[?db=N]`.
pub fn parse_dsn(dsn: &str) -> Result<Config, Error> {
    let invalid = |reason: &str| Error::Config(format!("invalid DSN: {reason}"));
    if dsn.contains('\0') {
        return Err(invalid("it contains a NUL byte"));
    }
    if let Some(cluster) = parse_cluster_dsn(dsn)? {
        return Ok(cluster);
    }
    let lower = dsn.get(..18).unwrap_or(dsn).to_ascii_lowercase();
    if let Some(tls) = [("redis+sentinel://", false), ("rediss+sentinel://", true)]
        .into_iter()
        .find_map(|(scheme, tls)| lower.starts_with(scheme).then_some(tls))
    {
        return parse_sentinel_dsn(dsn.get(dsn.find("://").map_or(0, |i| i + 3)..).unwrap_or_default(), tls);
    }
    let url = url::Url::parse(dsn).map_err(|e| invalid(&e.to_string()))?;
    let mut db = 0;
    let mut tls = None;
    let address = match url.scheme() {
        "redis" | "rediss" => {
            if url.scheme() == "rediss" {
                tls = Some(TlsSettings::default());
            }
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
            // unix://tmp/x.sock parses "tmp" as a host: the path would silently lose it.
            if let Some(host) = url.host_str().filter(|h| !h.is_empty()) {
                return Err(invalid(&format!(
                    "a unix DSN needs an absolute path: unix:///{}{} (three slashes)",
                    percent_decode(host),
                    percent_decode(url.path())
                )));
            }
            if url.path().is_empty() || url.path() == "/" {
                return Err(invalid("missing socket path (use unix:///path/to/redis.sock)"));
            }
            Address::Unix {
                path: percent_decode(url.path()),
            }
        }
        other => return Err(invalid(&format!("unsupported scheme '{other}' (use redis://, rediss://, unix://, redis+cluster://, rediss+cluster://, redis+sentinel:// or rediss+sentinel://)"))),
    };
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "db" => db = value.parse().map_err(|_| invalid("query parameter 'db' must be a database number"))?,
            other => return Err(invalid(&format!("unknown query parameter '{other}'"))),
        }
    }
    let username = Some(percent_decode(url.username())).filter(|u| !u.is_empty());
    let password = url.password().map(|p| Secret(percent_decode(p)));
    // %00 decodes to a NUL: the socket path, AUTH and C strings would cut there.
    let parts = [
        ("host", url.host_str().map(percent_decode)),
        ("socket path", matches!(address, Address::Unix { .. }).then(|| percent_decode(url.path()))),
        ("username", username.clone()),
        ("password", password.as_ref().map(|p| p.expose().to_owned())),
    ];
    if let Some((part, _)) = parts.iter().find(|(_, value)| value.as_deref().is_some_and(|v| v.contains('\0'))) {
        return Err(invalid(&format!("the {part} contains a NUL byte (%00)")));
    }
    Ok(Config::with_defaults(address, tls, username, password, db))
}

impl Config {
    /// A config for these connection settings, every other setting at its default.
    fn with_defaults(address: Address, tls: Option<TlsSettings>, username: Option<String>, password: Option<Secret>, db: u32) -> Config {
        Config {
        address,
        cluster_seeds: Vec::new(),
        tls,
        username,
        password,
        db,
        prefix: DEFAULT_PREFIX.to_owned(),
        connect_timeout: DEFAULT_TIMEOUT,
        io_timeout: DEFAULT_TIMEOUT,
        retry_interval: DEFAULT_RETRY_INTERVAL,
        on_error: OnError::Throw,
        persistent: true,
        deferred: false,
        max_attachments: DEFAULT_MAX_ATTACHMENTS,
        max_payload: DEFAULT_MAX_PAYLOAD,
        adapter: Adapter::Classic,
        streams: StreamsSettings::default(),
        socketio_version: SocketIoVersion::V4,
        sentinel: None,
        }
    }
}

/// After `redis+sentinel://` (or `rediss+sentinel://`, `tls`: to the data nodes):
/// `[user:pass@]host1[:port],host2[:port]/<master-name>[/db]`. Parsed by hand:
/// a URL has one host, and `url` would refuse (or misread) a list of them.
fn parse_sentinel_dsn(rest: &str, tls: bool) -> Result<Config, Error> {
    let invalid = |reason: &str| Error::Config(format!("invalid DSN: {reason}"));
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if path.contains(['?', '#']) || authority.contains(['?', '#']) {
        return Err(invalid("a Redis Sentinel DSN takes no query or fragment: redis+sentinel://host:26379,host2:26379/master-name[/db]"));
    }
    let (userinfo, hosts) = match authority.rsplit_once('@') {
        Some((userinfo, hosts)) => (Some(userinfo), hosts),
        None => (None, authority),
    };
    let (username, password) = match userinfo {
        None => (None, None),
        Some(info) => match info.split_once(':') {
            Some((user, pass)) => (Some(percent_decode(user)).filter(|u| !u.is_empty()), Some(Secret(percent_decode(pass)))),
            None => (Some(percent_decode(info)).filter(|u| !u.is_empty()), None),
        },
    };
    if username.as_deref().is_some_and(|u| u.contains('\0')) {
        return Err(invalid("the username contains a NUL byte (%00)"));
    }
    if password.as_ref().is_some_and(|p| p.expose().contains('\0')) {
        return Err(invalid("the password contains a NUL byte (%00)"));
    }
    if hosts.is_empty() {
        return Err(invalid("missing sentinel address (redis+sentinel://host:26379,host2:26379/master-name)"));
    }
    let mut sentinels = Vec::new();
    for (index, host) in hosts.split(',').enumerate() {
        let nth = index + 1;
        sentinels.push(parse_host_port(host, DEFAULT_SENTINEL_PORT).map_err(|reason| invalid(&format!("sentinel address #{nth}: {reason}")))?);
    }
    let mut segments = path.split('/');
    let master_name = percent_decode(segments.next().unwrap_or_default());
    if master_name.is_empty() {
        return Err(invalid("missing master name: redis+sentinel://host:26379/master-name[/db]"));
    }
    if master_name.contains('\0') {
        return Err(invalid("the master name contains a NUL byte (%00)"));
    }
    let db = match segments.next() {
        None | Some("") => 0,
        Some(db) => db.parse().map_err(|_| invalid("the part after the master name must be a database number, like /mymaster/0"))?,
    };
    if segments.any(|s| !s.is_empty()) {
        return Err(invalid("too many path segments: redis+sentinel://host:26379/master-name[/db]"));
    }
    let address = sentinels.first().cloned().ok_or_else(|| invalid("missing sentinel address"))?;
    let mut config = Config::with_defaults(address, tls.then(TlsSettings::default), username, password, db);
    config.sentinel = Some(SentinelSettings {
        sentinels,
        master_name,
        username: None,
        password: None,
    });
    Ok(config)
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`; the reason is never echoing the input.
fn parse_host_port(text: &str, default_port: u16) -> Result<Address, String> {
    let (host, port) = if let Some(v6) = text.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or("an IPv6 address needs its closing ']'")?;
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':').ok_or("expected ':port' after ']'")?)),
        }
    } else {
        match text.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (text, None),
        }
    };
    let host = percent_decode(host);
    if host.is_empty() {
        return Err("missing host".to_owned());
    }
    if host.contains(['\0', '/', '@', ' ', ':']) && !text.starts_with('[') {
        return Err("the host contains a character a host name cannot have".to_owned());
    }
    let port = match port {
        None => default_port,
        Some(p) => p.parse::<u16>().ok().filter(|p| *p != 0).ok_or("the port must be a number between 1 and 65535")?,
    };
    Ok(Address::Tcp { host, port })
}

/// `redis+cluster://[user:pass@]host1:port1,host2:port2[,...]` (`rediss+cluster://`
/// with TLS): seed nodes of a Redis Cluster. `None`: not a cluster DSN.
/// Each seed is checked as a `redis://` DSN of its own, so IPv6 (`[::1]:7000`),
/// default ports and percent-encoded credentials behave the same.
fn parse_cluster_dsn(dsn: &str) -> Result<Option<Config>, Error> {
    let invalid = |reason: &str| Error::Config(format!("invalid DSN: {reason}"));
    let (scheme, rest) = match dsn.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("redis+cluster") => ("redis", rest),
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("rediss+cluster") => ("rediss", rest),
        _ => return Ok(None),
    };
    // The credentials end at the last '@' before the path (a password may contain '@' only percent-encoded,
    // but be lenient as url parsing is).
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (userinfo, hosts) = match authority.rfind('@') {
        Some(at) => (authority.get(..=at).unwrap_or_default(), authority.get(at + 1..).unwrap_or_default()),
        None => ("", authority),
    };
    match tail {
        "" | "/" | "/0" => {}
        t if t.starts_with('?') || t.starts_with("/?") => {
            return Err(invalid("a redis+cluster:// DSN takes no query parameters"));
        }
        _ => return Err(invalid("a Redis Cluster has only database 0: remove the path after the seed nodes")),
    }
    if hosts.is_empty() {
        return Err(invalid("redis+cluster:// needs at least one seed node (host:port[,host:port...])"));
    }
    let mut seeds: Vec<Address> = Vec::new();
    let mut first: Option<Config> = None;
    for (i, seed) in hosts.split(',').enumerate() {
        if seed.is_empty() {
            return Err(invalid(&format!("seed node #{} of the redis+cluster:// DSN is empty", i + 1)));
        }
        let one = parse_dsn(&format!("{scheme}://{userinfo}{seed}")).map_err(|e| match e {
            Error::Config(msg) => Error::Config(format!(
                "{msg} (in seed node #{} of the redis+cluster:// DSN)",
                i + 1
            )),
            other => other,
        })?;
        if !seeds.contains(&one.address) {
            seeds.push(one.address.clone());
        }
        first.get_or_insert(one);
    }
    let Some(mut config) = first else {
        return Err(invalid("redis+cluster:// needs at least one seed node (host:port[,host:port...])"));
    };
    config.cluster_seeds = seeds;
    Ok(Some(config))
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
    fn cluster_dsns() {
        let c = parse_dsn("redis+cluster://u:p%40ss@10.0.0.1:7000,node-b:7001,[::1]:7002,10.0.0.1:7000").unwrap();
        assert_eq!(
            c.cluster_seeds,
            vec![
                Address::Tcp { host: "10.0.0.1".into(), port: 7000 },
                Address::Tcp { host: "node-b".into(), port: 7001 },
                Address::Tcp { host: "::1".into(), port: 7002 },
            ]
        );
        assert_eq!(c.address, Address::Tcp { host: "10.0.0.1".into(), port: 7000 });
        assert_eq!((c.username.as_deref(), c.password.as_ref().map(Secret::expose)), (Some("u"), Some("p@ss")));
        let c = parse_dsn("rediss+cluster://h1,h2:7001/").unwrap();
        assert!(c.tls.is_some());
        assert_eq!(c.cluster_seeds.first().map(ToString::to_string).as_deref(), Some("h1:6379"));
        assert!(parse_dsn("redis://h").unwrap().cluster_seeds.is_empty());
        let d = Defaults::default();
        let from_options = Config::from_options(&opts(&[("dsn", OptionValue::Str("redis+cluster://a:1,b:2".into())), ("password", OptionValue::Str("s".into()))]), &d).unwrap();
        assert_eq!(from_options.cluster_seeds.len(), 2);
        assert_eq!(from_options.password.as_ref().map(Secret::expose), Some("s"));
        for (dsn, expected) in [
            ("redis+cluster://", "at least one seed node"),
            ("redis+cluster://u:hunter2@", "at least one seed node"),
            ("redis+cluster://a:1,,b:2", "seed node #2"),
            ("redis+cluster://u:hunter2@a:1,b:x", "seed node #2"),
            ("redis+cluster://a:1,b:2/3", "only database 0"),
            ("redis+cluster://a:1?db=1", "no query parameters"),
            ("redis+cluster://a:99999", "seed node #1"),
            ("redis+cluster://u@a:1", "a username needs a password"),
        ] {
            let err = Config::from_dsn(dsn, &d).unwrap_err().to_string();
            assert!(err.contains(expected), "{dsn}: {err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
        for key in ["host", "port"] {
            let value = if key == "port" { OptionValue::Int(1) } else { OptionValue::Str("h".into()) };
            let err = Config::from_options(&opts(&[("dsn", OptionValue::Str("redis+cluster://a:1".into())), (key, value)]), &d).unwrap_err().to_string();
            assert!(err.contains(&format!("option '{key}' cannot be used with a redis+cluster:// DSN")), "{err}");
        }
    }

    #[test]
    fn sentinel_dsns() {
        let c = parse_dsn("redis+sentinel://u%40x:p%3Ass@10.0.0.1:26380,sentinel-b,[::1]:5000/my%20master/2").unwrap();
        let s = c.sentinel.clone().unwrap();
        assert_eq!(
            s.sentinels.iter().map(Address::to_string).collect::<Vec<_>>(),
            ["10.0.0.1:26380", "sentinel-b:26379", "[::1]:5000"]
        );
        assert_eq!(s.master_name, "my master");
        assert_eq!((s.username.clone(), s.password.clone()), (None, None));
        // user:pass of the DSN are the data nodes'.
        assert_eq!(c.username.as_deref(), Some("u@x"));
        assert_eq!(c.password.as_ref().unwrap().expose(), "p:ss");
        assert_eq!((c.db, c.tls.is_none()), (2, true));
        assert_eq!(s.describe(), "master 'my master' (sentinels 10.0.0.1:26380, sentinel-b:26379, [::1]:5000)");
        let c = parse_dsn("REDISS+SENTINEL://h/m").unwrap();
        assert!(c.tls.is_some());
        assert_eq!((c.db, c.sentinel.unwrap().sentinels.len()), (0, 1));
        // The options array: sentinel credentials, TLS options, and the ini DSN.
        let d = Defaults { dsn: "redis+sentinel://h1,h2/mymaster".into(), ..Defaults::default() };
        let c = Config::from_options(
            &opts(&[("sentinel_username", OptionValue::Str("watcher".into())), ("sentinel_password", OptionValue::Str("spw".into())), ("password", OptionValue::Str("dpw".into()))]),
            &d,
        )
        .unwrap();
        let s = c.sentinel.unwrap();
        assert_eq!((s.username.as_deref(), s.password.unwrap().expose()), (Some("watcher"), "spw"));
        assert_eq!(c.password.unwrap().expose(), "dpw");
        let c = Config::from_options(
            &opts(&[("dsn", OptionValue::Str("rediss+sentinel://h/m".into())), ("tls_ca_file", OptionValue::Str("/ca.pem".into()))]),
            &Defaults::default(),
        )
        .unwrap();
        assert_eq!(c.tls.unwrap().ca_file.as_deref(), Some("/ca.pem"));
        assert!(Config::from_dsn("redis+sentinel://h/m", &Defaults::default()).unwrap().sentinel.is_some());
    }

    #[test]
    fn sentinel_mistakes_refused_without_the_password() {
        for (dsn, expected) in [
            ("redis+sentinel://u:hunter2@h1,h2", "missing master name"),
            ("redis+sentinel://u:hunter2@h1,h2/", "missing master name"),
            ("redis+sentinel://u:hunter2@/m", "missing sentinel address"),
            ("redis+sentinel://u:hunter2@h1,,h2/m", "sentinel address #2: missing host"),
            ("redis+sentinel://u:hunter2@h1:0/m", "sentinel address #1: the port must be a number between 1 and 65535"),
            ("redis+sentinel://u:hunter2@h1:x/m", "sentinel address #1: the port"),
            ("redis+sentinel://u:hunter2@h1:70000/m", "sentinel address #1: the port"),
            ("redis+sentinel://u:hunter2@[::1/m", "closing ']'"),
            ("redis+sentinel://u:hunter2@h/m/x", "must be a database number"),
            ("redis+sentinel://u:hunter2@h/m/1/2", "too many path segments"),
            ("redis+sentinel://u:hunter2@h/m?db=1", "no query"),
            ("redis+sentinel://u:hunter2@h/m%00", "master name contains a NUL byte"),
            ("redis+sentinel://u:hunter2%00@h/m", "password contains a NUL byte"),
            ("redis+sentinel://u@h/m", "a username needs a password"),
        ] {
            let err = Config::from_dsn(dsn, &Defaults::default()).unwrap_err().to_string();
            assert!(err.contains(expected), "{dsn}: {err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
        let sentinel = Defaults { dsn: "redis+sentinel://h/m".into(), ..Defaults::default() };
        for (options, expected) in [
            (opts(&[("host", OptionValue::Str("x".into()))]), "option 'host' cannot be used with a Redis Sentinel DSN"),
            (opts(&[("port", OptionValue::Int(1))]), "option 'port' cannot be used with a Redis Sentinel DSN"),
            (opts(&[("sentinel_username", OptionValue::Str("w".into()))]), "option 'sentinel_username' needs 'sentinel_password'"),
            (opts(&[("sentinel_password", OptionValue::Int(1))]), "option 'sentinel_password' must be a string, int given"),
        ] {
            let err = Config::from_options(&options, &sentinel).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
        let err = Config::from_options(&opts(&[("sentinel_password", OptionValue::Str("s".into()))]), &Defaults::default()).unwrap_err().to_string();
        assert!(err.contains("option 'sentinel_password' needs a Redis Sentinel DSN"), "{err}");
    }

    #[test]
    fn numeric_strings_as_php_reads_them() {
        let d = Defaults::default();
        let c = Config::from_options(
            &opts(&[
                ("port", OptionValue::Str(" 7000\n".into())),
                ("timeout", OptionValue::Str("1e-1".into())),
                ("retry_interval", OptionValue::Str("250".into())),
                ("username", OptionValue::Str("".into())),
            ]),
            &d,
        )
        .unwrap();
        assert_eq!(c.address.to_string(), "127.0.0.1:7000");
        assert_eq!(c.connect_timeout, Duration::from_millis(100));
        assert_eq!(c.retry_interval, Duration::from_millis(250));
        assert_eq!(c.username, None);
    }

    #[test]
    fn dsn_mistakes_refused() {
        let d = Defaults::default();
        for (dsn, expected) in [
            ("unix://tmp/x.sock", "unix:///tmp/x.sock"),
            ("redis://user@h", "a username needs a password"),
            ("unix:///tmp/a%00b.sock", "socket path contains a NUL byte"),
            ("redis://u:p%00@h", "password contains a NUL byte"),
        ] {
            let err = Config::from_dsn(dsn, &d).unwrap_err().to_string();
            assert!(err.contains(expected), "{dsn}: {err}");
        }
    }

    #[test]
    fn bad_dsns_never_echo_the_password() {
        for dsn in [
            "redis://u:hunter2@host/notadb",
            "http://u:hunter2@host",
            "redis://u:hunter2@",
            "hunter2",
            "redis://u:hunter2@host?x=1",
            "memcached://u:hunter2@host",
        ] {
            let err = parse_dsn(dsn).unwrap_err().to_string();
            assert!(err.starts_with("invalid DSN"), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn options_override_dsn_and_defaults() {
        let defaults = Defaults { dsn: "redis://10.0.0.1:7000".into(), prefix: "ini".into(), read_timeout: "2.5".into(), ..Defaults::default() };
        let c = Config::from_options(&opts(&[("port", OptionValue::Int(7001)), ("timeout", OptionValue::Float(0.25))]), &defaults).unwrap();
        assert_eq!(c.address, Address::Tcp { host: "10.0.0.1".into(), port: 7001 });
        assert_eq!(c.prefix, "ini");
        assert_eq!(c.connect_timeout, Duration::from_millis(250));
        assert_eq!(c.io_timeout, Duration::from_millis(2500));
        assert_eq!(c.retry_interval, DEFAULT_RETRY_INTERVAL);
        assert_eq!(c.on_error, OnError::Throw);
        assert!(c.persistent && c.tls.is_none());
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
    fn tls_and_failure_options() {
        let d = Defaults { on_error: "warn".into(), retry_interval: "0".into(), ..Defaults::default() };
        let c = Config::from_options(
            &opts(&[
                ("dsn", OptionValue::Str("rediss://cache.example:6380".into())),
                ("tls_ca_file", OptionValue::Str("/etc/ca.pem".into())),
                ("verify_peer", OptionValue::Bool(false)),
                ("persistent", OptionValue::Bool(false)),
            ]),
            &d,
        )
        .unwrap();
        let tls = c.tls.unwrap();
        assert_eq!(tls.ca_file.as_deref(), Some("/etc/ca.pem"));
        assert!(!tls.verify_peer);
        assert!(!c.persistent);
        assert_eq!(c.on_error, OnError::Warn);
        assert_eq!(c.retry_interval, Duration::ZERO);
        let limits = Config::from_options(&[("max_attachments".into(), OptionValue::Int(0)), ("max_payload".into(), OptionValue::Int(1024))], &Defaults::default()).unwrap();
        assert_eq!((limits.max_attachments, limits.max_payload), (0, 1024));
        let default = Config::from_dsn("redis://h", &Defaults::default()).unwrap();
        assert_eq!((default.max_attachments, default.max_payload), (10, 16_777_216));
        for (key, bad) in [("max_payload", OptionValue::Int(-1)), ("max_attachments", OptionValue::Str("10".into())), ("max_payload", OptionValue::Float(1.5))] {
            let err = Config::from_options(&[(key.into(), bad)], &Defaults::default()).unwrap_err().to_string();
            assert!(err.contains(key) && err.contains("0 = unlimited"), "{err}");
        }
        let max = Config::from_options(&[("max_payload".into(), OptionValue::Int(4_294_967_295))], &Defaults::default()).unwrap();
        assert_eq!(max.max_payload, 4_294_967_295);
        let err = Config::from_options(&[("max_payload".into(), OptionValue::Int(4_294_967_296))], &Defaults::default()).unwrap_err().to_string();
        assert!(err.contains("max_payload") && err.contains("at most 4294967295 bytes") && err.contains("4294967296 given"), "{err}");
        let ini = Defaults { max_payload: "5000000000".into(), ..Defaults::default() };
        let err = Config::from_dsn("redis://h", &ini).unwrap_err().to_string();
        assert!(err.contains("socketio_emitter.max_payload") && err.contains("at most 4294967295"), "{err}");
        let ini = Defaults { max_payload: "x".into(), ..Defaults::default() };
        assert!(Config::from_dsn("redis://h", &ini).unwrap_err().to_string().contains("socketio_emitter.max_payload"));
        let ini_deferred = Defaults { deferred: "On".into(), ..Defaults::default() };
        assert!(Config::from_dsn("redis://h", &ini_deferred).unwrap().deferred);
        let bad_ini = Defaults { timeout: "soon".into(), ..Defaults::default() };
        let err = Config::from_dsn("redis://h", &bad_ini).unwrap_err().to_string();
        assert!(err.contains("socketio_emitter.timeout"), "{err}");
    }

    #[test]
    fn option_errors_name_the_key() {
        let d = Defaults::default();
        let cases = [
            (opts(&[("hots", OptionValue::Str("x".into()))]), "unknown option 'hots'"),
            (opts(&[("port", OptionValue::Int(70000))]), "option 'port' must be between 1 and 65535"),
            (opts(&[("port", OptionValue::Str("x1".into()))]), "option 'port' must be an int, a non-numeric string given"),
            (opts(&[("port", OptionValue::Str("1.5".into()))]), "option 'port' must be an int, a non-numeric string given"),
            (opts(&[("timeout", OptionValue::Str("inf".into()))]), "option 'timeout' must be a number of seconds, a non-numeric string given"),
            (opts(&[("username", OptionValue::Str("u".into()))]), "a username needs a password"),
            (opts(&[("prefix", OptionValue::Str("a\0".into()))]), "option 'prefix' must not contain a NUL byte"),
            (opts(&[("timeout", OptionValue::Float(0.0))]), "option 'timeout' must be greater than 0"),
            (opts(&[("read_timeout", OptionValue::Float(f64::NAN))]), "option 'read_timeout' must be greater than 0"),
            (opts(&[("prefix", OptionValue::Str("a#b".into()))]), "option 'prefix' must not contain '#'"),
            (opts(&[("password", OptionValue::Other("array"))]), "option 'password' must be a string, array given"),
            (opts(&[("on_error", OptionValue::Str("ignore".into()))]), "option 'on_error' must be 'throw', 'warn', 'log' or 'silent'"),
            (opts(&[("retry_interval", OptionValue::Int(-1))]), "option 'retry_interval' must be between 0"),
            (opts(&[("persistent", OptionValue::Int(1))]), "option 'persistent' must be a bool, int given"),
            (opts(&[("tls_ca_file", OptionValue::Str("/ca.pem".into()))]), "option 'tls_ca_file' needs a TLS DSN"),
            (
                opts(&[("dsn", OptionValue::Str("rediss://h".into())), ("tls_cert_file", OptionValue::Str("/c.pem".into()))]),
                "option 'tls_cert_file' and 'tls_key_file' must be given together",
            ),
        ];
        for (options, expected) in cases {
            let err = Config::from_options(&options, &d).unwrap_err().to_string();
            assert!(err.contains(expected), "{err} should contain {expected}");
        }
    }
}
