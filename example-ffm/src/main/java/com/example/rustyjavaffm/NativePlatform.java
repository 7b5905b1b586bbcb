package com.example.rustyjavaffm;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Locale;

/** Which platform this is, named as the jar's {@code native/<platform>/} folders are. */
final class NativePlatform {
    // The platforms a build can produce; an error lists which of them the jar holds.
    static final String[] KNOWN = {
        "linux-x86_64", "linux-aarch64", "linux-x86_64-musl", "linux-aarch64-musl",
        "macos-x86_64", "macos-aarch64", "windows-x86_64", "windows-aarch64"};

    private NativePlatform() {}

    /** This machine's key: {@code <os>-<arch>}, plus {@code -musl} on musl Linux. */
    static String key() {
        String os = System.getProperty("os.name");
        return key(os, System.getProperty("os.arch"), os.startsWith("Linux") && isMuslLibc());
    }

    static String key(String osName, String osArch, boolean musl) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            os = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            os = "macos";
        } else if (os.startsWith("windows")) {
            os = "windows";
        } else {
            os = os.replaceAll("[^a-z0-9]", "");
        }
        String arch = osArch.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64", "x86_64", "x86-64", "x64" -> arch = "x86_64";
            case "aarch64", "arm64" -> arch = "aarch64";
            default -> arch = arch.replaceAll("[^a-z0-9_]", "");
        }
        String key = os.concat("-").concat(arch);
        return musl && os.equals("linux") ? key.concat("-musl") : key;
    }

    /** The library's file name on a platform, for listing what a jar holds. */
    static String fileName(String platform, String library) {
        return platform.startsWith("windows-") ? library + ".dll"
                : platform.startsWith("macos-") ? "lib" + library + ".dylib"
                : "lib" + library + ".so";
    }

    /** The running JVM links its C library into its own process: musl shows up in the memory map. */
    private static boolean isMuslLibc() {
        try (FileInputStream in = new FileInputStream("/proc/self/maps")) {
            return mapsShowMusl(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return false; // no /proc: glibc is the safe guess
        }
    }

    /** Whether a memory map names musl's loader or C library ({@code .../ld-musl-...}, {@code .../libc.musl-...}). */
    static boolean mapsShowMusl(byte[] maps) {
        // "musl-" is rare in a map, so look for it first: a plain loop, quick before the JIT has compiled anything.
        for (int i = 0; i + 5 <= maps.length; i++) {
            if (maps[i] == 'm' && maps[i + 1] == 'u' && maps[i + 2] == 's' && maps[i + 3] == 'l' && maps[i + 4] == '-'
                    && (endsWith(maps, i, "/ld-") || endsWith(maps, i, "/libc."))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the bytes before {@code end} are the ASCII text {@code suffix}. */
    private static boolean endsWith(byte[] bytes, int end, String suffix) {
        int start = end - suffix.length();
        for (int i = 0; i < suffix.length(); i++) {
            if (start + i < 0 || bytes[start + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
