//! PHP symbols ext-php-rs does not bind, found through the dynamic symbol table.
//!
//! Class entries of PHP's own classes are data symbols (`zend_ce_closure`,
//! `spl_ce_RuntimeException`...) and rustc calls functions through the GOT, so
//! linking either directly makes the `.so` unloadable outside PHP (`cargo php
//! stubs` loads it to generate stubs). Looking classes up by name does not work
//! at MINIT either. So we ask the dynamic linker once, at MINIT, and keep the
//! pointers for the life of the process.

use std::ffi::{c_char, CStr};
use std::sync::OnceLock;

use ext_php_rs::zend::ClassEntry;

/// A class entry that lives as long as the process (kept as an address so the
/// table can be a plain `static`).
#[derive(Clone, Copy)]
pub struct ClassRef(usize);

impl ClassRef {
    fn new(ce: *const ClassEntry) -> ClassRef {
        ClassRef(ce as usize)
    }

    pub fn get(self) -> Option<&'static ClassEntry> {
        // SAFETY: null or an internal class entry registered for the life of the process.
        unsafe { (self.0 as *const ClassEntry).as_ref() }
    }
}

pub struct PhpSymbols {
    pub runtime_exception: ClassRef,
    pub json_serializable: ClassRef,
    pub backed_enum: ClassRef,
    pub unit_enum: ClassRef,
    pub closure: ClassRef,
    pub generator: ClassRef,
    pub date_time_interface: ClassRef,
    /// `zend_ini_string_ex(name, name_length, orig, exists)` (Zend/zend_ini.h).
    pub ini_string_ex: Option<IniStringEx>,
    /// `php_log_err_with_severity(message, syslog_level)` (main/php.h): PHP's
    /// error log, without going through `zend_error()` and the user's handler.
    pub log_err: Option<LogErr>,
}

pub type LogErr = unsafe extern "C" fn(*const c_char, libc::c_int);

pub type IniStringEx = unsafe extern "C" fn(*const c_char, usize, bool, *mut bool) -> *mut c_char;

static SYMBOLS: OnceLock<PhpSymbols> = OnceLock::new();

fn exported(symbol: &CStr) -> ClassRef {
    // SAFETY: dlsym on the process's global scope; the symbol, when present, is a
    // `zend_class_entry *` variable that PHP set before any extension's MINIT.
    unsafe {
        let var = libc::dlsym(libc::RTLD_DEFAULT, symbol.as_ptr()).cast::<*const ClassEntry>();
        ClassRef::new(var.as_ref().copied().unwrap_or(std::ptr::null()))
    }
}

/// ext/date keeps its class entry static and exports a getter instead.
fn date_time_interface() -> ClassRef {
    // SAFETY: `php_date_get_interface_ce` is `zend_class_entry *(void)` (ext/date/php_date.h).
    unsafe {
        let getter = libc::dlsym(libc::RTLD_DEFAULT, c"php_date_get_interface_ce".as_ptr());
        if getter.is_null() {
            return ClassRef::new(std::ptr::null());
        }
        let getter: extern "C" fn() -> *const ClassEntry = std::mem::transmute(getter);
        ClassRef::new(getter())
    }
}

/// Called at MINIT.
pub fn resolve() {
    SYMBOLS.get_or_init(|| PhpSymbols {
        runtime_exception: exported(c"spl_ce_RuntimeException"),
        json_serializable: exported(c"php_json_serializable_ce"),
        backed_enum: exported(c"zend_ce_backed_enum"),
        unit_enum: exported(c"zend_ce_unit_enum"),
        closure: exported(c"zend_ce_closure"),
        generator: exported(c"zend_ce_generator"),
        date_time_interface: date_time_interface(),
        // SAFETY: the symbol, when present, has exactly the `IniStringEx` signature.
        ini_string_ex: unsafe {
            let f = libc::dlsym(libc::RTLD_DEFAULT, c"zend_ini_string_ex".as_ptr());
            (!f.is_null()).then(|| std::mem::transmute::<*mut libc::c_void, IniStringEx>(f))
        },
        // SAFETY: the symbol, when present, has exactly the `LogErr` signature.
        log_err: unsafe {
            let f = libc::dlsym(libc::RTLD_DEFAULT, c"php_log_err_with_severity".as_ptr());
            (!f.is_null()).then(|| std::mem::transmute::<*mut libc::c_void, LogErr>(f))
        },
    });
}

pub fn get() -> Option<&'static PhpSymbols> {
    SYMBOLS.get()
}
