package com.example.rustyjava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loader's promises: one load per class loader, safe across threads, JVMs and class loaders, never a planted copy. */
class NativeLoaderTest {
    static final Path CLASSES = codeSource(NativeLoader.class);
    static final Path TEST_CLASSES = codeSource(NativeLoaderTest.class);
    private static final String RESOURCE = NativeLoader.class.getPackageName().replace('.', '/') + "/native/"
            + NativeLoader.platformKey() + "/" + System.mapLibraryName(NativeLoader.LIBRARY_NAME);

    private Path scratch;
    private String cacheDirBefore;

    // Under target/, not the system temp folder: Windows cannot delete a loaded library, and mvn clean can.
    @BeforeEach
    void createScratchFolder() throws IOException {
        scratch = Files.createTempDirectory(TEST_CLASSES.getParent(), "loader-test-");
        cacheDirBefore = System.getProperty(NativeLoader.CACHE_DIR_PROPERTY);
    }

    @AfterEach
    void deleteScratchFolder() throws IOException {
        if (cacheDirBefore == null) {
            System.clearProperty(NativeLoader.CACHE_DIR_PROPERTY);
        } else {
            System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, cacheDirBefore);
        }
        System.clearProperty(NativeLoader.LIBRARY_PROPERTY);
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Test
    void libraryIsTheCopyBundledForThisPlatform() throws IOException {
        assertEquals("9001", Core.sumAsStringRust(9000, 1));
        Path loaded = NativeLoader.loadedFrom().orElseThrow();
        assertArrayEquals(bundled(), Files.readAllBytes(loaded), loaded + " is not the bundled library");
    }

    @Test
    void theCopyIsNamedByTheSha256TheBuildWroteBesideTheLibrary() throws Exception {
        String digest = Files.readString(CLASSES.resolve(RESOURCE + NativeCache.DIGEST_SUFFIX));
        assertEquals(NativeCache.sha256(bundled()) + "  " + NativeCache.FILE_NAME + "\n", digest,
                "the build (rusty-java-maven-plugin's library goal) writes the library's SHA-256 beside it");
        Path cache = scratch.resolve("cache");
        System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, cache.toString());
        try (URLClassLoader loader = freshClassLoader()) {
            assertEquals("9001", sumInRust(loader));
            assertEquals(cache.toRealPath().resolve(NativeCache.sha256(bundled()) + "-" + NativeCache.FILE_NAME),
                    loadedFrom(loader));
        }
    }

    @Test
    void aLibraryWithoutItsDigestIsNamedByTheSha256AllTheSame() throws Exception {
        Path classes = scratch.resolve("classes");
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = classes.resolve(CLASSES.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Files.delete(classes.resolve(RESOURCE + NativeCache.DIGEST_SUFFIX));
        Path cache = scratch.resolve("cache");
        System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, cache.toString());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertEquals("9001", sumInRust(loader));
            assertEquals(cache.toRealPath().resolve(NativeCache.sha256(bundled()) + "-" + NativeCache.FILE_NAME),
                    loadedFrom(loader), "a jar put together by hand may lack the .sha256 file: it is computed then");
        }
    }

    @Test
    void platformKeysAreNormalised() {
        assertEquals("linux-x86_64", NativePlatform.key("Linux", "amd64", false));
        assertEquals("linux-aarch64-musl", NativePlatform.key("Linux", "aarch64", true));
        assertEquals("macos-aarch64", NativePlatform.key("Mac OS X", "aarch64", false));
        assertEquals("macos-x86_64", NativePlatform.key("Mac OS X", "x86_64", false));
        assertEquals("windows-x86_64", NativePlatform.key("Windows 11", "amd64", true));
    }

    @Test
    void muslIsToldFromGlibcByTheLoaderInTheMemoryMap() {
        String musl = "7f3a1c000000-7f3a1c014000 r--p 00000000 08:01 1234 /lib/ld-musl-x86_64.so.1\n";
        String alpineLibc = "7f3a1c000000-7f3a1c014000 r-xp 00000000 08:01 1235 /usr/lib/libc.musl-aarch64.so.1\n";
        String glibc = "7f3a1c000000-7f3a1c028000 r--p 00000000 08:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
                + "7f3a1d000000-7f3a1d001000 r--p 00000000 08:01 98 /home/musl-fan/app/musl-notes.jar\n";
        assertTrue(NativePlatform.mapsShowMusl(musl.getBytes(StandardCharsets.US_ASCII)), musl);
        assertTrue(NativePlatform.mapsShowMusl(alpineLibc.getBytes(StandardCharsets.US_ASCII)), alpineLibc);
        assertFalse(NativePlatform.mapsShowMusl(glibc.getBytes(StandardCharsets.US_ASCII)),
                "a folder or file that merely has musl in its name is not the C library: " + glibc);
    }

    @Test
    void manyThreadsLoadOnceAndShareTheLibrary() throws Exception {
        Path cache = scratch.resolve("cache");
        System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, cache.toString());
        try (URLClassLoader loader = freshClassLoader()) {
            int threads = 16;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        // NativeLoader.load() itself, not through Rust's static initializer, which runs once anyway.
                        call(() -> loader.loadClass(NativeLoader.class.getName()).getMethod("load").invoke(null));
                        return sumInRust(loader) + " from " + loadedFrom(loader);
                    }));
                }
                start.countDown();
                Set<String> distinct = ConcurrentHashMap.newKeySet();
                for (Future<String> result : results) {
                    distinct.add(result.get(30, TimeUnit.SECONDS));
                }
                assertEquals(Set.of("9001 from " + cache.toRealPath().resolve(onlyFile(cache).getFileName())), distinct);
            } finally {
                pool.shutdownNow();
            }
        }
        assertArrayEquals(bundled(), Files.readAllBytes(onlyFile(cache)));
    }

    @Test
    void severalJvmsExtractIntoOneEmptyFolderAtOnce() throws Exception {
        Path cache = scratch.resolve("cache");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(startProbe(scratch.resolve("stderr-" + i), "--enable-native-access=ALL-UNNAMED",
                    "-D" + NativeLoader.CACHE_DIR_PROPERTY + "=" + cache));
        }
        for (Process process : processes) {
            assertEquals("ready", readLine(process), "the probe starts before it loads");
        }
        for (Process process : processes) {
            process.getOutputStream().close(); // the go signal: every JVM extracts now
        }
        Set<String> loaded = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < processes.size(); i++) {
            loaded.add(finish(processes.get(i), scratch.resolve("stderr-" + i)));
        }
        assertEquals(Set.of("9001 from " + cache.toRealPath().resolve(onlyFile(cache).getFileName())), loaded);
        assertArrayEquals(bundled(), Files.readAllBytes(onlyFile(cache)), "no partial or corrupt file is left");
    }

    @Test
    void aTamperedCachedCopyIsReplacedAndNotLoaded() throws Exception {
        Path first = scratch.resolve("first");
        System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, first.toString());
        try (URLClassLoader loader = freshClassLoader()) {
            assertEquals("9001", sumInRust(loader));
        }
        String name = onlyFile(first).getFileName().toString();

        Path cache = Files.createDirectory(scratch.resolve("cache"));
        byte[] zeros = new byte[bundled().length]; // same size, wrong bytes
        Path elsewhere = Files.write(scratch.resolve("elsewhere"), zeros);
        Path planted = Files.createLink(cache.resolve(name), elsewhere); // one file under two names
        System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, cache.toString());
        try (URLClassLoader loader = freshClassLoader()) {
            assertEquals("9001", sumInRust(loader), "zeros cannot load: the copy was replaced first");
            assertEquals(planted.toRealPath(), loadedFrom(loader));
        }
        assertArrayEquals(bundled(), Files.readAllBytes(onlyFile(cache)));
        assertArrayEquals(zeros, Files.readAllBytes(elsewhere), "the copy is replaced by a rename, never written"
                + " through: a JVM that has the old file loaded would crash");
    }

    @Test
    void leftoversOfKilledRunsAreRemovedAndNothingElse() throws Exception {
        Path cache = Files.createDirectory(scratch.resolve("cache"));
        String library = NativeCache.FILE_NAME;
        Path oldPartial = Files.write(cache.resolve("0123-" + library + "-1a2b.partial"), new byte[10]);
        Path oldCopy = Files.write(cache.resolve("classloader-1a2b-" + library), new byte[10]);
        Path freshPartial = Files.write(cache.resolve("4567-" + library + "-3c4d.partial"), new byte[10]);
        Path unrelated = Files.write(cache.resolve("notes.txt"), new byte[10]);
        for (Path file : List.of(oldPartial, oldCopy, unrelated)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }
        System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, cache.toString());
        try (URLClassLoader loader = freshClassLoader()) {
            assertEquals("9001", sumInRust(loader));
        }
        assertTrue(Files.notExists(oldPartial) && Files.notExists(oldCopy), "files of killed runs are removed");
        assertTrue(Files.exists(freshPartial), "a recent temporary file may be another JVM's, still being written");
        assertTrue(Files.exists(unrelated), "files of other names are not the loader's to remove");
    }

    @Test
    void overridePropertyLoadsThatFileInstead() throws Exception {
        Path library = Files.write(scratch.resolve(System.mapLibraryName(NativeLoader.LIBRARY_NAME)), bundled());
        Path cache = scratch.resolve("cache");
        System.setProperty(NativeLoader.LIBRARY_PROPERTY, library.toString());
        System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, cache.toString());
        try (URLClassLoader loader = freshClassLoader()) {
            assertEquals("9001", sumInRust(loader));
            assertEquals(library.toAbsolutePath(), loadedFrom(loader));
        }
        assertTrue(Files.notExists(cache), "nothing is extracted when the override is used");
    }

    @Test
    void aWrongOverrideFailsClearlyWithoutFallingBack() {
        Path missing = scratch.resolve("no-such-library.so");
        System.setProperty(NativeLoader.LIBRARY_PROPERTY, missing.toString());
        UnsatisfiedLinkError error = assertThrows(UnsatisfiedLinkError.class,
                () -> NativeLoader.load(NativeLoader.platformKey()));
        assertTrue(error.getMessage().contains("-D" + NativeLoader.LIBRARY_PROPERTY + "=" + missing + ": no such file"),
                error.getMessage());
        assertTrue(error.getMessage().contains("remove it to use the library bundled in the jar"), error.getMessage());

        System.setProperty(NativeLoader.LIBRARY_PROPERTY, scratch.toString());
        error = assertThrows(UnsatisfiedLinkError.class, () -> NativeLoader.load(NativeLoader.platformKey()));
        assertTrue(error.getMessage().contains("=" + scratch + ": not a regular file"), error.getMessage());
    }

    @Test
    void errorForAPlatformTheJarLacksListsWhatItHas() {
        UnsatisfiedLinkError error = assertThrows(UnsatisfiedLinkError.class, () -> NativeLoader.load("plan9-mips"));
        String message = error.getMessage();
        assertTrue(message.contains("for platform plan9-mips"), message);
        assertTrue(message.contains("The jar has the library for: " + NativeLoader.platformKey()), message);
        assertTrue(message.contains("java.library.path"), message);
        assertTrue(message.contains("-D" + NativeLoader.LIBRARY_PROPERTY + "=<library file>"), message);
        assertTrue(message.contains("-D" + NativeLoader.CACHE_DIR_PROPERTY + "=<extraction folder>"), message);
    }

    @Test
    void twoClassLoadersUseTheLibraryAtTheSameTime() throws Exception {
        Path cache = scratch.resolve("cache");
        System.setProperty(NativeLoader.CACHE_DIR_PROPERTY, cache.toString());
        try (URLClassLoader first = freshClassLoader(); URLClassLoader second = freshClassLoader()) {
            assertEquals("9001", sumInRust(first));
            assertEquals("9001", sumInRust(second), "the JVM lets one class loader hold a file: the second needs its own");
            assertNotEquals(loadedFrom(first), loadedFrom(second));
            assertEquals("9001", sumInRust(first), "the first still works");
        }
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertArrayEquals(bundled(), Files.readAllBytes(onlyFile(cache)), "the second copy is not left behind");
        }
    }

    @Test
    void anUnusableCacheFolderMeansAOneOffFolderAndNothingLeftBehind() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "Windows cannot delete a loaded library");
        Path tmp = Files.createDirectory(scratch.resolve("tmp"));
        Path killed = Files.createDirectory(tmp.resolve(NativeLoader.LIBRARY_NAME + "-once-killed"));
        Files.write(killed.resolve(System.mapLibraryName(NativeLoader.LIBRARY_NAME)), bundled());
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path dangling = Files.createSymbolicLink(scratch.resolve("cache"), scratch.resolve("gone"));

        loadsFromAOneOffFolder(dangling, dangling + " cannot be made or opened");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "neither this run's nor a killed run's one-off folder is left");
        }
    }

    @Test
    void aCacheFolderOthersCanWriteToIsNotUsed() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "Windows has no POSIX permissions");
        Path shared = Files.createDirectory(scratch.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.write(shared.resolve(NativeCache.sha256(bundled()) + "-" + NativeCache.FILE_NAME), bundled());
        loadsFromAOneOffFolder(shared, shared.toRealPath() + " is writable by its group or others (mode 777)");
    }

    @Test
    void aCacheFolderOfAnotherUserIsNotUsed() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "Windows has no POSIX owners");
        // As root: a folder given to uid 65534 (nobody). As anyone else: the root folder, which root owns.
        Path theirs = Path.of("/");
        if (isRoot()) {
            theirs = Files.createDirectory(scratch.resolve("theirs"));
            Files.setAttribute(theirs, "unix:uid", 65534);
        }
        loadsFromAOneOffFolder(theirs, theirs.toRealPath() + " belongs to ");
    }

    @Test
    void aLinkAnotherUserMadeIsNotFollowed() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows") && isRoot(), "only root can make a link another's");
        Path ours = Files.createDirectory(scratch.resolve("ours"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(scratch.resolve("link"), ours);
        Files.setAttribute(link, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        loadsFromAOneOffFolder(link, link + " is a symbolic link that belongs to ");
        try (Stream<Path> files = Files.list(ours)) {
            assertEquals(List.of(), files.toList(), "nothing is extracted through the link");
        }
    }

    /**
     * Runs a probe with the given cache folder and java.io.tmpdir at scratch/tmp; checks that it loaded from a one-off
     * folder there, since whoever else can write to the cache folder could swap the file between check and load.
     */
    private void loadsFromAOneOffFolder(Path cacheFolder, String why) throws Exception {
        Path tmp = Files.createDirectories(scratch.resolve("tmp"));
        ProbeRun run = runProbe(scratch.resolve("stderr"), "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp, "-D" + NativeLoader.CACHE_DIR_PROPERTY + "=" + cacheFolder);
        assertEquals(0, run.exitCode(), run.errors());
        assertTrue(run.output().contains("9001 from " + tmp.resolve(NativeLoader.LIBRARY_NAME + "-once-")),
                "not loaded from a one-off folder: " + run.output());
        assertTrue(run.errors().contains(why), "the warning says why (" + why + "): " + run.errors());
    }

    @Test
    void deniedNativeAccessNamesTheJavaOptionThatGrantsIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "--illegal-native-access exists from JDK 24 on");
        ProbeRun run = runProbe(scratch.resolve("stderr"), "--illegal-native-access=deny",
                "-D" + NativeLoader.CACHE_DIR_PROPERTY + "=" + scratch.resolve("cache"));
        assertNotEquals(0, run.exitCode(), run.errors());
        assertTrue(run.errors().contains("Native access is denied: pass --enable-native-access=ALL-UNNAMED"),
                run.errors());
    }

    /** Runs in a child JVM: prints "ready", loads once stdin closes, then prints the sum and the file loaded. */
    static final class Probe {
        public static void main(String[] args) throws IOException {
            System.out.println("ready");
            System.out.flush();
            System.in.readAllBytes();
            System.out.println(Core.sumAsStringRust(9000, 1) + " from " + NativeLoader.loadedFrom().orElseThrow());
        }
    }

    static Process startProbe(Path stderr, String... javaOptions) throws IOException {
        return probeCommand(stderr, List.of(), javaOptions).start();
    }

    /** The probe's java command, run through the given prefix (setpriv, a shell that sets the umask), if any. */
    static ProcessBuilder probeCommand(Path stderr, List<String> prefix, String... javaOptions) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", CLASSES + System.getProperty("path.separator") + TEST_CLASSES));
        command.addAll(List.of(javaOptions));
        command.add(Probe.class.getName());
        return new ProcessBuilder(command).redirectError(stderr.toFile());
    }

    record ProbeRun(int exitCode, String output, String errors) {}

    /** Starts a probe, lets it load at once and waits for it. */
    static ProbeRun runProbe(Path stderr, String... javaOptions) throws Exception {
        Process probe = startProbe(stderr, javaOptions);
        probe.getOutputStream().close();
        return await(probe, stderr);
    }

    static ProbeRun await(Process probe, Path stderr) throws Exception {
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "a probe JVM hangs");
        return new ProbeRun(probe.exitValue(), output, Files.readString(stderr));
    }

    private static String readLine(Process process) throws IOException {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private static String finish(Process process, Path stderr) throws Exception {
        ProbeRun run = await(process, stderr);
        assertEquals(0, run.exitCode(), run.errors());
        assertEquals("", run.errors(), "a JVM with native access enabled prints no warning");
        return run.output().strip();
    }

    private static URLClassLoader freshClassLoader() throws IOException {
        return new URLClassLoader(new URL[] {CLASSES.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static String sumInRust(ClassLoader loader) throws Exception {
        return (String) call(() -> loader.loadClass(Core.class.getName())
                .getMethod("sumAsStringRust", long.class, long.class).invoke(null, 9000L, 1L));
    }

    private static Path loadedFrom(ClassLoader loader) throws Exception {
        return (Path) call(() -> ((Optional<?>) loader.loadClass(NativeLoader.class.getName())
                .getMethod("loadedFrom").invoke(null)).orElseThrow());
    }

    private static Object call(Callable<Object> reflective) throws Exception {
        try {
            return reflective.call();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), dir + " should hold the one reusable copy, not " + all);
            return all.get(0);
        }
    }

    static byte[] bundled() throws IOException {
        try (InputStream in = NativeLoader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertNotNull(in, "the build puts the library at " + RESOURCE);
            return in.readAllBytes();
        }
    }

    static boolean isRoot() throws IOException {
        return Path.of("/proc/self").toFile().isDirectory()
                && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
