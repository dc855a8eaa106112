//! How much C stack is left, so deep values throw instead of overflowing it
//! (a Fiber has 2 MiB by default and `fiber.stack_size` can make it much smaller).
//!
//! Apart from reading the executor globals, nothing here needs PHP, so the
//! rules are unit-tested (`cargo test --lib`).
#![cfg_attr(test, allow(dead_code))]

use std::cell::Cell;

/// What runs next under the encoder, which decides the stack kept free for it.
#[derive(Clone, Copy)]
pub enum Next {
    /// The encoder's own next level (and its error path): small, known frames.
    Encoder,
    /// A call into PHP (`jsonSerialize()`, `format()`, property hooks) and
    /// whatever that PHP code calls (`json_encode()` of its own deep value...).
    Php,
}

/// The encoder's own frames for a few levels, and the floor for PHP calls on tiny Fiber stacks.
const FLOOR: usize = 48 * 1024;

/// Stack kept free below the encoder for `next`. For PHP code, a share of
/// the stack: what it may do grows with the stack PHP was given, and
/// `json_encode()` of a value 200 levels deep (as a `jsonSerialize()` may
/// run) takes about 72 KiB, over a quarter of a 256 KiB Fiber.
fn reserve(next: Next, stack_size: usize) -> usize {
    match next {
        Next::Encoder => FLOOR,
        Next::Php => FLOOR.max(stack_size / 3),
    }
}

/// The main thread's stack assumed under `ulimit -s unlimited`, where the
/// system reports the whole address-space gap below it (and the guard
/// would never fire): Linux's default, which PHP assumes too
/// (`zend_call_stack_default_size()`).
const UNLIMITED_MAIN_STACK: usize = 8 * 1024 * 1024;

/// The first fields of `zend_fiber_context` and `zend_fiber_stack`
/// (Zend/zend_fibers.h, .c; PHP 8.1–8.4). `pointer` is the low end of the
/// usable stack (the guard page is below it).
#[repr(C)]
struct FiberContext {
    handle: *mut std::ffi::c_void,
    kind: *mut std::ffi::c_void,
    function: *mut std::ffi::c_void,
    cleanup: *mut std::ffi::c_void,
    stack: *const FiberStack,
}

#[repr(C)]
struct FiberStack {
    pointer: *mut std::ffi::c_void,
    size: usize,
}

/// A stack's usable range: its low end and size in bytes.
#[derive(Clone, Copy)]
struct Bounds {
    low: usize,
    size: usize,
}

thread_local! {
    /// This thread's own stack (`None` inside: unknown), found once.
    static THREAD: Cell<Option<Option<Bounds>>> = const { Cell::new(None) };
}

/// The stack one encoding runs on, found once when it starts: walking a
/// value never leaves the stack it started on (PHP code it calls, even
/// code that suspends a Fiber, comes back to the same stack), so each
/// nesting level then costs a comparison instead of a lookup.
#[derive(Clone, Copy)]
pub struct Budget(Option<Bounds>);

#[cfg(not(test))]
impl Budget {
    /// The stack the caller runs on.
    pub fn here() -> Budget {
        Budget(bounds(address_here()))
    }

    /// `Some(bytes left)` when fewer than [`reserve`] bytes of stack remain for `next`.
    #[inline]
    pub fn exhausted(&self, next: Next) -> Option<usize> {
        let bounds = self.0?;
        let left = address_here().saturating_sub(bounds.low);
        (left < reserve(next, bounds.size)).then_some(left)
    }
}

/// An address in the caller's frame.
#[cfg(not(test))]
#[inline(always)]
fn address_here() -> usize {
    let marker = 0u8;
    std::hint::black_box(std::ptr::addr_of!(marker)) as usize
}

/// The stack `here` is on: as PHP >= 8.3 sees it, else the running Fiber's, else the thread's.
#[cfg(not(test))]
fn bounds(here: usize) -> Option<Bounds> {
    // SAFETY: the executor globals live as long as the process (read
    // directly: `ExecutorGlobals::get()` takes a lock, too slow for every
    // nesting level).
    let globals = unsafe { ext_php_rs::ffi::ext_php_rs_executor_globals().as_ref()? };
    #[cfg(php_stack_limit)]
    if let Some(bounds) = php_bounds(globals, here) {
        return Some(bounds);
    }
    fiber_bounds(globals, here).or_else(|| thread_bounds(here))
}

/// PHP >= 8.3: `EG(stack_limit)`, which PHP itself checks before running
/// PHP code (so what a `jsonSerialize()` does is bounded by the same
/// limit), and which it keeps current across Fiber switches. Null when
/// `zend.max_allowed_stack_size = -1` (unchecked).
#[cfg(all(php_stack_limit, not(test)))]
fn php_bounds(globals: &ext_php_rs::ffi::zend_executor_globals, here: usize) -> Option<Bounds> {
    let (base, limit) = (globals.stack_base as usize, globals.stack_limit as usize);
    (limit != 0 && limit < here && here <= base).then_some(Bounds { low: limit, size: base - limit })
}

/// The running Fiber's stack, if we are on it.
#[cfg(not(test))]
fn fiber_bounds(globals: &ext_php_rs::ffi::zend_executor_globals, here: usize) -> Option<Bounds> {
    // SAFETY: both are null or live contexts (see `on_fiber`).
    unsafe { on_fiber(globals.current_fiber_context.cast(), globals.main_fiber_context.cast(), here) }
}

/// The stack of context `current`, if it is a Fiber's (not `main`'s) and
/// `here` is on it.
///
/// # Safety
/// `current` is null or a live context whose first fields have the layout
/// of [`FiberContext`] (every PHP version we build for) and, unless it is
/// `main`, whose `stack` is null or initialised.
unsafe fn on_fiber(current: *const FiberContext, main: *const FiberContext, here: usize) -> Option<Bounds> {
    // The main context's `stack` is not a stack we can read: null with
    // the assembly backend, but emalloc'ed and left uninitialised with the
    // ucontext one (and under ASan). Its stack is the thread's.
    if current.is_null() || std::ptr::eq(current, main) {
        return None;
    }
    let stack = (*current).stack.as_ref()?;
    let (low, size) = (stack.pointer as usize, stack.size);
    // Only if we really are on it (an internal fiber may switch stacks differently).
    (here >= low && here < low.saturating_add(size)).then_some(Bounds { low, size })
}

fn thread_bounds(here: usize) -> Option<Bounds> {
    let bounds = THREAD.get().unwrap_or_else(|| {
        let bounds = thread_stack();
        THREAD.set(Some(bounds));
        bounds
    })?;
    (here > bounds.low).then_some(bounds)
}

fn thread_stack() -> Option<Bounds> {
    // SAFETY: standard pthread calls on an attr we initialise and destroy.
    let (low, size) = unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &raw mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size = 0usize;
        let ok = libc::pthread_attr_getstack(&raw const attr, &raw mut addr, &raw mut size) == 0;
        libc::pthread_attr_destroy(&raw mut attr);
        if !ok || addr.is_null() {
            return None;
        }
        (addr as usize, size)
    };
    Some(cap_unlimited(low, size, is_main_thread() && stack_unlimited()))
}

/// Under an unlimited stack rlimit the main thread's reported stack is
/// the gap down to the next mapping: assume [`UNLIMITED_MAIN_STACK`] below its top instead.
fn cap_unlimited(low: usize, size: usize, unlimited: bool) -> Bounds {
    if unlimited && size > UNLIMITED_MAIN_STACK {
        let high = low.saturating_add(size);
        Bounds { low: high - UNLIMITED_MAIN_STACK, size: UNLIMITED_MAIN_STACK }
    } else {
        Bounds { low, size }
    }
}

fn is_main_thread() -> bool {
    // SAFETY: plain system calls without arguments.
    unsafe { libc::gettid() == libc::getpid() }
}

fn stack_unlimited() -> bool {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes the struct we pass.
    unsafe { libc::getrlimit(libc::RLIMIT_STACK, &raw mut limit) == 0 && limit.rlim_cur == libc::RLIM_INFINITY }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_calls_keep_a_third_of_the_stack_with_a_floor() {
        assert_eq!(reserve(Next::Php, 16 * 1024), FLOOR);
        assert_eq!(reserve(Next::Php, 768 * 1024), 256 * 1024);
        assert_eq!(reserve(Next::Php, 6 << 20), 2 << 20);
        assert_eq!(reserve(Next::Encoder, 6 << 20), FLOOR);
    }

    fn context(stack: *const FiberStack) -> FiberContext {
        let null = std::ptr::null_mut();
        FiberContext { handle: null, kind: null, function: null, cleanup: null, stack }
    }

    #[test]
    fn main_fiber_context_is_never_read_as_a_fiber_stack() {
        let here = 0x7000_8000usize;
        // What a ucontext/ASan build leaves in main's emalloc'ed stack: anything, here around `here`.
        let garbage = FiberStack { pointer: 0x7000_0000usize as *mut _, size: 0x10_0000 };
        let main = context(&raw const garbage);
        // SAFETY: live contexts on this stack.
        unsafe {
            assert!(on_fiber(&raw const main, &raw const main, here).is_none());
            let fiber = context(&raw const garbage);
            let bounds = on_fiber(&raw const fiber, &raw const main, here).map(|b| (b.low, b.size));
            assert_eq!(bounds, Some((0x7000_0000, 0x10_0000)));
            assert!(on_fiber(&raw const fiber, &raw const main, 0x9000_0000).is_none());
            assert!(on_fiber(std::ptr::null(), &raw const main, here).is_none());
        }
    }

    #[test]
    fn this_threads_stack_is_found_and_holds_our_locals() {
        let local = 0u8;
        let here = std::hint::black_box(std::ptr::addr_of!(local)) as usize;
        let bounds = thread_bounds(here).map(|b| (b.low, b.size));
        let (low, size) = bounds.unwrap_or((usize::MAX, 0));
        assert!(low < here && here < low + size, "{here:#x} outside {low:#x}+{size:#x}");
        assert!(size <= UNLIMITED_MAIN_STACK || !stack_unlimited() || !is_main_thread());
    }

    #[test]
    fn unlimited_main_stack_is_capped_below_its_top() {
        let (low, size) = (0x1000_0000usize, 0x4000_0000usize);
        let capped = cap_unlimited(low, size, true);
        assert_eq!((capped.low + capped.size, capped.size), (low + size, UNLIMITED_MAIN_STACK));
        let kept = cap_unlimited(low, size, false);
        assert_eq!((kept.low, kept.size), (low, size));
        let small = cap_unlimited(low, 1 << 20, true);
        assert_eq!((small.low, small.size), (low, 1 << 20));
    }
}
