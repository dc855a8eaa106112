//! One error type for the PHP layer and its mapping onto PHP exceptions:
//! `SocketIO\Exception` (extends `RuntimeException`) for everything but
//! argument types, which are PHP's own `TypeError`.

use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::builders::ClassBuilder;
use ext_php_rs::error::php_error;
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::ErrorType;
use ext_php_rs::zend::{ce, ClassEntry};

use crate::core;

pub const EXCEPTION_CLASS: &str = "SocketIO\\Exception";

static EXCEPTION_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(ptr::null_mut());

fn runtime_exception() -> &'static ClassEntry {
    crate::php_symbols::get()
        .and_then(|c| c.runtime_exception.get())
        .unwrap_or_else(ce::exception)
}

/// Registers `SocketIO\Exception` at MINIT. Built with `ClassBuilder` rather than
/// `#[php_class]` so instances are real engine exceptions with file/line/trace.
pub fn register_exception_class() -> ext_php_rs::error::Result<()> {
    ClassBuilder::new(EXCEPTION_CLASS)
        .extends((runtime_exception, "\\RuntimeException"))
        .registration(|ce, _| EXCEPTION_CE.store(ce, Ordering::Release))
        .register()
}

fn exception_class() -> &'static ClassEntry {
    // SAFETY: set once at MINIT to a class entry that lives as long as the process.
    unsafe { EXCEPTION_CE.load(Ordering::Acquire).as_ref() }.unwrap_or_else(runtime_exception)
}

#[derive(Debug)]
pub enum EmitterError {
    /// Connection, Redis and configuration failures from the core.
    Core(core::Error),
    /// Anything else the caller got wrong or that could not be sent.
    Invalid(String),
    /// An argument of the wrong PHP type.
    Type(String),
}

impl From<core::Error> for EmitterError {
    fn from(err: core::Error) -> Self {
        EmitterError::Core(err)
    }
}

impl From<EmitterError> for PhpException {
    fn from(err: EmitterError) -> Self {
        match err {
            EmitterError::Core(e) => PhpException::new(php_text(&e.to_string()), 0, exception_class()),
            EmitterError::Invalid(msg) => PhpException::new(php_text(&msg), 0, exception_class()),
            EmitterError::Type(msg) => PhpException::new(php_text(&msg), 0, ce::type_error()),
        }
    }
}

/// A message PHP can take: its C APIs cut strings at NUL, and ext-php-rs turns
/// an exception message with a NUL into a plain `\Error` ("cannot throw ...")
/// and drops a warning with one. Keys, class names (`class@anonymous\0/file`)
/// and DSN parts can carry NULs, so every message is shown with them as `\0`.
pub fn php_text(message: &str) -> String {
    message.replace('\0', "\\0")
}

/// Bytes that should have been UTF-8, shown with the invalid ones as `\xNN`.
pub fn show_bytes(bytes: &[u8]) -> String {
    let mut shown = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        shown.push_str(chunk.valid());
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02x}"));
        }
    }
    shown
}

/// `E_WARNING` with `message` (NUL-safe; PHP prefixes `Class::method(): `).
pub fn warn(message: &str) {
    php_error(&ErrorType::Warning, &php_text(message));
}

pub type EmitterResult<T> = Result<T, EmitterError>;
