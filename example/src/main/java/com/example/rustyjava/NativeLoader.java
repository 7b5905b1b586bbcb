package com.example.rustyjava;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads this project's Rust library, once per class loader, from the first of:
 * <ol>
 *   <li>the file named by the system property {@value #LIBRARY_PROPERTY}, as given, with no fallback;
 *   <li>the copy bundled in the jar for this platform, extracted under its SHA-256 into a private cache folder
 *       ({@value #CACHE_DIR_PROPERTY}, else the first safe one of {@link NativeCache#cacheFolders()}) below folders
 *       that only root or this user can change, and reused by later runs while its size and CRC-32 are the jar's;
 *   <li>{@code java.library.path}.
 * </ol>
 * {@link NativePlatform} names the platform, {@link NativeCache} hands over a checked file, this class loads it. On the
 * way to a load, the code avoids {@code +} on strings, lambdas, EnumSet, SecureRandom, FileChannel and jar: URLs: each
 * wakes JDK machinery whose first use costs a fresh JVM milliseconds.
 */
public final class NativeLoader {
    /** The library's name: the crate's name in rust/Cargo.toml. */
    public static final String LIBRARY_NAME = "rusty_java";
    /** System property: a library file to load instead of the bundled one. */
    public static final String LIBRARY_PROPERTY = "com.example.rustyjava.native.library";
    /** System property: the folder to extract the bundled library into (default: a per-user folder in the temp folder). */
    public static final String CACHE_DIR_PROPERTY = "com.example.rustyjava.native.cacheDir";

    private static Path loadedFrom; // guarded by NativeLoader.class

    private NativeLoader() {}

    /** Loads the library unless this class loader already did; safe to call from many threads. */
    public static synchronized void load() {
        if (loadedFrom == null) {
            loadedFrom = load(platformKey());
        }
    }

    /** The library file this class loader loaded, or empty before {@link #load()} succeeded. */
    public static synchronized Optional<Path> loadedFrom() {
        return Optional.ofNullable(loadedFrom);
    }

    /** This machine's platform, as the jar's folders name it: {@code <os>-<arch>}, plus {@code -musl} on musl Linux. */
    public static String platformKey() {
        return NativePlatform.key();
    }

    /** The loading order for the given platform key; returns the file loaded. */
    static Path load(String platform) {
        String override = System.getProperty(LIBRARY_PROPERTY);
        if (override != null) {
            return loadOverride(platform, override);
        }

        String resource = NativeCache.resource(platform);
        NativeCache bundled;
        try {
            bundled = NativeCache.bundled(platform);
        } catch (IOException e) {
            throw failure(platform, List.of("in the jar: " + resource + ": " + e), e, "Check that the jar is intact.");
        }
        if (bundled != null) {
            try (bundled) {
                return loadBundled(platform, bundled);
            }
        }

        List<String> tried = new ArrayList<>();
        Throwable cause = null;
        tried.add("in the jar: " + resource + " (not there)");
        String libraryPath = System.getProperty("java.library.path", "");
        for (String dir : libraryPath.split(File.pathSeparator)) {
            try { // a malformed entry (a quote in a Windows PATH, say) is reported like any other failure
                Path file = Path.of(dir.isEmpty() ? "." : dir, NativeCache.FILE_NAME).toAbsolutePath();
                if (Files.isRegularFile(file)) {
                    return loadInThisClassLoader(file);
                }
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                tried.add(dir + File.separator + NativeCache.FILE_NAME + ": " + e);
                cause = e;
            }
        }
        if (cause == null) {
            tried.add("java.library.path (" + libraryPath + "): no " + NativeCache.FILE_NAME);
        }
        throw failure(platform, tried, cause, "Build the jar on " + platform + " (mvn package), or set -D"
                + LIBRARY_PROPERTY + "=/path/to/" + NativeCache.FILE_NAME + ".");
    }

    private static Path loadOverride(String platform, String override) {
        String problem;
        Throwable cause = null;
        try {
            Path file = Path.of(override).toAbsolutePath();
            if (Files.isRegularFile(file)) {
                return loadInThisClassLoader(file);
            }
            problem = (Files.exists(file) ? "not a regular file: " : "no such file: ") + file;
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            problem = e.getMessage();
            cause = e;
        }
        throw failure(platform, List.of("-D" + LIBRARY_PROPERTY + "=" + override + ": " + problem), cause,
                "Point -D" + LIBRARY_PROPERTY + " at a " + NativeCache.FILE_NAME + " built for " + platform
                        + ", or remove it to use the library bundled in the jar.");
    }

    private static Path loadBundled(String platform, NativeCache bundled) {
        List<String> tried = new ArrayList<>();
        String where = NativeCache.folderSetting();
        Throwable error;
        try {
            Path file = bundled.extract(tried);
            where = file.getParent().toString();
            return loadInThisClassLoader(file);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            error = e;
        }
        tried.add("in the jar: " + bundled.source + ", extracted to " + where + ": " + error);
        String fix = String.valueOf(error.getMessage()).matches("(?s).*(failed to map segment|Operation not permitted).*")
                ? where + " looks like a noexec file system: set -D" + CACHE_DIR_PROPERTY
                        + "=<a private folder that allows executables>."
                : "If " + where + " is not writable or is on a noexec file system, set -D" + CACHE_DIR_PROPERTY
                        + "=<a private folder that allows executables>.";
        throw failure(platform, tried, error, fix);
    }

    /**
     * Loads the file into this class loader, or a private copy of it when another class loader already holds it.
     * Both bindings load this way: JNI then binds the native methods, FFM opens the same file again for its functions.
     */
    private static Path loadInThisClassLoader(Path file) throws IOException {
        try {
            System.load(file.toString());
            return file;
        } catch (UnsatisfiedLinkError e) {
            if (!String.valueOf(e.getMessage()).contains("loaded in another classloader")) {
                throw e;
            }
        }
        // The JVM binds a library file to one class loader: this one needs a file of its own.
        try (NativeCache library = NativeCache.of(file)) {
            Path copy = library.privateCopy();
            System.load(copy.toString());
            return copy;
        }
    }

    private static UnsatisfiedLinkError failure(String platform, List<String> tried, Throwable cause, String fix) {
        Set<String> candidates = new LinkedHashSet<>(List.of(NativePlatform.KNOWN));
        candidates.add(platformKey());
        List<String> bundled = new ArrayList<>();
        for (String candidate : candidates) {
            String file = NativeCache.RESOURCE_DIR + candidate + "/" + NativePlatform.fileName(candidate, LIBRARY_NAME);
            if (NativeLoader.class.getClassLoader().getResource(file) != null) {
                bundled.add(candidate);
            }
        }
        // A JDK 24+ started with --illegal-native-access=deny: the fix is a java option, not a file.
        Module module = NativeLoader.class.getModule();
        String advice = cause instanceof IllegalCallerException
                ? "Native access is denied: pass --enable-native-access="
                        + (module.isNamed() ? module.getName() : "ALL-UNNAMED") + " to java; an executable jar grants"
                        + " it with Enable-Native-Access: ALL-UNNAMED in its manifest."
                : fix;
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("Cannot load the native library '" + LIBRARY_NAME
                + "' for platform " + platform + ".\nTried:\n  - " + String.join("\n  - ", tried)
                + "\nThe jar has the library for: " + (bundled.isEmpty() ? "no platform" : String.join(", ", bundled))
                + ".\nOverrides: -D" + LIBRARY_PROPERTY + "=<library file>, -D" + CACHE_DIR_PROPERTY
                + "=<extraction folder>.\n" + advice);
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }
}
