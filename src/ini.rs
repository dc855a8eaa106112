//! php.ini settings of the extension and how the PHP layer reads them.

use std::ffi::CStr;

use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};

use crate::core::config::Defaults;

pub const DSN: &CStr = c"socketio_emitter.dsn";
pub const PREFIX: &CStr = c"socketio_emitter.prefix";
pub const TIMEOUT: &CStr = c"socketio_emitter.timeout";
pub const READ_TIMEOUT: &CStr = c"socketio_emitter.read_timeout";
pub const RETRY_INTERVAL: &CStr = c"socketio_emitter.retry_interval";
pub const ON_ERROR: &CStr = c"socketio_emitter.on_error";
pub const SESSION_SECRET: &CStr = c"socketio_emitter.session_secret";
pub const DEFERRED: &CStr = c"socketio_emitter.deferred";
pub const MAX_ATTACHMENTS: &CStr = c"socketio_emitter.max_attachments";
pub const MAX_PAYLOAD: &CStr = c"socketio_emitter.max_payload";
pub const ADAPTER: &CStr = c"socketio_emitter.adapter";
pub const SUBSCRIPTION_MODE: &CStr = c"socketio_emitter.subscription_mode";
pub const STREAM_NAME: &CStr = c"socketio_emitter.stream_name";
pub const MAX_LEN: &CStr = c"socketio_emitter.max_len";
pub const STREAM_COUNT: &CStr = c"socketio_emitter.stream_count";
pub const SOCKETIO_VERSION: &CStr = c"socketio_emitter.socketio_version";

/// Values are validated when an Emitter is built, so a bad one is an exception
/// naming the setting rather than a start-up failure of every PHP process.
pub static INI_ENTRIES: IniEntryDefs<17> = IniEntryDefs::new([
    IniEntryDef::new(DSN, c"redis://127.0.0.1:6379", IniEntryPermission::All),
    IniEntryDef::new(PREFIX, c"socket.io", IniEntryPermission::All),
    IniEntryDef::new(TIMEOUT, c"1", IniEntryPermission::All),
    IniEntryDef::new(READ_TIMEOUT, c"1", IniEntryPermission::All),
    IniEntryDef::new(RETRY_INTERVAL, c"500", IniEntryPermission::All),
    IniEntryDef::new(ON_ERROR, c"throw", IniEntryPermission::All),
    IniEntryDef::new(DEFERRED, c"0", IniEntryPermission::All),
    IniEntryDef::new(MAX_ATTACHMENTS, c"10", IniEntryPermission::All),
    IniEntryDef::new(MAX_PAYLOAD, c"16777216", IniEntryPermission::All),
    IniEntryDef::new(ADAPTER, c"classic", IniEntryPermission::All),
    IniEntryDef::new(SUBSCRIPTION_MODE, c"dynamic", IniEntryPermission::All),
    IniEntryDef::new(STREAM_NAME, c"socket.io", IniEntryPermission::All),
    IniEntryDef::new(MAX_LEN, c"10000", IniEntryPermission::All),
    IniEntryDef::new(STREAM_COUNT, c"1", IniEntryPermission::All),
    IniEntryDef::new(SOCKETIO_VERSION, c"4", IniEntryPermission::All),
    // A secret: settable only in php.ini / the pool config, never from a script.
    IniEntryDef::new(SESSION_SECRET, c"", IniEntryPermission::System),
    IniEntryDef::end(),
]);

/// The current (`ini_set`-aware) value of one of our entries.
pub fn read(name: &CStr) -> Option<String> {
    let ini_string_ex = crate::php_symbols::get()?.ini_string_ex?;
    let mut exists = false;
    // SAFETY: a NUL-terminated name and its length; PHP returns a pointer into
    // its ini table that stays valid for this request, copied out at once.
    let value = unsafe { ini_string_ex(name.as_ptr(), name.count_bytes(), false, &raw mut exists) };
    if !exists || value.is_null() {
        return None;
    }
    // SAFETY: PHP ini values are NUL-terminated strings.
    Some(unsafe { CStr::from_ptr(value) }.to_string_lossy().into_owned())
}

/// Whether our entry `name` currently holds exactly `expected` (no copy made).
fn holds(name: &CStr, expected: &str) -> bool {
    let Some(ini_string_ex) = crate::php_symbols::get().and_then(|s| s.ini_string_ex) else { return false };
    let mut exists = false;
    // SAFETY: as in `read`; the value is only compared, not kept.
    let value = unsafe { ini_string_ex(name.as_ptr(), name.count_bytes(), false, &raw mut exists) };
    // SAFETY: PHP ini values are NUL-terminated strings.
    exists && !value.is_null() && unsafe { CStr::from_ptr(value) }.to_bytes() == expected.as_bytes()
}

/// Whether `defaults()` would return `d` now: each entry compared in place, so
/// `new Emitter()` with unchanged settings reads no ini value into a new string.
/// (An entry that is missing or not UTF-8 never matches: `defaults()` decides then.)
pub fn defaults_unchanged(d: &Defaults) -> bool {
    holds(DSN, &d.dsn)
        && holds(PREFIX, &d.prefix)
        && holds(TIMEOUT, &d.timeout)
        && holds(READ_TIMEOUT, &d.read_timeout)
        && holds(RETRY_INTERVAL, &d.retry_interval)
        && holds(ON_ERROR, &d.on_error)
        && holds(DEFERRED, &d.deferred)
        && holds(MAX_ATTACHMENTS, &d.max_attachments)
        && holds(MAX_PAYLOAD, &d.max_payload)
        && holds(ADAPTER, &d.adapter)
        && holds(SUBSCRIPTION_MODE, &d.subscription_mode)
        && holds(STREAM_NAME, &d.stream_name)
        && holds(MAX_LEN, &d.max_len)
        && holds(STREAM_COUNT, &d.stream_count)
        && holds(SOCKETIO_VERSION, &d.socketio_version)
}

/// What `new Emitter()` falls back to.
pub fn defaults() -> Defaults {
    let fallback = Defaults::default();
    Defaults {
        dsn: read(DSN).unwrap_or(fallback.dsn),
        prefix: read(PREFIX).unwrap_or(fallback.prefix),
        timeout: read(TIMEOUT).unwrap_or(fallback.timeout),
        read_timeout: read(READ_TIMEOUT).unwrap_or(fallback.read_timeout),
        retry_interval: read(RETRY_INTERVAL).unwrap_or(fallback.retry_interval),
        on_error: read(ON_ERROR).unwrap_or(fallback.on_error),
        deferred: read(DEFERRED).unwrap_or(fallback.deferred),
        max_attachments: read(MAX_ATTACHMENTS).unwrap_or(fallback.max_attachments),
        max_payload: read(MAX_PAYLOAD).unwrap_or(fallback.max_payload),
        adapter: read(ADAPTER).unwrap_or(fallback.adapter),
        subscription_mode: read(SUBSCRIPTION_MODE).unwrap_or(fallback.subscription_mode),
        stream_name: read(STREAM_NAME).unwrap_or(fallback.stream_name),
        max_len: read(MAX_LEN).unwrap_or(fallback.max_len),
        stream_count: read(STREAM_COUNT).unwrap_or(fallback.stream_count),
        socketio_version: read(SOCKETIO_VERSION).unwrap_or(fallback.socketio_version),
    }
}
