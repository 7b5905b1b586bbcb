package bench.jni;

/**
 * Each benchmarked call, public so bench/ffm-call can run the JNI ones beside FFM: the three functions through the
 * generated glue, and the raw floors exported by hand from the same crate (rust/src/lib.rs).
 */
public final class Calls {
    static {
        NativeLoader.load();
    }

    private Calls() {}

    /** {@code add} through the generated glue. */
    public static long add(long a, long b) {
        return Rust.add(a, b);
    }

    /** {@code count} through the generated glue. */
    public static long count(byte[] data, byte value) {
        return Rust.count(data, value);
    }

    /** {@code reverse} through the generated glue. */
    public static String reverse(String text) {
        return Rust.reverse(text);
    }

    /** The floor: a bare {@code extern "system"} function adding two longs. */
    public static native long addRaw(long a, long b);

    /** The floor of an array call: pins {@code data} (GetPrimitiveArrayCritical), counts, releases. */
    public static native long countRaw(byte[] data, byte value);

    /** Keeps {@code text} in Rust for {@link #reverseInRust}. */
    public static native void reverseInRustSetup(String text);

    /** Reverses the kept text {@code iterations} times inside Rust; returns the last result's length in UTF-8 bytes. */
    public static native long reverseInRust(int iterations);
}
