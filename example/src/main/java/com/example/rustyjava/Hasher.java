package com.example.rustyjava;

/**
 * The 64-bit FNV-1a hash, computed by a Rust value that this Java object owns (rust/src/hasher.rs): the model for your
 * own. Close it, best in try-with-resources; one never closed is freed by a Cleaner once unreachable. Thread-safe:
 * calls from several threads run one at a time. After {@link #close()} the other methods throw
 * {@link IllegalStateException}; closing again does nothing.
 */
public final class Hasher extends RustObject {
    Hasher() {} // Rust.hasherNew creates one, with its Rust value

    /** A new hasher, of no bytes yet. */
    public static Hasher create() {
        return Rust.hasherNew();
    }

    /** Adds the bytes to the hash, after those added before. */
    public Hasher update(byte[] data) {
        Rust.hasherUpdate(this, data);
        return this;
    }

    /** The hash of every byte added so far. */
    public long digest() {
        return Rust.hasherDigest(this);
    }
}
