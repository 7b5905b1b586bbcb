package com.example.rustyjava;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven build's Rust steps (see pom.xml): runs cargo quietly unless it fails, then puts the library where
 * {@link NativeLoader} looks. Compiled into target/build-classes, never shipped in the jar.
 * <p>Usage: {@code RustBuild build|test --key=value ...}, the keys being the fields of {@link Settings}.
 */
public final class RustBuild {
    /** What the pom passes; every value arrives as {@code --name=value}. */
    private record Settings(Path crate, Path targetDir, String profile, Path classes, boolean quiet, boolean skip,
            boolean locked, boolean denyWarnings, boolean offline, boolean zigbuild, String glibc, String assemble,
            List<String> platforms) {
        static Settings parse(List<String> args) {
            Map<String, String> values = new HashMap<>();
            for (String arg : args) {
                int equals = arg.indexOf('=');
                if (!arg.startsWith("--") || equals < 0) {
                    throw new IllegalArgumentException("RustBuild: expected --name=value, got '" + arg + "'");
                }
                values.put(arg.substring(2, equals), arg.substring(equals + 1).strip());
            }
            return new Settings(Path.of(values.get("crate")), Path.of(values.get("targetDir")), values.get("profile"),
                    Path.of(values.getOrDefault("classes", ".")), Integer.parseInt(values.get("logLevel")) >= 2,
                    Boolean.parseBoolean(values.get("skip")), Boolean.parseBoolean(values.get("locked")),
                    Boolean.parseBoolean(values.get("denyWarnings")), Boolean.parseBoolean(values.get("offline")),
                    Boolean.parseBoolean(values.get("zigbuild")), values.getOrDefault("glibc", ""),
                    values.getOrDefault("assemble", ""),
                    Arrays.stream(values.getOrDefault("platforms", "").split(",")).map(String::strip)
                            .filter(p -> !p.isEmpty()).toList());
        }
    }

    /** A build step that failed for a reason its message explains: Maven shows the message, no stack trace. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static final String RESOURCE_DIR = NativeCache.RESOURCE_DIR;

    private RustBuild() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Settings settings = Settings.parse(Arrays.asList(args).subList(1, args.length));
        switch (args[0]) {
            case "build" -> build(settings);
            case "test" -> {
                if (settings.assemble().isEmpty() && !settings.skip()) { // assembled libraries were tested where built
                    cargo(settings, "test", List.of("test", "--profile", settings.profile()));
                }
            }
            default -> throw new IllegalArgumentException("RustBuild: unknown step '" + args[0] + "'");
        }
    }

    /** Builds the library (or takes every platform's from -Dnative.assemble) and copies it into the classes. */
    private static void build(Settings settings) throws IOException, InterruptedException {
        if (!settings.assemble().isEmpty()) {
            assemble(settings, Path.of(settings.assemble()));
            return;
        }
        String platform = NativeLoader.platformKey();
        List<String> command = new ArrayList<>(List.of("build", "--profile", settings.profile()));
        Path built = settings.targetDir();
        boolean glibcLinux = platform.startsWith("linux-") && !platform.endsWith("-musl");
        if (settings.zigbuild()) {
            if (!glibcLinux || settings.glibc().isEmpty()) {
                throw new Failure("-Pmanylinux builds for glibc Linux with a glibc floor, but this is "
                        + platform + " and the floor is '" + settings.glibc() + "': leave -Pmanylinux out here.");
            }
            String triple = platform.substring("linux-".length()) + "-unknown-linux-gnu";
            command.set(0, "zigbuild"); // cargo-zigbuild links against the old glibc that zig ships
            command.addAll(List.of("--target", triple + "." + settings.glibc()));
            built = built.resolve(triple);
        }
        built = built.resolve(settings.profile().equals("dev") ? "debug" : settings.profile());
        if (!settings.skip()) {
            cargo(settings, "build", command);
        }
        Path library = built.resolve(System.mapLibraryName(NativeLoader.LIBRARY_NAME));
        if (!Files.isRegularFile(library)) {
            throw new Failure("No " + library + ": run Maven without -Dcargo.skip, or build it with "
                    + "cargo " + String.join(" ", command) + " in " + settings.crate() + ".");
        }
        if (glibcLinux && !settings.glibc().isEmpty()) {
            checkGlibcFloor(library, settings.glibc());
        }
        copyIfChanged(library, settings.classes().resolve(RESOURCE_DIR + platform).resolve(library.getFileName()));
        removePlatformsExcept(settings.classes(), List.of(platform));
    }

    /** Runs cargo in the crate; prints its output as it comes, or (quiet) only when it fails. */
    private static void cargo(Settings settings, String step, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cargo"));
        command.addAll(arguments);
        if (settings.quiet()) {
            command.add("--quiet");
        }
        if (settings.locked()) {
            command.add("--locked");
        }
        if (settings.offline()) {
            command.add("--offline");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(settings.crate().toFile()).redirectErrorStream(true);
        builder.environment().put("CARGO_TARGET_DIR", settings.targetDir().toString());
        if (settings.denyWarnings()) { // added to RUSTFLAGS, which replaces any rustflags in cargo's config files
            builder.environment().merge("RUSTFLAGS", "-D warnings", (flags, deny) -> flags + " " + deny);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failure("Cannot run cargo (" + e.getMessage() + "): this build needs Rust "
                    + rustVersion(settings.crate()) + " or newer; install it with rustup (https://rustup.rs), then open"
                    + " a new shell.");
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        copyLines(process.getInputStream(), settings.quiet() ? new PrintStream(kept, true, StandardCharsets.UTF_8) : System.out);
        int exit = process.waitFor();
        if (exit == 0) {
            return;
        }
        String output = kept.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        System.out.flush();
        String hint = output.contains("--locked was passed") || output.contains("needs to be updated but --locked")
                ? " Cargo.lock does not match Cargo.toml: build once without -Pci, which updates it, and commit it."
                : step.equals("test") ? " Run `cargo test` in " + settings.crate() + " to iterate on it." : "";
        throw new Failure("cargo " + step + " failed (exit code " + exit + "); cargo's output is above."
                + hint);
    }

    /** The rust-version that Cargo.toml asks for. */
    private static String rustVersion(Path crate) throws IOException {
        Matcher version = Pattern.compile("(?m)^rust-version\\s*=\\s*\"([^\"]+)\"").matcher(
                Files.readString(crate.resolve("Cargo.toml")));
        return version.find() ? version.group(1) : "(see rust-version in rust/Cargo.toml)";
    }

    /** Echoes the process output, minus cargo's hint to rerun with --lib, which does not apply under Maven. */
    private static void copyLines(InputStream in, PrintStream out) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line.startsWith("error: test failed, to rerun pass") ? "error: test failed" : line);
            }
        }
        out.flush();
    }

    /** Fails when the library needs a glibc symbol version newer than the floor, naming the symbols. */
    private static void checkGlibcFloor(Path library, String floor) throws IOException, InterruptedException {
        Process objdump = new ProcessBuilder("objdump", "-T", library.toString()).redirectErrorStream(true).start();
        String symbols = new String(objdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (objdump.waitFor() != 0) {
            throw new Failure("objdump -T " + library + " failed; install binutils. " + symbols);
        }
        List<String> tooNew = new ArrayList<>();
        Matcher needs = Pattern.compile("\\(GLIBC_([0-9.]+)\\)\\s+(\\S+)").matcher(symbols);
        while (needs.find()) {
            if (compareVersions(needs.group(1), floor) > 0) {
                tooNew.add(needs.group(2) + " (GLIBC_" + needs.group(1) + ")");
            }
        }
        if (!tooNew.isEmpty()) {
            throw new Failure(library + " needs a glibc newer than " + floor + ", the oldest it must"
                    + " load on: " + String.join(", ", tooNew) + ". Build it with -Pmanylinux (cargo-zigbuild), avoid"
                    + " these functions, or raise -Dglibc.floor.");
        }
    }

    private static int compareVersions(String a, String b) {
        int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(x, y);
    }

    /** -Dnative.assemble=<folder>: one jar with every platform's library, from folder/<platform>/<library file>. */
    private static void assemble(Settings settings, Path folder) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String platform : settings.platforms()) {
            Path library = folder.resolve(platform).resolve(NativePlatform.fileName(platform, NativeLoader.LIBRARY_NAME));
            if (Files.isRegularFile(library)) {
                copyIfChanged(library, settings.classes().resolve(RESOURCE_DIR + platform).resolve(library.getFileName()));
            } else {
                missing.add(platform + " (no " + library + ")");
            }
        }
        removePlatformsExcept(settings.classes(), settings.platforms());
        if (!missing.isEmpty()) {
            throw new Failure("-Dnative.assemble=" + folder + " lacks " + missing.size() + " of the "
                    + settings.platforms().size() + " platforms in native.platforms: " + String.join(", ", missing)
                    + ". Add their libraries, or list only the platforms you ship with -Dnative.platforms=a,b.");
        }
    }

    /** Removes the libraries of other platforms that an earlier build (an assemble, say) left in the classes. */
    private static void removePlatformsExcept(Path classes, List<String> keep) throws IOException {
        File[] platforms = classes.resolve(RESOURCE_DIR).toFile().listFiles(File::isDirectory);
        for (File folder : platforms == null ? new File[0] : platforms) {
            if (!keep.contains(folder.getName())) {
                for (File file : Objects.requireNonNullElse(folder.listFiles(), new File[0])) {
                    Files.delete(file.toPath());
                }
                Files.delete(folder.toPath());
            }
        }
    }

    /** Copies the library and writes its SHA-256 beside it (the loader names its copy by it), each unless unchanged. */
    private static void copyIfChanged(Path from, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(from);
        Path digestFile = to.resolveSibling(to.getFileName() + NativeCache.DIGEST_SUFFIX);
        // An unchanged library keeps its digest: no SHA-256 over it on every build.
        if (writeIfChanged(to, bytes) || !Files.isRegularFile(digestFile)) {
            String digest = NativeCache.sha256(bytes) + "  " + to.getFileName() + "\n";
            writeIfChanged(digestFile, digest.getBytes(StandardCharsets.UTF_8));
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
