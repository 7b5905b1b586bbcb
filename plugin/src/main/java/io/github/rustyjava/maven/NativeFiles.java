package io.github.rustyjava.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** The libraries in the classes: {@code <resource folder>/<platform>/<library file>} and its SHA-256 beside it. */
final class NativeFiles {
    /** The generated NativeCache reads the library's SHA-256 from this file, as sha256sum prints it. */
    static final String DIGEST_SUFFIX = ".sha256";

    private NativeFiles() {}

    /** Copies the library and writes its SHA-256 beside it (the loader names its copy by it), each unless unchanged. */
    static void place(Path library, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(library);
        Path digestFile = to.resolveSibling(to.getFileName() + DIGEST_SUFFIX);
        // An unchanged library keeps its digest: no SHA-256 over it on every build.
        if (writeIfChanged(to, bytes) || !Files.isRegularFile(digestFile)) {
            writeIfChanged(digestFile, digestLine(bytes, to.getFileName().toString()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The digest file's one line: lower-case hex, two spaces, the file name. */
    static String digestLine(byte[] bytes, String fileName) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "  " + fileName + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Removes the libraries of other platforms that an earlier build (an assemble, say) left in the folder. */
    static void removePlatformsExcept(Path resourceFolder, List<String> keep) throws IOException {
        File[] platforms = resourceFolder.toFile().listFiles(File::isDirectory);
        for (File folder : platforms == null ? new File[0] : platforms) {
            if (!keep.contains(folder.getName())) {
                for (File file : Objects.requireNonNullElse(folder.listFiles(), new File[0])) {
                    Files.delete(file.toPath());
                }
                Files.delete(folder.toPath());
            }
        }
    }

    /** Leaves an identical file untouched, so an unchanged build does not repackage the jar; true when it wrote. */
    private static boolean writeIfChanged(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return true;
    }
}
