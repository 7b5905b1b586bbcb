package com.example.rustyjava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeLoaderTest {
    @Test
    void libraryIsTheCopyBundledForThisPlatform() throws IOException {
        assertEquals("9001", Core.sumAsStringRust(9000, 1));
        String resource = NativeLoader.class.getPackageName().replace('.', '/') + "/native/"
                + NativeLoader.platformKey() + "/" + System.mapLibraryName(NativeLoader.LIBRARY_NAME);
        try (InputStream bundled = NativeLoader.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(bundled, "the build puts the library at " + resource);
            Path loaded = NativeLoader.loadedFrom().orElseThrow();
            assertArrayEquals(bundled.readAllBytes(), Files.readAllBytes(loaded), loaded + " is not the bundled library");
        }
    }

    @Test
    void platformKeysAreNormalised() {
        assertEquals("linux-x86_64", NativeLoader.platformKey("Linux", "amd64", false));
        assertEquals("linux-aarch64-musl", NativeLoader.platformKey("Linux", "aarch64", true));
        assertEquals("macos-aarch64", NativeLoader.platformKey("Mac OS X", "aarch64", false));
        assertEquals("macos-x86_64", NativeLoader.platformKey("Mac OS X", "x86_64", false));
        assertEquals("windows-x86_64", NativeLoader.platformKey("Windows 11", "amd64", true));
    }
}
