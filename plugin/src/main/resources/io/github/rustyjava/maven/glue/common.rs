// ---- What every binding shares: the exception a function returns, how a call runs, and the text conversions. ----

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

/// A Java exception for the caller: the class Java throws (its binary name, such as
/// `java.lang.IllegalArgumentException` or `com.acme.ParseException`, any `Throwable` with a `String`
/// constructor) and its message. Return `Result<T, Exception>`, or your own error type with
/// `impl From<YourError> for Exception`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    class: &'static str,
    message: String,
}

impl Exception {
    /// An exception of the class with this binary name (`com.acme.ParseException`).
    pub fn new(class: &'static str, message: impl Into<String>) -> Self {
        Exception { class, message: message.into() }
    }

    /// `IllegalArgumentException`: a value Java allows but the function does not.
    pub fn illegal_argument(message: impl Into<String>) -> Self {
        Self::new("java.lang.IllegalArgumentException", message)
    }

    /// `IllegalStateException`: a call the object's state does not allow now.
    pub fn illegal_state(message: impl Into<String>) -> Self {
        Self::new("java.lang.IllegalStateException", message)
    }

    /// `ArithmeticException`, as `Math.addExact` throws on overflow.
    pub fn arithmetic(message: impl Into<String>) -> Self {
        Self::new("java.lang.ArithmeticException", message)
    }

    /// The binary name of the class Java throws.
    pub fn class(&self) -> &'static str {
        self.class
    }

    /// The message Java's exception carries.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class, self.message)
    }
}

impl std::error::Error for Exception {}

/// What a Rust function may return for its Java return type: the value itself, or a `Result` whose error
/// becomes a Java exception.
#[diagnostic::on_unimplemented(
    message = "a function of RustFunctions.java returns `{Self}`, which Java cannot receive",
    note = "return the type RustFunctions.java declares (see the README's table), or Result<it, E> where Exception: From<E>"
)]
pub trait Returns {
    /// The value Java receives.
    type Value;
    /// The value, or the exception Java throws.
    fn into_result(self) -> Result<Self::Value, Exception>;
}

impl<T, E> Returns for Result<T, E>
where
    Exception: From<E>,
{
    type Value = T;
    fn into_result(self) -> Result<T, Exception> {
        self.map_err(Exception::from)
    }
}

macro_rules! returned_as_is {
    ($($ty:ty),*) => {$(
        impl Returns for $ty {
            type Value = $ty;
            fn into_result(self) -> Result<$ty, Exception> {
                Ok(self)
            }
        }
    )*};
}
returned_as_is!((), bool, i8, i16, u16, i32, i64, f32, f64, String, Box<str>);

impl<'a> Returns for &'a str {
    type Value = &'a str;
    fn into_result(self) -> Result<&'a str, Exception> {
        Ok(self)
    }
}

impl<T> Returns for Vec<T> {
    type Value = Vec<T>;
    fn into_result(self) -> Result<Vec<T>, Exception> {
        Ok(self)
    }
}

impl<T> Returns for Box<[T]> {
    type Value = Box<[T]>;
    fn into_result(self) -> Result<Box<[T]>, Exception> {
        Ok(self)
    }
}

impl<'a, T> Returns for &'a [T] {
    type Value = &'a [T];
    fn into_result(self) -> Result<&'a [T], Exception> {
        Ok(self)
    }
}

impl<T, const N: usize> Returns for [T; N] {
    type Value = [T; N];
    fn into_result(self) -> Result<[T; N], Exception> {
        Ok(self)
    }
}

/// A per-thread buffer above this many bytes is freed once used, so one large result does not stay for the thread's life.
const KEEP_BYTES: usize = 64 * 1024;

/// Empties a per-thread buffer, freeing it when it grew beyond `KEEP_BYTES`.
fn reuse<T>(buffer: &mut Vec<T>) {
    if buffer.capacity() * std::mem::size_of::<T>() > KEEP_BYTES {
        *buffer = Vec::new();
    } else {
        buffer.clear();
    }
}

/// Why a call failed: an exception for Java to throw, or a panic.
enum Failure {
    Thrown(Exception),
    Panicked(String),
}

impl Failure {
    /// The class and the message Java throws.
    fn exception(self) -> (&'static str, String) {
        match self {
            Failure::Thrown(exception) => (exception.class, exception.message),
            Failure::Panicked(message) => ("java.lang.RuntimeException", message),
        }
    }
}

/// Runs the user's function: its `Err` or its panic becomes a `Failure`, and the panic prints nothing.
#[inline(always)]
fn run<R: Returns>(f: impl FnOnce() -> R) -> Result<R::Value, Failure> {
    let outcome = IN_BINDING.with(|flag| {
        let outer = flag.replace(true);
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| f().into_result()));
        flag.set(outer);
        outcome
    });
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(exception)) => Err(Failure::Thrown(exception)),
        Err(payload) => Err(Failure::Panicked(panic_message(payload))),
    }
}

thread_local! {
    /// True while this thread runs a function for Java: its panics become exceptions, so the hook only records them.
    static IN_BINDING: Cell<bool> = const { Cell::new(false) };
    /// The message and place of this thread's last panic inside a function.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Records panics inside functions called from Java instead of printing them; others go to the previous hook.
fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_BINDING.try_with(Cell::get).unwrap_or(false) {
                let _ = LAST_PANIC.try_with(|last| *last.borrow_mut() = Some(describe(info)));
            } else {
                previous(info);
            }
        }));
    });
}

const NON_STRING: &str = "a panic with a non-string payload";

fn describe(info: &PanicHookInfo<'_>) -> String {
    let message = panic_text(info.payload()).unwrap_or(NON_STRING);
    match info.location() {
        Some(at) => format!("Rust panic at {at}: {message}"),
        None => format!("Rust panic: {message}"),
    }
}

fn panic_text(payload: &(dyn Any + Send)) -> Option<&str> {
    let string = payload.downcast_ref::<String>().map(String::as_str);
    string.or_else(|| payload.downcast_ref::<&str>().copied())
}

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let recorded = LAST_PANIC.try_with(|last| last.borrow_mut().take());
    let payload_text = panic_text(&*payload).unwrap_or(NON_STRING);
    // A recorded panic whose text is not this payload's is stale (resume_unwind skips the hook): not used.
    let message = recorded
        .ok()
        .flatten()
        .filter(|message| message.ends_with(payload_text))
        .unwrap_or_else(|| format!("Rust panic: {payload_text}"));
    // Dropping a payload runs its destructor, which may panic in turn: keep that from unwinding into Java.
    let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(payload)));
    message
}

/// The `len` bytes at `data`, to read and write in place.
///
/// # Safety
/// `data` points at `len` writable bytes (a direct buffer's remaining bytes) that nothing else uses during the call,
/// no other argument among them (`disjoint` checked).
#[inline(always)]
unsafe fn slice_mut<'a>(data: *mut u8, len: usize) -> &'a mut [u8] {
    if len == 0 || data.is_null() {
        return &mut [];
    }
    // Safety: as the caller promises.
    unsafe { std::slice::from_raw_parts_mut(data, len) }
}

/// Refuses buffers that share memory, before any becomes a `&mut [u8]`: Rust may assume two never alias.
fn disjoint(buffers: &[(&str, *mut u8, usize)]) -> Result<(), Failure> {
    for (i, &(first, first_start, first_len)) in buffers.iter().enumerate() {
        for &(second, second_start, second_len) in &buffers[i + 1..] {
            let (a, b) = (first_start as usize, second_start as usize);
            if first_len > 0 && second_len > 0 && a < b + second_len && b < a + first_len {
                return Err(Failure::Thrown(Exception::illegal_argument(format!(
                    "{first} and {second} share memory, and Rust takes each as its own &mut [u8]: pass buffers that do not overlap"
                ))));
            }
        }
    }
    Ok(())
}

/// A Rust value moved to the heap, for a Java object (a `RustObject`) to own by its address.
fn into_handle<T>(value: T) -> i64 {
    Box::into_raw(Box::new(value)) as i64
}

/// The value behind a handle.
///
/// # Safety
/// `handle` came from `into_handle::<T>` and was not dropped; the Java owner holds its lock for the call, so no
/// other call uses the value meanwhile.
unsafe fn from_handle<'a, T>(handle: i64) -> &'a mut T {
    // Safety: as the caller promises (the Java owner never passes 0).
    unsafe { &mut *(handle as *mut T) }
}

/// Drops the value behind a handle.
///
/// # Safety
/// As for `from_handle`, and the handle is never used again (the Java owner zeroes it under its lock).
unsafe fn drop_handle<T>(handle: i64) {
    // Safety: as the caller promises.
    drop(unsafe { Box::from_raw(handle as *mut T) });
}

/// The UTF-16 text as a Rust string; a lone surrogate, which a `str` cannot hold, is an `IllegalArgumentException`.
fn text_from_utf16(units: &[u16], parameter: &str) -> Result<String, Failure> {
    let mut text = String::new();
    utf16_to_utf8(units, &mut text).map_err(|index| {
        Failure::Thrown(Exception::illegal_argument(format!(
            "{parameter}: the unit at index {index} (U+{:04X}) is a lone surrogate, which Rust's str cannot hold; \
             pass well-formed text",
            units[index]
        )))
    })?;
    Ok(text)
}

/// Strings passed as one UTF-16 text and the end of each: decoded into one `String` and sliced.
struct TextList {
    text: String,
    ends: Vec<usize>,
}

impl TextList {
    fn decode(units: &[u16], ends: &[i32], parameter: &str) -> Result<TextList, Failure> {
        let mut text = String::with_capacity(units.len());
        let mut byte_ends = Vec::with_capacity(ends.len());
        let mut start = 0;
        for (element, &end) in ends.iter().enumerate() {
            let end = end as usize;
            utf16_to_utf8(&units[start..end], &mut text).map_err(|index| {
                Failure::Thrown(Exception::illegal_argument(format!(
                    "{parameter}[{element}]: the unit at index {index} (U+{:04X}) is a lone surrogate, which Rust's \
                     str cannot hold; pass well-formed text",
                    units[start + index]
                )))
            })?;
            byte_ends.push(text.len());
            start = end;
        }
        Ok(TextList { text, ends: byte_ends })
    }

    fn strs(&self) -> Vec<&str> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&end| {
                let piece = &self.text[start..end];
                start = end;
                piece
            })
            .collect()
    }
}

/// Strings as Java receives them: the count and each end as two UTF-16 units (high half first), then the text.
fn text_list_to_utf16<S: AsRef<str>>(strings: &[S], out: &mut Vec<u16>) {
    out.clear();
    let count = strings.len();
    out.reserve(2 + 2 * count);
    let push_u32 = |out: &mut Vec<u16>, value: usize| {
        out.push((value >> 16) as u16);
        out.push(value as u16);
    };
    push_u32(out, count);
    out.resize(2 + 2 * count, 0);
    let header = out.len();
    for (element, string) in strings.iter().enumerate() {
        utf8_to_utf16(string.as_ref(), out);
        let end = out.len() - header;
        out[2 + 2 * element] = (end >> 16) as u16;
        out[3 + 2 * element] = end as u16;
    }
}
