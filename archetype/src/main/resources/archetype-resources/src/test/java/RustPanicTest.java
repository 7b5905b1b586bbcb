package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RustPanicTest {
    @Test
    void rustPanicBecomesRuntimeExceptionAndLaterCallsWork() {
        for (int call = 1; call <= 3; call++) {
            RuntimeException e = assertThrows(RuntimeException.class, Rust::panicForTest, "panic " + call);
            assertEquals("Rust panic: deliberate panic for the tests", e.getMessage());
            assertEquals("9001", Core.sumAsStringRust(9000, 1), "a native call after panic " + call);
        }
    }
}
