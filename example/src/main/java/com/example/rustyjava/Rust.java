package com.example.rustyjava;

/** The native methods, implemented in rust/src/lib.rs; the first call loads the library. */
final class Rust {
    static {
        NativeLoader.load();
    }

    private Rust() {}

    static native String sumAsString(long a, long b);

    static native long count(byte[] data, byte value);

    /** Panics in Rust; the tests call it to check that a panic becomes a {@link RuntimeException}. */
    static native void panicForTest();
}
