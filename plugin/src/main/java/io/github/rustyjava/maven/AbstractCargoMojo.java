package io.github.rustyjava.maven;

import java.io.File;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every cargo step shares: the crate, cargo's target folder and profile, and the flags -Pci turns on. */
abstract class AbstractCargoMojo extends AbstractMojo {
    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The Maven session: its log level and offline mode are passed on to cargo. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The crate's folder, the one holding Cargo.toml. */
    @Parameter(property = "cargo.crate", defaultValue = "${project.basedir}/rust", required = true)
    protected File crate;

    /** cargo's target folder (CARGO_TARGET_DIR). The default is cargo's own, so cargo, rust-analyzer and Maven share one build and `mvn clean` keeps it. */
    @Parameter(property = "cargo.target.dir", defaultValue = "${project.basedir}/rust/target", required = true)
    protected File targetDir;

    /** cargo's profile: {@code dev} (fast, incremental) or {@code release} (what ships; the generated -Prelease and -Pbench set it). */
    @Parameter(property = "cargo.profile", defaultValue = "dev", required = true)
    protected String profile;

    /** Runs no cargo command: the build bundles the library cargo built last, and cargo test is skipped. */
    @Parameter(property = "cargo.skip", defaultValue = "false")
    protected boolean skip;

    /** Passes --locked: a Cargo.lock that does not match Cargo.toml fails the build (the generated -Pci sets it). */
    @Parameter(property = "cargo.locked", defaultValue = "false")
    protected boolean locked;

    /** Adds -D warnings to RUSTFLAGS: a Rust warning fails the build (the generated -Pci sets it). */
    @Parameter(property = "cargo.deny.warnings", defaultValue = "false")
    protected boolean denyWarnings;

    /**
     * A folder holding PLATFORM/LIBRARY-FILE for each of native.platforms (linux-x86_64/libfast.so, ...): the build bundles
     * those libraries instead of building one, and cargo test is skipped (they were tested where they were built).
     */
    @Parameter(property = "native.assemble")
    protected String assemble;

    /** How cargo runs for this session: quiet when Maven is (-q), --offline when Maven is (-o). */
    protected Cargo.Options cargoOptions() {
        boolean quiet = session.getRequest().getLoggingLevel() >= MavenExecutionRequest.LOGGING_LEVEL_WARN;
        return new Cargo.Options(crate.toPath(), targetDir.toPath(), quiet, locked, session.isOffline(), denyWarnings);
    }

    /** Whether -Dnative.assemble names a folder. */
    protected boolean assembling() {
        return assemble != null && !assemble.isBlank();
    }
}
