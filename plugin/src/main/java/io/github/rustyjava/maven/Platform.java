package io.github.rustyjava.maven;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Platform keys as the generated NativePlatform names them: the jar's {@code native/<platform>/} folders. */
final class Platform {
    /** Every platform a generated project's CI builds: the default of {@code native.platforms}. */
    static final String ALL = "linux-x86_64,linux-aarch64,linux-x86_64-musl,linux-aarch64-musl,"
            + "macos-x86_64,macos-aarch64,windows-x86_64,windows-aarch64";

    private Platform() {}

    /** The key of the machine Maven runs on: {@code <os>-<arch>}, plus {@code -musl} on musl Linux. */
    static String current() {
        String os = System.getProperty("os.name");
        return key(os, System.getProperty("os.arch"), os.startsWith("Linux") && isMusl());
    }

    /** The key for an {@code os.name} and {@code os.arch}, spelled exactly as the generated loader spells it. */
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
        String key = os + "-" + arch;
        return musl && os.equals("linux") ? key + "-musl" : key;
    }

    /** The library's file name on a platform: {@code name.dll}, {@code libname.dylib} or {@code libname.so}. */
    static String fileName(String platform, String library) {
        return platform.startsWith("windows-") ? library + ".dll"
                : platform.startsWith("macos-") ? "lib" + library + ".dylib"
                : "lib" + library + ".so";
    }

    /** Whether the platform's library links against glibc, whose symbol versions a floor can limit. */
    static boolean isGlibcLinux(String platform) {
        return platform.startsWith("linux-") && !platform.endsWith("-musl");
    }

    /** The JVM maps its C library into its own process: musl shows up in the memory map. */
    private static boolean isMusl() {
        try (FileInputStream in = new FileInputStream("/proc/self/maps")) {
            return mapsShowMusl(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return false; // no /proc: glibc is the safe guess
        }
    }

    /** Whether a memory map names musl's loader or C library ({@code .../ld-musl-...}, {@code .../libc.musl-...}). */
    static boolean mapsShowMusl(String maps) {
        return maps.contains("/ld-musl-") || maps.contains("/libc.musl-");
    }
}
