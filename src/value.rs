//! PHP values → msgpack: a `Serialize` view over a zval, so the envelope is
//! written straight from the caller's values without copying them first.
//!
//! The rules (README "PHP value → msgpack") in one place:
//! null/bool/int/float(finite) as themselves, UTF-8 strings as str,
//! `SocketIO\Binary` as bin, list arrays as array, other arrays as maps with
//! string keys, `JsonSerializable` as its `jsonSerialize()` (checked first, as
//! json_encode does, and not a nesting level), `BackedEnum` as its value,
//! `DateTimeInterface` as JS `Date.toJSON()` (within JS Date's range), other
//! objects as a map of what json_encode shows of them. Everything else is an
//! error naming the path of the bad value (`$args[1]['user']`), raised before
//! anything is sent: also a C stack too short for the next level.

use std::cell::Cell;
use std::fmt::Write as _;

use ext_php_rs::ffi::{gc_possible_root, zend_array_destroy, zend_object, zend_objects_store_del, zend_refcounted, zval, HashTable};
use ext_php_rs::zend::ClassEntry;
use ext_php_rs::types::{ZendClassObject, ZendObject, Zval};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::binary::BinaryValue;
use crate::stack;
use crate::core::protocol::{Bounded, EventArgs};

/// Same limit as `json_encode`'s default depth.
pub const MAX_DEPTH: usize = 512;

/// How often (in nesting levels) the msgpack writer checks the C stack left.
/// A level of `write_array` + `write_value` takes about 450 bytes of stack
/// (their frames on x86-64: 272 + 176 bytes), so 8 levels (~3.6 KiB) fit many
/// times over in the 48 KiB kept free for the encoder ([`stack::Next::Encoder`]).
const STACK_CHECK_EVERY: usize = 8;

// Zend type tags (Zend/zend_types.h), stable across PHP 8.x.
const IS_UNDEF: u8 = 0;
const IS_NULL: u8 = 1;
const IS_FALSE: u8 = 2;
const IS_TRUE: u8 = 3;
const IS_LONG: u8 = 4;
const IS_DOUBLE: u8 = 5;
const IS_STRING: u8 = 6;
const IS_ARRAY: u8 = 7;
const IS_OBJECT: u8 = 8;
const IS_RESOURCE: u8 = 9;
const IS_REFERENCE: u8 = 10;
const IS_INDIRECT: u8 = 12;
/// Zend/zend_hash.h
const HASH_FLAG_PACKED: u32 = 1 << 2;


/// One step from the root (`$args[i]`) to a value, for error messages and
/// recursion detection. Lives on the stack: each level points at its parent.
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
    /// Address of the array or object this step entered (0 for leaves), so a
    /// container that contains itself is caught instead of looping.
    container: Cell<usize>,
    depth: usize,
    /// The stack this walk runs on (found once, at the root).
    stack: &'a stack::Budget,
}

enum Step<'a> {
    Arg(usize),
    NamedArg(&'a [u8]),
    Index(i64),
    Key(&'a [u8]),
    Property(&'a [u8]),
    JsonSerialize,
}

impl Path<'_> {
    fn render(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            steps.push(&p.step);
            at = p.parent;
        }
        steps.reverse();
        // Very deep paths are cut in the middle: the start and the end say where.
        const KEEP: usize = 6;
        let mut out = String::new();
        for (i, step) in steps.iter().enumerate() {
            if steps.len() > 2 * KEEP && i == KEEP {
                out.push('…');
            }
            if steps.len() > 2 * KEEP && i >= KEEP && i < steps.len() - KEEP {
                continue;
            }
            let _ = match step {
                Step::Arg(n) => write!(out, "$args[{n}]"),
                Step::NamedArg(name) => write!(out, "$args['{}']", shorten(name)),
                Step::Index(n) => write!(out, "[{n}]"),
                Step::Key(k) => write!(out, "['{}']", shorten(k)),
                Step::Property(p) => write!(out, "->{}", shorten(p)),
                Step::JsonSerialize => write!(out, "->jsonSerialize()"),
            };
        }
        out
    }

    fn contains(&self, container: usize) -> bool {
        let mut at = Some(self);
        while let Some(p) = at {
            if p.container.get() == container {
                return true;
            }
            at = p.parent;
        }
        false
    }

    fn child<'b>(&'b self, step: Step<'b>) -> Path<'b> {
        Path {
            parent: Some(self),
            step,
            container: Cell::new(0),
            depth: self.depth + 1,
            stack: self.stack,
        }
    }

    /// The value `jsonSerialize()` returned in place of this one: at the same
    /// depth, as `json_encode` counts it (a wrapper is not a nesting level).
    fn replaced(&self) -> Path<'_> {
        Path {
            depth: self.depth,
            ..self.child(Step::JsonSerialize)
        }
    }

    /// Marks this node as entering the array or object `container` (a nesting
    /// level, as `json_encode` counts them), refusing excessive depth, cycles
    /// and a C stack too short for the encoder's own next level.
    fn enter<E: serde::ser::Error>(&self, container: usize) -> Result<(), E> {
        self.check_depth()?;
        self.mark(container, stack::Next::Encoder)
    }

    fn check_depth<E: serde::ser::Error>(&self) -> Result<(), E> {
        if self.depth >= MAX_DEPTH {
            return Err(fail(self, format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// Refuses `container` if it is already on the path (a value containing itself).
    fn check_cycle<E: serde::ser::Error>(&self, container: usize) -> Result<(), E> {
        if self.parent.is_some_and(|p| p.contains(container)) {
            return Err(fail(self, "recursive reference (the value contains itself)"));
        }
        Ok(())
    }

    /// Marks this node as entering `container` without a nesting level (a
    /// `JsonSerializable` or date about to be called), refusing cycles and a C
    /// stack too short for the PHP code about to run.
    fn enter_wrapper<E: serde::ser::Error>(&self, container: usize) -> Result<(), E> {
        self.mark(container, stack::Next::Php)
    }

    /// [`Path::enter`] for an array the msgpack writer walks. An array on
    /// the path is held by the walk ([`Hold::array`]) and by the slot it was
    /// found in, so one with a reference count of 1 (or an immutable one,
    /// which holds nothing mutable) is not on the path: the search for a
    /// cycle is made only for shared arrays.
    fn enter_array(&self, ht: &HashTable) -> Result<(), MsgpackError> {
        self.check_depth::<MsgpackError>()?;
        let container = std::ptr::from_ref(ht) as usize;
        // SAFETY: a live array's header; read as `Hold::array` reads it.
        let (refcount, type_info) = unsafe {
            let header = &raw const ht.gc;
            (std::ptr::read_volatile(&raw const (*header).refcount), std::ptr::read_volatile(&raw const (*header).u.type_info))
        };
        if refcount > 1 && type_info & GC_IMMUTABLE == 0 {
            self.check_cycle::<MsgpackError>(container)?;
        }
        // The stack is checked every STACK_CHECK_EVERY levels: the room kept
        // free for the encoder (48 KiB) holds many more of its frames.
        if self.depth.is_multiple_of(STACK_CHECK_EVERY) {
            self.check_stack::<MsgpackError>(stack::Next::Encoder)?;
        }
        self.container.set(container);
        Ok(())
    }

    fn mark<E: serde::ser::Error>(&self, container: usize, next: stack::Next) -> Result<(), E> {
        self.check_cycle(container)?;
        self.check_stack(next)?;
        self.container.set(container);
        Ok(())
    }

    fn check_stack<E: serde::ser::Error>(&self, next: stack::Next) -> Result<(), E> {
        match self.stack.exhausted(next) {
            Some(left) => Err(self.stack_exhausted(left)),
            None => Ok(()),
        }
    }

    #[cold]
    #[inline(never)]
    fn stack_exhausted<E: serde::ser::Error>(&self, left: usize) -> E {
        fail(self, format!("nested too deeply for the C stack left ({left} bytes; raise fiber.stack_size when emitting from a Fiber)"))
    }
}

fn shorten(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.into_owned()
    }
}

fn fail<E: serde::ser::Error>(path: &Path<'_>, reason: impl std::fmt::Display) -> E {
    E::custom(format!("cannot encode {}: {reason}", path.render()))
}

/// The variadic `...$args` of `emit()`: positional values, then any named
/// ones (`emit('ev', user: $u)`), which PHP collects apart and which are sent
/// after the positional ones, in order, as a userland `...$args` would hold them.
pub struct Args<'a> {
    pub positional: &'a [&'a Zval],
    pub named: Option<&'a HashTable>,
}

impl<'a> Args<'a> {
    /// The arguments of the running internal method call.
    pub fn of_current_call(positional: &'a [&'a Zval]) -> Args<'a> {
        Args {
            positional,
            named: current_named_args(),
        }
    }
}

/// `EG(current_execute_data)->extra_named_params` when the call has them.
fn current_named_args<'a>() -> Option<&'a HashTable> {
    /// Zend/zend_compile.h `ZEND_CALL_HAS_EXTRA_NAMED_PARAMS`.
    const HAS_EXTRA_NAMED_PARAMS: u32 = 1 << 27;
    // SAFETY: the executor globals live as long as the process (read directly:
    // `ExecutorGlobals::get()` takes a lock); during an internal call the
    // current frame is that call's, alive until it returns; the flag says
    // whether `extra_named_params` is set.
    unsafe {
        let globals = ext_php_rs::ffi::ext_php_rs_executor_globals().as_ref()?;
        let frame = globals.current_execute_data.as_ref()?;
        if frame.This.u1.type_info & HAS_EXTRA_NAMED_PARAMS == 0 {
            return None;
        }
        frame.extra_named_params.as_ref()
    }
}

fn root<'a>(step: Step<'a>, stack: &'a stack::Budget) -> Path<'a> {
    Path {
        parent: None,
        step,
        container: Cell::new(0),
        depth: 0,
        stack,
    }
}

impl EventArgs for Args<'_> {
    fn count(&self) -> usize {
        self.positional.len() + self.named.map_or(0, |ht| ht.nNumOfElements as usize)
    }

    fn write_msgpack_each(&self, out: &mut Bounded<'_>) -> Result<(), MsgpackError> {
        self.for_each_root(|zv, path| write_value(out, zv, path))
    }

    fn serialize_each<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
        self.for_each_root(|zv, path| seq.serialize_element(&View { zv, path }))
    }
}

impl Args<'_> {
    /// Each argument with its root path (`$args[i]`, `$args['name']`):
    /// positional ones, then named ones; the stack found once for all.
    fn for_each_root<E>(&self, mut f: impl FnMut(&Zval, &Path<'_>) -> Result<(), E>) -> Result<(), E> {
        let stack = stack::Budget::here();
        for (i, zv) in self.positional.iter().enumerate() {
            f(zv, &root(Step::Arg(i), &stack))?;
        }
        if let Some(named) = self.named {
            for_each_entry(named, |key, zv| {
                let path = match key {
                    Key::Str(name) => root(Step::NamedArg(name), &stack),
                    Key::Int(i) => root(Step::Arg(i as usize), &stack),
                };
                f(zv, &path)
            })?;
        }
        Ok(())
    }
}

// ---- The msgpack writer: the same bytes as `View` through rmp_serde, written
// straight into the encode buffer (no serde call per value). Scalars, strings,
// arrays and `SocketIO\Binary` are written here; other objects go through
// `serialize_object` (JsonSerializable, enums, dates, properties), whose
// nested values then take the serde path. The rules, paths, depth, cycle and
// stack checks are the same functions as above.

type MsgpackError = crate::core::protocol::WriteError;

/// Whether `bytes` are UTF-8 ([`text`]: the all-ASCII case first).
#[inline(always)]
fn is_utf8(bytes: &[u8]) -> bool {
    text(bytes).is_some()
}

fn write_value(out: &mut Bounded<'_>, zv: &Zval, path: &Path<'_>) -> Result<(), MsgpackError> {
    let zv = resolve(zv);
    if let Some(written) = write_plain(out, zv) {
        return written;
    }
    match type_of(zv) {
        IS_UNDEF => out.nil(),
        // SAFETY (the arms below): the tag says which union member is live.
        IS_DOUBLE => Err(not_finite(path, unsafe { zv.value.dval })),
        IS_STRING => Err(bad_string(path, string_bytes(zv))),
        IS_ARRAY => write_array(out, unsafe { &*zv.value.arr }, path),
        IS_OBJECT => write_object(out, unsafe { &*zv.value.obj }, path),
        IS_RESOURCE => Err(fail(path, "a resource cannot be sent")),
        other => Err(fail(path, format!("unsupported PHP value (type {other})"))),
    }
}

/// Writes `value` (resolved) if it is a scalar or a string that can be sent,
/// which needs no path; `None` for the rest: containers, and values refused
/// (a non-finite float, a string that is not UTF-8 or too long), which the
/// caller handles with the value's path.
#[inline(always)]
fn write_plain(out: &mut Bounded<'_>, value: &Zval) -> Option<Result<(), MsgpackError>> {
    Some(match type_of(value) {
        IS_NULL => out.nil(),
        IS_FALSE => out.boolean(false),
        IS_TRUE => out.boolean(true),
        // SAFETY (the arms below): the tag says which union member is live.
        IS_LONG => out.int(unsafe { value.value.lval }),
        IS_DOUBLE => {
            let d = unsafe { value.value.dval };
            if !d.is_finite() {
                return None;
            }
            out.float(d)
        }
        IS_STRING => match out.utf8_str(string_bytes(value)) {
            Ok(true) => Ok(()),
            Ok(false) => return None,
            Err(past_limit) => Err(past_limit),
        },
        _ => return None,
    })
}

/// The bytes of an IS_STRING zval.
#[inline(always)]
fn string_bytes(zv: &Zval) -> &[u8] {
    // SAFETY: an IS_STRING zval points at a live zend_string of `len` bytes.
    unsafe {
        let zs = &*zv.value.str_;
        std::slice::from_raw_parts(zs.val.as_ptr().cast::<u8>(), zs.len)
    }
}

/// A child of an array: scalars and valid strings are written here, in the
/// array's own loop (no call, no [`Path`] built: a path is only needed to
/// enter a container or to name a value that is refused); everything else,
/// and every refusal, goes through [`write_value`] with the child's path.
#[inline(always)]
fn write_child(out: &mut Bounded<'_>, zv: &Zval, at: &Path<'_>, step: Step<'_>) -> Result<(), MsgpackError> {
    // Most callers pass a value already resolved: then this is one type test.
    let value = if matches!(type_of(zv), IS_REFERENCE | IS_INDIRECT) { resolve(zv) } else { zv };
    if let Some(written) = write_plain(out, value) {
        return written;
    }
    write_value(out, value, &at.child(step))
}

#[cold]
#[inline(never)]
fn not_finite<E: serde::ser::Error>(path: &Path<'_>, d: f64) -> E {
    fail(path, format!("float {} is not a finite number; JSON and JavaScript clients cannot receive NAN or INF", php_float_name(d)))
}

/// One frame per nesting level, kept small.
#[inline(never)]
fn write_array(out: &mut Bounded<'_>, ht: &HashTable, at: &Path<'_>) -> Result<(), MsgpackError> {
    at.enter_array(ht)?;
    let _held = Hold::array(ht);
    let len = ht.nNumOfElements as usize;
    let mut written = 0usize;
    if is_packed(ht) && ht.nNumUsed == ht.nNumOfElements {
        // A packed array without holes (most lists), walked here.
        out.array_len(len)?;
        // SAFETY: as in `for_each_entry`: a held packed array, whose slots
        // below `nNumUsed` are initialised zvals.
        unsafe {
            let data = ht.__bindgen_anon_1.arPacked as *const Zval;
            for i in 0..ht.nNumUsed as usize {
                let value = resolve(&*data.add(i));
                if type_of(value) == IS_UNDEF {
                    continue;
                }
                written += 1;
                write_child(out, value, at, Step::Index(i as i64))?;
            }
        }
    } else if is_list(ht) {
        out.array_len(len)?;
        for_each_entry(ht, |key, zv| {
            let Key::Int(i) = key else { return Ok(()) };
            written += 1;
            write_child(out, zv, at, Step::Index(i))
        })?;
    } else if is_packed(ht) {
        // A packed array with holes: int keys only.
        out.map_len(len)?;
        for_each_entry(ht, |key, zv| {
            written += 1;
            write_entry(out, at, key, zv)
        })?;
    } else {
        out.map_len(len)?;
        // The walk of `for_each_entry`, written out: through its closure, the
        // entry's work was a call per entry (+3% instructions on `batch()`,
        // +8% on the 1 MB payload).
        // SAFETY: as in `for_each_entry`: a held hash (not packed) array,
        // whose slots below `nNumUsed` are initialised buckets.
        unsafe {
            let data = ht.__bindgen_anon_1.arData;
            for i in 0..ht.nNumUsed as usize {
                let bucket = &*data.add(i);
                let value = resolve(&bucket.val);
                if type_of(value) == IS_UNDEF {
                    continue;
                }
                written += 1;
                let key = if bucket.key.is_null() {
                    Key::Int(bucket.h as i64)
                } else {
                    let k = &*bucket.key;
                    Key::Str(std::slice::from_raw_parts(k.val.as_ptr().cast::<u8>(), k.len))
                };
                write_entry(out, at, key, value)?;
            }
        }
    }
    check_count(at, len, written)
}

/// One entry of a JS object: its key (JS keys are strings: PHP's int key 3 is
/// written "3"), then its value.
#[inline(always)]
fn write_entry(out: &mut Bounded<'_>, at: &Path<'_>, key: Key<'_>, zv: &Zval) -> Result<(), MsgpackError> {
    match key {
        Key::Int(i) => {
            out.str_bytes(itoa::Buffer::new().format(i).as_bytes())?;
            write_child(out, zv, at, Step::Index(i))
        }
        Key::Str(k) => {
            if !out.utf8_str(k)? {
                return Err(bad_key(at, k));
            }
            write_child(out, zv, at, Step::Key(k))
        }
    }
}

/// Why a string cannot be sent as a str.
#[cold]
#[inline(never)]
fn bad_string(path: &Path<'_>, bytes: &[u8]) -> MsgpackError {
    if is_utf8(bytes) {
        too_long(path, bytes.len(), "string")
    } else {
        fail(path, "string is not valid UTF-8; wrap binary data in SocketIO\\Binary")
    }
}

/// Why an array key cannot be a JS object's key.
#[cold]
#[inline(never)]
fn bad_key(at: &Path<'_>, key: &[u8]) -> MsgpackError {
    let child = at.child(Step::Key(key));
    if is_utf8(key) {
        too_long(&child, key.len(), "array key")
    } else {
        fail(&child, "array key is not valid UTF-8")
    }
}

/// UTF-8 text, the all-ASCII case (most names and keys) checked first, word at a time.
#[inline(always)]
pub(crate) fn text(bytes: &[u8]) -> Option<&str> {
    if bytes.is_ascii() {
        // SAFETY: ASCII is valid UTF-8.
        Some(unsafe { std::str::from_utf8_unchecked(bytes) })
    } else {
        std::str::from_utf8(bytes).ok()
    }
}

#[inline(never)]
fn write_object(out: &mut Bounded<'_>, obj: &zend_object, at: &Path<'_>) -> Result<(), MsgpackError> {
    if let Some(binary) = ZendClassObject::<BinaryValue>::from_zend_obj(obj) {
        let Some(bytes) = binary.obj.as_ref().map(BinaryValue::as_bytes) else {
            return Err(fail(at, "uninitialised SocketIO\\Binary"));
        };
        if !crate::core::protocol::fits_msgpack(bytes.len()) {
            return Err(too_long(at, bytes.len(), "SocketIO\\Binary"));
        }
        return out.bin(bytes);
    }
    serialize_object(&mut rmp_serde::Serializer::new(out), obj, at).map_err(MsgpackError::from)
}

struct View<'a> {
    zv: &'a Zval,
    path: &'a Path<'a>,
}

fn type_of(zv: &zval) -> u8 {
    // SAFETY: every zval has an initialised type byte.
    unsafe { zv.u1.v.type_ }
}

/// Follows references and INDIRECT slots (declared properties in a property table).
fn resolve(mut zv: &Zval) -> &Zval {
    loop {
        match type_of(zv) {
            // SAFETY: the tag says which union member is live.
            IS_REFERENCE => zv = unsafe { &(*zv.value.ref_).val },
            IS_INDIRECT => zv = unsafe { &*zv.value.zv },
            _ => return zv,
        }
    }
}

impl Serialize for View<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let zv = resolve(self.zv);
        match type_of(zv) {
            IS_UNDEF | IS_NULL => s.serialize_unit(),
            IS_FALSE => s.serialize_bool(false),
            IS_TRUE => s.serialize_bool(true),
            // SAFETY (all arms below): the tag says which union member is live.
            IS_LONG => s.serialize_i64(unsafe { zv.value.lval }),
            IS_DOUBLE => {
                let d = unsafe { zv.value.dval };
                if d.is_finite() {
                    s.serialize_f64(d)
                } else {
                    Err(not_finite(self.path, d))
                }
            }
            IS_STRING => match zv.zend_str().map(|z| std::str::from_utf8(z.as_bytes())) {
                Some(Ok(text)) => {
                    sendable_len(&s, self.path, text.len(), "string")?;
                    s.serialize_str(text)
                }
                _ => Err(fail(self.path, "string is not valid UTF-8; wrap binary data in SocketIO\\Binary")),
            },
            IS_ARRAY => {
                let ht = unsafe { &*zv.value.arr };
                serialize_array(s, ht, self.path)
            }
            IS_OBJECT => {
                let obj = unsafe { &*zv.value.obj };
                serialize_object(s, obj, self.path)
            }
            IS_RESOURCE => Err(fail(self.path, "a resource cannot be sent")),
            other => Err(fail(self.path, format!("unsupported PHP value (type {other})"))),
        }
    }
}

/// A string or binary longer than msgpack's 32-bit length field is refused
/// (JSON, used for requests, has no such limit).
#[inline(always)]
fn sendable_len<S: Serializer>(s: &S, path: &Path<'_>, len: usize, what: &str) -> Result<(), S::Error> {
    if crate::core::protocol::fits_msgpack(len) || s.is_human_readable() {
        return Ok(());
    }
    Err(too_long(path, len, what))
}

/// Out of line, as every error path of a frame that recurses (see `serialize_object`).
#[cold]
#[inline(never)]
fn too_long<E: serde::ser::Error>(path: &Path<'_>, len: usize, what: &str) -> E {
    fail(path, crate::core::protocol::msgpack_too_long(len, what))
}

/// PHP's name for a value's type, as in its own TypeError messages.
pub fn static_type_name(zv: &Zval) -> &'static str {
    match type_of(resolve(zv)) {
        IS_UNDEF | IS_NULL => "null",
        IS_FALSE | IS_TRUE => "bool",
        IS_LONG => "int",
        IS_DOUBLE => "float",
        IS_STRING => "string",
        IS_ARRAY => "array",
        IS_OBJECT => "object",
        IS_RESOURCE => "resource",
        _ => "mixed",
    }
}

/// Like [`static_type_name`], with the class name for objects.
pub fn type_name(zv: &Zval) -> String {
    match resolve(zv).object() {
        Some(obj) => class_name(obj),
        None => static_type_name(zv).to_owned(),
    }
}

fn php_float_name(d: f64) -> &'static str {
    if d.is_nan() {
        "NAN"
    } else if d > 0.0 {
        "INF"
    } else {
        "-INF"
    }
}

pub(crate) enum Key<'a> {
    Int(i64),
    Str(&'a [u8]),
}

/// Walks a hash table's live slots in order, straight over its storage (what
/// `ZEND_HASH_FOREACH` does): no per-element calls, no key copies, and binary
/// keys are fine (ext-php-rs's `iter()` would panic on non-UTF-8 keys).
/// Every array the extension reads goes through here.
#[inline(always)]
pub(crate) fn for_each_entry<E>(ht: &HashTable, mut f: impl FnMut(Key<'_>, &Zval) -> Result<(), E>) -> Result<(), E> {
    // SAFETY: `u.flags`, `nNumUsed` and the data pointer describe a live array we
    // hold a borrow of; slots below `nNumUsed` are initialised (UNDEF = deleted).
    unsafe {
        let used = ht.nNumUsed as usize;
        if is_packed(ht) {
            let data = ht.__bindgen_anon_1.arPacked as *const Zval;
            for i in 0..used {
                let zv = &*data.add(i);
                if type_of(resolve(zv)) != IS_UNDEF {
                    f(Key::Int(i as i64), zv)?;
                }
            }
        } else {
            let data = ht.__bindgen_anon_1.arData;
            for i in 0..used {
                let bucket = &*data.add(i);
                let zv: &Zval = &bucket.val;
                if type_of(resolve(zv)) == IS_UNDEF {
                    continue;
                }
                let key = if bucket.key.is_null() {
                    Key::Int(bucket.h as i64)
                } else {
                    let k = &*bucket.key;
                    Key::Str(std::slice::from_raw_parts(k.val.as_ptr().cast::<u8>(), k.len))
                };
                f(key, zv)?;
            }
        }
    }
    Ok(())
}

/// A packed array of bare zvals (PHP >= 8.2), keys 0..nNumUsed with possible holes.
fn is_packed(ht: &HashTable) -> bool {
    // SAFETY: `u.flags` is the live view of the flags word of every hash table.
    cfg!(php_packed_zvals) && unsafe { ht.u.flags } & HASH_FLAG_PACKED != 0
}

/// A reference held on an array or object while it is walked, as `foreach`
/// does: a `jsonSerialize()` that writes to it through a PHP reference then
/// separates it (copy-on-write) instead of resizing or freeing the storage we
/// are reading, and an object cannot be freed under us.
enum Hold {
    Array(*mut HashTable),
    Object(*mut zend_object),
    /// Immutable (e.g. literal) arrays are never changed nor freed.
    Nothing,
}

/// Zend/zend_types.h GC flags.
const GC_NOT_COLLECTABLE: u32 = 1 << 4;
const GC_IMMUTABLE: u32 = 1 << 6;
const GC_INFO_MASK: u32 = 0xffff_fc00;

impl Hold {
    fn array(ht: &HashTable) -> Hold {
        let ptr = std::ptr::from_ref(ht).cast_mut();
        // SAFETY: a live array. Volatile: the header is changed behind a shared
        // reference (as PHP itself does), so the compiler must not elide it.
        unsafe {
            let header = &raw mut (*ptr).gc;
            if std::ptr::read_volatile(&raw const (*header).u.type_info) & GC_IMMUTABLE != 0 {
                return Hold::Nothing;
            }
            add_ref(header);
        }
        Hold::Array(ptr)
    }

    /// A table we already own one reference of (`zend_get_properties_for`).
    fn owned_array(ht: &HashTable) -> Hold {
        let ptr = std::ptr::from_ref(ht).cast_mut();
        // SAFETY: a live array; see `Hold::array`.
        let immutable = unsafe { std::ptr::read_volatile(&raw const (*ptr).gc.u.type_info) & GC_IMMUTABLE != 0 };
        if immutable {
            Hold::Nothing
        } else {
            Hold::Array(ptr)
        }
    }

    fn object(obj: &zend_object) -> Hold {
        let ptr = std::ptr::from_ref(obj).cast_mut();
        // SAFETY: a live object; see `Hold::array`.
        unsafe { add_ref(&raw mut (*ptr).gc) };
        Hold::Object(ptr)
    }
}

/// `GC_ADDREF`.
unsafe fn add_ref(header: *mut ext_php_rs::ffi::zend_refcounted_h) {
    let count = &raw mut (*header).refcount;
    std::ptr::write_volatile(count, std::ptr::read_volatile(count) + 1);
}

impl Drop for Hold {
    /// `zend_array_release()` / `OBJ_RELEASE()`.
    ///
    /// An array still alive is not offered to the cycle collector, as
    /// `zend_array_release()` and `foreach`'s own release (`FE_FREE`,
    /// `zval_ptr_dtor_nogc`) do not: our hold creates no cycle, and PHP code
    /// that dropped another reference meanwhile already offered it. (Offering
    /// every array of a large payload filled the collector's root buffer and
    /// ran `gc_collect_cycles()` during emits: 20% of a 4 MB emit.)
    fn drop(&mut self) {
        let (refcounted, header) = match *self {
            Hold::Array(ptr) => (ptr.cast::<zend_refcounted>(), ptr.cast::<ext_php_rs::ffi::zend_refcounted_h>()),
            Hold::Object(ptr) => (ptr.cast::<zend_refcounted>(), ptr.cast::<ext_php_rs::ffi::zend_refcounted_h>()),
            Hold::Nothing => return,
        };
        // SAFETY: we own one reference, taken in `Hold::array`/`Hold::object`;
        // both start with their `zend_refcounted_h` header.
        unsafe {
            let count = &raw mut (*header).refcount;
            let left = std::ptr::read_volatile(count) - 1;
            std::ptr::write_volatile(count, left);
            if left == 0 {
                match *self {
                    Hold::Array(ptr) => zend_array_destroy(ptr),
                    Hold::Object(ptr) => zend_objects_store_del(ptr),
                    Hold::Nothing => {}
                }
            } else if matches!(*self, Hold::Object(_))
                && std::ptr::read_volatile(&raw const (*header).u.type_info) & (GC_INFO_MASK | GC_NOT_COLLECTABLE) == 0
            {
                // Still alive and possibly part of a cycle: let the collector see it.
                gc_possible_root(refcounted);
            }
        }
    }
}

/// `array_is_list()`: keys 0..n-1 in order.
fn is_list(ht: &HashTable) -> bool {
    if ht.nNumOfElements == 0 {
        return true;
    }
    if is_packed(ht) && ht.nNumUsed == ht.nNumOfElements {
        return true;
    }
    let mut expected = 0i64;
    for_each_entry(ht, |key, _| match key {
        Key::Int(i) if i == expected => {
            expected += 1;
            Ok(())
        }
        _ => Err(()),
    })
    .is_ok()
}

fn serialize_array<S: Serializer>(s: S, ht: &HashTable, at: &Path<'_>) -> Result<S::Ok, S::Error> {
    at.enter::<S::Error>(std::ptr::from_ref(ht) as usize)?;
    let _held = Hold::array(ht);
    if is_list(ht) {
        serialize_list(s, ht, at)
    } else {
        serialize_assoc(s, ht, at)
    }
}

// Held, the array cannot change under us (a write separates it), so its
// count stays true; counted anyway, as the last line of defence of the rule
// that every count we write is matched by its entries. Out of line: one frame
// per nesting level, as small as it can be (see `serialize_object`).
#[inline(never)]
fn serialize_list<S: Serializer>(s: S, ht: &HashTable, path: &Path<'_>) -> Result<S::Ok, S::Error> {
    let len = ht.nNumOfElements as usize;
    let mut written = 0usize;
    let mut seq = s.serialize_seq(Some(len))?;
    for_each_entry(ht, |key, zv| {
        let Key::Int(i) = key else { return Ok(()) };
        written += 1;
        seq.serialize_element(&View { zv, path: &path.child(Step::Index(i)) })
    })?;
    check_count(path, len, written)?;
    seq.end()
}

#[inline(never)]
fn serialize_assoc<S: Serializer>(s: S, ht: &HashTable, path: &Path<'_>) -> Result<S::Ok, S::Error> {
    let len = ht.nNumOfElements as usize;
    let mut written = 0usize;
    let mut map = s.serialize_map(Some(len))?;
    for_each_entry(ht, |key, zv| {
        written += 1;
        map_entry(&mut map, path, key, zv, Step::Key, "array key")
    })?;
    check_count(path, len, written)?;
    map.end()
}

/// A container whose entries changed while it was written fails the payload.
fn check_count<E: serde::ser::Error>(path: &Path<'_>, announced: usize, written: usize) -> Result<(), E> {
    if announced == written {
        Ok(())
    } else {
        Err(fail(path, format!("changed while it was encoded ({announced} entries announced, {written} found)")))
    }
}

/// One entry of a JS object. JS keys are strings: PHP's int key 3 arrives as "3".
fn map_entry<'k, M: SerializeMap>(
    map: &mut M,
    path: &Path<'_>,
    key: Key<'k>,
    zv: &Zval,
    named: fn(&'k [u8]) -> Step<'k>,
    what: &str,
) -> Result<(), M::Error> {
    let child;
    match key {
        Key::Int(i) => {
            child = path.child(Step::Index(i));
            map.serialize_key(itoa::Buffer::new().format(i))?;
        }
        Key::Str(k) => {
            child = path.child(named(k));
            let key = std::str::from_utf8(k).map_err(|_| fail(&child, format!("{what} is not valid UTF-8")))?;
            // Refused in JSON (requests) too: the `Serializer` is gone here, and no Redis takes such a request.
            if !crate::core::protocol::fits_msgpack(key.len()) {
                return Err(too_long(&child, key.len(), what));
            }
            map.serialize_key(key)?;
        }
    }
    map.serialize_value(&View { zv, path: &child })
}

fn is_a(obj: &ZendObject, ce: Option<&ClassEntry>) -> bool {
    ce.is_some_and(|ce| obj.instance_of(ce))
}

/// Calls a PHP method; `None` when it is missing or threw. A thrown exception
/// stays pending, so it is what the caller of `emit()` sees (our own error is
/// not thrown over it).
fn call_method(obj: &ZendObject, name: &str, params: Vec<&dyn ext_php_rs::convert::IntoZvalDyn>) -> Option<Zval> {
    let result = obj.try_call_method(name, params).ok();
    if ext_php_rs::zend::ExecutorGlobals::has_exception() {
        return None;
    }
    result
}

fn class_name(obj: &ZendObject) -> String {
    obj.get_class_name().unwrap_or_else(|_| "object".to_owned())
}

/// Objects by kind. Each kind's work is in its own function, kept out of line,
/// so the frames that recurse (one per nesting level) stay small: the C stack
/// of a Fiber can be short.
fn serialize_object<S: Serializer>(s: S, obj: &zend_object, at: &Path<'_>) -> Result<S::Ok, S::Error> {
    let obj: &ZendObject = obj;
    if let Some(binary) = ZendClassObject::<BinaryValue>::from_zend_obj(obj) {
        return serialize_binary(s, binary, at);
    }
    let Some(php) = crate::php_symbols::get() else {
        return Err(fail(at, "PHP classes were not resolved at module start-up"));
    };
    // As json_encode: JsonSerializable first (enums implementing it included).
    if is_a(obj, php.json_serializable.get()) {
        return serialize_json(s, obj, at);
    }
    if is_a(obj, php.closure.get()) || is_a(obj, php.generator.get()) || is_a(obj, php.unit_enum.get()) && !is_a(obj, php.backed_enum.get()) {
        return Err(unsendable(obj, at));
    }
    if is_a(obj, php.backed_enum.get()) {
        let value = obj
            .get_properties()
            .ok()
            .and_then(|props| props.get("value"))
            .ok_or_else(|| fail(at, "backed enum without a value"))?;
        return View { zv: value, path: at }.serialize(s);
    }
    if is_a(obj, php.date_time_interface.get()) {
        return serialize_date(s, obj, at);
    }
    serialize_properties(s, obj, at)
}

#[inline(never)]
#[cold]
fn unsendable<E: serde::ser::Error>(obj: &ZendObject, at: &Path<'_>) -> E {
    match obj.get_class_name() {
        Ok(name) if name == "Closure" || name == "Generator" => fail(at, format!("a {name} cannot be sent")),
        _ => fail(at, format!("pure enum {} has no value to send; use a backed enum", class_name(obj))),
    }
}

#[inline(never)]
fn serialize_binary<S: Serializer>(s: S, binary: &ZendClassObject<BinaryValue>, at: &Path<'_>) -> Result<S::Ok, S::Error> {
    let Some(bytes) = binary.obj.as_ref().map(BinaryValue::as_bytes) else {
        return Err(fail(at, "uninitialised SocketIO\\Binary"));
    };
    sendable_len(&s, at, bytes.len(), "SocketIO\\Binary")?;
    if s.is_human_readable() {
        // JSON (requests): what Node's JSON.stringify makes of a Buffer (protocol.md §2.3).
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("type", "Buffer")?;
        map.serialize_entry("data", bytes)?;
        return map.end();
    }
    s.serialize_bytes(bytes)
}

#[inline(never)]
fn serialize_json<S: Serializer>(s: S, obj: &ZendObject, path: &Path<'_>) -> Result<S::Ok, S::Error> {
    path.enter_wrapper::<S::Error>(std::ptr::from_ref(obj) as usize)?;
    let _held = Hold::object(obj);
    let result = call_method(obj, "jsonSerialize", vec![])
        .ok_or_else(|| fail(path, format!("{}::jsonSerialize() failed", class_name(obj))))?;
    // `return $this;` is encoded as the object's properties, as json_encode does.
    if resolve(&result).object().is_some_and(|o| std::ptr::eq::<zend_object>(o, obj)) {
        path.container.set(0);
        return serialize_properties(s, obj, path);
    }
    View { zv: &result, path: &path.replaced() }.serialize(s)
}

#[inline(never)]
fn serialize_date<S: Serializer>(s: S, obj: &ZendObject, path: &Path<'_>) -> Result<S::Ok, S::Error> {
    path.enter_wrapper::<S::Error>(std::ptr::from_ref(obj) as usize)?;
    let _held = Hold::object(obj);
    let stamp = call_method(obj, "format", vec![&"U.u"])
        .and_then(|z| z.string())
        .ok_or_else(|| fail(path, "date cannot be formatted"))
        .and_then(|text| crate::core::js_date::from_unix_micros(&text).map_err(|why| fail(path, why)))?;
    s.serialize_str(&stamp)
}

/// The visible properties of an object, as `json_encode` sees them
/// (`zend_get_properties_for(JSON)`: public properties, or what a class with an
/// internal table shows, e.g. ArrayObject's storage, DateTimeZone's fields),
/// as a map.
///
/// Snapshot first, then write: declared properties are live slots of the
/// object, and PHP code run while we write (a nested `jsonSerialize()`, a
/// `format()` override, a destructor) can unset or initialise one. Counting
/// the live table and then walking it would announce a number of entries
/// other than the one that follows, which crashes every Node subscriber. The
/// snapshot holds each value with a reference and its own copy of each key.
#[inline(never)]
fn serialize_properties<S: Serializer>(s: S, obj: &zend_object, path: &Path<'_>) -> Result<S::Ok, S::Error> {
    path.enter::<S::Error>(std::ptr::from_ref(obj) as usize)?;
    let _held = Hold::object(obj);
    let snapshot = Snapshot::take::<S::Error>(obj, path)?;
    let mut map = s.serialize_map(Some(snapshot.entries.len()))?;
    for (key, zv) in &snapshot.entries {
        let key = match *key {
            SnapKey::Int(i) => Key::Int(i),
            SnapKey::Str(from, to) => Key::Str(snapshot.keys.get(from..to).unwrap_or_default()),
        };
        map_entry(&mut map, path, key, zv, Step::Property, "property name")?;
    }
    map.end()
}

enum SnapKey {
    Int(i64),
    /// Range in `Snapshot::keys`.
    Str(usize, usize),
}

/// An object's visible (key, value) pairs, copied: values held with a
/// reference, keys copied into one buffer.
struct Snapshot {
    keys: Vec<u8>,
    entries: Vec<(SnapKey, Zval)>,
}

/// Zend/zend_object_handlers.h `ZEND_PROP_PURPOSE_JSON`.
const PROP_PURPOSE_JSON: u32 = 4;

/// PHP 8.4: whether the object's class declares property hooks (virtual
/// properties, get hooks), which its property table does not show.
fn has_property_hooks(obj: &zend_object) -> bool {
    #[cfg(php_property_hooks)]
    {
        // SAFETY: a live object's class entry lives at least as long as it.
        unsafe { obj.ce.as_ref() }.is_some_and(|ce| ce.num_hooked_props > 0)
    }
    #[cfg(not(php_property_hooks))]
    {
        let _ = obj;
        false
    }
}

impl Snapshot {
    /// Out of line: the frame of `serialize_properties` recurses (see `serialize_object`).
    #[inline(never)]
    fn take<E: serde::ser::Error>(obj: &zend_object, path: &Path<'_>) -> Result<Snapshot, E> {
        let snapshot = if has_property_hooks(obj) {
            // Reading them runs PHP code (the get hooks).
            path.check_stack::<E>(stack::Next::Php)?;
            Snapshot::through_hooks(obj)
        } else {
            Snapshot::of(obj)
        };
        snapshot.ok_or_else(|| fail(path, format!("cannot read the properties of {}", class_name(obj))))
    }

    /// What `json_encode` reads of an object whose class has property hooks:
    /// its public properties read through their get hooks, virtual ones
    /// included. `get_object_vars()` does exactly that, and returns a fresh
    /// array we own. Called from our (final) class's method, it sees public
    /// properties only. `None` if a hook threw: that exception stays pending.
    fn through_hooks(obj: &zend_object) -> Option<Snapshot> {
        /// `IS_OBJECT_EX`: an object zval, refcounted and collectable.
        const OBJECT_EX: u32 = IS_OBJECT as u32 | (0b11 << 8);
        let name = "get_object_vars";
        // SAFETY: the function, when found, lives as long as the process (a
        // core function). The argument zval names the object without owning
        // it (the call takes and releases its own reference; the object is
        // held by our caller); its type is reset before it is dropped.
        let vars = unsafe {
            let function = ext_php_rs::ffi::zend_fetch_function_str(name.as_ptr().cast(), name.len());
            if function.is_null() {
                return None;
            }
            let mut arg = Zval::new();
            arg.u1.type_info = OBJECT_EX;
            arg.value.obj = std::ptr::from_ref(obj).cast_mut();
            let mut vars = Zval::new();
            ext_php_rs::ffi::zend_call_known_function(
                function,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &raw mut vars,
                1,
                &raw mut arg,
                std::ptr::null_mut(),
            );
            arg.u1.type_info = u32::from(IS_NULL);
            vars
        };
        if ext_php_rs::zend::ExecutorGlobals::has_exception() {
            return None;
        }
        Snapshot::collect(vars.array()?)
    }

    fn of(obj: &zend_object) -> Option<Snapshot> {
        let get_properties_for = crate::php_symbols::get()?.get_properties_for?;
        let mut zv = Zval::new();
        // SAFETY: a zval naming the object without owning it (never dropped as
        // an object: its type is reset below); the object is held by our caller.
        let props = unsafe {
            zv.u1.type_info = u32::from(IS_OBJECT) | (1 << 8);
            zv.value.obj = std::ptr::from_ref(obj).cast_mut();
            let props = get_properties_for(&raw mut zv, PROP_PURPOSE_JSON);
            zv.u1.type_info = u32::from(IS_NULL);
            props
        };
        // SAFETY: `zend_get_properties_for` returns null or a table we own one
        // reference of (released with `zend_release_properties`, i.e. the Hold drop).
        let props = unsafe { props.as_ref() }?;
        let _owned = Hold::owned_array(props);
        Snapshot::collect(props)
    }

    /// Copies the visible entries of a property table.
    fn collect(props: &HashTable) -> Option<Snapshot> {
        let mut snapshot = Snapshot {
            keys: Vec::new(),
            entries: Vec::with_capacity(props.nNumOfElements as usize),
        };
        for_each_entry(props, |key, zv| {
            let key = match key {
                // Mangled names ("\0*\0x", "\0Class\0x") are protected/private: not sent, as with json_encode.
                Key::Str([0, ..]) => return Ok(()),
                Key::Str(name) => {
                    let from = snapshot.keys.len();
                    snapshot.keys.extend_from_slice(name);
                    SnapKey::Str(from, snapshot.keys.len())
                }
                Key::Int(i) => SnapKey::Int(i),
            };
            snapshot.entries.push((key, resolve(zv).shallow_clone()));
            Ok::<(), ()>(())
        })
        .ok()?;
        Some(snapshot)
    }
}
