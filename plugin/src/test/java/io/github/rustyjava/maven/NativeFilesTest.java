package io.github.rustyjava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeFilesTest {
    @TempDir
    Path dir;

    @Test
    void placesTheLibraryWithItsDigestAsSha256sumPrintsIt() throws IOException {
        Path built = Files.writeString(dir.resolve("libfast.so"), "abc");
        Path placed = dir.resolve("classes/com/acme/native/linux-x86_64/libfast.so");
        NativeFiles.place(built, placed);
        assertEquals("abc", Files.readString(placed));
        // sha256sum of "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  libfast.so\n",
                Files.readString(placed.resolveSibling("libfast.so.sha256")));
    }

    @Test
    void leavesAnUnchangedLibraryAndItsDigestUntouched() throws IOException {
        Path built = Files.writeString(dir.resolve("libfast.so"), "abc");
        Path placed = dir.resolve("out/libfast.so");
        NativeFiles.place(built, placed);
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(placed, old);
        Files.setLastModifiedTime(placed.resolveSibling("libfast.so.sha256"), old);
        NativeFiles.place(built, placed);
        assertEquals(old, Files.getLastModifiedTime(placed));
        assertEquals(old, Files.getLastModifiedTime(placed.resolveSibling("libfast.so.sha256")));
        Files.writeString(built, "abcd");
        NativeFiles.place(built, placed);
        assertEquals("abcd", Files.readString(placed));
        assertTrue(Files.readString(placed.resolveSibling("libfast.so.sha256")).startsWith("88d4266fd4e6338d"));
    }

    @Test
    void removesOnlyOtherPlatforms() throws IOException {
        Path folder = dir.resolve("native");
        Files.createDirectories(folder.resolve("linux-x86_64"));
        Files.createDirectories(folder.resolve("macos-aarch64"));
        Files.writeString(folder.resolve("macos-aarch64/libfast.dylib"), "x");
        assertTrue(Files.exists(folder.resolve("macos-aarch64")));
        NativeFiles.removePlatformsExcept(folder, List.of("linux-x86_64"));
        assertFalse(Files.exists(folder.resolve("macos-aarch64")));
        assertTrue(Files.exists(folder.resolve("linux-x86_64")));
    }
}
