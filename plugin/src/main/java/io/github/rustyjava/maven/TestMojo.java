package io.github.rustyjava.maven;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Runs cargo test before the JUnit tests; skipped with the tests, with -Dcargo.test.skip, -Dcargo.skip and -Dnative.assemble. */
@Mojo(name = "test", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true)
public class TestMojo extends AbstractCargoMojo {
    /** Skips cargo test along with the JUnit tests. */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /** Skips cargo test along with compiling and running the JUnit tests. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    protected boolean mavenTestSkip;

    /** Skips cargo test alone, leaving the JUnit tests to run. */
    @Parameter(property = "cargo.test.skip", defaultValue = "false")
    protected boolean cargoTestSkip;

    @Override
    public void execute() throws MojoFailureException {
        if (skip || cargoTestSkip || skipTests || mavenTestSkip || assembling()) { // assembled libraries were tested where built
            return;
        }
        Cargo.start("test", List.of("test", "--profile", profile), cargoOptions()).finish(System.out);
    }
}
