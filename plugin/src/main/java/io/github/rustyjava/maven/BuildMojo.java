package io.github.rustyjava.maven;

import io.github.rustyjava.maven.glue.Glue;
import io.github.rustyjava.maven.glue.GlueException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts cargo build in the background, so the crate compiles while javac does; the {@code library} goal waits
 * for it. First checks that this JVM can name the project's files (a non-ASCII package needs a UTF-8 locale).
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class BuildMojo extends AbstractLibraryMojo {
    /** The Java release the sources compile for: on an older JDK the build stops here, in one line, before cargo. */
    @Parameter(property = "maven.compiler.release")
    protected String release;

    /** The interface that declares the functions Rust implements; the glue between the two is generated from it. */
    @Parameter(property = "rusty-java.functions", required = true)
    protected String functions;

    /** How Java calls Rust: {@code jni} (JDK 17+) or {@code ffm} (java.lang.foreign, JDK 22+). Only the glue differs. */
    @Parameter(property = "rusty-java.binding", defaultValue = "jni", required = true)
    protected String binding;

    @Override
    public void execute() throws MojoFailureException {
        checkJdk(release, Runtime.version().feature(), System.getProperty("java.home"));
        checkFileNames();
        generateGlue();
        if (skip || assembling()) {
            return;
        }
        Plan plan = plan();
        project.setContextValue(RUNNING, Cargo.start("build", plan.arguments(), cargoOptions()));
    }

    /**
     * Writes the glue for javac (target/generated-sources/rusty-java) and for cargo (rust/target/rusty-java/java.rs, the
     * module rust/src/lib.rs includes), each only when it changed.
     */
    private void generateGlue() throws MojoFailureException {
        Path javaRoot = Path.of(project.getBuild().getDirectory(), "generated-sources", "rusty-java");
        List<Path> sourceRoots = project.getCompileSourceRoots().stream().map(Path::of).filter(root -> !root.equals(javaRoot)).toList();
        try {
            Glue.generateIfChanged(functions, sourceRoots, binding, Glue.generator(), project.getBasedir().toPath(), javaRoot,
                    crate.toPath().resolve("target/rusty-java/java.rs"));
        } catch (GlueException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoFailureException("Writing the glue failed: " + e);
        }
        project.addCompileSourceRoot(javaRoot.toString());
    }

    /** Fails when the running JDK is older than the release the sources compile for. */
    static void checkJdk(String release, int running, String javaHome) throws MojoFailureException {
        if (release != null && release.strip().matches("[0-9]+") && Integer.parseInt(release.strip()) > running) {
            throw new MojoFailureException("This project compiles for Java " + release.strip()
                    + " (maven.compiler.release), but Maven runs on JDK " + running + " (" + javaHome
                    + "): point JAVA_HOME at a JDK " + release.strip() + " or later.");
        }
    }

    /** Fails at once when Java cannot spell the package folder or a source folder: javac would silently skip it. */
    private void checkFileNames() throws MojoFailureException {
        String encoding = System.getProperty("sun.jnu.encoding", System.getProperty("file.encoding", "UTF-8"));
        List<String> paths = new ArrayList<>(List.of(resourcePath));
        paths.addAll(project.getCompileSourceRoots());
        paths.addAll(project.getTestCompileSourceRoots());
        Optional<String> path = SourceNames.unnameable(encoding, paths);
        if (path.isPresent()) {
            throw new MojoFailureException(SourceNames.failure(path.get(), encoding, System.getenv("LANG")));
        }
    }
}
