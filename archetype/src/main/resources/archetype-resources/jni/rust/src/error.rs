//! The errors the functions return, and the Java exception each becomes. For another exception type, add a
//! variant here and its arm in `exception`.

use jni::jni_str;
use jni::strings::JNIStr;

/// A failure that reaches Java as the exception `exception` names; a panic becomes a `RuntimeException`.
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
    /// A failed JNI call; the Java exception it left pending is thrown as is.
    Jni(jni::errors::Error),
}

impl Error {
    /// The exception's class, in JNI form: any `Throwable` with a `String` constructor, your own classes too
    /// (`com/acme/ParseException`).
    pub fn exception(self) -> (&'static JNIStr, String) {
        match self {
            Error::Arithmetic(message) => {
                (jni_str!("java/lang/ArithmeticException"), message.into())
            }
            Error::NullArgument(name) => (jni_str!("java/lang/NullPointerException"), name.into()),
            Error::InvalidArgument(message) => {
                (jni_str!("java/lang/IllegalArgumentException"), message)
            }
            Error::Closed(what) => (
                jni_str!("java/lang/IllegalStateException"),
                format!("{what} is closed"),
            ),
            Error::Jni(err) => (
                jni_str!("java/lang/RuntimeException"),
                format!("JNI call failed: {err}"),
            ),
        }
    }
}

impl From<jni::errors::Error> for Error {
    fn from(err: jni::errors::Error) -> Self {
        Error::Jni(err)
    }
}
