//! The Rust half of this project: the functions RustFunctions.java declares, each a plain Rust function of the same name
//! in snake_case. The build generates the conversions between the two (the module `java`) from the Java declarations;
//! a function whose name or types disagree with its declaration does not compile.

// The glue to Java, which the Maven build (mvn compile) generates from RustFunctions.java; cargo on its own needs one.
#[rustfmt::skip]
#[path = "../target/rusty-java/java.rs"]
mod java;

mod error;
mod hasher;

pub use error::Error;
pub use hasher::{Hasher, hasher_digest, hasher_new, hasher_update};
pub use java::Exception;

/// Formats the sum of two numbers as string.
pub fn sum_as_string(a: i64, b: i64) -> Result<String, Error> {
    let sum = a.checked_add(b).ok_or(Error::Overflow("long"))?;
    Ok(sum.to_string())
}

/// Counts the bytes in `data` equal to `value`.
pub fn count(data: &[u8], value: i8) -> i64 {
    let value = value as u8;
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
pub fn xor(buffer: &mut [u8], key: i8) {
    buffer.iter_mut().for_each(|byte| *byte ^= key as u8);
}

/// How many bytes of each value `data` holds: element `b` counts the bytes equal to `b`.
pub fn histogram(data: &[u8]) -> [i32; 256] {
    let mut counts = [0; 256];
    for &byte in data {
        counts[usize::from(byte)] += 1;
    }
    counts
}

/// Panics with `id` in the message, for RustPanicTest.
pub fn panic_for_test(id: i32) {
    panic!("deliberate panic {id} for the tests");
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
            Err(Error::Overflow("long"))
        ));
    }

    #[test]
    fn counts_equal_bytes() {
        assert_eq!(count(&[], 0), 0);
        assert_eq!(count(&[1, 255, 1, 0], 1), 2);
        assert_eq!(count(&[128; 1000], -128), 1000);
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
        let counts = histogram(&[0, 255, 255, 127, 128]);
        assert_eq!(
            (counts[0], counts[255], counts[127], counts[128]),
            (1, 2, 1, 1)
        );
        assert_eq!(counts.iter().sum::<i32>(), 5);
    }
}
