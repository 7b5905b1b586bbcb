//! The Rust half of ${artifactId}: each `#[jni_mangle]` function is a `native` method of
//! `${package}.Rust`. Write the logic as plain Rust, then bind it below the same way.

use jni::errors::ErrorPolicy;
use jni::objects::{JByteArray, JClass, JString, ReleaseMode};
use jni::strings::JNIString;
use jni::sys::{jbyte, jlong};
use jni::{Env, EnvUnowned, jni_mangle, jni_str};

/// Formats the sum of two numbers as string.
pub fn sum_as_string(a: i64, b: i64) -> Result<String, Error> {
    let sum = a.checked_add(b).ok_or(Error::Arithmetic("long overflow"))?;
    Ok(sum.to_string())
}

/// `Rust.sumAsString(long, long)`.
#[jni_mangle("${package}.Rust", "sumAsString")]
pub fn java_sum_as_string<'local>(
    mut unowned_env: EnvUnowned<'local>,
    _class: JClass<'local>,
    a: jlong,
    b: jlong,
) -> JString<'local> {
    unowned_env
        .with_env(|env| -> Result<_, Error> { Ok(env.new_string(sum_as_string(a, b)?)?) })
        .resolve::<ThrowJavaException>()
}

/// Counts the bytes in `data` equal to `value`.
pub fn count(data: &[i8], value: i8) -> i64 {
    let mut total = 0;
    // A u8 count per 255-byte chunk cannot overflow and lets LLVM compare 16 bytes at a time.
    for chunk in data.chunks(255) {
        let in_chunk: u8 = chunk.iter().map(|&byte| u8::from(byte == value)).sum();
        total += i64::from(in_chunk);
    }
    total
}

/// `Rust.count(byte[], byte)`: reads the Java array in place, without copying it.
#[jni_mangle("${package}.Rust", "count")]
pub fn java_count<'local>(
    mut unowned_env: EnvUnowned<'local>,
    _class: JClass<'local>,
    data: JByteArray<'local>,
    value: jbyte,
) -> jlong {
    unowned_env
        .with_env(|env| -> Result<_, Error> {
            if data.is_null() {
                return Err(Error::NullArgument("data"));
            }
            // Safety: no JNI call of ours while the elements are held (the GC may wait for them; the
            // ExceptionCheck that jni 0.22.4 makes right after pinning is what -Xcheck:jni reports);
            // they are only read, never as `&mut`, so calls sharing an array do not alias mutably; and
            // no other thread writes the array during the call (the contract of `Core.countRust`).
            let elements = unsafe { data.get_elements_critical(env, ReleaseMode::NoCopyBack)? };
            Ok(count(&elements, value))
        })
        .resolve::<ThrowJavaException>()
}

/// `Rust.panicForTest()`: panics, so the tests can check that a panic reaches Java as an exception.
#[jni_mangle("${package}.Rust", "panicForTest")]
pub fn java_panic_for_test<'local>(mut unowned_env: EnvUnowned<'local>, _class: JClass<'local>) {
    unowned_env
        .with_env(|_env| -> Result<(), Error> { panic!("deliberate panic for the tests") })
        .resolve::<ThrowJavaException>()
}

/// A failure that reaches Java as the exception its variant names.
#[derive(Debug)]
pub enum Error {
    /// `ArithmeticException` with this message, as `Math.addExact` throws.
    Arithmetic(&'static str),
    /// `NullPointerException` naming the parameter, as `Objects.requireNonNull` throws.
    NullArgument(&'static str),
    /// A failed JNI call; a Java exception it left pending is thrown as is.
    Jni(jni::errors::Error),
}

impl From<jni::errors::Error> for Error {
    fn from(err: jni::errors::Error) -> Self {
        Error::Jni(err)
    }
}

/// Throws the Java exception for an `Error`, or `RuntimeException` for a panic, so the JVM never
/// sees a Rust unwind; the native method then returns a default value that Java never reads.
struct ThrowJavaException;

impl<T: Default> ErrorPolicy<T, Error> for ThrowJavaException {
    type Captures<'local: 'native_method, 'native_method> = ();

    fn on_error<'local: 'native_method, 'native_method>(
        env: &mut Env<'local>,
        _captures: &mut (),
        err: Error,
    ) -> jni::errors::Result<T> {
        let (class, message) = match err {
            Error::Arithmetic(message) => (
                jni_str!("java/lang/ArithmeticException"),
                message.to_string(),
            ),
            Error::NullArgument(name) => {
                (jni_str!("java/lang/NullPointerException"), name.to_string())
            }
            Error::Jni(_) if env.exception_check() => return Ok(T::default()),
            Error::Jni(err) => (
                jni_str!("java/lang/RuntimeException"),
                format!("JNI call failed: {err}"),
            ),
        };
        // throw_new reports the exception it raised as Err(JavaException): that is the success case here.
        let _ = env.throw_new(class, JNIString::from(message));
        Ok(T::default())
    }

    fn on_panic<'local: 'native_method, 'native_method>(
        env: &mut Env<'local>,
        _captures: &mut (),
        payload: Box<dyn std::any::Any + Send + 'static>,
    ) -> jni::errors::Result<T> {
        let message = match (
            payload.downcast_ref::<&str>(),
            payload.downcast_ref::<String>(),
        ) {
            (Some(text), _) => text.to_string(),
            (_, Some(text)) => text.clone(),
            _ => "panic with a non-string payload".to_string(),
        };
        let _ = env.throw_new(
            jni_str!("java/lang/RuntimeException"),
            JNIString::from(format!("Rust panic: {message}")),
        );
        Ok(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_equal_bytes() {
        assert_eq!(count(&[], 0), 0);
        assert_eq!(count(&[1, -1, 1, 0], 1), 2);
        assert_eq!(count(&[-128; 1000], -128), 1000);
    }

    #[test]
    fn sums_as_string() {
        assert_eq!(sum_as_string(9000, 1).unwrap(), "9001");
        assert_eq!(sum_as_string(-5, 3).unwrap(), "-2");
        assert_eq!(sum_as_string(i64::MIN, i64::MAX).unwrap(), "-1");
    }

    #[test]
    fn overflow_is_an_arithmetic_error() {
        assert!(matches!(
            sum_as_string(i64::MAX, 1),
            Err(Error::Arithmetic("long overflow"))
        ));
        assert!(matches!(
            sum_as_string(i64::MIN, -1),
            Err(Error::Arithmetic("long overflow"))
        ));
    }
}
