package io.github.rustyjava.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The processor a library was built for, read from its ELF, Mach-O or PE header, so no library is filed under another's. */
final class Machine {
    private Machine() {}

    /** {@code x86_64} or {@code aarch64} as platform keys spell them, another name, or empty when the header says nothing (a universal Mach-O). */
    static Optional<String> of(byte[] header) {
        ByteBuffer little = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        if (header.length >= 20 && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F') {
            ByteBuffer elf = header[5] == 2 ? ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN) : little;
            int machine = Short.toUnsignedInt(elf.getShort(18));
            return Optional.of(machine == 62 ? "x86_64" : machine == 183 ? "aarch64" : "ELF machine " + machine);
        }
        if (header.length >= 8 && little.getInt(0) == 0xfeedfacf) {
            int cpu = little.getInt(4);
            return Optional.of(cpu == 0x01000007 ? "x86_64" : cpu == 0x0100000c ? "aarch64" : "Mach-O cpu " + cpu);
        }
        if (header.length >= 0x40 && header[0] == 'M' && header[1] == 'Z') {
            int pe = little.getInt(0x3c);
            if (pe >= 0 && pe + 6 <= header.length && little.getInt(pe) == 0x00004550) {
                int machine = Short.toUnsignedInt(little.getShort(pe + 4));
                return Optional.of(machine == 0x8664 ? "x86_64" : machine == 0xaa64 ? "aarch64"
                        : "PE machine 0x" + Integer.toHexString(machine));
            }
        }
        return Optional.empty();
    }

    /** The architecture a platform key names: {@code linux-aarch64-musl} gives {@code aarch64}. */
    static String arch(String platform) {
        String[] parts = platform.split("-");
        return parts.length > 1 ? parts[1] : platform;
    }

    /** Why the library cannot go under this platform's folder, or empty when its header agrees (or says nothing). */
    static Optional<String> mismatch(Path library, String platform) throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(library)) {
            header = in.readNBytes(4096);
        }
        String wanted = arch(platform);
        return of(header).filter(built -> !built.equals(wanted)).map(built -> library + " is built for " + built
                + ", not for " + wanted + " as the platform " + platform + " needs");
    }
}
