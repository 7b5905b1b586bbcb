//! The Rust half of ${artifactId}: plain Rust functions, then their bindings to the native methods of
//! Rust.java. To add one: write the function and its test here, a binding below, its `native_method!` in
//! `BINDINGS`, and its declaration in Rust.java; the library checks that the two agree when it loads.

mod boundary;
mod error;
mod hasher;
mod register;

use boundary::{call, call_env};
pub use error::Error;
use jni::objects::{JByteArray, JByteBuffer, JClass, JIntArray, JString, ReleaseMode};
use jni::sys::{jboolean, jbyte, jint, jlong};
use jni::{EnvUnowned, NativeMethod, native_method};

/// Formats the sum of two numbers as string.
pub fn sum_as_string(a: i64, b: i64) -> Result<String, Error> {
    let sum = a.checked_add(b).ok_or(Error::Arithmetic("long overflow"))?;
    Ok(sum.to_string())
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

/// Reverses the text character by character.
pub fn reverse(text: &str) -> String {
    text.chars().rev().collect()
}

/// XORs each byte with `key`, in place.
pub fn xor(data: &mut [u8], key: u8) {
    data.iter_mut().for_each(|byte| *byte ^= key);
}

/// How many bytes of each value `data` holds: element `b & 0xff` counts the bytes equal to `b`.
pub fn histogram(data: &[i8]) -> [i32; 256] {
    let mut counts = [0; 256];
    for &byte in data {
        counts[usize::from(byte as u8)] += 1;
    }
    counts
}

/// The class whose native methods `BINDINGS` binds.
const CLASS: &str = "${package}.Rust";

/// Each native method of Rust.java: its Java name (from the Rust name, in camelCase), its types in JNI terms,
/// and the function below that implements it, which must take exactly those types (checked when this compiles).
const BINDINGS: &[NativeMethod] = &[
    native_method! { static raw fn sum_as_string(a: jlong, b: jlong) -> JString, fn = java_sum_as_string },
    native_method! { static raw fn count(data: jbyte[], value: jbyte) -> jlong, fn = java_count },
    native_method! { static raw fn reverse(text: JString) -> JString, fn = java_reverse },
    native_method! { static raw fn xor(buffer: JByteBuffer, from: jint, to: jint, key: jbyte), fn = java_xor },
    native_method! { static raw fn histogram(data: jbyte[]) -> jint[], fn = java_histogram },
    native_method! { static raw fn hasher_new() -> jlong, fn = hasher::java_new },
    native_method! { static raw fn hasher_update(handle: jlong, data: jbyte[]), fn = hasher::java_update },
    native_method! { static raw fn hasher_digest(handle: jlong) -> jlong, fn = hasher::java_digest },
    native_method! { static raw fn hasher_free(handle: jlong), fn = hasher::java_free },
    native_method! { static raw fn panic_for_test(id: jint, with_env: jboolean), fn = java_panic_for_test },
];

// The bindings: `call` for a function that needs no JNI call on success (cheapest), `call_env` for one
// that does (strings, arrays, buffers). Either way an `Err` or a panic becomes a Java exception.

fn java_sum_as_string<'l>(env: EnvUnowned<'l>, _: JClass<'_>, a: jlong, b: jlong) -> JString<'l> {
    call_env(env, |env| Ok(JString::from_str(env, sum_as_string(a, b)?)?))
}

fn java_count(env: EnvUnowned<'_>, _: JClass<'_>, data: JByteArray<'_>, value: jbyte) -> jlong {
    call_env(env, |env| {
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
}

fn java_reverse<'l>(env: EnvUnowned<'l>, _: JClass<'_>, text: JString<'_>) -> JString<'l> {
    call_env(env, |env| {
        if text.is_null() {
            return Err(Error::NullArgument("text"));
        }
        // try_to_string, not to_string(): that is Display, which gives "<JNI Error>" instead of failing.
        let text = text.try_to_string(env)?;
        Ok(JString::from_str(env, reverse(&text))?)
    })
}

fn java_xor(
    env: EnvUnowned<'_>,
    _: JClass<'_>,
    buffer: JByteBuffer<'_>,
    from: jint,
    to: jint,
    key: jbyte,
) {
    call_env(env, |env| {
        if buffer.is_null() {
            return Err(Error::NullArgument("buffer"));
        }
        let not_direct =
            |_| Error::InvalidArgument("not a direct buffer: use ByteBuffer.allocateDirect".into());
        let address = env.get_direct_buffer_address(&buffer).map_err(not_direct)?;
        let capacity = env.get_direct_buffer_capacity(&buffer)?;
        let range = usize::try_from(from).ok().zip(usize::try_from(to).ok());
        let Some((from, to)) = range.filter(|&(from, to)| from <= to && to <= capacity) else {
            return Err(Error::InvalidArgument(format!(
                "range {from}..{to} is outside 0..{capacity}"
            )));
        };
        // Safety: the range lies in the buffer's memory, which Core.xorRust checked is writable, and no other
        // thread uses it during the call (the contract of Core.xorRust).
        let bytes = unsafe { std::slice::from_raw_parts_mut(address.add(from), to - from) };
        xor(bytes, key as u8);
        Ok(())
    })
}

fn java_histogram<'l>(env: EnvUnowned<'l>, _: JClass<'_>, data: JByteArray<'_>) -> JIntArray<'l> {
    call_env(env, |env| {
        if data.is_null() {
            return Err(Error::NullArgument("data"));
        }
        // Safety: as in java_count; the elements are released before the next JNI call.
        let counts =
            histogram(&unsafe { data.get_elements_critical(env, ReleaseMode::NoCopyBack)? });
        let array = JIntArray::new(env, counts.len())?;
        array.set_region(env, 0, &counts)?;
        Ok(array)
    })
}

/// Panics through `call_env` or `call`, for RustPanicTest.
fn java_panic_for_test(env: EnvUnowned<'_>, _: JClass<'_>, id: jint, with_env: jboolean) {
    let panic = || -> Result<(), Error> { panic!("deliberate panic {id} for the tests") };
    if with_env {
        call_env(env, |_| panic())
    } else {
        call(env, panic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_as_string() {
        assert_eq!(sum_as_string(9000, 1).unwrap(), "9001");
        assert_eq!(sum_as_string(i64::MIN, i64::MAX).unwrap(), "-1");
        assert!(matches!(
            sum_as_string(i64::MAX, 1),
            Err(Error::Arithmetic("long overflow"))
        ));
    }

    #[test]
    fn counts_equal_bytes() {
        assert_eq!(count(&[], 0), 0);
        assert_eq!(count(&[1, -1, 1, 0], 1), 2);
        assert_eq!(count(&[-128; 1000], -128), 1000);
    }

    #[test]
    fn reverses_characters() {
        assert_eq!(reverse("abc"), "cba");
        assert_eq!(reverse("a😀é"), "é😀a");
    }

    #[test]
    fn xors_in_place() {
        let mut data = [0x00, 0x0f, 0xff];
        xor(&mut data, 0x0f);
        assert_eq!(data, [0x0f, 0x00, 0xf0]);
    }

    #[test]
    fn counts_each_byte_value() {
        let counts = histogram(&[0, -1, -1, 127, -128]);
        assert_eq!(
            (counts[0], counts[255], counts[127], counts[128]),
            (1, 2, 1, 1)
        );
        assert_eq!(counts.iter().sum::<i32>(), 5);
    }
}
