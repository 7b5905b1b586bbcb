package bench.jni;

/**
 * The functions the benchmark calls through the generated glue ({@code Rust}, written by the plugin's build goal);
 * each is the function of the same name in rust/src/lib.rs.
 */
interface RustFunctions {
    /** {@code a + b}, wrapping: the smallest call, for the cost of the glue alone. */
    long add(long a, long b);

    /** How many bytes of {@code data} equal {@code value}: an array read in place. */
    long count(byte[] data, byte value);

    /** The text with its characters in reverse order: a string in, a string out. */
    String reverse(String text);
}
