package ${package};

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * This project's functions, each in Java and in Rust side by side ({@code f} and {@code fRust}); add yours in pairs.
 * The Rust ones call {@link Rust}, which reaches the functions of rust/src/lib.rs.
 */
public final class Core {
    private Core() {}

    /** {@code java -jar}: checks the jar on this machine by naming the platform, loading its library and calling Rust. */
    public static void main(String[] args) {
        System.out.println("platform: " + NativeLoader.platformKey());
        System.out.println("9000 + 1 in Rust: " + sumAsStringRust(9000, 1));
        System.out.println("loaded:   " + NativeLoader.loadedFrom().orElseThrow());
    }

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

    /** Reverses the text character by character (a surrogate pair is one character), in Java. */
    public static String reverse(String text) {
        return new StringBuilder(Objects.requireNonNull(text, "text")).reverse().toString();
    }

    /**
     * Reverses the text character by character, in Rust; a lone surrogate, which a Rust str cannot hold, throws
     * {@link IllegalArgumentException}.
     */
    public static String reverseRust(String text) {
        return Rust.reverse(text);
    }

    /** XORs each byte from the buffer's position to its limit with {@code key}, in place, in Java. */
    public static void xor(ByteBuffer buffer, byte key) {
        for (int i = buffer.position(); i < buffer.limit(); i++) {
            buffer.put(i, (byte) (buffer.get(i) ^ key));
        }
    }

    /**
     * XORs each byte from the buffer's position to its limit with {@code key}, in place, in Rust: the buffer must be
     * direct ({@link ByteBuffer#allocateDirect}), and no other thread may use it during the call.
     */
    public static void xorRust(ByteBuffer buffer, byte key) {
        Rust.xor(buffer, key);
    }

    /** How many bytes of each value {@code data} holds, in Java: element {@code b & 0xff} counts byte {@code b}. */
    public static int[] histogram(byte[] data) {
        int[] counts = new int[256];
        for (byte b : Objects.requireNonNull(data, "data")) {
            counts[b & 0xff]++;
        }
        return counts;
    }

    /** How many bytes of each value {@code data} holds, in Rust; the same contract as {@link #countRust}. */
    public static int[] histogramRust(byte[] data) {
        return Rust.histogram(data);
    }

    /** The 64-bit FNV-1a hash of {@code data}, in Java. */
    public static long fnv1a(byte[] data) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : Objects.requireNonNull(data, "data")) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /** The 64-bit FNV-1a hash of {@code data}, in Rust, through a {@link Hasher}, which also takes it in pieces. */
    public static long fnv1aRust(byte[] data) {
        try (Hasher hasher = Hasher.create()) {
            return hasher.update(data).digest();
        }
    }
}
