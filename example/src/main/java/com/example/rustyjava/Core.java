package com.example.rustyjava;

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
}
