package PACKAGE;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each shape of RustFunctions.java, called through the generated Rust class, returns what rust/src/lib.rs computes. */
class ShapesTest {
    @Test
    void primitives() {
        assertEquals(false, Rust.flip(true));
        assertEquals(true, Rust.flip(false));
        assertEquals((byte) -128, Rust.nextByte((byte) 127));
        assertEquals((byte) 1, Rust.nextByte((byte) 0));
        assertEquals((short) -1234, Rust.negateShort((short) 1234));
        assertEquals(Short.MIN_VALUE, Rust.negateShort(Short.MIN_VALUE));
        assertEquals('Q', Rust.upperChar('q'));
        assertEquals('\u00e9', Rust.upperChar('\u00e9'));
        assertEquals('\uffff', Rust.upperChar('\uffff'), "char is unsigned: u16");
        assertEquals(-2, Rust.twice(Integer.MAX_VALUE));
        assertEquals(84, Rust.twice(42));
        assertEquals(10_000_000_000L, Rust.square(100_000L));
        assertEquals(1.25f, Rust.half(2.5f));
        assertEquals(5.0, Rust.hypot(3.0, 4.0));
        // 1 + 2*-3 + 3*-300 + 5*65535 + 7*-70000 + 11*2^40 + 13*0.5 + 17*0.25
        double expected = 1 - 6 - 900 + 5 * 65535.0 - 490000 + 11 * (double) (1L << 40) + 6.5 + 4.25;
        assertEquals(expected, Rust.mix(true, (byte) -3, (short) -300, '\uffff', -70000, 1L << 40, 0.5f, 0.25));
    }

    @Test
    void strings() {
        assertEquals("Hello, Zoë 😀!", Rust.greet("Zoë 😀"));
        assertEquals("Hello, !", Rust.greet(""));
        assertEquals("größer", Rust.firstWord("  größer als  "));
        assertEquals("", Rust.firstWord("   "));
        assertEquals("Hello", Rust.greeting());
        assertEquals("HTTP/1.1", Rust.parseHTTPVersion("GET / HTTP/1.1"));
        assertThrows(NullPointerException.class, () -> Rust.greet(null));
        IllegalArgumentException surrogate = assertThrows(IllegalArgumentException.class, () -> Rust.greet("a\ud800"));
        assertEquals(true, surrogate.getMessage().startsWith("name: the unit at index 1 (U+D800) is a lone surrogate"),
                surrogate.getMessage());
    }

    @Test
    void stringArrays() {
        assertArrayEquals(new String[] {"ÄPFEL", "", "😀X"}, Rust.upperAll(new String[] {"äpfel", "", "😀x"}));
        assertArrayEquals(new String[0], Rust.upperAll(new String[0]));
        assertArrayEquals(new String[] {"one", "zwei", "três"}, Rust.splitWords(" one zwei\ttrês "));
        assertArrayEquals(new String[0], Rust.splitWords(""));
        assertEquals(6, Rust.totalLength(new String[] {"ab", "", "cdé", "😀"}), "chars, as Rust counts them");
        assertThrows(NullPointerException.class, () -> Rust.upperAll(new String[] {"a", null}));
    }

    @Test
    void twoHundredThousandStrings() {
        String[] words = IntStream.range(0, 200_000).mapToObj(i -> "w" + i + (i % 7 == 0 ? "é" : "")).toArray(String[]::new);
        String[] upper = Rust.upperAll(words);
        assertEquals(words.length, upper.length);
        for (int i = 0; i < words.length; i++) {
            assertEquals(words[i].toUpperCase(Locale.ROOT), upper[i], "element " + i);
        }
        assertEquals(Arrays.stream(words).mapToLong(String::length).sum(), Rust.totalLength(words));
        String joined = String.join(" ", words);
        assertArrayEquals(words, Rust.splitWords(joined));
    }

    @Test
    void primitiveArrays() {
        assertArrayEquals(new byte[] {3, -1, 1}, Rust.reverseBytes(new byte[] {1, -1, 3}));
        assertArrayEquals(new byte[0], Rust.reverseBytes(new byte[0]));
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Rust.magic());
        assertArrayEquals(new int[] {1, 3, 6, Integer.MIN_VALUE + 5}, Rust.prefixSums(new int[] {1, 2, 3, Integer.MAX_VALUE}));
        assertArrayEquals(new int[] {-7, 12}, Rust.minMax(new int[] {3, -7, 12, 0}));
        assertArrayEquals(new byte[] {1, 2}, Rust.header(new byte[] {1, 2, 3}, 2));
        assertArrayEquals(new byte[] {1, 2, 3}, Rust.header(new byte[] {1, 2, 3}, 9));
        assertEquals("ab", Rust.asciiPrefix(new byte[] {'a', 'b', (byte) 0xc3, (byte) 0xa9}));
        assertArrayEquals(new long[] {1, 2, 4, 8}, Rust.powersOfTwo(4));
        assertEquals(1L << 62, Rust.powersOfTwo(100)[62]);
        assertArrayEquals(new long[0], Rust.powersOfTwo(-1));
        assertArrayEquals(new long[] {9, 10_000_000_000L}, Rust.squares(new long[] {-3, 100_000}));
        assertArrayEquals(new double[] {-1.5, 0.0, 3.0}, Rust.scale(new double[] {-0.5, 0.0, 1.0}, 3.0));
        assertArrayEquals(new double[] {-2.0, 4.0, 1.0}, Rust.stats(new double[] {4.0, -2.0, 1.0}));
        int[] big = IntStream.range(0, 1_000_000).toArray();
        int[] sums = Rust.prefixSums(big);
        assertEquals(499_999_500_000L % (1L << 32), Integer.toUnsignedLong(sums[999_999]));
        assertThrows(NullPointerException.class, () -> Rust.reverseBytes(null));
    }

    @Test
    void byteBufferFromPositionToLimit() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(16);
        buffer.put("Hello, World! ab".getBytes(StandardCharsets.US_ASCII));
        buffer.position(7).limit(14);
        assertEquals(5, Rust.rot13(buffer));
        assertEquals(7, buffer.position(), "the position stays");
        byte[] all = new byte[16];
        buffer.clear().get(all);
        assertEquals("Hello, Jbeyq! ab", new String(all, StandardCharsets.US_ASCII));
        assertThrows(IllegalArgumentException.class, () -> Rust.rot13(ByteBuffer.allocate(4)));
        assertThrows(IllegalArgumentException.class, () -> Rust.rot13(ByteBuffer.allocateDirect(4).asReadOnlyBuffer()));
        assertEquals(0, Rust.rot13(ByteBuffer.allocateDirect(0)));
        ByteBuffer whole = ByteBuffer.allocateDirect(8);
        whole.put(0, (byte) 7);
        ByteBuffer other = ByteBuffer.allocateDirect(8);
        assertEquals(8, Rust.copyInto(other, whole));
        assertEquals(7, other.get(0));
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
                () -> Rust.copyInto(whole.slice(0, 4), whole.slice(3, 4)));
        assertEquals("target and source share memory, and Rust takes each as its own &mut [u8]: pass buffers that do not"
                + " overlap", shared.getMessage());
        assertEquals(4, Rust.copyInto(whole.slice(0, 4), whole.slice(4, 4)), "adjacent windows do not overlap");
    }

    @Test
    void resultsBecomeExceptions() {
        assertEquals(42, Rust.parsePercent("42%"));
        ShapeException custom = assertThrows(ShapeException.class, () -> Rust.parsePercent("142%"));
        assertEquals("'142%' is not a percentage from 0% to 100%", custom.getMessage());
        assertEquals(6, Rust.checkedSum(new long[] {1, 2, 3}));
        ArithmeticException overflow = assertThrows(ArithmeticException.class, () -> Rust.checkedSum(new long[] {Long.MAX_VALUE, 1}));
        assertEquals("long overflow", overflow.getMessage());
        Rust.requireNonNegative(0);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> Rust.requireNonNegative(-4));
        assertEquals("-4 is negative", negative.getMessage());
        assertArrayEquals(new double[] {2.0, 0.5}, Rust.sqrtAll(new double[] {4.0, 0.25}));
        assertThrows(IllegalArgumentException.class, () -> Rust.sqrtAll(new double[] {1.0, -1.0}));
    }

    @Test
    void rustObjects() {
        Tally b = Rust.tallyNew(0);
        try (Tally a = Rust.tallyNew(10)) {
            Rust.tallyAdd(a, 5);
            Rust.tallyAdd(b, -3);
            assertEquals(15, Rust.tallyTotal(a));
            Rust.tallyMerge(a, b);
            assertEquals(12, Rust.tallyTotal(a));
            assertEquals(-3, Rust.tallyTotal(b));
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> Rust.tallyMerge(a, a));
            assertEquals(true, twice.getMessage().startsWith("One Tally is passed twice"), twice.getMessage());
            b.close();
            assertThrows(IllegalStateException.class, () -> Rust.tallyTotal(b));
        }
        ShapeException negative = assertThrows(ShapeException.class, () -> Rust.tallyNew(-1));
        assertEquals("a tally cannot start at -1", negative.getMessage());
        assertThrows(IllegalStateException.class, () -> Rust.tallyTotal(new Tally()));
    }

    @Test
    void everythingInOneCall() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(8).position(2).limit(5);
        try (Tally tally = Rust.tallyNew(0)) {
            // (4 chars + 3 bytes + 2 words + 3 buffer bytes + 2 ints) * 2.5 + (100 + 200)
            assertEquals(35 + 300, Rust.weave("äbcd", new byte[3], new String[] {"x", "y"}, buffer, tally, new int[] {100, 200}, 2.5));
            assertEquals(1, Rust.tallyTotal(tally));
        }
        buffer.clear();
        assertEquals((byte) 'w', buffer.get(2));
        assertEquals((byte) 'w', buffer.get(4));
        assertEquals(0, buffer.get(1));
        assertEquals(0, buffer.get(5));
    }

    @Test
    void reservedWords() {
        assertEquals(34, Rust.move(3, 4));
    }
}
