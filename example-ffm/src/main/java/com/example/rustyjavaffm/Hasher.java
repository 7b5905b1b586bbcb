package com.example.rustyjavaffm;

import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * The 64-bit FNV-1a hash, computed by a Rust object that this Java object owns (see rust/src/hasher.rs): the model
 * for your own. Close it, best in try-with-resources; one never closed is freed by a Cleaner once unreachable.
 * Thread-safe: calls from several threads run one at a time. After {@link #close()} the other methods throw
 * {@link IllegalStateException}; closing again does nothing.
 */
public final class Hasher implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Handle handle = new Handle(Rust.hasherNew());
    private final Cleaner.Cleanable cleanable = CLEANER.register(this, handle);

    /** Adds the bytes to the hash, after those added before. */
    public Hasher update(byte[] data) {
        Objects.requireNonNull(data, "data");
        synchronized (handle) {
            Rust.hasherUpdate(handle.address(), data);
        }
        return this;
    }

    /** The hash of every byte added so far. */
    public long digest() {
        synchronized (handle) {
            return Rust.hasherDigest(handle.address());
        }
    }

    /** Frees the Rust object, once a call running on another thread has returned. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /**
     * The Rust object's address and its lock: every call holds it, and so does freeing, so the object is never freed
     * during a call. The Cleaner runs it, so it must not refer to the Hasher.
     */
    private static final class Handle implements Runnable {
        private long address; // guarded by this; 0 once freed

        Handle(long address) {
            this.address = address;
        }

        long address() {
            if (address == 0) {
                throw new IllegalStateException("Hasher is closed");
            }
            return address;
        }

        @Override
        public synchronized void run() {
            Rust.hasherFree(address);
            address = 0;
        }
    }
}
