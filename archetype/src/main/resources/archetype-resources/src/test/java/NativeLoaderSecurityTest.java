package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loader never loads from a folder that someone else could change: each case runs a fresh JVM on a prepared
 * java.io.tmpdir or cache folder and checks where the library came from. Cases that need a second user run as root
 * (which can hand files to uid 65534 and start a JVM under any uid) and are skipped otherwise; Windows has no modes.
 */
class NativeLoaderSecurityTest {
    private static final String NAME = System.mapLibraryName(NativeLoader.LIBRARY_NAME);
    private static final int NOBODY = 65534;
    private static final int USERS = 100;

    private Path scratch;
    private Path home;

    // Under target/, readable by the other users some cases start a JVM as.
    @BeforeEach
    void createScratchFolder() throws IOException {
        assumeTrue(!NativePlatform.WINDOWS, "POSIX folders: Windows is covered by windowsRule* below");
        scratch = Files.createTempDirectory(NativeLoaderTest.TEST_CLASSES.getParent(), "loader-security-");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        home = Files.createDirectory(scratch.resolve("home"));
    }

    @AfterEach
    void deleteScratchFolder() throws IOException {
        if (scratch != null) {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void aGroupWritableTempFolderWithoutStickyBitIsNotUsed() throws Exception {
        Path shared = sharedFolder("rwxrwsr-x");
        String output = loads(List.of(), "-Djava.io.tmpdir=" + shared);
        assertTrue(output.startsWith(homeCache().toString()), "whoever shares the group could rename the cache folder: "
                + output);
        assertFalse(Files.exists(shared.resolve(cacheName())), "nothing is made in " + shared);
    }

    @Test
    void aWorldWritableTempFolderWithTheStickyBitIsUsed() throws Exception {
        Path sticky = sharedFolder("rwxrwxrwx");
        Files.setAttribute(sticky, "unix:mode", 01777);
        String output = loads(List.of(), "-Djava.io.tmpdir=" + sticky);
        assertTrue(output.startsWith(sticky.toRealPath().resolve(cacheName()).toString()),
                "the sticky bit keeps others from moving what is ours, as in /tmp: " + output);
    }

    @Test
    void aTempFolderThroughAnotherUsersLinkIsNotUsed() throws Exception {
        assumeTrue(NativeLoaderTest.isRoot(), "only root can make a folder and a link of another user");
        Path theirs = sharedFolder("rwxrwxrwx");
        Files.setAttribute(theirs, "unix:uid", NOBODY);
        Path link = Files.createSymbolicLink(scratch.resolve("tmp-link"), theirs);
        Files.setAttribute(link, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        String output = loads(List.of(), "-Djava.io.tmpdir=" + link);
        assertTrue(output.startsWith(homeCache().toString()), output);
        try (Stream<Path> files = Files.list(theirs)) {
            assertEquals(List.of(), files.toList(), "nothing is extracted into another user's folder");
        }
    }

    @Test
    void underUmask000EverythingMadeStaysOwnerOnly() throws Exception {
        Path cache = scratch.resolve("a/b/cache");
        loads(List.of("sh", "-c", "umask 000 && exec \"$@\"", "sh"), "-D" + NativeLoader.CACHE_DIR_PROPERTY + "=" + cache);
        for (Path folder : List.of(scratch.resolve("a"), scratch.resolve("a/b"), cache)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), folder.toString());
        }
        Path library = NativeLoaderTest.onlyFile(cache);
        assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(library)).matches(".*w.*w.*"),
                library + " must be writable by nobody but its owner");
    }

    @Test
    void aForgedCopyWithTheGenuineSizeAndCrcIsNeverLoaded() throws Exception {
        Path cache = privateFolder(sharedFolder("rwxrwsr-x").resolve("cache"));
        plantForgedCopy(cache);
        Path tmp = Files.createDirectory(scratch.resolve("tmp"));
        String output = loads(List.of(), "-Djava.io.tmpdir=" + tmp, "-D" + NativeLoader.CACHE_DIR_PROPERTY + "=" + cache);
        assertTrue(output.startsWith(tmp.toRealPath().resolve(NativeLoader.LIBRARY_NAME + "-once-").toString()),
                "a copy whose SHA-256 is not its name's came from whoever could write there, and that folder is"
                        + " refused: " + output);
    }

    @Test
    void aCacheFolderThatCannotBeMadeFallsBackToAOneOffFolder() throws Exception {
        Path file = Files.write(scratch.resolve("a-file"), new byte[1]);
        Path tmp = Files.createDirectory(scratch.resolve("tmp"));
        String output = loads(List.of(), "-Djava.io.tmpdir=" + tmp, "-D" + NativeLoader.CACHE_DIR_PROPERTY + "="
                + file.resolve("cache"));
        assertTrue(output.startsWith(tmp.toRealPath().resolve(NativeLoader.LIBRARY_NAME + "-once-").toString()), output);
    }

    @Test
    void aSquattedCacheNameFallsBackToTheUsersCacheAndReusesIt() throws Exception {
        Path tmp = Files.createDirectory(scratch.resolve("tmp"));
        Path squatted = Files.createDirectory(tmp.resolve(cacheName()));
        if (NativeLoaderTest.isRoot()) {
            Files.setAttribute(squatted, "unix:uid", NOBODY); // another user made it first
        } else {
            Files.setPosixFilePermissions(squatted, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        String first = loads(List.of(), "-Djava.io.tmpdir=" + tmp);
        Object made = Files.getAttribute(Path.of(first), "unix:ino");
        String second = loads(List.of(), "-Djava.io.tmpdir=" + tmp);
        assertTrue(first.startsWith(homeCache().toString()), first);
        assertEquals(first, second);
        assertEquals(made, Files.getAttribute(Path.of(second), "unix:ino"), "the second run reuses the first's copy");
    }

    @Test
    void usersWithoutANameGetACacheFolderEachByUid() throws Exception {
        assumeTrue(NativeLoaderTest.isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "only root can start a JVM as a user without a passwd entry (setpriv)");
        assumeTrue(openToOthers(NativeLoaderTest.TEST_CLASSES), "another user cannot reach "
                + NativeLoaderTest.TEST_CLASSES + " (a folder above it is closed to others), so cannot run the probe");
        Path tmp = sharedFolder("rwxrwxrwx");
        Files.setAttribute(tmp, "unix:mode", 01777);
        for (int uid : new int[] {54321, 54322}) {
            List<String> as = List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--");
            String output = loads(as, "-Djava.io.tmpdir=" + tmp);
            Path folder = tmp.toRealPath().resolve(NativeLoader.LIBRARY_NAME + "-cache-" + uid);
            assertTrue(output.startsWith(folder.toString()), "uid " + uid + " has no name, yet a folder of its own: "
                    + output);
            assertEquals(uid, Files.getAttribute(folder, "unix:uid"));
        }
    }

    @Test
    void aFolderSwappedForADecoyWhileLoadingIsNeverLoadedFrom() throws Exception {
        Path shared = sharedFolder("rwxrwsr-x");
        Path cache = privateFolder(shared.resolve("cache"));
        Path decoy = privateFolder(shared.resolve("decoy"));
        plantForgedCopy(decoy);
        Path aside = shared.resolve("aside");
        Path tmp = Files.createDirectory(scratch.resolve("tmp"));
        AtomicBoolean swapping = new AtomicBoolean(true);
        // Another member of the group, as fast as it can: the decoy takes the cache folder's name and gives it back.
        Thread swapper = new Thread(() -> {
            while (swapping.get()) {
                try {
                    Files.move(cache, aside, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(decoy, cache, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(cache, decoy, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(aside, cache, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // a move lost to the loader's own work: the next round tries again
                }
            }
        });
        swapper.start();
        List<String> loaded = new ArrayList<>();
        try {
            for (int round = 0; round < 12; round++) {
                loaded.add(loads(List.of(), "-Djava.io.tmpdir=" + tmp, "-D" + NativeLoader.CACHE_DIR_PROPERTY + "="
                        + cache));
            }
        } finally {
            swapping.set(false);
            swapper.join();
        }
        for (String file : loaded) {
            assertFalse(file.startsWith(shared.toRealPath().toString()), "loaded from the swapped folder: " + loaded);
        }
    }

    @Test
    void cleanupRemovesOnlyOurOwnOldOneOffFoldersAndNeverFollowsALink() throws Exception {
        Path tmp = Files.createDirectory(scratch.resolve("tmp"));
        Path documents = Files.createDirectory(scratch.resolve("documents"));
        Files.write(documents.resolve("thesis.txt"), new byte[10]);
        String prefix = NativeLoader.LIBRARY_NAME + "-once-";
        Path link = Files.createSymbolicLink(tmp.resolve(prefix + "link"), documents);
        Path killed = privateFolder(tmp.resolve(prefix + "killed"));
        Files.write(killed.resolve(NAME), new byte[10]);
        Path theirs = privateFolder(tmp.resolve(prefix + "theirs"));
        Files.write(theirs.resolve(NAME), new byte[10]);
        if (NativeLoaderTest.isRoot()) {
            Files.setAttribute(theirs, "unix:uid", NOBODY);
        }
        for (Path old : List.of(link, killed, theirs)) {
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }
        Path file = scratch.resolve("a-file");
        Files.write(file, new byte[1]);
        loads(List.of(), "-Djava.io.tmpdir=" + tmp, "-D" + NativeLoader.CACHE_DIR_PROPERTY + "=" + file.resolve("x"));
        assertTrue(Files.exists(documents.resolve("thesis.txt")), "a link is removed at most, never followed");
        assertFalse(Files.exists(killed), "a killed run's one-off folder is removed");
        assertEquals(NativeLoaderTest.isRoot(), Files.exists(theirs), "another user's folder is left alone");
    }

    @Test
    void posixRuleTrustsRootAndThisUserAndTheStickyBitOnly() {
        int folder = 0040000;
        assertNull(NativePlatform.posixVerdict(folder | 0755, 0, 1000, false, false), "root's /usr");
        assertNull(NativePlatform.posixVerdict(folder | 01777, 0, 1000, false, false), "/tmp");
        assertNull(NativePlatform.posixVerdict(folder | 0700, 1000, 1000, false, true), "our cache folder");
        assertNull(NativePlatform.posixVerdict(folder | 0775, 1000, 1000, true, false),
                "a folder of ours that only our private group (umask 002) may write to");
        assertTrue(NativePlatform.posixVerdict(folder | 02775, 0, 1000, false, false).contains("no sticky bit"));
        assertTrue(NativePlatform.posixVerdict(folder | 0777, 1000, 1000, true, false).contains("no sticky bit"),
                "a private group does not make a folder that others may write to safe");
        assertTrue(NativePlatform.posixVerdict(folder | 0755, 1001, 1000, false, false).contains("belongs to uid 1001"));
        assertTrue(NativePlatform.posixVerdict(folder | 0700, 0, 1000, false, true).contains("not to this user"),
                "the cache folder itself must be ours, not root's");
        assertTrue(NativePlatform.posixVerdict(folder | 01777, 1000, 1000, false, true).contains("writable"),
                "the cache folder itself must be private: the sticky bit does not do");
        assertTrue(NativePlatform.posixVerdict(0120777, 1000, 1000, false, false).contains("not a folder"), "a link");
    }

    @Test
    void windowsRuleLetsOthersAddToAParentButNotMoveOrWriteOurs() {
        UserPrincipal alice = () -> "PC\\alice";
        UserPrincipal system = () -> "NT AUTHORITY\\SYSTEM";
        UserPrincipal users = () -> "BUILTIN\\Users";
        UserPrincipal creatorOwner = () -> "CREATOR OWNER";
        UserPrincipal mallory = () -> "PC\\mallory";
        Set<UserPrincipal> trusted = Set.of(alice, system);
        // C:\Windows\Temp: users may add files and folders, not delete or rename those of others.
        List<AclEntry> windowsTemp = List.of(allow(system, AclEntryPermission.values()),
                allow(users, AclEntryPermission.WRITE_DATA, AclEntryPermission.APPEND_DATA, AclEntryPermission.EXECUTE),
                inheritOnly(creatorOwner, AclEntryPermission.values()));
        assertNull(NativePlatform.Windows.verdict(system, windowsTemp, trusted, false));
        assertTrue(NativePlatform.Windows.verdict(system, windowsTemp, trusted, true).contains("lets BUILTIN\\Users"),
                "as the cache folder itself, one that others may add to is refused");
        assertTrue(NativePlatform.Windows.verdict(mallory, List.of(allow(mallory, AclEntryPermission.values())), trusted,
                true).contains("belongs to PC\\mallory"), "a folder another user made first under our name");
        // A folder made under C:\ inherits Modify for Authenticated Users: anyone may rename it.
        assertTrue(NativePlatform.Windows.verdict(system, List.of(allow(users, AclEntryPermission.DELETE)), trusted,
                false).contains("DELETE"));
        assertNull(NativePlatform.Windows.verdict(alice, List.of(allow(alice, AclEntryPermission.values()),
                deny(mallory, AclEntryPermission.values())), trusted, true), "our own folder, as the loader makes it");
    }

    private static AclEntry allow(UserPrincipal who, AclEntryPermission... permissions) {
        return AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(who).setPermissions(permissions).build();
    }

    private static AclEntry deny(UserPrincipal who, AclEntryPermission... permissions) {
        return AclEntry.newBuilder().setType(AclEntryType.DENY).setPrincipal(who).setPermissions(permissions).build();
    }

    private static AclEntry inheritOnly(UserPrincipal who, AclEntryPermission... permissions) {
        return AclEntry.newBuilder(allow(who, permissions)).setFlags(AclEntryFlag.INHERIT_ONLY,
                AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT).build();
    }

    /**
     * A folder in scratch with the given mode, which the umask cannot narrow. A group-writable one belongs to a group
     * that others share (users, gid 100), handed over by root; others skip with one line.
     */
    private Path sharedFolder(String mode) throws IOException {
        Path shared = Files.createDirectory(scratch.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString(mode.replace('s', 'x')));
        if (mode.contains("s")) {
            assumeTrue(NativeLoaderTest.isRoot(), "only root can hand a folder to a shared group");
            Files.setAttribute(shared, "unix:gid", USERS);
            Files.setAttribute(shared, "unix:mode", 02775);
        }
        return shared;
    }

    /** Plants in folder a copy with the library's name, size and CRC-32, but other bytes. */
    private static void plantForgedCopy(Path folder) throws IOException {
        byte[] genuine = NativeLoaderTest.bundled();
        byte[] forged = new byte[genuine.length];
        CRC32 crc = new CRC32();
        crc.update(genuine);
        forgeCrc(forged, (int) crc.getValue());
        CRC32 check = new CRC32();
        check.update(forged);
        assertEquals(crc.getValue(), check.getValue(), "the forged copy has the genuine CRC-32");
        Files.write(folder.resolve(NativeCache.sha256(genuine) + "-" + NAME), forged);
    }

    private static Path privateFolder(Path folder) throws IOException {
        return Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }

    /** Sets the last four bytes so that the CRC-32 of the whole is target: CRC-32 is linear, so this is solvable. */
    private static void forgeCrc(byte[] bytes, int target) {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            table[i] = c;
        }
        CRC32 prefix = new CRC32();
        prefix.update(bytes, 0, bytes.length - 4);
        int state = ~(int) prefix.getValue();
        int wanted = ~target;
        for (int step = 0; step < 4; step++) { // undo one byte: the top byte of the state names the table entry
            int top = wanted >>> 24;
            int index = 0;
            while (table[index] >>> 24 != top) {
                index++;
            }
            wanted = ((wanted ^ table[index]) << 8) | index;
        }
        int tail = wanted ^ state;
        for (int i = 0; i < 4; i++) {
            bytes[bytes.length - 4 + i] = (byte) (tail >>> (8 * i));
        }
    }

    private String cacheName() {
        return NativeLoader.LIBRARY_NAME + "-cache-" + NativePlatform.uid();
    }

    /** Where this user's own cache goes when java.io.tmpdir is refused: ~/.cache (macOS: ~/Library/Caches), ~ in scratch. */
    private Path homeCache() throws IOException {
        String caches = System.getProperty("os.name").startsWith("Mac") ? "Library/Caches" : ".cache";
        return home.toRealPath().resolve(caches).resolve(cacheName());
    }

    /** Whether every folder down to this one lets other users through, as a JVM of another uid needs for its class path. */
    private static boolean openToOthers(Path folder) throws IOException {
        for (Path at = folder.toRealPath(); at != null; at = at.getParent()) {
            if (((Integer) Files.getAttribute(at, "unix:mode") & 05) != 05) {
                return false;
            }
        }
        return true;
    }

    /** Runs a probe with home as user.home and no XDG folders; returns the file it loaded, after checking the sum. */
    private String loads(List<String> prefix, String... javaOptions) throws Exception {
        List<String> options = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData",
                "-Duser.home=" + home));
        options.addAll(List.of(javaOptions));
        Path stderr = Files.createTempFile(scratch, "stderr-", ".txt");
        ProcessBuilder builder = NativeLoaderTest.probeCommand(stderr, prefix, options.toArray(new String[0]));
        builder.environment().remove("XDG_RUNTIME_DIR");
        builder.environment().remove("XDG_CACHE_HOME");
        Process probe = builder.start();
        probe.getOutputStream().close();
        NativeLoaderTest.ProbeRun run = NativeLoaderTest.await(probe, stderr);
        assertEquals(0, run.exitCode(), run.errors());
        String[] lines = run.output().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("9001 from "), run.output());
        return last.substring("9001 from ".length());
    }
}
