//! The errors the functions return, and the Java exception each becomes. For another exception type, add a
//! variant here, its code in `code`, and the same code in Rust.java's `failure`.

/// A failure that reaches Java as the exception `code` names; a panic becomes a `RuntimeException`.
#[derive(Debug)]
pub enum Error {
    /// `ArithmeticException`, as `Math.addExact` throws.
    Arithmetic(&'static str),
    /// `NullPointerException` naming the parameter, as `Objects.requireNonNull` throws.
    NullArgument(&'static str),
    /// `IllegalArgumentException`: a value Java allows but the function does not.
    InvalidArgument(String),
    /// `IllegalStateException`: an object used after `close()`.
    Closed(&'static str),
}

/// The code Rust.java maps to `RuntimeException`: a panic.
pub const PANIC: i32 = 5;

impl Error {
    /// The exception's code for Rust.java (0 is success), and its message.
    pub fn code(self) -> (i32, String) {
        match self {
            Error::Arithmetic(message) => (1, message.into()),
            Error::NullArgument(name) => (2, name.into()),
            Error::InvalidArgument(message) => (3, message),
            Error::Closed(what) => (4, format!("{what} is closed")),
        }
    }
}
