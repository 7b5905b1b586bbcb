package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each function of Core in Java and in Rust, on the same input: they must agree, errors included. */
class CoreTest {
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
        "9000, 1, 9001",
        "-5, 3, -2",
        "0, 0, 0",
        "-9223372036854775808, 9223372036854775807, -1",
        "9223372036854775806, 1, 9223372036854775807",
        "-9223372036854775807, -1, -9223372036854775808",
    })
    void javaAndRustAgree(long a, long b, String expected) {
        assertEquals(expected, Core.sumAsString(a, b), "Java");
        assertEquals(expected, Core.sumAsStringRust(a, b), "Rust");
    }

    @ParameterizedTest(name = "{0} + {1} overflows")
    @CsvSource({"9223372036854775807, 1", "-9223372036854775808, -1", "-9223372036854775808, -9223372036854775808"})
    void javaAndRustAgreeOnOverflow(long a, long b) {
        ArithmeticException java = assertThrows(ArithmeticException.class, () -> Core.sumAsString(a, b));
        ArithmeticException rust = assertThrows(ArithmeticException.class, () -> Core.sumAsStringRust(a, b));
        assertEquals(java.getMessage(), rust.getMessage());
        assertEquals("9001", Core.sumAsStringRust(9000, 1), "a native call after an exception");
    }

    @ParameterizedTest(name = "count of {1} in {0} bytes")
    @CsvSource({"0, 0", "1, 7", "254, -128", "255, 0", "256, 127", "1000003, -1"})
    void javaAndRustAgreeOnCounts(int size, byte value) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        assertEquals(Core.count(data, value), Core.countRust(data, value), "Java against Rust");
    }

    @Test
    void javaAndRustCountEveryByte() {
        byte[] data = new byte[70_000];
        Arrays.fill(data, (byte) -1);
        assertEquals(70_000, Core.count(data, (byte) -1), "Java");
        assertEquals(70_000, Core.countRust(data, (byte) -1), "Rust");
    }

    @Test
    void javaAndRustNameTheNullArgument() {
        NullPointerException java = assertThrows(NullPointerException.class, () -> Core.count(null, (byte) 0));
        NullPointerException rust = assertThrows(NullPointerException.class, () -> Core.countRust(null, (byte) 0));
        assertEquals("data", java.getMessage());
        assertEquals(java.getMessage(), rust.getMessage());
    }

    @ParameterizedTest(name = "reverse \"{0}\"")
    @ValueSource(strings = {"", "a", "abc", "été", "a\uD83D\uDE00b", "\u0000 in the middle"})
    void javaAndRustAgreeOnText(String text) {
        assertEquals(Core.reverse(text), Core.reverseRust(text));
    }

    @Test
    void rustTurnsALoneSurrogateIntoTheReplacementCharacter() {
        assertEquals("b\uD800a", Core.reverse("a\uD800b"), "Java keeps it");
        IllegalArgumentException lone = assertThrows(IllegalArgumentException.class, () -> Core.reverseRust("a\uD800b"));
        assertTrue(lone.getMessage().startsWith("text: the unit at index 1 (U+D800) is a lone surrogate"), lone.getMessage());
        NullPointerException e = assertThrows(NullPointerException.class, () -> Core.reverseRust(null));
        assertEquals("text", e.getMessage());
    }

    @ParameterizedTest(name = "xor of bytes {0} to {1}")
    @CsvSource({"0, 0", "0, 1", "3, 1000", "17, 70000"})
    void javaAndRustAgreeOnXorInPlace(int position, int limit) {
        ByteBuffer java = ByteBuffer.allocateDirect(70_000);
        ByteBuffer rust = ByteBuffer.allocateDirect(70_000);
        for (int i = 0; i < 70_000; i++) {
            java.put(i, (byte) i);
            rust.put(i, (byte) i);
        }
        java.position(position).limit(limit);
        rust.position(position).limit(limit);
        Core.xor(java, (byte) 0x5a);
        Core.xorRust(rust, (byte) 0x5a);
        assertEquals(position + ".." + limit, rust.position() + ".." + rust.limit(), "Rust moves neither");
        assertEquals(java.clear(), rust.clear(), "the whole buffer after Java and after Rust");
        assertEquals(position <= 3 && 3 < limit ? (byte) (3 ^ 0x5a) : (byte) 3, rust.get(3), "byte 3");
    }

    @Test
    void rustRefusesBuffersItCannotWriteInPlace() {
        ByteBuffer heap = ByteBuffer.allocate(8);
        IllegalArgumentException notDirect = assertThrows(IllegalArgumentException.class, () -> Core.xorRust(heap, (byte) 1));
        assertTrue(notDirect.getMessage().startsWith("buffer is a heap buffer"), notDirect.getMessage());
        ByteBuffer readOnly = ByteBuffer.allocateDirect(8).asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> Core.xor(readOnly, (byte) 1));
        assertThrows(IllegalArgumentException.class, () -> Core.xorRust(readOnly, (byte) 1));
    }

    @ParameterizedTest(name = "histogram of {0} bytes")
    @ValueSource(ints = {0, 1, 255, 1_000_003})
    void javaAndRustAgreeOnHistograms(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        int[] rust = Core.histogramRust(data);
        assertArrayEquals(Core.histogram(data), rust);
        assertEquals(size, Arrays.stream(rust).sum(), "every byte counted once");
    }

    @ParameterizedTest(name = "FNV-1a of {0} bytes")
    @ValueSource(ints = {0, 1, 1000, 1_000_003})
    void javaAndRustAgreeOnHashes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        assertEquals(Core.fnv1a(data), Core.fnv1aRust(data));
    }

    @Test
    void hashesAreFnv1a() {
        assertEquals(0xcbf29ce484222325L, Core.fnv1a(new byte[0]), "Java, no bytes");
        assertEquals(0xaf63dc4c8601ec8cL, Core.fnv1aRust(new byte[] {'a'}), "Rust, \"a\"");
    }
}
