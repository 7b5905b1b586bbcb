//! The Rust half of rusty-java-ffm: plain Rust functions, then the `extern "C"` functions that Rust.java calls
//! through java.lang.foreign. To add one: write the function and its test here, an export below, its line in
//! `exports!`, and its handle in Rust.java with the same types; Rust.java checks that the two agree when it links.

mod boundary;
mod error;
mod hasher;

pub use error::Error;

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

/// The `extern "C"` functions Rust.java calls, under the same names as the functions above.
mod ffi {
    use crate::Error;
    use crate::boundary::{call, exports, slice, slice_mut};
    use crate::hasher::{hasher_digest, hasher_free, hasher_new, hasher_update};

    exports! {
        sum_as_string(i64, i64, *mut u8, *mut i32) -> i32;
        count(*const i8, usize, i8, *mut i32) -> i64;
        reverse(*const u16, usize, *mut u16, *mut i32) -> ();
        xor(*mut u8, usize, i32, i32, i8, *mut i32) -> ();
        histogram(*const i8, usize, *mut i32, *mut i32) -> ();
        hasher_new(*mut i32) -> i64;
        hasher_update(i64, *const i8, usize, *mut i32) -> ();
        hasher_digest(i64, *mut i32) -> i64;
        hasher_free(i64, *mut i32) -> ();
        panic_for_test(i32, bool, *mut i32) -> ();
    }

    // The exports. Safety of every pointer: Rust.java passes each array or buffer with its length, the status as a
    // fresh `int[1]`, and (the contracts in Core.java) no other thread touches them during the call.

    /// Writes the sum's decimal digits to `out` (20 bytes) and returns how many.
    #[unsafe(no_mangle)]
    unsafe extern "C" fn sum_as_string(a: i64, b: i64, out: *mut u8, status: *mut i32) -> i32 {
        unsafe {
            call(status, || {
                let text = crate::sum_as_string(a, b)?;
                slice_mut(out, text.len()).copy_from_slice(text.as_bytes());
                Ok(text.len() as i32)
            })
        }
    }

    #[unsafe(no_mangle)]
    unsafe extern "C" fn count(data: *const i8, len: usize, value: i8, status: *mut i32) -> i64 {
        unsafe { call(status, || Ok(crate::count(slice(data, len), value))) }
    }

    /// Reverses the UTF-16 text at `text` into `out`, which has the same length.
    #[unsafe(no_mangle)]
    unsafe extern "C" fn reverse(text: *const u16, len: usize, out: *mut u16, status: *mut i32) {
        unsafe {
            call(status, || {
                // Rust strings hold text only: a lone surrogate becomes one U+FFFD, so the length stays the same.
                let text = char::decode_utf16(slice(text, len).iter().copied())
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect::<String>();
                let reversed = crate::reverse(&text);
                let out = slice_mut(out, len);
                for (slot, unit) in out.iter_mut().zip(reversed.encode_utf16()) {
                    *slot = unit;
                }
                Ok(())
            })
        }
    }

    /// XORs the bytes `from..to` of a buffer of `capacity` bytes at `data`.
    #[unsafe(no_mangle)]
    unsafe extern "C" fn xor(
        data: *mut u8,
        capacity: usize,
        from: i32,
        to: i32,
        key: i8,
        status: *mut i32,
    ) {
        unsafe {
            call(status, || {
                let range = usize::try_from(from).ok().zip(usize::try_from(to).ok());
                let Some((from, to)) = range.filter(|&(from, to)| from <= to && to <= capacity)
                else {
                    return Err(Error::InvalidArgument(format!(
                        "range {from}..{to} is outside 0..{capacity}"
                    )));
                };
                crate::xor(&mut slice_mut(data, capacity)[from..to], key as u8);
                Ok(())
            })
        }
    }

    /// Writes the 256 counts to `out`.
    #[unsafe(no_mangle)]
    unsafe extern "C" fn histogram(data: *const i8, len: usize, out: *mut i32, status: *mut i32) {
        unsafe {
            call(status, || {
                slice_mut(out, 256).copy_from_slice(&crate::histogram(slice(data, len)));
                Ok(())
            })
        }
    }

    /// Panics with `id` in the message, from a function that returns a value or not, for RustPanicTest.
    #[unsafe(no_mangle)]
    unsafe extern "C" fn panic_for_test(id: i32, with_value: bool, status: *mut i32) {
        let panic = || -> Result<i64, Error> { panic!("deliberate panic {id} for the tests") };
        if with_value {
            unsafe { call(status, panic) };
        } else {
            unsafe { call(status, || panic().map(drop)) };
        }
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
