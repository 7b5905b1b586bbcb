//! A Rust object owned by a Java object: Hasher.java creates one, passes its handle to each call, and frees
//! it on `close()` (or its Cleaner does). Model your own objects on this file and on Hasher.java.

use crate::Error;
use crate::boundary::{call, free, handle, into_handle, slice};

/// FNV-1a, 64 bits: a hash of every byte passed to `update`, in order.
pub struct Hasher {
    state: u64,
}

impl Hasher {
    pub fn new() -> Self {
        Hasher {
            state: 0xcbf2_9ce4_8422_2325,
        }
    }

    pub fn update(&mut self, bytes: &[i8]) {
        for &byte in bytes {
            self.state = (self.state ^ u64::from(byte as u8)).wrapping_mul(0x100_0000_01b3);
        }
    }

    pub fn digest(&self) -> u64 {
        self.state
    }
}

// The exports. Safety of every `handle`: Hasher.java passes a handle from `hasher_new` that it has not freed,
// and holds its lock during the call, so no two calls use one Hasher at once; pointers as in lib.rs.

#[unsafe(no_mangle)]
pub(crate) unsafe extern "C" fn hasher_new(status: *mut i32) -> i64 {
    unsafe { call(status, || Ok(into_handle(Hasher::new()))) }
}

#[unsafe(no_mangle)]
pub(crate) unsafe extern "C" fn hasher_update(
    hasher: i64,
    data: *const i8,
    len: usize,
    status: *mut i32,
) {
    unsafe {
        call(status, || {
            handle::<Hasher>(hasher, "Hasher")?.update(slice(data, len));
            Ok(())
        })
    }
}

#[unsafe(no_mangle)]
pub(crate) unsafe extern "C" fn hasher_digest(hasher: i64, status: *mut i32) -> i64 {
    unsafe {
        call(status, || {
            Ok(handle::<Hasher>(hasher, "Hasher")?.digest() as i64)
        })
    }
}

#[unsafe(no_mangle)]
pub(crate) unsafe extern "C" fn hasher_free(hasher: i64, status: *mut i32) {
    unsafe {
        call(status, || -> Result<(), Error> {
            free::<Hasher>(hasher);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_fnv1a() {
        assert_eq!(Hasher::new().digest(), 0xcbf2_9ce4_8422_2325);
        let mut hasher = Hasher::new();
        hasher.update(&[b'a' as i8]);
        assert_eq!(hasher.digest(), 0xaf63_dc4c_8601_ec8c);
        hasher.update(&[]);
        assert_eq!(hasher.digest(), 0xaf63_dc4c_8601_ec8c);
    }
}
