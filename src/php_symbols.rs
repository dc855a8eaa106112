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

use ext_php_rs::ffi::{zend_string, zval};
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
    /// zpp's own conversions of a `string` / `bool` parameter that is not one
    /// already (Zend/zend_API.h): they honour the caller's `strict_types` and
    /// raise PHP 8.1+'s "Passing null to parameter" deprecation.
    pub parse_arg_str_slow: Option<ParseArgStr>,
    pub parse_arg_bool_slow: Option<ParseArgBool>,
    /// `zend_get_properties_for(zval *obj, zend_prop_purpose purpose)` (Zend/zend_object_handlers.h).
    pub get_properties_for: Option<GetPropertiesFor>,
    /// `php_log_err_with_severity(message, syslog_level)` (main/php.h): PHP's
    /// error log, without going through `zend_error()` and the user's handler.
    pub log_err: Option<LogErr>,
}

pub type LogErr = unsafe extern "C" fn(*const c_char, libc::c_int);

pub type IniStringEx = unsafe extern "C" fn(*const c_char, usize, bool, *mut bool) -> *mut c_char;
pub type GetPropertiesFor = unsafe extern "C" fn(*mut ext_php_rs::ffi::zval, u32) -> *mut ext_php_rs::ffi::HashTable;
/// `bool zend_parse_arg_str_slow(zval *arg, zend_string **dest, uint32_t arg_num)`
/// (`ZEND_FASTCALL` is the C convention outside 32-bit x86).
pub type ParseArgStr = unsafe extern "C" fn(*mut zval, *mut *mut zend_string, u32) -> bool;
/// `bool zend_parse_arg_bool_slow(zval *arg, bool *dest, uint32_t arg_num)`.
pub type ParseArgBool = unsafe extern "C" fn(*mut zval, *mut bool, u32) -> bool;

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

/// The address of an exported PHP function, if this process has it.
fn function(symbol: &CStr) -> Option<*mut libc::c_void> {
    // SAFETY: dlsym on the process's global scope with a NUL-terminated name.
    let f = unsafe { libc::dlsym(libc::RTLD_DEFAULT, symbol.as_ptr()) };
    (!f.is_null()).then_some(f)
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
        // SAFETY (five below): each symbol, when present, has exactly the signature of its type.
        ini_string_ex: unsafe { function(c"zend_ini_string_ex").map(|f| std::mem::transmute::<*mut libc::c_void, IniStringEx>(f)) },
        parse_arg_str_slow: unsafe {
            function(c"zend_parse_arg_str_slow").map(|f| std::mem::transmute::<*mut libc::c_void, ParseArgStr>(f))
        },
        parse_arg_bool_slow: unsafe {
            function(c"zend_parse_arg_bool_slow").map(|f| std::mem::transmute::<*mut libc::c_void, ParseArgBool>(f))
        },
        get_properties_for: unsafe {
            function(c"zend_get_properties_for").map(|f| std::mem::transmute::<*mut libc::c_void, GetPropertiesFor>(f))
        },
        log_err: unsafe { function(c"php_log_err_with_severity").map(|f| std::mem::transmute::<*mut libc::c_void, LogErr>(f)) },
    });
}

pub fn get() -> Option<&'static PhpSymbols> {
    SYMBOLS.get()
}
