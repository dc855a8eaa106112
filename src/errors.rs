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

pub const TIMEOUT_EXCEPTION_CLASS: &str = "SocketIO\\TimeoutException";

static TIMEOUT_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(ptr::null_mut());

/// The private property of a `SocketIO\TimeoutException` holding what arrived.
const RESPONSES: &str = "responses";

/// Registers `SocketIO\TimeoutException extends SocketIO\Exception` (after
/// it) with its `getResponses(): array`.
pub fn register_timeout_exception_class() -> ext_php_rs::error::Result<()> {
    use ext_php_rs::builders::{ClassProperty, FunctionBuilder};
    use ext_php_rs::flags::{DataType, MethodFlags, PropertyFlags};
    ClassBuilder::new(TIMEOUT_EXCEPTION_CLASS)
        .extends((exception_class, "\\SocketIO\\Exception"))
        .property(ClassProperty {
            name: RESPONSES.into(),
            flags: PropertyFlags::Private,
            default: None,
            docs: &[],
            ty: None,
            nullable: true,
            readonly: false,
            default_stub: None,
        })
        .method(
            FunctionBuilder::new("getResponses", get_responses).returns(DataType::Array, false, false),
            MethodFlags::Public,
        )
        .registration(|ce, _| TIMEOUT_CE.store(ce, Ordering::Release))
        .register()
}

/// `TimeoutException::getResponses()`: what arrived before the deadline.
extern "C" fn get_responses(ex: &mut ext_php_rs::zend::ExecuteData, retval: &mut ext_php_rs::types::Zval) {
    crate::core::no_unwind((), || {
        let responses = ex.This.object().and_then(|this| with_scope_of_timeout(|| this.get_property::<&ext_php_rs::types::Zval>(RESPONSES).ok().map(|zv| zv.shallow_clone())));
        match responses {
            Some(zv) if zv.is_array() => *retval = zv,
            _ => {
                let _ = retval.set_array(Vec::<i64>::new());
            }
        }
    });
}

/// Runs `f` as code of `SocketIO\TimeoutException` (its private property is reachable).
fn with_scope_of_timeout<R>(f: impl FnOnce() -> R) -> R {
    let ce = TIMEOUT_CE.load(Ordering::Acquire);
    let saved = {
        let mut globals = ext_php_rs::zend::ExecutorGlobals::get_mut();
        std::mem::replace(&mut globals.fake_scope, ce)
    };
    let result = f();
    ext_php_rs::zend::ExecutorGlobals::get_mut().fake_scope = saved;
    result
}

/// A `SocketIO\TimeoutException` carrying `responses`, ready to be thrown.
pub fn timeout_exception(message: &str, responses: ext_php_rs::types::Zval) -> PhpException {
    // SAFETY: set once at MINIT to a class entry that lives as long as the process.
    let Some(ce) = (unsafe { TIMEOUT_CE.load(Ordering::Acquire).as_ref() }) else {
        return PhpException::new(php_text(message), 0, exception_class());
    };
    let mut object = ext_php_rs::types::ZendObject::new(ce);
    let text = php_text(message);
    let _ = object.try_call_method("__construct", vec![&text]);
    let _ = with_scope_of_timeout(|| object.set_property(RESPONSES, responses));
    match ext_php_rs::convert::IntoZval::into_zval(object, false) {
        Ok(zv) => PhpException::new(text, 0, ce).with_object(zv),
        Err(_) => PhpException::new(text, 0, ce),
    }
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
