package com.example.rustyjavaffm;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * This machine: its platform, named as the jar's {@code native/<platform>/} folders are; this user; and which folders
 * only this user and the system can change (POSIX owners and modes, Windows owners and ACLs).
 */
final class NativePlatform {
    // The platforms a build can produce; an error lists which of them the jar holds.
    static final String[] KNOWN = {
        "linux-x86_64", "linux-aarch64", "linux-x86_64-musl", "linux-aarch64-musl",
        "macos-x86_64", "macos-aarch64", "windows-x86_64", "windows-aarch64"};

    static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
    // File type and permission bits of a unix:mode.
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_ISVTX = 01000;
    private static final int S_IWGRP = 0020;
    private static final int S_IWOTH = 0002;

    private static long uid = -2; // -2: not yet known, -1: unknown; guarded by NativePlatform.class

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

    /** This process's numeric user id: Linux reads it from /proc, others ask the JDK; -1 on Windows or when unknown. */
    static synchronized long uid() {
        if (uid == -2) {
            uid = -1;
            try {
                Path self = Path.of("/proc/self");
                if (Files.isDirectory(self)) {
                    uid = ((Integer) Files.getAttribute(self, "unix:uid")).longValue();
                } else if (!WINDOWS) {
                    uid = new com.sun.security.auth.module.UnixSystem().getUid(); // needs no passwd entry
                }
            } catch (IOException | RuntimeException | LinkageError e) {
                // a runtime without jdk.security.auth: folders must then be root's, which fails safe
            }
        }
        return uid;
    }

    /** This user in a file name: the numeric uid, which even a user without a name has; on Windows the name. */
    static String userTag() {
        if (uid() >= 0) {
            return Long.toString(uid());
        }
        String user = System.getProperty("user.name", "user");
        boolean plain = !user.isEmpty() && user.length() <= 64;
        for (int i = 0; i < user.length() && plain; i++) {
            char c = user.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
        }
        return plain ? user : Integer.toHexString(user.hashCode());
    }

    /** This user's own folders for caches, in order: Windows LOCALAPPDATA; else XDG_RUNTIME_DIR, then the cache home. */
    static List<Path> userFolders() {
        List<Path> folders = new ArrayList<>();
        if (WINDOWS) {
            addAbsolute(folders, System.getenv("LOCALAPPDATA"), "");
            return folders;
        }
        addAbsolute(folders, System.getenv("XDG_RUNTIME_DIR"), "");
        String home = System.getProperty("user.home", "");
        if (System.getProperty("os.name").startsWith("Mac")) {
            addAbsolute(folders, home, "Library/Caches");
        } else if (System.getenv("XDG_CACHE_HOME") != null) {
            addAbsolute(folders, System.getenv("XDG_CACHE_HOME"), "");
        } else {
            addAbsolute(folders, home, ".cache");
        }
        return folders;
    }

    // A user without a passwd entry has user.home "?": only absolute folders count.
    private static void addAbsolute(List<Path> folders, String folder, String child) {
        if (folder != null && !folder.isEmpty() && Path.of(folder).isAbsolute()) {
            folders.add(Path.of(folder, child));
        }
    }

    /**
     * Null when nobody but this user and the system (root; on Windows SYSTEM, Administrators, TrustedInstaller) can
     * rename, replace or write into the folder at this real path or any folder above it; else which folder and why.
     * Above it, a folder others may add to passes when it keeps them from moving what is not theirs (the sticky bit).
     * {@code own}: the folder itself must also be private, not merely safe to pass through.
     */
    static String whyUntrusted(Path real, boolean own) throws IOException {
        for (Path folder = real; folder != null; folder = folder.getParent()) {
            String why = WINDOWS ? Windows.verdict(folder, own && folder == real) : posixVerdict(folder, own && folder == real);
            if (why != null) {
                return folder + " " + why;
            }
        }
        return null;
    }

    private static String posixVerdict(Path folder, boolean own) throws IOException {
        Map<String, Object> unix = Files.readAttributes(folder, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        long owner = ((Integer) unix.get("uid")).longValue();
        // Only a group-writable folder of ours asks for names: one reading that costs nothing elsewhere.
        boolean privateGroup = (mode & S_IWGRP) != 0 && owner == uid() && ((Integer) unix.get("gid")).longValue() == owner
                && isPrivateGroup(folder);
        return posixVerdict(mode, owner, uid(), privateGroup, own);
    }

    /** Whether the folder's group is its owner's private group (Debian's rule: same id and name), which nobody else is in. */
    private static boolean isPrivateGroup(Path folder) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.owner().getName().equals(attributes.group().getName());
    }

    /**
     * The POSIX rule on one folder's mode and owner: a folder, root's or this user's, that others cannot change. Its
     * group counts as nobody else when it is the user's private group (the default on Debian, Ubuntu and Fedora,
     * whose umask 002 makes every folder group-writable).
     */
    static String posixVerdict(int mode, long owner, long self, boolean privateGroup, boolean own) {
        if ((mode & S_IFMT) != S_IFDIR) {
            return "is not a folder";
        }
        if (owner != self && (own || owner != 0)) {
            return "belongs to uid ".concat(Long.toString(owner)).concat(own ? ", not to this user (uid "
                    .concat(Long.toString(self)).concat(")") : ", neither root nor this user (uid "
                    .concat(Long.toString(self)).concat(")"));
        }
        if ((mode & (privateGroup ? S_IWOTH : S_IWGRP | S_IWOTH)) != 0 && (own || (mode & S_ISVTX) == 0)) {
            return "is writable by its group or others (mode ".concat(Integer.toOctalString(mode & 07777))
                    .concat(own ? ")" : ", and no sticky bit keeps them from renaming what is in it)");
        }
        return null;
    }

    /** What the loader makes folders with: mode 0700 (a umask only takes bits away), on Windows an ACL of this user. */
    static FileAttribute<?> privateFolder() throws IOException {
        return WINDOWS ? Windows.privateFolder() : PosixFilePermissions.asFileAttribute(NativeCache.OWNER_ONLY);
    }

    /** Windows owners, ACLs and reparse points: a class of its own, so that other systems never load it. */
    static final class Windows {
        // FILE_ATTRIBUTE_REPARSE_POINT, set on symbolic links and junctions alike.
        static final int REPARSE_POINT = 0x400;

        private static Set<UserPrincipal> trusted; // this user and the system's accounts; guarded by Windows.class

        private Windows() {}

        /** The rule below on a folder as it is, refusing any reparse point (a link or junction). */
        static String verdict(Path folder, boolean own) throws IOException {
            if (((Integer) Files.getAttribute(folder, "dos:attributes", LinkOption.NOFOLLOW_LINKS) & REPARSE_POINT) != 0) {
                return "is a junction or link";
            }
            AclFileAttributeView view = Files.getFileAttributeView(folder, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            return verdict(view.getOwner(), view.getAcl(), trustedPrincipals(), own);
        }

        /**
         * The rule on one folder's owner and ACL: owned by a trusted account, and no one else allowed to rename, remove
         * or re-permission what is in it (nor, for the folder itself, to add to it). Deny entries are ignored, which
         * can only refuse more; entries that only pass on to new files (inherit-only) do not apply here.
         */
        static String verdict(UserPrincipal owner, List<AclEntry> acl, Set<UserPrincipal> trusted, boolean own) {
            if (!trusted.contains(owner)) {
                return "belongs to ".concat(owner.getName()).concat(", not to this user or the system");
            }
            // Rights that let someone rename, remove or re-permission what is in a folder, and those that add to it.
            Set<AclEntryPermission> changes = Set.of(AclEntryPermission.DELETE, AclEntryPermission.DELETE_CHILD,
                    AclEntryPermission.WRITE_ACL, AclEntryPermission.WRITE_OWNER);
            Set<AclEntryPermission> adds = Set.of(AclEntryPermission.WRITE_DATA, AclEntryPermission.APPEND_DATA);
            for (AclEntry entry : acl) {
                if (entry.type() != AclEntryType.ALLOW || trusted.contains(entry.principal())
                        || entry.flags().contains(AclEntryFlag.INHERIT_ONLY)) {
                    continue;
                }
                for (AclEntryPermission permission : entry.permissions()) {
                    if (changes.contains(permission) || own && adds.contains(permission)) {
                        return "lets ".concat(entry.principal().getName()).concat(" ").concat(permission.name());
                    }
                }
            }
            return null;
        }

        /** An ACL of this user alone, given at creation: it replaces what the parent would pass on. */
        static FileAttribute<List<AclEntry>> privateFolder() throws IOException {
            UserPrincipal user = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            List<AclEntry> acl = List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(user)
                    .setPermissions(AclEntryPermission.values())
                    .setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT).build());
            return new FileAttribute<List<AclEntry>>() {
                @Override
                public String name() {
                    return "acl:acl";
                }

                @Override
                public List<AclEntry> value() {
                    return acl;
                }
            };
        }

        // This user, and the accounts that own the system anyway; names that do not resolve here are left out.
        private static synchronized Set<UserPrincipal> trustedPrincipals() {
            if (trusted == null) {
                UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
                Set<UserPrincipal> found = new HashSet<>();
                // "SYSTEM" unqualified too: a translated Windows (German, for one) spells the "NT AUTHORITY" part its own way.
                for (String name : new String[] {System.getProperty("user.name"), "NT AUTHORITY\\SYSTEM", "SYSTEM",
                        "BUILTIN\\Administrators", "NT SERVICE\\TrustedInstaller"}) {
                    try {
                        found.add(lookup.lookupPrincipalByName(name));
                    } catch (IOException e) {
                        // not an account on this machine: not trusted
                    }
                }
                trusted = found;
            }
            return trusted;
        }
    }
}
