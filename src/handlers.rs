//! A hand-written call handler for `SocketIO\Emitter::emit()`, installed over
//! the one ext-php-rs generates for it (same arguments, same Reflection).
//!
//! `emit(string $event, mixed ...$args)` is variadic, and ext-php-rs parses a
//! variadic call through growable lists: about 1,000 instructions and six
//! allocations per call, more than a tenth of an emit. This handler reads the
//! arguments where PHP put them, in the call frame, and calls the same
//! method; errors, panics and bailouts are handled as the generated handler
//! handles them (`run_handler`, exceptions thrown from the method's result).

use std::panic::AssertUnwindSafe;
use std::sync::Once;

use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::PhpException;
use ext_php_rs::ffi::{zend_execute_data, zend_function, zend_hash_str_find_ptr_lc, zend_wrong_parameters_count_error, zval};
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use crate::emitter::Emitter;
use crate::params::StrParam;

/// Arguments after the event passed without a heap list.
const ON_STACK: usize = 8;

/// `SocketIO\Emitter::emit()`.
unsafe extern "C" fn emit(ex: *mut zend_execute_data, retval: *mut zval) {
    // SAFETY: PHP calls a handler with its call frame and return slot.
    let (Some(ex), Some(retval)) = (unsafe { ex.cast::<ExecuteData>().as_mut() }, unsafe { retval.cast::<Zval>().as_mut() }) else {
        return;
    };
    ext_php_rs::zend::run_handler(AssertUnwindSafe(|| {
        // SAFETY: every member of `u2` is the argument count here.
        let count = unsafe { ex.This.u2.num_args } as usize;
        if count == 0 {
            // What the generated handler reports: "expects at least 1 argument, 0 given".
            // SAFETY: a plain call; PHP throws the ArgumentCountError.
            unsafe { zend_wrong_parameters_count_error(1, 2) };
            return;
        }
        // SAFETY: arguments 0..count are this call's own slots, alive until it
        // returns; the event's slot is only used as `event`, the others only
        // read (their references do not outlive the call).
        let Some(event) = (unsafe { ex.zend_call_arg(0) }) else { return };
        let rest = count - 1;
        let placeholder = Zval::new();
        let mut on_stack: [&Zval; ON_STACK] = [&placeholder; ON_STACK];
        let on_heap: Vec<&Zval>;
        let args: &[&Zval] = if rest <= ON_STACK {
            for (i, slot) in on_stack.iter_mut().enumerate().take(rest) {
                match unsafe { ex.zend_call_arg(i + 1) } {
                    Some(arg) => *slot = arg,
                    None => return,
                }
            }
            on_stack.get(..rest).unwrap_or_default()
        } else {
            match (1..count).map(|i| unsafe { ex.zend_call_arg(i) }.map(|arg| &*arg)).collect::<Option<Vec<_>>>() {
                Some(args) => on_heap = args,
                None => return,
            }
            &on_heap
        };
        let Some(this) = ex.get_object::<Emitter>() else {
            PhpException::from_message("Failed to retrieve reference to `$this`".into()).throw();
            return;
        };
        match this.emit(StrParam::new(event), args) {
            Ok(sent) => {
                if let Err(err) = sent.set_zval(retval, false) {
                    PhpException::from(err).throw();
                }
            }
            Err(err) => {
                err.throw();
            }
        }
    }));
}

static INSTALLED: Once = Once::new();

/// Called at request start-up; installs the handler on the first request of
/// each process (the class is registered by then).
pub fn install() {
    INSTALLED.call_once(|| {
        let Some(class) = ClassEntry::try_find("SocketIO\\Emitter") else { return };
        let name = "emit";
        // SAFETY: the function table of a registered internal class, looked up
        // by its lower-case name. In a process this runs before its first
        // request; under thread-safe PHP another thread may be calling the
        // method meanwhile, and reads the old handler or the new one (an
        // aligned pointer store), both complete handlers of the same method.
        unsafe {
            let function = zend_hash_str_find_ptr_lc(&raw const class.function_table, name.as_ptr().cast(), name.len()).cast::<zend_function>();
            if let Some(function) = function.as_mut() {
                function.internal_function.handler = Some(emit);
            }
        }
    });
}
