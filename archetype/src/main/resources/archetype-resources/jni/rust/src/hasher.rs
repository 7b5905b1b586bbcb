//! A Rust object owned by a Java object: Hasher.java creates one, passes its handle to each call, and frees
//! it on `close()` (or its Cleaner does). Model your own objects on this file and on Hasher.java.

use jni::EnvUnowned;
use jni::objects::{JByteArray, JClass, ReleaseMode};
use jni::sys::jlong;

use crate::Error;
use crate::boundary::{call, call_env, free, handle, into_handle};

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

// The bindings. Safety of every `handle`: Hasher.java passes a handle from `java_new` that it has not freed,
// and holds its lock during the call, so no two calls use one Hasher at once.

pub fn java_new(env: EnvUnowned<'_>, _: JClass<'_>) -> jlong {
    call(env, || Ok(into_handle(Hasher::new())))
}

pub fn java_update(env: EnvUnowned<'_>, _: JClass<'_>, hasher: jlong, data: JByteArray<'_>) {
    call_env(env, |env| {
        let hasher = unsafe { handle::<Hasher>(hasher, "Hasher") }?;
        if data.is_null() {
            return Err(Error::NullArgument("data"));
        }
        // Safety: as in lib.rs's java_count.
        hasher.update(&unsafe { data.get_elements_critical(env, ReleaseMode::NoCopyBack)? });
        Ok(())
    })
}

pub fn java_digest(env: EnvUnowned<'_>, _: JClass<'_>, hasher: jlong) -> jlong {
    call(env, || {
        Ok(unsafe { handle::<Hasher>(hasher, "Hasher") }?.digest() as jlong)
    })
}

pub fn java_free(env: EnvUnowned<'_>, _: JClass<'_>, hasher: jlong) {
    call(env, || {
        unsafe { free::<Hasher>(hasher) };
        Ok(())
    })
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
