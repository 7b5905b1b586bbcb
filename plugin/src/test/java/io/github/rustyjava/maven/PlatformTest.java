package io.github.rustyjava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void namesEachPlatformAsTheLoaderDoes() {
        assertEquals("linux-x86_64", Platform.key("Linux", "amd64", false));
        assertEquals("linux-aarch64-musl", Platform.key("Linux", "aarch64", true));
        assertEquals("macos-aarch64", Platform.key("Mac OS X", "aarch64", false));
        assertEquals("macos-x86_64", Platform.key("Darwin", "x86_64", true)); // musl only names Linux
        assertEquals("windows-x86_64", Platform.key("Windows 11", "amd64", false));
        assertEquals("windows-aarch64", Platform.key("Windows Server 2025", "arm64", false));
        assertEquals("freebsd-riscv64", Platform.key("FreeBSD", "riscv64", false));
        assertEquals("sunos-sparcv9", Platform.key("SunOS", "sparcv9", false));
    }

    @Test
    void everyDefaultPlatformIsAKeyTheLoaderCanProduce() {
        for (String platform : Platform.ALL.split(",")) {
            String[] parts = platform.split("-");
            String os = parts[0].equals("macos") ? "Mac OS X" : parts[0].equals("windows") ? "Windows 10" : "Linux";
            assertEquals(platform, Platform.key(os, parts[1], platform.endsWith("-musl")));
        }
    }

    @Test
    void libraryFileNamesFollowEachPlatform() {
        assertEquals("fast.dll", Platform.fileName("windows-aarch64", "fast"));
        assertEquals("libfast.dylib", Platform.fileName("macos-x86_64", "fast"));
        assertEquals("libfast.so", Platform.fileName("linux-x86_64-musl", "fast"));
    }

    @Test
    void onlyGlibcLinuxHasAGlibcFloor() {
        assertTrue(Platform.isGlibcLinux("linux-aarch64"));
        assertFalse(Platform.isGlibcLinux("linux-x86_64-musl"));
        assertFalse(Platform.isGlibcLinux("macos-aarch64"));
    }

    @Test
    void muslIsFoundByItsLoaderOrItsCLibraryInTheMemoryMap() {
        assertTrue(Platform.mapsShowMusl("7f00-7f10 r-xp 00000000 08:01 12 /lib/ld-musl-x86_64.so.1\n"));
        assertTrue(Platform.mapsShowMusl("7f00-7f10 r-xp 00000000 08:01 12 /usr/lib/libc.musl-aarch64.so.1\n"));
        assertFalse(Platform.mapsShowMusl("7f00-7f10 r-xp 00000000 08:01 12 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
                + "7f20-7f30 r--p 00000000 08:01 13 /home/musl-fan/notes.txt\n"));
    }
}
