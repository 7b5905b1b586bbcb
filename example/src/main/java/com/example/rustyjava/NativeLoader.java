package com.example.rustyjava;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Loads this project's Rust library, once per class loader, from the first of:
 * <ol>
 *   <li>the file named by the system property {@value #LIBRARY_PROPERTY}, as given, with no fallback;
 *   <li>the copy bundled in the jar for this platform, extracted into a private cache folder
 *       ({@value #CACHE_DIR_PROPERTY}) under a name made from its checksum and size, and reused by later runs
 *       once its bytes are checked;
 *   <li>{@code java.library.path}.
 * </ol>
 */
public final class NativeLoader {
    /** The library's name: the crate's name in rust/Cargo.toml. */
    public static final String LIBRARY_NAME = "rusty_java";
    /** System property: a library file to load instead of the bundled one. */
    public static final String LIBRARY_PROPERTY = "com.example.rustyjava.native.library";
    /** System property: the folder to extract the bundled library into (default: a per-user temp folder). */
    public static final String CACHE_DIR_PROPERTY = "com.example.rustyjava.native.cacheDir";

    private static final String RESOURCE_DIR = "com/example/rustyjava/native/";
    private static final String FILE_NAME = System.mapLibraryName(LIBRARY_NAME);
    private static final List<String> KNOWN_PLATFORMS = List.of(
            "linux-x86_64", "linux-aarch64", "linux-x86_64-musl", "linux-aarch64-musl",
            "macos-x86_64", "macos-aarch64", "windows-x86_64", "windows-aarch64");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    // Files older than this that our own naming marks as temporary belong to a killed process.
    private static final Duration LEFTOVER_AGE = Duration.ofHours(1);
    private static final String ONE_OFF_PREFIX = LIBRARY_NAME + "-once-";

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
        try (BufferedReader maps = Files.newBufferedReader(Path.of("/proc/self/maps"))) {
            for (String line = maps.readLine(); line != null; line = maps.readLine()) {
                if (line.contains("/ld-musl-") || line.contains("/libc.musl-")) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or no /proc: glibc is the safe guess
        }
    }

    /** The loading order for the given platform key; returns the file loaded. */
    static Path load(String platform) {
        String override = System.getProperty(LIBRARY_PROPERTY);
        if (override != null) {
            return loadOverride(platform, override);
        }

        String resource = RESOURCE_DIR + platform + "/" + FILE_NAME;
        byte[] bundled = readResource(platform, resource);
        if (bundled != null) {
            return loadBundled(platform, resource, bundled);
        }

        List<String> tried = new ArrayList<>();
        Throwable cause = null;
        tried.add("in the jar: " + resource + " (not there)");
        String libraryPath = System.getProperty("java.library.path", "");
        for (String dir : libraryPath.split(File.pathSeparator)) {
            Path file = Path.of(dir.isEmpty() ? "." : dir, FILE_NAME).toAbsolutePath();
            if (Files.isRegularFile(file)) {
                try {
                    return loadInThisClassLoader(file, null);
                } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                    tried.add(file + ": " + e);
                    cause = e;
                }
            }
        }
        if (cause == null) {
            tried.add("java.library.path (" + libraryPath + "): no " + FILE_NAME);
        }
        throw failure(platform, tried, cause, "Build the jar on " + platform + " (mvn package), or set -D"
                + LIBRARY_PROPERTY + "=/path/to/" + FILE_NAME + ".");
    }

    private static Path loadOverride(String platform, String override) {
        String problem;
        Throwable cause = null;
        try {
            Path file = Path.of(override).toAbsolutePath();
            if (Files.isRegularFile(file)) {
                return loadInThisClassLoader(file, null);
            }
            problem = (Files.exists(file) ? "not a regular file: " : "no such file: ") + file;
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            problem = e.getMessage();
            cause = e;
        }
        throw failure(platform, List.of("-D" + LIBRARY_PROPERTY + "=" + override + ": " + problem), cause,
                "Point -D" + LIBRARY_PROPERTY + " at a " + FILE_NAME + " built for " + platform
                        + ", or remove it to use the library bundled in the jar.");
    }

    private static Path loadBundled(String platform, String resource, byte[] bytes) {
        String name = checksum(bytes) + "-" + bytes.length + "-" + FILE_NAME;
        List<String> tried = new ArrayList<>();
        String where = cacheDirSetting();
        Throwable error;
        try {
            CacheDir cache = cacheDir();
            if (cache.reusable()) {
                try {
                    return extractAndLoad(cache, name, bytes);
                } catch (IOException e) {
                    // An unwritable or cluttered cache folder: extract once into a fresh private folder instead.
                    tried.add("in the jar: " + resource + ", extracted to " + cache.path() + ": " + e);
                    cache = oneOffDir(cache.path() + " failed (" + e + ")");
                }
            }
            tried.add("cache folder " + cache.whyNotReused() + ", so a one-off folder was used");
            // Loading still works, but extracts again on every start: say why, so the folder gets fixed.
            System.getLogger(NativeLoader.class.getName()).log(System.Logger.Level.WARNING, "Extracting "
                    + FILE_NAME + " into a one-off folder, as the cache folder " + cache.whyNotReused() + ". Fix that"
                    + " folder, or set -D" + CACHE_DIR_PROPERTY + " to one that this user owns and can write to, and"
                    + " nobody else can.");
            where = cache.path().toString();
            return extractAndLoad(cache, name, bytes);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            error = e;
        }
        tried.add("in the jar: " + resource + ", extracted to " + where + ": " + error);
        String fix = String.valueOf(error.getMessage()).matches("(?s).*(failed to map segment|Operation not permitted).*")
                ? where + " looks like a noexec file system: set -D" + CACHE_DIR_PROPERTY
                        + "=<a private folder that allows executables>."
                : "If " + where + " is not writable or is on a noexec file system, set -D" + CACHE_DIR_PROPERTY
                        + "=<a private folder that allows executables>.";
        throw failure(platform, tried, error, fix);
    }

    /** Extracts into the folder and loads; a one-off folder is emptied and removed afterwards. */
    private static Path extractAndLoad(CacheDir cache, String name, byte[] bytes) throws IOException {
        Path file = extract(cache.path(), name, bytes);
        try {
            return loadInThisClassLoader(file, bytes);
        } finally {
            if (!cache.reusable()) {
                deleteIfUnixLike(file); // nothing to reuse, so leave nothing behind
                deleteIfUnixLike(cache.path());
            }
        }
    }

    /** Loads the file, or a private copy of it when another class loader already holds it. */
    private static Path loadInThisClassLoader(Path file, byte[] bytes) throws IOException {
        try {
            System.load(file.toString());
            return file;
        } catch (UnsatisfiedLinkError e) {
            if (!String.valueOf(e.getMessage()).contains("loaded in another classloader")) {
                throw e;
            }
        }
        // The JVM binds a library file to one class loader: this one needs a file of its own.
        byte[] content = bytes != null ? bytes : Files.readAllBytes(file);
        CacheDir cache = cacheDir();
        Path copy = Files.createTempFile(cache.path(), "classloader-", "-" + FILE_NAME);
        try {
            Files.write(copy, content);
            System.load(copy.toString());
            return copy;
        } finally {
            deleteIfUnixLike(copy); // a loaded library stays mapped after its file is gone
            if (!cache.reusable()) {
                deleteIfUnixLike(cache.path());
            }
        }
    }

    /**
     * The folder named by {@value #CACHE_DIR_PROPERTY}, else {@code <java.io.tmpdir>/<library>-cache-<user>}, when it is
     * this user's and only this user can write to it; otherwise a fresh owner-only folder in java.io.tmpdir, used once.
     */
    private static CacheDir cacheDir() throws IOException {
        Path dir = Path.of(cacheDirSetting()).toAbsolutePath();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
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
        // A link in a shared folder may be another user's: it must be ours before we follow it.
        String whyNot = whyNotOurLink(dir);
        if (whyNot != null) {
            return oneOffDir(dir + " " + whyNot);
        }
        try {
            dir = dir.toRealPath(); // checked and used without links, so nobody can repoint it afterwards
        } catch (IOException e) {
            return oneOffDir(dir + " cannot be opened (" + e + ")");
        }
        whyNot = whyNotPrivate(dir);
        if (whyNot == null) {
            removeLeftovers(dir);
            return new CacheDir(dir, true, null);
        }
        // Someone else could swap the file between our check and the load: use a folder only we can enter.
        return oneOffDir(dir + " " + whyNot);
    }

    private static CacheDir oneOffDir(String why) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "")).toAbsolutePath(); // System.load needs it absolute
        Files.createDirectories(tmp);
        removeOldOneOffDirs(tmp);
        return new CacheDir(Files.createTempDirectory(tmp, ONE_OFF_PREFIX), false, why); // owner-only on POSIX
    }

    private static String cacheDirSetting() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        return configured != null ? configured
                : Path.of(System.getProperty("java.io.tmpdir"), LIBRARY_NAME + "-cache-" + userTag()).toString();
    }

    private record CacheDir(Path path, boolean reusable, String whyNotReused) {}

    /** Null unless the path is a symbolic link that another user made. */
    private static String whyNotOurLink(Path path) throws IOException {
        if (!Files.isSymbolicLink(path) || !isPosix(path.getParent())) {
            return null;
        }
        UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
        return owner.equals(currentUser()) ? null : "is a symbolic link that belongs to " + owner.getName();
    }

    /** Null when the folder is a real folder owned by this user that nobody else may write to; else the reason. */
    private static String whyNotPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return "is not a folder";
        }
        if (!isPosix(dir)) {
            return null; // Windows: the default temp folder is already per user
        }
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.owner().equals(currentUser())) {
            return "belongs to " + attributes.owner().getName();
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            return "is writable by others (" + PosixFilePermissions.toString(permissions) + ")";
        }
        return null;
    }

    /** On Linux the process's own uid, which -Duser.name cannot change; elsewhere the user.name account. */
    private static UserPrincipal currentUser() throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            return Files.getOwner(self);
        }
        return FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
    }

    /** Removes temporary files that a killed process left behind; never touches files of other names. */
    private static void removeLeftovers(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean ours = name.endsWith(".partial") && name.contains("-" + FILE_NAME + "-")
                        || name.startsWith("classloader-") && name.endsWith("-" + FILE_NAME);
                try {
                    if (ours && isOld(file)) {
                        Files.deleteIfExists(file); // a link itself, never its target
                    }
                } catch (IOException | RuntimeException e) {
                    // not empty, or gone already: the next file still gets its turn
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a read-only cache folder still serves its copy
        }
    }

    /** Removes this user's one-off folders that a killed process left in the temp folder. */
    private static void removeOldOneOffDirs(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, ONE_OFF_PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    if (isOld(dir) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && whyNotPrivate(dir) == null) {
                        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                            for (Path file : files) {
                                Files.deleteIfExists(file);
                            }
                        }
                        Files.deleteIfExists(dir);
                    }
                } catch (IOException | RuntimeException e) {
                    // in use (Windows cannot delete a loaded library) or not ours: left alone
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover is never loaded, only wastes space
        }
    }

    private static boolean isOld(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        return modified.toInstant().isBefore(Instant.now().minus(LEFTOVER_AGE));
    }

    /** Returns a file holding exactly these bytes; writes one under a unique name and moves it into place if needed. */
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

    private static byte[] readResource(String platform, String resource) {
        try (InputStream in = NativeLoader.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw failure(platform, List.of("in the jar: " + resource + ": " + e), e, "Check that the jar is intact.");
        }
    }

    private static UnsatisfiedLinkError failure(String platform, List<String> tried, Throwable cause, String fix) {
        Set<String> candidates = new LinkedHashSet<>(KNOWN_PLATFORMS);
        candidates.add(platformKey());
        List<String> bundled = new ArrayList<>();
        for (String candidate : candidates) {
            String file = candidate.startsWith("windows-") ? LIBRARY_NAME + ".dll"
                    : candidate.startsWith("macos-") ? "lib" + LIBRARY_NAME + ".dylib"
                    : "lib" + LIBRARY_NAME + ".so";
            if (NativeLoader.class.getClassLoader().getResource(RESOURCE_DIR + candidate + "/" + file) != null) {
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

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static void deleteIfUnixLike(Path path) {
        try {
            if (isPosix(path)) {
                Files.deleteIfExists(path); // Windows cannot delete a loaded library
            }
        } catch (IOException e) {
            // best effort: a leftover is never loaded, only wastes space
        }
    }

    private static String userTag() {
        String user = System.getProperty("user.name", "user");
        return user.matches("[A-Za-z0-9._-]{1,64}") ? user : checksum(user.getBytes(StandardCharsets.UTF_8));
    }

    /** CRC-32 (native, so fast in a cold JVM): tells versions apart; the bytes are compared before any load. */
    private static String checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return Long.toHexString(crc.getValue());
    }

    /**
     * {@code --bundle <cargo release folder> <classes folder>}: the build's step that puts the library where
     * {@link #load()} looks, leaving an identical copy untouched so an unchanged build does not rebuild the jar.
     * Without arguments: prints the platform key and where the library loads from.
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--bundle")) {
            Path built = Path.of(args[1], FILE_NAME);
            if (!Files.isRegularFile(built)) {
                throw new IOException("No " + FILE_NAME + " in " + args[1] + ": run Maven without -Dcargo.skip,"
                        + " or build it in rust/ with CARGO_TARGET_DIR=" + Path.of(args[1]).getParent()
                        + " cargo build --release.");
            }
            Path target = Path.of(args[2], RESOURCE_DIR + platformKey(), FILE_NAME);
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
