package io.github.rustyjava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
    private static byte[] elf(int machine) {
        ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}).putShort(16, (short) 3).putShort(18, (short) machine);
        return header.array();
    }

    private static byte[] machO(int cpu) {
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putInt(0xfeedfacf).putInt(cpu).array();
    }

    private static byte[] pe(int machine) {
        ByteBuffer header = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        header.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, 0x80).putInt(0x80, 0x00004550).putShort(0x84, (short) machine);
        return header.array();
    }

    @Test
    void readsTheProcessorOfEachFormat() {
        assertEquals(Optional.of("x86_64"), Machine.of(elf(62)));
        assertEquals(Optional.of("aarch64"), Machine.of(elf(183)));
        assertEquals(Optional.of("x86_64"), Machine.of(machO(0x01000007)));
        assertEquals(Optional.of("aarch64"), Machine.of(machO(0x0100000c)));
        assertEquals(Optional.of("x86_64"), Machine.of(pe(0x8664)));
        assertEquals(Optional.of("aarch64"), Machine.of(pe(0xaa64)));
        assertEquals(Optional.of("ELF machine 40"), Machine.of(elf(40)));
    }

    @Test
    void saysNothingOfAFileWithoutAKnownHeader() {
        assertEquals(Optional.empty(), Machine.of("not a library".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), Machine.of(new byte[0]));
    }

    @Test
    void aLibraryOfAnotherProcessorIsNamedWithThePlatformItWouldBeFiledUnder(@TempDir Path folder) throws Exception {
        Path library = Files.write(folder.resolve("libx.so"), elf(62));
        assertEquals(Optional.empty(), Machine.mismatch(library, "linux-x86_64-musl"));
        assertEquals(Optional.of(library + " is built for x86_64, not for aarch64 as the platform linux-aarch64 needs"),
                Machine.mismatch(library, "linux-aarch64"));
    }
}
