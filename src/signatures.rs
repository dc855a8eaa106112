//! Union types in the PHP signatures of `SocketIO\Emitter`.
//!
//! ext-php-rs 0.16 declares a `&Zval` parameter or return as `mixed`; our API
//! takes `string|int|array $rooms` and `string|array|null $options` and returns
//! `int|bool` from `emit()`. The values are checked at call time either way
//! (TypeError); this only makes Reflection, IDEs and the stubs tell the truth,
//! by rewriting the type masks of the registered argument infos once per process.
//! `bool` parameters are registered nullable so that null reaches PHP's own
//! conversion (params.rs); they are declared `bool` here, as PHP declares them.
//! Method names are lower case: the function table is keyed that way.

use std::sync::Once;

use ext_php_rs::ffi::{zend_function, zend_hash_str_find_ptr_lc, zend_internal_arg_info};
use ext_php_rs::zend::ClassEntry;

// Zend/zend_type_info.h, Zend/zend_types.h (PHP 8.x).
const MAY_BE_NULL: u32 = 1 << 1;
const MAY_BE_FALSE: u32 = 1 << 2;
const MAY_BE_TRUE: u32 = 1 << 3;
const MAY_BE_LONG: u32 = 1 << 4;
const MAY_BE_STRING: u32 = 1 << 6;
const MAY_BE_ARRAY: u32 = 1 << 7;
const TYPE_MAY_BE_MASK: u32 = (1 << 18) - 1;

const BOOL: u32 = MAY_BE_FALSE | MAY_BE_TRUE;
const ROOMS: u32 = MAY_BE_STRING | MAY_BE_LONG | MAY_BE_ARRAY;
/// `int|bool`: a receiver count, `true` (sent, count not known yet: deferred or
/// batched) or `false` (failed under on_error warn/silent).
const SENT: u32 = MAY_BE_LONG | MAY_BE_TRUE | MAY_BE_FALSE;

/// (method, parameter position or `None` for the return type, types).
const UNION_TYPES: [(&str, &str, Option<usize>, u32); 13] = [
    ("SocketIO\\Emitter", "__construct", Some(0), MAY_BE_STRING | MAY_BE_ARRAY | MAY_BE_NULL),
    ("SocketIO\\Emitter", "in", Some(0), ROOMS),
    ("SocketIO\\Emitter", "to", Some(0), ROOMS),
    ("SocketIO\\Emitter", "except", Some(0), ROOMS),
    ("SocketIO\\Emitter", "emit", None, SENT),
    ("SocketIO\\Emitter", "socketsjoin", Some(0), ROOMS),
    ("SocketIO\\Emitter", "socketsleave", Some(0), ROOMS),
    ("SocketIO\\Emitter", "serversideemit", None, SENT),
    ("SocketIO\\SessionRooms", "join", Some(1), ROOMS),
    ("SocketIO\\SessionRooms", "leave", Some(1), ROOMS),
    ("SocketIO\\Emitter", "compress", Some(0), BOOL),
    ("SocketIO\\Emitter", "disconnectsockets", Some(0), BOOL),
    ("SocketIO\\SessionRooms", "forget", Some(1), BOOL),
];

static DECLARED: Once = Once::new();

/// Called at request start-up; does the work on the first request of each process.
pub fn declare_union_types() {
    DECLARED.call_once(|| {
        for (class, method, position, mask) in UNION_TYPES {
            if let Some(class) = ClassEntry::try_find(class) {
                set_type(class, method, position, mask);
            }
        }
    });
}

fn set_type(class: &ClassEntry, method: &str, position: Option<usize>, mask: u32) {
    // SAFETY: the function table of a registered internal class, looked up by a
    // lower-case name; internal functions keep `arg_info` pointing at their first
    // parameter with the return info just before it, and `num_args` entries after.
    unsafe {
        let function = zend_hash_str_find_ptr_lc(&raw const class.function_table, method.as_ptr().cast(), method.len())
            .cast::<zend_function>();
        let Some(function) = function.as_mut() else { return };
        let internal = &mut function.internal_function;
        if internal.arg_info.is_null() {
            return;
        }
        let info: *mut zend_internal_arg_info = match position {
            Some(i) if (i as u32) < internal.num_args => internal.arg_info.add(i),
            Some(_) => return,
            None => internal.arg_info.sub(1),
        };
        let zend_type = &mut (*info).type_;
        if !zend_type.ptr.is_null() {
            return; // a class type: not ours to change
        }
        zend_type.type_mask = (zend_type.type_mask & !TYPE_MAY_BE_MASK) | mask;
    }
}
