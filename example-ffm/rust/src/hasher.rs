//! A Rust value owned by a Java object: `hasher_new` makes one for Hasher.java (a RustObject), the other functions
//! borrow it, and Java drops it on `close()`. Model your own types on this file and on Hasher.java.

/// FNV-1a, 64 bits: a hash of every byte passed to `hasher_update`, in order.
pub struct Hasher {
    state: u64,
}

pub fn hasher_new() -> Hasher {
    Hasher {
        state: 0xcbf2_9ce4_8422_2325,
    }
}

pub fn hasher_update(hasher: &mut Hasher, data: &[u8]) {
    for &byte in data {
        hasher.state = (hasher.state ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
    }
}

pub fn hasher_digest(hasher: &Hasher) -> i64 {
    hasher.state as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_fnv1a() {
        let mut hasher = hasher_new();
        assert_eq!(hasher_digest(&hasher) as u64, 0xcbf2_9ce4_8422_2325);
        hasher_update(&mut hasher, b"a");
        assert_eq!(hasher_digest(&hasher) as u64, 0xaf63_dc4c_8601_ec8c);
        hasher_update(&mut hasher, &[]);
        assert_eq!(hasher_digest(&hasher) as u64, 0xaf63_dc4c_8601_ec8c);
    }
}
