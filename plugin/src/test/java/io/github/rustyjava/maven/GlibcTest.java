package io.github.rustyjava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlibcTest {
    // Lines as objdump -T prints them for a Rust cdylib.
    private static final String OBJDUMP = """
            0000000000000000      DF *UND*	0000000000000000 (GLIBC_2.2.5) memcpy
            0000000000000000      DF *UND*	0000000000000000 (GLIBC_2.14)  memcpy
            0000000000000000      DF *UND*	0000000000000000 (GLIBC_2.34)  __libc_start_main
            0000000000000000      DF *UND*	0000000000000000 (GLIBC_2.18)  __cxa_thread_atexit_impl
            0000000000001234 g    DF .text	0000000000000042  Base        Java_com_acme_Rust_sum
            """;

    @Test
    void namesEachSymbolNewerThanTheFloor() {
        assertEquals(List.of("__libc_start_main (GLIBC_2.34)", "__cxa_thread_atexit_impl (GLIBC_2.18)"),
                Glibc.tooNew(OBJDUMP, "2.17"));
        assertEquals(List.of("__libc_start_main (GLIBC_2.34)"), Glibc.tooNew(OBJDUMP, "2.18"));
        assertEquals(List.of(), Glibc.tooNew(OBJDUMP, "2.34"));
    }

    @Test
    void comparesVersionsNumberByNumber() {
        assertTrue(Glibc.compare("2.9", "2.17") < 0);
        assertTrue(Glibc.compare("2.17.1", "2.17") > 0);
        assertEquals(0, Glibc.compare("2.17", "2.17"));
    }

    @Test
    void aFloorIsADottedVersion() {
        assertTrue(Glibc.isVersion("2.17"));
        assertFalse(Glibc.isVersion("2.17-manylinux"));
        assertFalse(Glibc.isVersion(""));
    }
}
