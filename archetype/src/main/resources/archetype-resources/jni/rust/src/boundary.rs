//! How a binding runs; nothing here changes when you add a function. `call` and `call_env` turn an `Error`
//! or a panic into a Java exception, with the panic's message and place and nothing printed; `into_handle`,
//! `handle` and `free` keep a Rust object behind a Java `long`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

use jni::strings::JNIString;
use jni::sys::jlong;
use jni::{Env, EnvUnowned, Outcome, jni_str};

use crate::error::Error;

/// Runs a binding that needs no `Env` on success, so a call costs almost nothing over a bare JNI function;
/// an `Err` or a panic is thrown as its Java exception, and the method returns `T::default()`.
pub fn call<T: Default>(env: EnvUnowned<'_>, f: impl FnOnce() -> Result<T, Error>) -> T {
    match in_binding(|| panic::catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(value)) => value,
        Ok(Err(err)) => throw(env, Outcome::Err(err)),
        Err(payload) => throw(env, Outcome::Panic(payload)),
    }
}

/// Runs a binding with the `Env` (one `AttachGuard` on success); an `Err` or a panic is thrown as its Java
/// exception, and the method returns `T::default()`.
pub fn call_env<'local, T: Default>(
    mut env: EnvUnowned<'local>,
    f: impl FnOnce(&mut Env<'local>) -> Result<T, Error>,
) -> T {
    // into_outcome, not resolve: resolve builds a second guard even on success.
    match in_binding(|| env.with_env(f).into_outcome()) {
        Outcome::Ok(value) => value,
        Outcome::Err(err) => throw(env, Outcome::Err(err)),
        Outcome::Panic(payload) => throw(env, Outcome::Panic(payload)),
    }
}

/// Throws the exception for a failure, unless a Java exception is already pending (that one is thrown).
fn throw<T: Default>(mut env: EnvUnowned<'_>, failure: Outcome<(), Error>) -> T {
    let _ = env
        .with_env(|env| -> Result<(), Error> {
            let (class, message) = match failure {
                Outcome::Err(err) => err.exception(),
                Outcome::Panic(payload) => (
                    jni_str!("java/lang/RuntimeException"),
                    panic_message(payload),
                ),
                Outcome::Ok(()) => return Ok(()),
            };
            if env.exception_check() {
                return Ok(());
            }
            // throw_new reports the exception it raised as Err(JavaException): that is the success case here.
            let _ = env.throw_new(class, JNIString::from(message));
            Ok(())
        })
        .into_outcome();
    T::default()
}

thread_local! {
    /// True while this thread runs a binding: its panics become exceptions, so the hook only records them.
    static IN_BINDING: Cell<bool> = const { Cell::new(false) };
    /// The message and place of this thread's last panic inside a binding.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

pub(crate) fn in_binding<R>(f: impl FnOnce() -> R) -> R {
    let outer = IN_BINDING.replace(true);
    let result = f(); // never unwinds: f catches panics itself
    IN_BINDING.set(outer);
    result
}

/// Records panics inside bindings instead of printing them; panics elsewhere go to the previous hook.
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

pub(crate) fn panic_message(payload: Box<dyn Any + Send>) -> String {
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
pub fn into_handle<T>(value: T) -> jlong {
    Box::into_raw(Box::new(value)) as jlong
}

/// The object behind a handle from `into_handle`.
///
/// # Safety
/// `handle` came from `into_handle::<T>`, was not freed, and no other call uses it meanwhile (the Java
/// owner serialises its calls and frees the handle once; see Hasher.java).
pub unsafe fn handle<'a, T>(handle: jlong, what: &'static str) -> Result<&'a mut T, Error> {
    // Safety: as the caller promises; 0 is what the Java owner holds once closed.
    unsafe { (handle as *mut T).as_mut() }.ok_or(Error::Closed(what))
}

/// Drops the object behind a handle; 0 (already freed) is ignored.
///
/// # Safety
/// As for `handle`, and the handle is never used again.
pub unsafe fn free<T>(handle: jlong) {
    if handle != 0 {
        // Safety: as the caller promises.
        drop(unsafe { Box::from_raw(handle as *mut T) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_inside_a_binding_are_recorded_and_others_left_to_the_previous_hook() {
        install_panic_hook();
        let inside = in_binding(|| panic::catch_unwind(|| panic!("inside")));
        let message = panic_message(inside.unwrap_err());
        assert!(
            message.starts_with("Rust panic at src/boundary.rs:"),
            "{message}"
        );
        assert!(message.ends_with(": inside"), "{message}");
        // Outside a binding nothing is recorded: the previous hook (here the test harness's) prints it.
        let outside = panic::catch_unwind(|| panic!("outside"));
        assert_eq!(panic_message(outside.unwrap_err()), "Rust panic: outside");
    }
}
