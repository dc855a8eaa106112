//! php.ini settings of the extension and how the PHP layer reads them.

use std::cell::Cell;
use std::ffi::{c_int, c_void, CStr};
use std::sync::atomic::{AtomicU32, Ordering};

use ext_php_rs::ffi::{ext_php_rs_executor_globals, zend_ini_entry, zend_string, HashTable};

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

/// PHP keeps a new value only when the entry's handler accepts it, and
/// `ini_restore()` (PHP's zend_restore_ini_entry_cb) leaves an entry without a
/// handler at its `ini_set()` value: ours accepts every value (they are
/// validated when an Emitter is built).
unsafe extern "C" fn accept_value(
    _entry: *mut zend_ini_entry,
    _new_value: *mut zend_string,
    _mh_arg1: *mut c_void,
    _mh_arg2: *mut c_void,
    _mh_arg3: *mut c_void,
    _stage: c_int,
) -> c_int {
    0 // SUCCESS
}

const fn entry(name: &'static CStr, default_value: &'static CStr, permission: IniEntryPermission) -> IniEntryDef {
    let mut def = IniEntryDef::new(name, default_value, permission);
    def.on_modify = Some(accept_value);
    def
}

/// Values are validated when an Emitter is built, so a bad one is an exception
/// naming the setting rather than a start-up failure of every PHP process.
pub static INI_ENTRIES: IniEntryDefs<17> = IniEntryDefs::new([
    entry(DSN, c"redis://127.0.0.1:6379", IniEntryPermission::All),
    entry(PREFIX, c"socket.io", IniEntryPermission::All),
    entry(TIMEOUT, c"1", IniEntryPermission::All),
    entry(READ_TIMEOUT, c"1", IniEntryPermission::All),
    entry(RETRY_INTERVAL, c"500", IniEntryPermission::All),
    entry(ON_ERROR, c"throw", IniEntryPermission::All),
    entry(DEFERRED, c"0", IniEntryPermission::All),
    entry(MAX_ATTACHMENTS, c"10", IniEntryPermission::All),
    entry(MAX_PAYLOAD, c"16777216", IniEntryPermission::All),
    entry(ADAPTER, c"classic", IniEntryPermission::All),
    entry(SUBSCRIPTION_MODE, c"dynamic", IniEntryPermission::All),
    entry(STREAM_NAME, c"socket.io", IniEntryPermission::All),
    entry(MAX_LEN, c"10000", IniEntryPermission::All),
    entry(STREAM_COUNT, c"1", IniEntryPermission::All),
    entry(SOCKETIO_VERSION, c"4", IniEntryPermission::All),
    // A secret: settable only in php.ini / the pool config, never from a script.
    entry(SESSION_SECRET, c"", IniEntryPermission::System),
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

/// The entries `defaults_unchanged` compares, in the order of `Defaults`' fields.
const COMPARED: [&CStr; 15] = [
    DSN,
    PREFIX,
    TIMEOUT,
    READ_TIMEOUT,
    RETRY_INTERVAL,
    ON_ERROR,
    DEFERRED,
    MAX_ATTACHMENTS,
    MAX_PAYLOAD,
    ADAPTER,
    SUBSCRIPTION_MODE,
    STREAM_NAME,
    MAX_LEN,
    STREAM_COUNT,
    SOCKETIO_VERSION,
];

/// Bumped at every MINIT: entries found before a module shutdown and reload
/// (Apache's graceful restart keeps a Rust `.so` mapped) are looked up again.
static GENERATION: AtomicU32 = AtomicU32::new(0);

/// Called at MINIT, after our entries are registered.
pub fn entries_registered() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// Our `zend_ini_entry`s in this thread's `EG(ini_directives)`, found once.
/// An entry lives until module shutdown (in ZTS, each thread has its own copy
/// of the table, hence a thread-local); `ini_set()`, `ini_restore()` and
/// per-directory settings replace its `value`, never the entry.
#[derive(Clone, Copy)]
struct Entries {
    generation: u32,
    table: *const HashTable,
    entries: [*const zend_ini_entry; COMPARED.len()],
}

thread_local! {
    static ENTRIES: Cell<Option<Entries>> = const { Cell::new(None) };
}

/// RINIT: under thread-safe PHP a thread's ini table may have been freed
/// and rebuilt since the last request (a SAPI can recreate a thread's PHP
/// resources on the same OS thread), possibly at the same address: the
/// entries are looked up again once per request. Non-thread-safe PHP keeps
/// one table until module shutdown (the generation covers a reload).
pub fn request_started() {
    #[cfg(php_thread_safe)]
    ENTRIES.set(None);
}

/// This thread's ini table, null outside of PHP's start-up and requests.
fn ini_table() -> *const HashTable {
    // SAFETY: the executor globals of this thread (static, or this thread's in ZTS).
    unsafe { ext_php_rs_executor_globals().as_ref() }.map_or(std::ptr::null(), |eg| eg.ini_directives.cast_const())
}

/// This thread's entries, looked up by name the first time only (and again
/// after a module reload or when the table itself changed).
fn entries() -> Option<Entries> {
    let generation = GENERATION.load(Ordering::Relaxed);
    let table = ini_table();
    if table.is_null() {
        return None;
    }
    if let Some(found) = ENTRIES.get().filter(|e| e.generation == generation && e.table == table) {
        return Some(found);
    }
    let mut entries = [std::ptr::null(); COMPARED.len()];
    for (slot, name) in entries.iter_mut().zip(COMPARED) {
        // SAFETY: a live HashTable and a name with its length; an ini entry is
        // stored as a pointer zval (zend_hash_add_ptr), null when absent.
        let entry = unsafe { ext_php_rs::ffi::zend_hash_str_find(table, name.as_ptr(), name.count_bytes()).as_ref() }
            .and_then(|zv| unsafe { zv.ptr::<zend_ini_entry>() })?;
        *slot = entry.cast_const();
    }
    let found = Entries { generation, table, entries };
    ENTRIES.set(Some(found));
    Some(found)
}

/// Whether `defaults()` would return `d` now: each entry's current value
/// compared in place with `d`'s, so `new Emitter()` with unchanged settings
/// neither hashes a name nor reads a value into a new string. The contents are
/// compared, never only the value pointers: a string `ini_set()` freed may be
/// reallocated at the same address with other contents.
/// (An entry that is missing, null or not as `read` returns it never matches:
/// `defaults()` decides then.)
pub fn defaults_unchanged(d: &Defaults) -> bool {
    let Some(found) = entries() else { return false };
    let expected: [&str; COMPARED.len()] = [
        &d.dsn,
        &d.prefix,
        &d.timeout,
        &d.read_timeout,
        &d.retry_interval,
        &d.on_error,
        &d.deferred,
        &d.max_attachments,
        &d.max_payload,
        &d.adapter,
        &d.subscription_mode,
        &d.stream_name,
        &d.max_len,
        &d.stream_count,
        &d.socketio_version,
    ];
    found.entries.iter().zip(expected).all(|(&entry, expected)| {
        // SAFETY: an entry of this thread's live ini table (see `Entries`); its
        // value is null or a zend_string PHP keeps while it is the value.
        let value = unsafe { (*entry).value.as_ref() };
        value.is_some_and(|v| v.as_bytes() == expected.as_bytes())
    })
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
