package ${package};

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.CodeSource;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The bundled library as a file to load: extracted into a folder only this user can write to, below folders that only
 * root or this user can change, named by its SHA-256 (which the build writes beside it in the jar), and reused by later
 * runs while its size and CRC-32 are the jar's. That check finds damage, not forgery: nobody else can plant a copy in
 * such a folder, and a SHA-256 over the copy would cost a fresh JVM 30 to 50 ms. One instance serves one load; closing
 * it removes what was made for that load alone.
 */
final class NativeCache implements AutoCloseable {
    static final String RESOURCE_DIR = "${packageInPathFormat}/native/";
    static final String FILE_NAME = System.mapLibraryName(NativeLoader.LIBRARY_NAME);
    /** Beside the library in the jar: its SHA-256, as sha256sum prints it. */
    static final String DIGEST_SUFFIX = ".sha256";

    // Set.of, not EnumSet: EnumSet finds the constants by reflection, which JDK 18+ builds from method handles.
    static final Set<PosixFilePermission> OWNER_ONLY = Set.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    // Files older than this that our own naming marks as temporary belong to a killed process.
    private static final long LEFTOVER_AGE_MILLIS = 60 * 60 * 1000;
    private static final String ONE_OFF_PREFIX = NativeLoader.LIBRARY_NAME + "-once-";
    private static final String PARTIAL_SUFFIX = ".partial";
    private static final String CLASS_LOADER_PREFIX = "classloader-";

    private static long unique; // guarded by NativeCache.class

    /** Where the library came from: its resource name, or the file it was read from. */
    final String source;
    private final ZipFile jar;
    private final ZipEntry entry;
    private final long size;
    private final long crc;
    private byte[] bytes;
    private String digest;
    private Path madeFile; // for this load alone: removed by close()
    private Path madeFolder; // for this load alone: removed by close()

    private NativeCache(String source, ZipFile jar, ZipEntry entry, byte[] bytes, String digest) {
        this.source = source;
        this.jar = jar;
        this.entry = entry;
        this.bytes = bytes;
        this.size = bytes != null ? bytes.length : entry.getSize();
        this.crc = bytes != null ? checksum(bytes) : entry.getCrc();
        this.digest = digest;
    }

    /** Where the jar keeps the library for a platform. */
    static String resource(String platform) {
        return RESOURCE_DIR.concat(platform).concat("/").concat(FILE_NAME);
    }

    /** The library that this class's jar (or classes folder) holds for the platform, or null when it has none. */
    static NativeCache bundled(String platform) throws IOException {
        String resource = resource(platform);
        File source = codeSource();
        if (source != null && source.isFile()) {
            // ZipFile shares the index the class loader already read; a jar: URL would wake slow URL handlers.
            ZipFile jar = new ZipFile(source);
            try {
                ZipEntry entry = jar.getEntry(resource);
                if (entry != null && entry.getSize() >= 0) {
                    ZipEntry digest = jar.getEntry(resource.concat(DIGEST_SUFFIX));
                    return new NativeCache(resource, jar, entry, null, digest == null ? null : digest(jar.getInputStream(digest)));
                }
            } catch (IOException | RuntimeException e) {
                jar.close();
                throw e;
            }
            jar.close();
        } else if (source != null && new File(source, resource).isFile()) {
            File file = new File(source, resource);
            File digest = new File(source, resource.concat(DIGEST_SUFFIX));
            byte[] bytes;
            try (InputStream in = new FileInputStream(file)) {
                bytes = readExactly(in, file.length());
            }
            return new NativeCache(resource, null, null, bytes, digest.isFile() ? digest(new FileInputStream(digest)) : null);
        }
        // Anywhere else (a jar inside a jar, an application server): through the class loader, which is slower.
        ClassLoader loader = NativeLoader.class.getClassLoader();
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            bytes = in.readAllBytes();
        }
        InputStream digest = loader.getResourceAsStream(resource + DIGEST_SUFFIX);
        return new NativeCache(resource, null, null, bytes, digest == null ? null : digest(digest));
    }

    /** A library file found elsewhere, for {@link #privateCopy()}. */
    static NativeCache of(Path file) throws IOException {
        return new NativeCache(file.toString(), null, null, Files.readAllBytes(file), null);
    }

    /**
     * A file with the library's content: the copy in the first cache folder that is safe, reused when its size and
     * CRC-32 match and written otherwise; when none is safe or it fails, a copy in a one-off folder. Adds what failed
     * to tried; throws, naming each folder and why, when no folder at all is safe.
     */
    Path extract(List<String> tried) throws IOException {
        String name = digest().concat("-").concat(FILE_NAME);
        List<String> refused = new ArrayList<>();
        Path folder = cacheFolder(refused);
        if (folder != null) {
            try {
                Path file = place(folder, name);
                warnIfRefused(refused, folder, tried);
                return file;
            } catch (IOException e) {
                // An unwritable or cluttered cache folder: extract once into a fresh private folder instead.
                refused.add(folder + " failed (" + e + ")");
            }
        }
        madeFolder = oneOffFolder(refused);
        warnIfRefused(refused, madeFolder, tried);
        madeFile = writeNew(madeFolder, "", "-".concat(FILE_NAME), bytes());
        return madeFile;
    }

    /** A copy for this load alone, for a class loader that finds the usual file taken by another one. */
    Path privateCopy() throws IOException {
        List<String> refused = new ArrayList<>();
        Path folder = cacheFolder(refused);
        if (folder == null) {
            folder = madeFolder = oneOffFolder(refused);
        }
        madeFile = writeNew(folder, CLASS_LOADER_PREFIX, "-".concat(FILE_NAME), bytes());
        return madeFile;
    }

    /** Removes the files made for this load alone (a loaded library stays mapped), and closes the jar. */
    @Override
    public void close() {
        deleteIfUnixLike(madeFile);
        deleteIfUnixLike(madeFolder);
        try {
            if (jar != null) {
                jar.close();
            }
        } catch (IOException e) {
            // closing a jar opened for reading: nothing was written, nothing is lost
        }
    }

    /** The library's bytes, inflated on first use and checked against the CRC-32 in the jar's index. */
    private byte[] bytes() throws IOException {
        if (bytes == null) {
            byte[] inflated;
            try (InputStream in = jar.getInputStream(entry)) {
                inflated = readExactly(in, size);
            }
            if (checksum(inflated) != crc) {
                throw new IOException(source + " in " + jar.getName() + " is damaged (its CRC-32 is not the one in the"
                        + " jar's index): build or download the jar again.");
            }
            bytes = inflated;
        }
        return bytes;
    }

    /** The SHA-256 in hex: read from beside the library, or computed when the jar has none there. */
    private String digest() throws IOException {
        if (digest == null) {
            digest = sha256(bytes());
        }
        return digest;
    }

    /** The jar or folder this class came from; null when it is signed (the class loader checks signatures) or remote. */
    private static File codeSource() {
        CodeSource source = NativeLoader.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || source.getCodeSigners() != null || !"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            return new File(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The SHA-256 that a digest file starts with, or null when it starts with something else; closes the stream. */
    private static String digest(InputStream in) throws IOException {
        try (in) {
            String text = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                    return null;
                }
            }
            return text.length() == 64 ? text : null;
        }
    }

    /** The SHA-256 of the bytes in lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The cache folder's setting: the system property, or the first of {@link #cacheFolders()}. */
    static String folderSetting() {
        String configured = System.getProperty(NativeLoader.CACHE_DIR_PROPERTY);
        return configured != null ? configured : base(0).resolve(cacheName()).toString();
    }

    /**
     * The cache folders, in the order tried: the system property alone when set; else {@code <library>-cache-<uid>}
     * in java.io.tmpdir, then in this user's own folders ({@link NativePlatform#userFolders()}; on Windows, first).
     */
    static List<Path> cacheFolders() {
        String configured = System.getProperty(NativeLoader.CACHE_DIR_PROPERTY);
        if (configured != null) {
            return List.of(Path.of(configured));
        }
        List<Path> folders = new ArrayList<>();
        for (int i = 0; base(i) != null; i++) {
            folders.add(base(i).resolve(cacheName()));
        }
        return folders;
    }

    private static String cacheName() {
        return NativeLoader.LIBRARY_NAME.concat("-cache-").concat(NativePlatform.userTag());
    }

    /**
     * The i-th place for cache and one-off folders, null past the last: java.io.tmpdir, then this user's folders
     * (on Windows, those first). Past the temp folder only: reading the environment costs a fresh JVM about 1 ms.
     */
    private static Path base(int i) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "")).toAbsolutePath(); // System.load needs it absolute
        if (!NativePlatform.WINDOWS && i == 0) {
            return tmp;
        }
        List<Path> user = NativePlatform.userFolders();
        int index = NativePlatform.WINDOWS ? i : i - 1;
        return index < user.size() ? user.get(index) : NativePlatform.WINDOWS && index == user.size() ? tmp : null;
    }

    /** The first cache folder that is private, below folders only root or this user can change; else null. */
    private static Path cacheFolder(List<String> refused) {
        String configured = System.getProperty(NativeLoader.CACHE_DIR_PROPERTY);
        for (int i = 0; configured == null ? base(i) != null : i == 0; i++) {
            Path candidate = configured != null ? Path.of(configured) : base(i).resolve(cacheName());
            Path folder = trustedFolder(candidate, true, refused);
            if (folder != null) {
                removeLeftovers(folder);
                return folder;
            }
        }
        return null;
    }

    /**
     * The folder at its real path when it and every folder above it pass {@link NativePlatform#whyUntrusted}; made,
     * owner-only whatever the umask, when missing and its parents pass. Else null, with why added to refused.
     */
    private static Path trustedFolder(Path dir, boolean own, List<String> refused) {
        try {
            dir = dir.toAbsolutePath();
            // Someone else's link, in a shared folder, could point anywhere: it is not followed.
            String link = whyNotOurLink(dir);
            if (link != null) {
                refused.add(dir + " " + link);
                return null;
            }
            Path existing = dir;
            while (!existing.toFile().exists() && existing.getParent() != null) { // java.io: no exception when missing
                existing = existing.getParent();
            }
            Path real = existing.toRealPath(); // checked and used without links, so nobody can repoint it afterwards
            String why = NativePlatform.whyUntrusted(real, own && existing == dir);
            if (why == null && existing != dir) {
                for (Path part : existing.relativize(dir)) {
                    real = makeFolder(real.resolve(part.toString()));
                }
                why = NativePlatform.whyUntrusted(real, own);
            }
            if (why == null) {
                return real;
            }
            refused.add(dir.equals(real) ? why : dir + " (" + real + "): " + why);
        } catch (IOException | RuntimeException e) {
            refused.add(dir + " cannot be made or opened (" + e + ")");
        }
        return null;
    }

    /** Null unless the path is a link (or, on Windows, a junction) that this user did not make. */
    private static String whyNotOurLink(Path path) throws IOException {
        if (NativePlatform.WINDOWS) {
            return Files.isSymbolicLink(path) || Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    && ((Integer) Files.getAttribute(path, "dos:attributes", LinkOption.NOFOLLOW_LINKS)
                            & NativePlatform.Windows.REPARSE_POINT) != 0
                    ? "is a junction or link" : null;
        }
        if (!Files.isSymbolicLink(path)) {
            return null;
        }
        Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return ((Integer) owner).longValue() == NativePlatform.uid() ? null
                : "is a symbolic link that belongs to uid ".concat(owner.toString());
    }

    /** Makes one folder that only this user can enter, whatever the umask; one made first by someone else is checked. */
    private static Path makeFolder(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, NativePlatform.privateFolder());
        } catch (FileAlreadyExistsException e) {
            // another thread or process made it first: checked like any other by the caller
        }
        return dir.toRealPath();
    }

    /** Says once per load which folders were refused and where the library went instead. */
    private static void warnIfRefused(List<String> refused, Path used, List<String> tried) {
        if (refused.isEmpty()) {
            return;
        }
        for (String why : refused) {
            tried.add("not used: ".concat(why));
        }
        System.getLogger(NativeLoader.class.getName()).log(System.Logger.Level.WARNING, "Extracting " + FILE_NAME
                + " into " + used + ", as " + String.join("; ", refused) + ". Fix that, or set -D"
                + NativeLoader.CACHE_DIR_PROPERTY + " to a folder that only this user can write to, below folders"
                + " that only root or this user can change.");
    }

    /**
     * A fresh owner-only folder for one load, in the first base (java.io.tmpdir, then this user's folders) that
     * passes; old ones of killed runs are removed. Throws, naming every folder refused and why, when none passes.
     */
    private static Path oneOffFolder(List<String> refused) throws IOException {
        for (int i = 0; base(i) != null; i++) {
            Path real = trustedFolder(base(i), false, refused);
            if (real != null) {
                Path made = makeOneOff(real);
                removeOldOneOffFolders(real, made);
                return made;
            }
        }
        throw new IOException("no folder is safe to extract " + FILE_NAME + " into: " + String.join("; ", refused)
                + ". Set -D" + NativeLoader.CACHE_DIR_PROPERTY + " to a folder that only this user can write to,"
                + " below folders that only root or this user can change.");
    }

    /** A new folder of a name nobody else made first (in a shared folder, someone may have). */
    private static Path makeOneOff(Path base) throws IOException {
        for (int attempt = 1; attempt <= 100; attempt++) {
            Path dir = base.resolve(ONE_OFF_PREFIX.concat(uniqueName()));
            try {
                Files.createDirectory(dir, NativePlatform.privateFolder());
                return dir;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next name
            }
        }
        throw new IOException("could not make a folder of a new name in " + base + ": are other programs writing there?");
    }

    /** Removes temporary files that a killed process left behind; never touches files of other names. */
    private static void removeLeftovers(Path dir) {
        for (String name : list(dir)) {
            boolean ours = name.endsWith(PARTIAL_SUFFIX) && name.contains("-".concat(FILE_NAME).concat("-"))
                    || name.startsWith(CLASS_LOADER_PREFIX) && name.endsWith("-".concat(FILE_NAME));
            try {
                if (ours && isOld(dir.resolve(name))) {
                    Files.deleteIfExists(dir.resolve(name)); // a link itself, never its target
                }
            } catch (IOException | RuntimeException e) {
                // gone already, or in use: the next file still gets its turn
            }
        }
    }

    /**
     * Removes the one-off folders of this user that killed runs left in base, never through a link: each is opened
     * without following one, checked there, and emptied relative to that open folder (SecureDirectoryStream). Where
     * the platform has none (Windows), a folder is checked by name; the base passed the check that nobody else may
     * rename what is in it, so the name keeps pointing at what was checked.
     */
    private static void removeOldOneOffFolders(Path base, Path made) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, ONE_OFF_PREFIX.concat("*"))) {
            UserPrincipal self = Files.getOwner(made, LinkOption.NOFOLLOW_LINKS);
            for (Path entry : entries) {
                Path name = entry.getFileName();
                try {
                    if (entries instanceof SecureDirectoryStream<Path> secure) {
                        try (SecureDirectoryStream<Path> old = secure.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                            PosixFileAttributes attributes = old.getFileAttributeView(PosixFileAttributeView.class)
                                    .readAttributes();
                            if (!attributes.owner().equals(self) || !isOld(attributes.lastModifiedTime())) {
                                continue;
                            }
                            for (Path file : old) {
                                old.deleteFile(file.getFileName());
                            }
                        }
                        secure.deleteDirectory(name);
                    } else if (!entry.equals(made) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                            && NativePlatform.whyUntrusted(entry, true) == null
                            && Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS).equals(self)
                            && isOld(Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS))) {
                        for (String file : list(entry)) {
                            Files.deleteIfExists(entry.resolve(file));
                        }
                        Files.deleteIfExists(entry);
                    }
                } catch (IOException | RuntimeException e) {
                    // in use (Windows cannot delete a loaded library), a link, or not ours: left alone
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable base: its leftovers stay, which costs only space
        }
    }

    /** The names in a folder; none when it cannot be read. File.list, as a DirectoryStream is slow to start. */
    private static String[] list(Path dir) {
        String[] names = dir.toFile().list();
        return names != null ? names : new String[0];
    }

    private static boolean isOld(Path file) throws IOException {
        return isOld(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
    }

    private static boolean isOld(FileTime modified) {
        return modified.toMillis() < System.currentTimeMillis() - LEFTOVER_AGE_MILLIS;
    }

    /** Returns {@code dir/name} with the library's content, writing it under a unique name and moving it if needed. */
    private Path place(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        if (matches(target)) {
            return target;
        }
        Path partial = writeNew(dir, name.concat("-"), PARTIAL_SUFFIX, bytes());
        try {
            // File.renameTo is rename(2) on POSIX: atomic, replacing the target. Windows needs Files.move to replace.
            if (!(!NativePlatform.WINDOWS && partial.toFile().renameTo(target.toFile()))) {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Windows cannot replace a file another process has loaded: fine if that file is already right.
            if (!matches(target)) {
                throw e;
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        if (!matches(target)) {
            throw new IOException(target + " changed while it was being written; is another program writing to "
                    + dir + "?");
        }
        return target;
    }

    /** Whether the file is a regular file, not a link, with the library's size and CRC-32. */
    private boolean matches(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() != size) {
                return false;
            }
        } catch (IOException e) {
            return false; // no such file, or it cannot be read: written anew
        }
        CRC32 checksum = new CRC32();
        long read = 0;
        try (InputStream in = new FileInputStream(file.toFile())) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                checksum.update(buffer, 0, n);
                read += n;
            }
        }
        return read == size && checksum.getValue() == crc;
    }

    /**
     * Writes the bytes to a file of a new name, {@code prefix + unique + suffix}, that this call creates: nothing else
     * writes to it, and in a private folder nobody else can have made it. No SecureRandom (createTempFile), which takes
     * long to start, and no FileChannel (CREATE_NEW), whose first use loads a native library.
     */
    private static Path writeNew(Path dir, String prefix, String suffix, byte[] bytes) throws IOException {
        for (int attempt = 1; attempt <= 100; attempt++) {
            File file = dir.resolve(prefix.concat(uniqueName()).concat(suffix)).toFile();
            if (file.createNewFile()) {
                try (OutputStream out = new FileOutputStream(file)) {
                    if (!NativePlatform.WINDOWS) { // createNewFile leaves the umask's mode: nobody else may write
                        Files.setPosixFilePermissions(file.toPath(), OWNER_ONLY);
                    }
                    out.write(bytes);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(file.toPath());
                    throw e;
                }
                return file.toPath();
            }
        }
        throw new IOException("could not make a file of a new name in " + dir + ": are other programs writing there?");
    }

    private static synchronized String uniqueName() {
        return Long.toHexString(System.nanoTime()).concat("-").concat(Long.toHexString(++unique));
    }

    /** Reads a stream of known length into one array; fewer bytes than announced is an error. */
    private static byte[] readExactly(InputStream in, long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[(int) length];
        if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
            throw new IOException("the library ended before its size, " + length + " bytes");
        }
        return bytes;
    }

    private static void deleteIfUnixLike(Path path) {
        try {
            if (!NativePlatform.WINDOWS && path != null) {
                Files.deleteIfExists(path); // Windows cannot delete a loaded library
            }
        } catch (IOException e) {
            // best effort: a leftover is never loaded, only wastes space
        }
    }

    /** CRC-32, computed natively: quick even before the JIT has compiled anything. */
    private static long checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }
}
