package com.example.rustyjava;

import java.util.Objects;

/** This project's functions, each written in Java and in Rust side by side; add yours in pairs. */
public final class Core {
    private Core() {}

    /** Formats the sum of two numbers as string, in Java; throws {@link ArithmeticException} on overflow. */
    public static String sumAsString(long a, long b) {
        return Long.toString(Math.addExact(a, b));
    }

    /** Formats the sum of two numbers as string, in Rust; throws {@link ArithmeticException} on overflow. */
    public static String sumAsStringRust(long a, long b) {
        return Rust.sumAsString(a, b);
    }

    /** Counts the bytes in {@code data} equal to {@code value}, in Java. */
    public static long count(byte[] data, byte value) {
        long count = 0;
        for (byte b : Objects.requireNonNull(data, "data")) {
            if (b == value) {
                count++;
            }
        }
        return count;
    }

    /**
     * Counts the bytes in {@code data} equal to {@code value}, in Rust, which reads the array in place: no other
     * thread may write to {@code data} during the call, and the JVM may hold off garbage collection until it returns.
     */
    public static long countRust(byte[] data, byte value) {
        return Rust.count(data, value);
    }
}
