package ${package};

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Loads this project's Rust library, once per class loader, from the first of:
 * <ol>
 *   <li>the file named by the system property {@value #LIBRARY_PROPERTY}, as given, with no fallback;
 *   <li>the copy bundled in the jar for this platform, extracted into a private cache folder
 *       ({@value #CACHE_DIR_PROPERTY}) under a name made from its content hash, and reused by later runs;
 *   <li>{@code java.library.path}.
 * </ol>
 */
public final class NativeLoader {
    /** The library's name: the crate's name in rust/Cargo.toml. */
    public static final String LIBRARY_NAME = "${libraryName}";
    /** System property: a library file to load instead of the bundled one. */
    public static final String LIBRARY_PROPERTY = "${package}.native.library";
    /** System property: the folder to extract the bundled library into (default: a per-user temp folder). */
    public static final String CACHE_DIR_PROPERTY = "${package}.native.cacheDir";

    private static final String RESOURCE_DIR = "${packageInPathFormat}/native/";
    private static final List<String> KNOWN_PLATFORMS = List.of(
            "linux-x86_64", "linux-aarch64", "linux-x86_64-musl", "linux-aarch64-musl",
            "macos-x86_64", "macos-aarch64", "windows-x86_64", "windows-aarch64");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static Path loadedFrom; // guarded by NativeLoader.class

    private NativeLoader() {}

    /** Loads the library unless this class loader already did; safe to call from many threads. */
    public static synchronized void load() {
        if (loadedFrom == null) {
            loadedFrom = loadFirstAvailable(platformKey());
        }
    }

    /** The library file this class loader loaded, or empty before {@link #load()} succeeded. */
    public static synchronized Optional<Path> loadedFrom() {
        return Optional.ofNullable(loadedFrom);
    }

    /** This machine's platform, as the jar's folders name it: {@code <os>-<arch>}, plus {@code -musl} on musl Linux. */
    public static String platformKey() {
        return platformKey(System.getProperty("os.name"), System.getProperty("os.arch"), isMuslLibc());
    }

    static String platformKey(String osName, String osArch, boolean musl) {
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
        return os + "-" + arch + (musl && os.equals("linux") ? "-musl" : "");
    }

    /** The running JVM links its C library into its own process: musl shows up in the memory map. */
    private static boolean isMuslLibc() {
        Path maps = Path.of("/proc/self/maps");
        try (var lines = Files.lines(maps)) {
            return lines.anyMatch(line -> line.contains("/ld-musl-") || line.contains("/libc.musl-"));
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or no /proc: glibc is the safe guess
        }
    }

    private static Path loadFirstAvailable(String platform) {
        String fileName = System.mapLibraryName(LIBRARY_NAME);
        String override = System.getProperty(LIBRARY_PROPERTY);
        if (override != null) {
            Path file = Path.of(override).toAbsolutePath();
            try {
                System.load(file.toString());
                return file;
            } catch (UnsatisfiedLinkError e) {
                throw failure(platform, List.of("-D" + LIBRARY_PROPERTY + "=" + override + ": " + e.getMessage()),
                        "Point -D" + LIBRARY_PROPERTY + " at a " + fileName + " built for " + platform
                                + ", or remove it to use the library bundled in the jar.");
            }
        }

        List<String> tried = new ArrayList<>();
        String resource = RESOURCE_DIR + platform + "/" + fileName;
        byte[] bundled = readResource(resource);
        if (bundled != null) {
            return loadBundled(platform, resource, bundled);
        }
        tried.add("in the jar: " + resource + " (not there)");

        String libraryPath = System.getProperty("java.library.path", "");
        for (String dir : libraryPath.split(File.pathSeparator)) {
            Path file = Path.of(dir.isEmpty() ? "." : dir, fileName).toAbsolutePath();
            if (Files.isRegularFile(file)) {
                try {
                    System.load(file.toString());
                    return file;
                } catch (UnsatisfiedLinkError e) {
                    tried.add(file + ": " + e.getMessage());
                }
            }
        }
        tried.add("java.library.path (" + libraryPath + "): no " + fileName);
        throw failure(platform, tried, "Build the jar on " + platform + " (mvn package), or set -D"
                + LIBRARY_PROPERTY + "=/path/to/" + fileName + ".");
    }

    private static Path loadBundled(String platform, String resource, byte[] bytes) {
        String fileName = System.mapLibraryName(LIBRARY_NAME);
        Path cacheDir = null;
        try {
            CacheDir cache = privateCacheDir();
            cacheDir = cache.path();
            Path file = extract(cacheDir, sha256(bytes).substring(0, 32) + "-" + fileName, bytes);
            try {
                System.load(file.toString());
                return file;
            } catch (UnsatisfiedLinkError e) {
                if (!String.valueOf(e.getMessage()).contains("already loaded in another classloader")) {
                    throw e;
                }
                // The JVM binds a library file to one class loader: give this one its own copy.
                Path copy = Files.createTempFile(cacheDir, "classloader-", "-" + fileName);
                Files.write(copy, bytes);
                System.load(copy.toString());
                deleteIfUnixLike(copy);
                return copy;
            } finally {
                if (!cache.reusable()) {
                    deleteIfUnixLike(file); // a one-off folder: nothing to reuse, so leave nothing behind
                    deleteIfUnixLike(cacheDir);
                }
            }
        } catch (IOException | UnsatisfiedLinkError e) {
            String where = cacheDir == null ? "the cache folder" : cacheDir.toString();
            throw failure(platform, List.of("in the jar: " + resource + ", extracted to " + where + ": " + e),
                    "If " + where + " is on a noexec file system or not writable, set -D" + CACHE_DIR_PROPERTY
                            + "=<a private folder that allows executables>.");
        }
    }

    /**
     * The folder named by {@value #CACHE_DIR_PROPERTY}, else {@code <java.io.tmpdir>/<library>-<user>}, when only
     * this user can write to it; otherwise a fresh owner-only folder inside it, used once.
     */
    private static CacheDir privateCacheDir() throws IOException {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        Path dir = configured != null
                ? Path.of(configured).toAbsolutePath()
                : Path.of(System.getProperty("java.io.tmpdir"), LIBRARY_NAME + "-cache-" + userTag()).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                if (isPosix(dir.getParent())) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException raced) {
                // another thread or process made it first: checked below like any existing folder
            }
        }
        if (isWritableByOthers(dir)) {
            Path base = Files.isDirectory(dir) ? dir : dir.getParent();
            return new CacheDir(Files.createTempDirectory(base, LIBRARY_NAME + "-once-"), false); // owner-only on POSIX
        }
        return new CacheDir(dir, true);
    }

    private record CacheDir(Path path, boolean reusable) {}

    /** True when the folder is a link, or someone but its owner (this user) may change what is in it. */
    private static boolean isWritableByOthers(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!isPosix(dir)) {
            return false; // Windows: the default temp folder is already per user
        }
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = attributes.permissions();
        String me = System.getProperty("user.name");
        boolean mine;
        try {
            mine = attributes.owner().equals(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(me));
        } catch (IOException e) {
            mine = false;
        }
        return !mine
                || permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** Writes the bytes under a unique name, then moves them into place in one step: no reader sees half a file. */
    private static Path extract(Path dir, String name, byte[] bytes) throws IOException {
        Path target = dir.resolve(name);
        if (hasContent(target, bytes)) {
            return target;
        }
        Path partial = Files.createTempFile(dir, name + "-", ".partial");
        try {
            Files.write(partial, bytes);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // Windows cannot replace a file another process has loaded: fine if that file is already right.
                if (!hasContent(target, bytes)) {
                    throw e;
                }
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        if (!hasContent(target, bytes)) {
            throw new IOException(target + " changed while it was being written; is another program writing to "
                    + dir + "?");
        }
        return target;
    }

    private static boolean hasContent(Path file, byte[] bytes) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.size(file) == bytes.length
                && Arrays.equals(Files.readAllBytes(file), bytes);
    }

    private static byte[] readResource(String resource) {
        try (InputStream in = NativeLoader.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource + " from the jar", e);
        }
    }

    private static UnsatisfiedLinkError failure(String platform, List<String> tried, String fix) {
        List<String> bundled = new ArrayList<>();
        for (String candidate : KNOWN_PLATFORMS) {
            String os = candidate.substring(0, candidate.indexOf('-'));
            String file = switch (os) {
                case "windows" -> LIBRARY_NAME + ".dll";
                case "macos" -> "lib" + LIBRARY_NAME + ".dylib";
                default -> "lib" + LIBRARY_NAME + ".so";
            };
            if (NativeLoader.class.getClassLoader().getResource(RESOURCE_DIR + candidate + "/" + file) != null) {
                bundled.add(candidate);
            }
        }
        return new UnsatisfiedLinkError("Cannot load the native library '" + LIBRARY_NAME + "' for platform "
                + platform + ".\nTried:\n  - " + String.join("\n  - ", tried)
                + "\nThe jar has the library for: " + (bundled.isEmpty() ? "no platform" : String.join(", ", bundled))
                + ".\nOverrides: -D" + LIBRARY_PROPERTY + "=<library file>, -D" + CACHE_DIR_PROPERTY
                + "=<extraction folder>.\n" + fix);
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static void deleteIfUnixLike(Path path) {
        try {
            if (isPosix(path)) {
                Files.deleteIfExists(path); // a loaded library stays mapped after its file is gone
            }
        } catch (IOException e) {
            // best effort: a leftover one-off copy is harmless
        }
    }

    private static String userTag() {
        String user = System.getProperty("user.name", "user");
        return user.matches("[A-Za-z0-9._-]{1,64}") ? user : sha256(user.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /**
     * {@code --bundle <cargo release folder> <classes folder>}: the build's step that puts the library where
     * {@link #load()} looks, leaving an identical copy untouched so an unchanged build does not rebuild the jar.
     * Without arguments: prints the platform key and where the library loads from.
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--bundle")) {
            String fileName = System.mapLibraryName(LIBRARY_NAME);
            Path built = Path.of(args[1], fileName);
            if (!Files.isRegularFile(built)) {
                throw new IOException("No " + fileName + " in " + args[1] + ": build it with `cargo build --release`"
                        + " in rust/ (or run Maven without -Dcargo.skip).");
            }
            Path target = Path.of(args[2], RESOURCE_DIR + platformKey(), fileName);
            byte[] bytes = Files.readAllBytes(built);
            if (!hasContent(target, bytes)) {
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
            }
        } else if (args.length == 0) {
            System.out.println("platform: " + platformKey());
            load();
            System.out.println("loaded:   " + loadedFrom().orElseThrow());
        } else {
            throw new IllegalArgumentException("Usage: NativeLoader [--bundle <cargo release folder> <classes folder>]");
        }
    }
}
