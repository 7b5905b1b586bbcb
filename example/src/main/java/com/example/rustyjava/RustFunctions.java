package com.example.rustyjava;

import java.nio.ByteBuffer;

/**
 * The functions written in Rust. Each is a function of rust/src/lib.rs with the same name in snake_case, and the build
 * generates the class {@code Rust}, whose static methods call them: {@code Rust.count(data, value)}. Declare a function
 * here, write it in Rust, and build; a Rust function whose name or types differ from its declaration does not compile.
 * The types each side uses: README, Adding a function.
 */
interface RustFunctions {
    /** Formats the sum as text; ArithmeticException when it overflows a long. */
    String sumAsString(long a, long b);

    /** How many bytes of {@code data} equal {@code value}. */
    long count(byte[] data, byte value);

    /** The text with its characters in reverse order. */
    String reverse(String text);

    /** XORs each byte from the buffer's position to its limit with {@code key}, in place. */
    void xor(ByteBuffer buffer, byte key);

    /** How many bytes of each value {@code data} holds: element {@code b & 0xff} counts byte {@code b}. */
    int[] histogram(byte[] data);

    /** A new Rust hasher, owned by the Java object returned. */
    Hasher hasherNew();

    /** Adds the bytes to the hash. */
    void hasherUpdate(Hasher hasher, byte[] data);

    /** The hash of every byte added so far. */
    long hasherDigest(Hasher hasher);

    /** Panics in Rust with {@code id} in the message, for RustPanicTest. */
    void panicForTest(int id);
}
