package com.example.rustyjavaffm;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The bundled library as a file to load: extracted into a folder only this user can write to, named by its SHA-256
 * (which the build writes beside it in the jar), and reused by later runs while its size and CRC-32 are the jar's.
 * One instance serves one load; closing it removes what was made for that load alone.
 */
final class NativeCache implements AutoCloseable {
    static final String RESOURCE_DIR = "com/example/rustyjavaffm/native/";
    static final String FILE_NAME = System.mapLibraryName(NativeLoader.LIBRARY_NAME);
    /** Beside the library in the jar: its SHA-256, as sha256sum prints it. */
    static final String DIGEST_SUFFIX = ".sha256";

    // Linux and macOS: file modes and owners are checked. Windows: the default temp folder is already per user.
    private static final boolean POSIX = !System.getProperty("os.name").startsWith("Windows");
    // File type and permission bits of a unix:mode.
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IWGRP = 0020;
    private static final int S_IWOTH = 0002;
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
     * A file with the library's content: the copy in the cache folder, reused when its size and CRC-32 match and
     * written otherwise; when that folder is not private or fails, a copy in a one-off folder. Adds what failed to tried.
     */
    Path extract(List<String> tried) throws IOException {
        String name = digest().concat("-").concat(FILE_NAME);
        Path folder = cacheFolder(tried);
        if (folder != null) {
            try {
                return place(folder, name);
            } catch (IOException e) {
                // An unwritable or cluttered cache folder: extract once into a fresh private folder instead.
                tried.add("extracted to " + folder + ": " + e);
                warnOfOneOffFolder(folder + " failed (" + e + ")", tried);
            }
        }
        madeFolder = oneOffFolder();
        madeFile = writeNew(madeFolder, "", "-".concat(FILE_NAME), bytes());
        return madeFile;
    }

    /** A copy for this load alone, for a class loader that finds the usual file taken by another one. */
    Path privateCopy() throws IOException {
        Path folder = cacheFolder(new ArrayList<>());
        if (folder == null) {
            folder = madeFolder = oneOffFolder();
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

    /** The cache folder's setting: the system property, or {@code <java.io.tmpdir>/<library>-cache-<user>}. */
    static String folderSetting() {
        String configured = System.getProperty(NativeLoader.CACHE_DIR_PROPERTY);
        return configured != null ? configured : Path.of(System.getProperty("java.io.tmpdir"),
                NativeLoader.LIBRARY_NAME.concat("-cache-").concat(userTag())).toString();
    }

    /** The cache folder when it is this user's and only this user can write to it; else null, with a warning why. */
    private static Path cacheFolder(List<String> tried) throws IOException {
        Path dir = Path.of(folderSetting()).toAbsolutePath();
        if (!dir.toFile().exists()) { // java.io: no exception when it is missing, the usual case here
            dir.getParent().toFile().mkdirs(); // if this fails, createDirectory says why
            try {
                if (POSIX) {
                    Files.createDirectory(dir, ownerOnly());
                } else {
                    Files.createDirectory(dir);
                }
            } catch (IOException e) {
                if (!(e instanceof FileAlreadyExistsException)) {
                    throw e;
                }
                // another thread or process made it first, or it is a dangling link: checked below
            }
        }
        // A link in a shared folder may be another user's: it must be ours before we follow it.
        Map<String, Object> unix = POSIX ? unixAttributes(dir) : null;
        if (POSIX && ((Integer) unix.get("mode") & S_IFMT) == S_IFLNK && !ownedByCurrentUser(dir, unix)) {
            return warnOfOneOffFolder(dir + " is a symbolic link that belongs to " + ownerName(dir), tried);
        }
        Path real;
        try {
            real = dir.toRealPath(); // checked and used without links, so nobody can repoint it afterwards
        } catch (IOException e) {
            return warnOfOneOffFolder(dir + " cannot be opened (" + e + ")", tried);
        }
        String whyNot = whyNotPrivate(real, POSIX && !real.equals(dir) ? unixAttributes(real) : unix);
        if (whyNot != null) {
            // Someone else could swap the file between our check and the load: use a folder only we can enter.
            return warnOfOneOffFolder(real + " " + whyNot, tried);
        }
        dir = real;
        removeLeftovers(dir);
        return dir;
    }

    /** Says why a one-off folder is used: loading works, but extracts again on every start until it is fixed. */
    private static Path warnOfOneOffFolder(String why, List<String> tried) {
        tried.add("cache folder " + why + ", so a one-off folder was used");
        System.getLogger(NativeLoader.class.getName()).log(System.Logger.Level.WARNING, "Extracting " + FILE_NAME
                + " into a one-off folder, as the cache folder " + why + ". Fix that folder, or set -D"
                + NativeLoader.CACHE_DIR_PROPERTY + " to one that this user owns and can write to, and nobody else can.");
        return null;
    }

    /** A fresh owner-only folder in java.io.tmpdir, for one load; old ones of killed runs are removed first. */
    private static Path oneOffFolder() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "")).toAbsolutePath(); // System.load needs it absolute
        Files.createDirectories(tmp);
        for (String name : list(tmp)) {
            if (name.startsWith(ONE_OFF_PREFIX)) {
                removeOldOneOffFolder(tmp.resolve(name));
            }
        }
        return Files.createTempDirectory(tmp, ONE_OFF_PREFIX); // owner-only on POSIX
    }

    /** Null when the folder is a real folder owned by this user that nobody else may write to; else the reason. */
    private static String whyNotPrivate(Path dir, Map<String, Object> unix) throws IOException {
        if (!POSIX) {
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? null : "is not a folder";
        }
        int mode = (Integer) unix.get("mode");
        if ((mode & S_IFMT) != S_IFDIR) {
            return "is not a folder";
        }
        if (!ownedByCurrentUser(dir, unix)) {
            return "belongs to " + ownerName(dir);
        }
        if ((mode & (S_IWGRP | S_IWOTH)) != 0) {
            return "is writable by others (" + PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)) + ")";
        }
        return null;
    }

    /**
     * The file's type, permissions and owner, not following a link. unix:mode, not PosixFileAttributes.permissions():
     * on JDK 18+ that builds an EnumSet, which wakes slow reflection.
     */
    private static Map<String, Object> unixAttributes(Path file) throws IOException {
        return Files.readAttributes(file, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether this process's user owns the file: on Linux by uid, which -Duser.name cannot change; else by name. */
    private static boolean ownedByCurrentUser(Path file, Map<String, Object> unix) throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            return unix.get("uid").equals(Files.getAttribute(self, "unix:uid"));
        }
        return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).equals(FileSystems.getDefault()
                .getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name")));
    }

    private static String ownerName(Path file) throws IOException {
        return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
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

    /** Removes a one-off folder of this user that a killed process left behind. */
    private static void removeOldOneOffFolder(Path dir) {
        try {
            if (isOld(dir) && whyNotPrivate(dir, POSIX ? unixAttributes(dir) : null) == null) {
                for (String name : list(dir)) {
                    Files.deleteIfExists(dir.resolve(name));
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException e) {
            // in use (Windows cannot delete a loaded library) or not ours: left alone
        }
    }

    /** The names in a folder; none when it cannot be read. File.list, as a DirectoryStream is slow to start. */
    private static String[] list(Path dir) {
        String[] names = dir.toFile().list();
        return names != null ? names : new String[0];
    }

    private static boolean isOld(Path file) throws IOException {
        long modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
        return modified < System.currentTimeMillis() - LEFTOVER_AGE_MILLIS;
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
            if (!(POSIX && partial.toFile().renameTo(target.toFile()))) {
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

    /** Read, write and search for the owner only. */
    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        // Set.of, not EnumSet: EnumSet finds the constants by reflection, which JDK 18+ builds from method handles.
        return PosixFilePermissions.asFileAttribute(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
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
            if (POSIX && path != null) {
                Files.deleteIfExists(path); // Windows cannot delete a loaded library
            }
        } catch (IOException e) {
            // best effort: a leftover is never loaded, only wastes space
        }
    }

    /** The user name as it may appear in a file name, else its checksum. */
    private static String userTag() {
        String user = System.getProperty("user.name", "user");
        boolean plain = !user.isEmpty() && user.length() <= 64;
        for (int i = 0; i < user.length() && plain; i++) {
            char c = user.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
        }
        return plain ? user : Long.toHexString(checksum(user.getBytes(StandardCharsets.UTF_8)));
    }

    /** CRC-32, computed natively: quick even before the JIT has compiled anything. */
    private static long checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }
}
