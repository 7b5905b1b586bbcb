package com.example.rustyjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
