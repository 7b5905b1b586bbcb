package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each function of Core in Java and in Rust on the same inputs, named edge cases and random ones (RandomInputs): they
 * must agree, errors included. Then what Rust alone refuses: null, buffers it cannot write, text its str cannot hold.
 */
class CoreTest {
    // sumAsString: the exact sum, or ArithmeticException on both sides when it does not fit a long.

    record Sum(long a, long b) {}

    private static RandomInputs<Sum> sums() {
        return RandomInputs.of(CoreTest::randomSum, sum -> sum.a() + " + " + sum.b())
                .edgeCase("9000 + 1", new Sum(9000, 1))
                .edgeCase("MIN + MAX = -1", new Sum(Long.MIN_VALUE, Long.MAX_VALUE))
                .edgeCase("MAX - 1 + 1 = MAX", new Sum(Long.MAX_VALUE - 1, 1))
                .edgeCase("MIN + 1 - 1 = MIN", new Sum(Long.MIN_VALUE + 1, -1))
                .edgeCase("MAX + 1 overflows", new Sum(Long.MAX_VALUE, 1))
                .edgeCase("MIN - 1 overflows", new Sum(Long.MIN_VALUE, -1))
                .edgeCase("MIN + MIN overflows", new Sum(Long.MIN_VALUE, Long.MIN_VALUE))
                .edgeCase("MAX + MAX overflows", new Sum(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    /** Any two longs (a quarter of them overflow), or one within 1,000 of MAX or MIN and the other within 1,000 of 0. */
    private static Sum randomSum(SplittableRandom random) {
        int near = random.nextInt(3);
        long a = near == 0 ? random.nextLong() : near == 1 ? Long.MAX_VALUE - random.nextInt(1_000) : Long.MIN_VALUE + random.nextInt(1_000);
        long b = near == 0 ? random.nextLong() : random.nextInt(-1_000, 1_001);
        return random.nextBoolean() ? new Sum(a, b) : new Sum(b, a);
    }

    @Test
    void javaAndRustAgreeOnSums() {
        sums().check(sum -> {
            if (!overflows(sum)) {
                String exact = BigInteger.valueOf(sum.a()).add(BigInteger.valueOf(sum.b())).toString();
                assertEquals(exact, Core.sumAsString(sum.a(), sum.b()), "Java");
                assertEquals(exact, Core.sumAsStringRust(sum.a(), sum.b()), "Rust");
            } else {
                ArithmeticException java = assertThrows(ArithmeticException.class, () -> Core.sumAsString(sum.a(), sum.b()));
                ArithmeticException rust = assertThrows(ArithmeticException.class, () -> Core.sumAsStringRust(sum.a(), sum.b()));
                assertEquals(java.getMessage(), rust.getMessage());
            }
        });
    }

    /** Whether the exact sum, a BigInteger, lies outside the range of a long. */
    private static boolean overflows(Sum sum) {
        return BigInteger.valueOf(sum.a()).add(BigInteger.valueOf(sum.b())).bitLength() >= Long.SIZE;
    }

    @Test
    void randomSumsBothOverflowAndFit() {
        long[] outcomes = new long[2];
        sums().all().map(Named::getPayload).forEach(sum -> outcomes[overflows(sum) ? 1 : 0]++);
        // About a quarter overflow: under 10 of either would mean the generator no longer reaches the edges.
        assertTrue(outcomes[0] >= 10 && outcomes[1] >= 10, outcomes[0] + " sums fit and " + outcomes[1] + " overflow");
    }

    // count, histogram and the FNV-1a hash: arrays of any length, read in place by Rust.

    private static RandomInputs<byte[]> arrays() {
        byte[] oneValue = new byte[RandomInputs.MAX_SIZE];
        Arrays.fill(oneValue, (byte) -1);
        return RandomInputs.of(RandomInputs::bytes, data -> String.format("%,d bytes", data.length))
                .edgeCase("no bytes", new byte[0])
                .edgeCase("one byte", new byte[] {-128})
                .edgeCase("254 bytes: under one Rust chunk", filled(254))
                .edgeCase("255 bytes: one Rust chunk", filled(255))
                .edgeCase("256 bytes: one chunk and one byte", filled(256))
                .edgeCase("100,000 bytes, all -1", oneValue);
    }

    /** {@code size} bytes that run through every value. */
    private static byte[] filled(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    @Test
    void javaAndRustAgreeOnCounts() {
        arrays().check(data -> {
            // The first and the last byte's values, which occur, and one that may not: a count of zero is an answer too.
            byte first = data.length == 0 ? 0 : data[0];
            byte last = data.length == 0 ? 0 : data[data.length - 1];
            for (byte value : new byte[] {first, last, (byte) (data.length % 7 - 3)}) {
                assertEquals(Core.count(data, value), Core.countRust(data, value), "count of " + value);
            }
        });
    }

    @Test
    void javaAndRustAgreeOnHistograms() {
        arrays().check(data -> {
            int[] rust = Core.histogramRust(data);
            assertArrayEquals(Core.histogram(data), rust);
            assertEquals(data.length, Arrays.stream(rust).sum(), "every byte counted once");
        });
    }

    @Test
    void javaAndRustAgreeOnHashes() {
        arrays().check(data -> assertEquals(Core.fnv1a(data), Core.fnv1aRust(data)));
    }

    @Test
    void hashesAreFnv1a() {
        assertEquals(0xcbf29ce484222325L, Core.fnv1a(new byte[0]), "Java, no bytes");
        assertEquals(0xaf63dc4c8601ec8cL, Core.fnv1aRust(new byte[] {'a'}), "Rust, \"a\"");
    }

    // reverse: well-formed text agrees; text with a lone surrogate, which a Rust str cannot hold, is refused.

    @Test
    void javaAndRustAgreeOnText() {
        RandomInputs.of(RandomInputs::text, RandomInputs::describe)
                .edgeCase("no text", "")
                .edgeCase("one letter", "a")
                .edgeCase("one surrogate pair alone", "\uD83D\uDE00")
                .edgeCase("a pair between letters", "a\uD83D\uDE00b")
                .edgeCase("U+0000 in the middle", "a\u0000b")
                .edgeCase("a combining accent", "e\u0301t\u00E9")
                .edgeCase("U+FFFF, U+10000 and U+10FFFF", "\uFFFF\uD800\uDC00\uDBFF\uDFFF")
                .check(text -> {
                    assertEquals(-1, RandomInputs.firstLoneSurrogate(text), "the generator makes well-formed text");
                    assertEquals(Core.reverse(text), Core.reverseRust(text));
                });
    }

    @Test
    void rustRefusesALoneSurrogateAndNamesIt() {
        RandomInputs.of(RandomInputs::textWithLoneSurrogates, RandomInputs::describe)
                .edgeCase("a high one alone", "\uD800")
                .edgeCase("a high one at the end", "ab\uDBFF")
                .edgeCase("a low one at the start", "\uDC00ab")
                .edgeCase("a pair in the wrong order", "\uDC00\uD800")
                .edgeCase("a high one before a pair", "\uD800\uD83D\uDE00")
                .edgeCase("a high one after a pair", "\uD83D\uDE00\uD800")
                .edgeCase("a low one after a pair and a letter", "\uD83D\uDE00b\uDFFF")
                .check(text -> {
                    int index = RandomInputs.firstLoneSurrogate(text);
                    assertTrue(index >= 0, "the generator put a lone surrogate in the text");
                    IllegalArgumentException lone = assertThrows(IllegalArgumentException.class, () -> Core.reverseRust(text));
                    String expected = String.format("text: the unit at index %d (U+%04X) is a lone surrogate", index,
                            (int) text.charAt(index));
                    assertTrue(lone.getMessage().startsWith(expected), () -> "expected \"" + expected + "...\", got: " + lone.getMessage());
                });
    }

    // xor: a direct buffer written in place between its position and limit, in a slice too; nothing else changes.

    /** A direct buffer of {@code capacity} bytes, sliced {@code offset} bytes into a larger one, and its window. */
    record Window(int capacity, int offset, int position, int limit, byte key) {
        /** The larger buffer: the slice, with {@code offset} bytes before it and 8 after, all set from their index. */
        ByteBuffer whole() {
            ByteBuffer whole = ByteBuffer.allocateDirect(offset + capacity + 8);
            for (int i = 0; i < whole.capacity(); i++) {
                whole.put(i, (byte) (i * 131 + 17));
            }
            return whole;
        }

        ByteBuffer slice(ByteBuffer whole) {
            return whole.slice(offset, capacity).position(position).limit(limit);
        }
    }

    private static RandomInputs<Window> windows() {
        int max = RandomInputs.MAX_SIZE;
        return RandomInputs.of(CoreTest::randomWindow, window -> String.format("bytes %,d to %,d of %,d, %d into a larger"
                + " buffer, key %d", window.position(), window.limit(), window.capacity(), window.offset(), window.key()))
                .edgeCase("an empty buffer", new Window(0, 0, 0, 0, (byte) 0x5a))
                .edgeCase("position = limit = 0", new Window(1_000, 0, 0, 0, (byte) 0x5a))
                .edgeCase("position = limit = capacity", new Window(1_000, 0, 1_000, 1_000, (byte) 0x5a))
                .edgeCase("position = limit inside", new Window(1_000, 0, 500, 500, (byte) -1))
                .edgeCase("the first byte", new Window(1_000, 0, 0, 1, (byte) -1))
                .edgeCase("the last byte", new Window(1_000, 0, 999, 1_000, (byte) -1))
                .edgeCase("a slice 3 bytes in, all of it", new Window(1_000, 3, 0, 1_000, (byte) 1))
                .edgeCase("100,000 bytes", new Window(max, 0, 0, max, (byte) 0x5a));
    }

    /** Position and limit each at 0, at the capacity or anywhere between; half the buffers are slices of larger ones. */
    private static Window randomWindow(SplittableRandom random) {
        int capacity = RandomInputs.size(random, RandomInputs.MAX_SIZE);
        int[] ends = new int[2];
        for (int i = 0; i < 2; i++) {
            int edge = random.nextInt(4);
            ends[i] = edge == 0 ? 0 : edge == 1 ? capacity : random.nextInt(capacity + 1);
        }
        int offset = random.nextBoolean() ? 0 : random.nextInt(1, 64);
        return new Window(capacity, offset, Math.min(ends[0], ends[1]), Math.max(ends[0], ends[1]), (byte) random.nextInt(256));
    }

    @Test
    void javaAndRustAgreeOnXorInPlace() {
        windows().check(window -> {
            ByteBuffer javaWhole = window.whole();
            ByteBuffer rustWhole = window.whole();
            Core.xor(window.slice(javaWhole), window.key());
            ByteBuffer rust = window.slice(rustWhole);
            Core.xorRust(rust, window.key());
            assertEquals(window.position() + ".." + window.limit(), rust.position() + ".." + rust.limit(), "Rust moves neither");
            assertEquals(-1, javaWhole.mismatch(rustWhole), "the first byte where Rust's result differs from Java's");
            int changed = window.key() == 0 ? 0 : window.limit() - window.position();
            assertEquals(changed, countDifferences(window.whole(), rustWhole), "bytes Rust changed");
        });
    }

    private static int countDifferences(ByteBuffer a, ByteBuffer b) {
        int differences = 0;
        for (int i = 0; i < a.capacity(); i++) {
            differences += a.get(i) == b.get(i) ? 0 : 1;
        }
        return differences;
    }

    @Test
    void rustRefusesBuffersItCannotWriteInPlace() {
        ByteBuffer heap = ByteBuffer.allocate(8);
        IllegalArgumentException notDirect = assertThrows(IllegalArgumentException.class, () -> Core.xorRust(heap, (byte) 1));
        assertTrue(notDirect.getMessage().startsWith("buffer is a heap buffer"), notDirect.getMessage());
        ByteBuffer readOnly = ByteBuffer.allocateDirect(8).asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> Core.xor(readOnly, (byte) 1));
        IllegalArgumentException notWritable = assertThrows(IllegalArgumentException.class, () -> Core.xorRust(readOnly, (byte) 1));
        assertTrue(notWritable.getMessage().startsWith("buffer is read-only"), notWritable.getMessage());
    }

    // null: Java and Rust both throw NullPointerException with the parameter's name.

    @Test
    void javaAndRustNameTheNullArgument() {
        assertNullNamed("data", () -> Core.count(null, (byte) 0), () -> Core.countRust(null, (byte) 0));
        assertNullNamed("text", () -> Core.reverse(null), () -> Core.reverseRust(null));
        assertNullNamed("data", () -> Core.histogram(null), () -> Core.histogramRust(null));
        assertNullNamed("data", () -> Core.fnv1a(null), () -> Core.fnv1aRust(null));
        // Java's xor fails on buffer.position(), with the JDK's own message.
        assertEquals("buffer", assertThrows(NullPointerException.class, () -> Core.xorRust(null, (byte) 0)).getMessage(), "Rust");
    }

    private static void assertNullNamed(String parameter, Executable java, Executable rust) {
        assertEquals(parameter, assertThrows(NullPointerException.class, java).getMessage(), "Java");
        assertEquals(parameter, assertThrows(NullPointerException.class, rust).getMessage(), "Rust");
    }
}
