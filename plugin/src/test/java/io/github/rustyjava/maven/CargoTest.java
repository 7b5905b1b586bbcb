package io.github.rustyjava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CargoTest {
    @TempDir
    Path crate;

    private Cargo.Options options(boolean quiet, boolean locked, boolean offline, boolean denyWarnings) {
        return new Cargo.Options(crate, crate.resolve("target"), quiet, locked, offline, denyWarnings);
    }

    @Test
    void addsTheFlagsThatTheBuildAsksFor() {
        assertEquals(List.of("cargo", "build", "--profile", "dev"),
                options(false, false, false, false).command(List.of("build", "--profile", "dev")));
        assertEquals(List.of("cargo", "test", "--quiet", "--locked", "--offline"),
                options(true, true, true, false).command(List.of("test")));
    }

    @Test
    void deniesWarningsOnTopOfTheUsersRustflags() {
        Map<String, String> environment = new HashMap<>(Map.of("RUSTFLAGS", "-C target-cpu=native"));
        options(false, false, false, true).environment(environment);
        assertEquals("-C target-cpu=native -D warnings", environment.get("RUSTFLAGS"));
        assertEquals(crate.resolve("target").toString(), environment.get("CARGO_TARGET_DIR"));
        Map<String, String> plain = new HashMap<>();
        options(false, false, false, false).environment(plain);
        assertEquals(null, plain.get("RUSTFLAGS"));
    }

    @Test
    void eachFailureNamesTheStepAndItsFix() {
        assertEquals("cargo build failed (exit code 101); cargo's output is above. Cargo.lock does not match Cargo.toml:"
                + " build once without -Pci, which updates it, and commit it.",
                Cargo.failure("build", 101, "error: the lock file needs to be updated but --locked was passed", crate));
        assertEquals("cargo test failed (exit code 101); cargo's output is above. Run `cargo test` in " + crate
                + " to iterate on it.", Cargo.failure("test", 101, "test result: FAILED", crate));
        assertTrue(Cargo.failure("zigbuild", 101, "error: no such command: `zigbuild`", crate)
                .endsWith("-Pmanylinux needs cargo-zigbuild: pip install cargo-zigbuild ziglang, or leave -Pmanylinux out."));
        for (String place : new String[] {"src/../target/rusty-java/java.rs:678:46", "src\\..\\target\\rusty-java\\java.rs:9:1"}) {
            assertTrue(Cargo.failure("build", 101, "error[E0308]: mismatched types\n   --> " + place, crate)
                    .endsWith("The error is in the glue generated from RustFunctions.java: the Rust function it names is"
                            + " missing, or takes or returns other types than its declaration there (README, Adding a"
                            + " function: the table of types). Change the function or the declaration."), place);
        }
        assertTrue(Cargo.failure("build", 1, "error[E0308]: mismatched types", crate)
                .endsWith("Fix what cargo reports; `cargo build` in " + crate + " shows it again."));
    }

    @Test
    void readsRustVersionFromCargoToml() throws IOException {
        Files.writeString(crate.resolve("Cargo.toml"), "[package]\nname = \"x\"\nrust-version = \"1.85\"\n");
        assertEquals("1.85", Cargo.rustVersion(crate));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in for cargo is a shell script")
    void aQuietRunPrintsNothingWhenGreenAndEverythingWhenItFails() throws Exception {
        // A stand-in for cargo: the options build the command, a shell runs it in the crate.
        Path fake = crate.resolve("cargo");
        Files.writeString(fake, "#!/bin/sh\necho \"compiling $1\"\n[ \"$1\" = ok ]\n");
        assertTrue(fake.toFile().setExecutable(true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Cargo.Options quiet = options(true, false, false, false);
        Cargo.startCommand("build", List.of(fake.toString(), "ok"), quiet).finish(print);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        MojoFailureException failure = assertThrows(MojoFailureException.class,
                () -> Cargo.startCommand("build", List.of(fake.toString(), "broken"), quiet).finish(print));
        assertEquals("compiling broken\n", out.toString(StandardCharsets.UTF_8).replace("\r", ""));
        assertTrue(failure.getMessage().startsWith("cargo build failed (exit code 1); cargo's output is above."));
    }

    @Test
    void aGlueErrorNamesTheDeclarationItComesFrom() throws Exception {
        Path glue = crate.resolve("target/rusty-java/java.rs");
        Files.createDirectories(glue.getParent());
        Files.writeString(glue, String.join("\n", "// generated", "",
                "/// RustFunctions.java:46: int fieldCount(String line), implemented by `pub fn field_count(line: &str) -> i32`.",
                "#[unsafe(no_mangle)]", "extern \"system\" fn f() {", "    crate::feild_count(&line);", "}"));
        String message = Cargo.failure("build", 101,
                "error[E0425]: cannot find function `field_count` in the crate root\n  --> src/../target/rusty-java/java.rs:6:20", crate);
        assertTrue(message.endsWith("The error is in the glue generated from RustFunctions.java:46: int fieldCount(String line),"
                + " implemented by `pub fn field_count(line: &str) -> i32`: the Rust function it names is missing, or takes or"
                + " returns other types than its declaration there (README, Adding a function: the table of types). Change"
                + " the function or the declaration."), message);
    }
}
