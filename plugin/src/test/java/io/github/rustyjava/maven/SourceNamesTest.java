package io.github.rustyjava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceNamesTest {
    @Test
    void anAsciiLocaleCannotNameANonAsciiPackage() {
        List<String> paths = List.of("/work/p/src/main/java", "org/Größe/native");
        assertEquals(Optional.of("org/Größe/native"), SourceNames.unnameable("ANSI_X3.4-1968", paths));
        assertEquals(Optional.empty(), SourceNames.unnameable("UTF-8", paths));
        assertEquals(Optional.empty(), SourceNames.unnameable("ANSI_X3.4-1968", List.of("com/acme/native")));
    }

    @Test
    void anUnknownEncodingIsNotJudged() {
        assertEquals(Optional.empty(), SourceNames.unnameable("no-such-charset", List.of("org/Größe")));
    }

    @Test
    void theFailureNamesTheLocaleAndTheFix() {
        assertEquals("Java cannot name the files under org/Größe/native: this JVM spells file names in ANSI_X3.4-1968"
                + " (sun.jnu.encoding; LANG is unset), so javac would see no sources and the jar would hold no classes."
                + " Fix: run Maven under a UTF-8 locale, e.g. LANG=C.UTF-8 mvn verify (or export LANG=C.UTF-8).",
                SourceNames.failure("org/Größe/native", "ANSI_X3.4-1968", null));
    }
}
