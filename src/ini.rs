//! php.ini settings of the extension and how the PHP layer reads them.

use std::ffi::CStr;

use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};

use crate::core::config::{self, Defaults};

pub const DSN: &CStr = c"socketio_emitter.dsn";
pub const PREFIX: &CStr = c"socketio_emitter.prefix";

pub static INI_ENTRIES: IniEntryDefs<3> = IniEntryDefs::new([
    IniEntryDef::new(DSN, c"redis://127.0.0.1:6379", IniEntryPermission::All),
    IniEntryDef::new(PREFIX, c"socket.io", IniEntryPermission::All),
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

/// What `new Emitter()` falls back to.
pub fn defaults() -> Defaults {
    Defaults {
        dsn: read(DSN).unwrap_or_else(|| config::DEFAULT_DSN.to_owned()),
        prefix: read(PREFIX).unwrap_or_else(|| config::DEFAULT_PREFIX.to_owned()),
    }
}
