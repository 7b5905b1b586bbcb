package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
