package io.github.rustyjava.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoFailureException;

/** One cargo command: started at once, its output kept until {@link #finish} prints it, quiet unless it fails. */
final class Cargo {
    /** How every cargo command of a build runs: where, with which flags, and whether Maven is quiet. */
    record Options(Path crate, Path targetDir, boolean quiet, boolean locked, boolean offline, boolean denyWarnings) {
        /** {@code cargo <arguments>} plus the flags these options ask for. */
        List<String> command(List<String> arguments) {
            List<String> command = new ArrayList<>(List.of("cargo"));
            command.addAll(arguments);
            if (quiet) {
                command.add("--quiet");
            }
            if (locked) {
                command.add("--locked");
            }
            if (offline) {
                command.add("--offline");
            }
            return command;
        }

        /** CARGO_TARGET_DIR, and -D warnings added to RUSTFLAGS (which replaces rustflags in cargo's config files). */
        void environment(Map<String, String> environment) {
            environment.put("CARGO_TARGET_DIR", targetDir.toString());
            if (denyWarnings) {
                environment.merge("RUSTFLAGS", "-D warnings", (flags, deny) -> flags + " " + deny);
            }
        }
    }

    private static final String END = new String("end of output");

    private final String step;
    private final Options options;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread stopOnExit;

    private Cargo(String step, Options options, Process process) {
        this.step = step;
        this.options = options;
        this.process = process;
        Thread reader = new Thread(this::read, "cargo " + step + " output");
        reader.setDaemon(true);
        reader.start();
        // A build that stops early (a javac error) must not leave cargo running after Maven exits.
        stopOnExit = new Thread(process::destroy, "stop cargo " + step);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts {@code cargo <arguments>} in the crate; the step ("build", "test") names it in messages. */
    static Cargo start(String step, List<String> arguments, Options options) throws MojoFailureException {
        return startCommand(step, options.command(arguments), options);
    }

    /** Starts a whole command line in the crate, with the options' environment. */
    static Cargo startCommand(String step, List<String> command, Options options) throws MojoFailureException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(options.crate().toFile())
                .redirectErrorStream(true);
        options.environment(builder.environment());
        try {
            return new Cargo(step, options, builder.start());
        } catch (IOException e) {
            throw new MojoFailureException("Cannot run cargo (" + e.getMessage() + "): this build needs Rust "
                    + rustVersion(options.crate()) + " or newer; install it with rustup (https://rustup.rs), then open"
                    + " a new shell.");
        }
    }

    /** Waits for cargo, printing its output as it comes (or, when quiet, only if it fails); fails with the fix. */
    void finish(PrintStream out) throws MojoFailureException {
        List<String> kept = new ArrayList<>();
        try {
            for (String line = lines.take(); line != END; line = lines.take()) {
                kept.add(line);
                if (!options.quiet()) {
                    out.println(line);
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                if (options.quiet()) {
                    kept.forEach(out::println);
                }
                out.flush();
                throw new MojoFailureException(failure(step, exit, String.join("\n", kept), options.crate()));
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new MojoFailureException("Interrupted while cargo " + step + " ran.");
        } finally {
            // A long-lived JVM (an IDE's build) must not keep a hook for every finished or abandoned cargo run.
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        out.flush();
    }

    /** The one-line message of a failed step: what failed, where its output is, and how to fix it. */
    static String failure(String step, int exit, String output, Path crate) {
        String fix;
        if (output.contains("--locked was passed") || output.contains("needs to be updated but --locked")) {
            fix = "Cargo.lock does not match Cargo.toml: build once without -Pci, which updates it, and commit it.";
        } else if (output.contains("no such command: `zigbuild`")) {
            fix = "-Pmanylinux needs cargo-zigbuild: pip install cargo-zigbuild ziglang, or leave -Pmanylinux out.";
        } else if (output.contains("error") && (output.contains("rusty-java/java.rs") || output.contains("rusty-java\\java.rs"))) {
            fix = "The error is in the glue generated from " + declarationAt(output, crate).orElse("RustFunctions.java")
                    + ": the Rust function it names is missing, or takes or returns other types than its declaration"
                    + " there (README, Adding a function: the table of types). Change the function or the declaration.";
        } else if (step.equals("test")) {
            fix = "Run `cargo test` in " + crate + " to iterate on it.";
        } else {
            fix = "Fix what cargo reports; `cargo " + step + "` in " + crate + " shows it again.";
        }
        return "cargo " + step + " failed (exit code " + exit + "); cargo's output is above. " + fix;
    }

    /**
     * The declaration whose glue holds the first error in the generated module: each function there follows a comment
     * naming its line of RustFunctions.java and the Rust function it calls.
     */
    static java.util.Optional<String> declarationAt(String output, Path crate) {
        Matcher at = Pattern.compile("rusty-java[/\\\\]java\\.rs:(\\d+)").matcher(output);
        if (!at.find()) {
            return java.util.Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(crate.resolve("target/rusty-java/java.rs"));
            for (int i = Math.min(Integer.parseInt(at.group(1)), lines.size()) - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.startsWith("/// ") && line.contains(".java:") && line.contains(", implemented by `")) {
                    return java.util.Optional.of(line.substring(4).replaceFirst("\\.$", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no better pointer than the generic one
        }
        return java.util.Optional.empty();
    }

    /** Reads cargo's output line by line until it closes, minus cargo's hint to rerun with --lib (not for Maven). */
    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line.startsWith("error: test failed, to rerun pass") ? "error: test failed" : line);
            }
        } catch (IOException e) {
            lines.add("(cargo's output could not be read: " + e.getMessage() + ")");
        } finally {
            lines.add(END);
        }
    }

    /** The rust-version that Cargo.toml asks for. */
    static String rustVersion(Path crate) {
        try {
            Matcher version = Pattern.compile("(?m)^rust-version\\s*=\\s*\"([^\"]+)\"").matcher(
                    Files.readString(crate.resolve("Cargo.toml")));
            return version.find() ? version.group(1) : "(see rust-version in Cargo.toml)";
        } catch (IOException e) {
            return "(see rust-version in " + crate.resolve("Cargo.toml") + ")";
        }
    }
}
