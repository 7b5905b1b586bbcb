package io.github.rustyjava.maven.glue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The glue between the declarations of RustFunctions.java and the Rust functions that implement them: a Java class
 * {@code Rust} (and {@code RustObject}) for javac, and a Rust module for cargo, for JNI or for FFM. The user's code is
 * the same for both; only these files differ.
 */
public final class Glue {
    /** The Java class the glue generates, whose static methods call Rust. */
    static final String CLASS = "Rust";

    private Glue() {}

    /** The files one binding generates: the Java class, RustObject, and the Rust module. */
    public record Output(String java, String rustObject, String rust) {}

    /** Generates the glue for {@code binding} (jni or ffm). */
    public static Output generate(Declarations declarations, String binding, String origin) throws GlueException {
        long fingerprint = fingerprint(declarations, binding);
        String rustObject = resource("RustObject.java").replace("PACKAGE", declarations.packageName());
        return switch (binding) {
            case "jni" -> new JniGlue(declarations, origin, fingerprint).files(rustObject);
            case "ffm" -> new FfmGlue(declarations, origin, fingerprint).files(rustObject);
            default -> throw new GlueException("binding '" + binding + "' is not one this plugin knows: set <binding> of"
                    + " rusty-java-maven-plugin in pom.xml to jni (JDK 17+) or ffm (JDK 22+).");
        };
    }

    /**
     * Generates the glue for the interface {@code functions} and writes it, unless the files written last came from
     * the same declarations, binding and generator (see {@link #generator}): reading the declarations costs about
     * 0.2 s, on every build. Returns whether it generated.
     */
    public static boolean generateIfChanged(String functions, List<Path> sourceRoots, String binding, String generator,
            Path basedir, Path javaRoot, Path rustFile) throws GlueException, IOException {
        Path file = Declarations.locate(functions, sourceRoots);
        String inputs = functions + "\n" + binding + "\n" + generator + "\n" + HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
        Path stamp = javaRoot.resolve("rusty-java.inputs");
        String packagePath = functions.contains(".") ? functions.substring(0, functions.lastIndexOf('.')).replace('.', '/') : "";
        boolean written = Files.isRegularFile(rustFile) && Files.isRegularFile(javaRoot.resolve(packagePath).resolve(CLASS + ".java"))
                && Files.isRegularFile(javaRoot.resolve(packagePath).resolve("RustObject.java"));
        if (written && Files.isRegularFile(stamp) && Files.readString(stamp).equals(inputs)) {
            return false;
        }
        Declarations declarations = Declarations.read(functions, sourceRoots);
        String origin = basedir.relativize(declarations.file()).toString().replace('\\', '/');
        write(generate(declarations, binding, origin), javaRoot, declarations.packageName(), rustFile);
        Files.writeString(stamp, inputs);
        return true;
    }

    /** The plugin jar this runs from, by path, size and time; a class folder (a build of the plugin itself) never matches. */
    public static String generator() throws IOException {
        try {
            Path jar = Path.of(Glue.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                return jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            }
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            // no identity: generate every time
        }
        return "unknown " + System.nanoTime();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Writes the files, each only if its text changed, so javac and cargo see nothing new on a build without changes. */
    public static boolean write(Output files, Path javaRoot, String packageName, Path rustFile) throws IOException {
        Path javaPackage = javaRoot.resolve(packageName.replace('.', '/'));
        boolean changed = writeIfChanged(javaPackage.resolve(CLASS + ".java"), files.java());
        changed |= writeIfChanged(javaPackage.resolve("RustObject.java"), files.rustObject());
        changed |= writeIfChanged(rustFile, files.rust());
        return changed;
    }

    private static boolean writeIfChanged(Path file, String text) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** A number that changes with any declaration and the binding: Rust.java compares the library's with its own. */
    static long fingerprint(Declarations declarations, String binding) {
        StringBuilder canonical = new StringBuilder(binding).append('\n').append(declarations.packageName()).append('\n');
        for (Function function : declarations.functions()) {
            canonical.append(function.javaSignature()).append('\n');
        }
        byte[] digest = sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (digest[i] & 0xff);
        }
        return value & Long.MAX_VALUE;
    }

    static String hex(long value) {
        return String.format(Locale.ROOT, "0x%016x", value);
    }

    /** A text file of the plugin's glue sources. */
    static String resource(String name) {
        try (InputStream in = Glue.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The plugin jar lacks glue/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any function passes or returns this kind. */
    static boolean uses(Declarations declarations, Kind kind) {
        return declarations.functions().stream().anyMatch(f -> f.returns().kind() == kind
                || f.parameters().stream().anyMatch(p -> p.type().kind() == kind));
    }

    /** The classes passed as Rust objects, each once. */
    static List<String> objectTypes(Declarations declarations) {
        return declarations.functions().stream().flatMap(f -> f.objectTypes().stream()).distinct().toList();
    }
}
