//! How an exported function runs; nothing here changes when you add a function. `call` turns an `Error` or a
//! panic into a code in Java's status `int[1]` and a message Java reads with `error_message`, with the panic's
//! message and place and nothing printed; `into_handle`, `handle` and `free` keep a Rust object behind a Java
//! `long`; `exports!` writes the signature table that Rust.java checks before linking.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::ffi::{CString, c_char};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

use crate::error::{Error, PANIC};

/// Runs a function's body: an `Err` or a panic stores its code in `*status` and its message for
/// `error_message`, and the function returns `T::default()`.
///
/// # Safety
/// `status` points at a writable `i32` (Rust.java passes a fresh `int[1]`).
pub unsafe fn call<T: Default>(status: *mut i32, f: impl FnOnce() -> Result<T, Error>) -> T {
    let (code, message) = match in_binding(|| panic::catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(value)) => return value,
        Ok(Err(err)) => err.code(),
        Err(payload) => (PANIC, panic_message(payload)),
    };
    let message = CString::new(message.replace('\0', "\u{FFFD}")).unwrap_or_default();
    LAST_ERROR.with(|last| *last.borrow_mut() = message);
    // Safety: as the caller promises.
    unsafe { status.write(code) };
    T::default()
}

/// The message of this thread's last failure, as UTF-8 with a NUL at the end; valid until its next failure.
#[unsafe(no_mangle)]
extern "C" fn error_message() -> *const c_char {
    LAST_ERROR.with(|last| last.borrow().as_ptr())
}

/// Declares the exported functions and their C signatures: each entry must be its function's exact type or this
/// does not compile, and `signatures` hands the table to Rust.java, which compares it with its descriptors.
macro_rules! exports {
    ($($name:ident($($ty:ty),*) -> $ret:ty;)*) => {
        $(const _: unsafe extern "C" fn($($ty),*) -> $ret = $name;)*

        /// One line per exported function: `name(type,type,)return`.
        #[unsafe(no_mangle)]
        extern "C" fn signatures() -> *const std::ffi::c_char {
            crate::boundary::install_panic_hook();
            concat!($(stringify!($name), "(", $(stringify!($ty), ",",)* ")", stringify!($ret), "\n",)* "\0")
                .as_ptr()
                .cast()
        }
    };
}
pub(crate) use exports;

thread_local! {
    /// True while this thread runs a function: its panics become exceptions, so the hook only records them.
    static IN_BINDING: Cell<bool> = const { Cell::new(false) };
    /// The message and place of this thread's last panic inside a function.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The message of this thread's last failure, for `error_message`.
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

fn in_binding<R>(f: impl FnOnce() -> R) -> R {
    let outer = IN_BINDING.replace(true);
    let result = f(); // never unwinds: f catches panics itself
    IN_BINDING.set(outer);
    result
}

/// Records panics inside functions instead of printing them; panics elsewhere go to the previous hook.
pub(crate) fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_BINDING.get() {
                let _ = LAST_PANIC.try_with(|last| *last.borrow_mut() = Some(describe(info)));
            } else {
                previous(info);
            }
        }));
    });
}

const NON_STRING: &str = "a panic with a non-string payload";

fn describe(info: &PanicHookInfo<'_>) -> String {
    let message = text(info.payload()).unwrap_or(NON_STRING);
    match info.location() {
        Some(at) => format!("Rust panic at {at}: {message}"),
        None => format!("Rust panic: {message}"),
    }
}

fn text(payload: &(dyn Any + Send)) -> Option<&str> {
    let string = payload.downcast_ref::<String>().map(String::as_str);
    string.or_else(|| payload.downcast_ref::<&str>().copied())
}

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let recorded = LAST_PANIC.try_with(|last| last.borrow_mut().take());
    let payload_text = text(&*payload).unwrap_or(NON_STRING);
    // A recorded panic whose text is not this payload's is stale (resume_unwind skips the hook): not used.
    recorded
        .ok()
        .flatten()
        .filter(|message| message.ends_with(payload_text))
        .unwrap_or_else(|| format!("Rust panic: {payload_text}"))
}

/// Moves a Rust object to the heap and returns its address, for a Java object to keep in a `long`.
pub fn into_handle<T>(value: T) -> i64 {
    Box::into_raw(Box::new(value)) as i64
}

/// The object behind a handle from `into_handle`.
///
/// # Safety
/// `handle` came from `into_handle::<T>`, was not freed, and no other call uses it meanwhile (the Java
/// owner serialises its calls and frees the handle once; see Hasher.java).
pub unsafe fn handle<'a, T>(handle: i64, what: &'static str) -> Result<&'a mut T, Error> {
    // Safety: as the caller promises; 0 is what the Java owner holds once closed.
    unsafe { (handle as *mut T).as_mut() }.ok_or(Error::Closed(what))
}

/// Drops the object behind a handle; 0 (already freed) is ignored.
///
/// # Safety
/// As for `handle`, and the handle is never used again.
pub unsafe fn free<T>(handle: i64) {
    if handle != 0 {
        // Safety: as the caller promises.
        drop(unsafe { Box::from_raw(handle as *mut T) });
    }
}

/// The `len` values at `data`, or an empty slice for a null or empty one.
///
/// # Safety
/// `data` points at `len` readable values that nothing writes during the call.
pub unsafe fn slice<'a, T>(data: *const T, len: usize) -> &'a [T] {
    if data.is_null() || len == 0 {
        return &[];
    }
    // Safety: as the caller promises.
    unsafe { std::slice::from_raw_parts(data, len) }
}

/// The `len` values at `data`, to write, or an empty slice for a null or empty one.
///
/// # Safety
/// `data` points at `len` writable values that nothing else uses during the call.
pub unsafe fn slice_mut<'a, T>(data: *mut T, len: usize) -> &'a mut [T] {
    if data.is_null() || len == 0 {
        return &mut [];
    }
    // Safety: as the caller promises.
    unsafe { std::slice::from_raw_parts_mut(data, len) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_sets_the_status_and_the_message() {
        install_panic_hook();
        let mut status = 0;
        let value: i64 = unsafe { call(&mut status, || Err(Error::Closed("Hasher"))) };
        let message = unsafe { std::ffi::CStr::from_ptr(error_message()) };
        assert_eq!((value, status), (0, 4));
        assert_eq!(message.to_str().unwrap(), "Hasher is closed");
        let mut status = 0;
        unsafe { call(&mut status, || -> Result<(), Error> { panic!("inside") }) };
        let message = unsafe { std::ffi::CStr::from_ptr(error_message()) }
            .to_str()
            .unwrap();
        assert_eq!(status, PANIC);
        assert!(
            message.starts_with("Rust panic at src/boundary.rs:"),
            "{message}"
        );
        assert!(message.ends_with(": inside"), "{message}");
    }
}
