package io.github.rustyjava.maven;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/** Runs a benchmark's main class (JMH's, say) in a JVM of its own, on the test class path, with native access. */
@Mojo(name = "bench", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class BenchMojo extends AbstractMojo {
    /** The project whose test class path the benchmark runs on. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The class whose main method runs the benchmarks. */
    @Parameter(property = "bench.mainClass", required = true)
    protected String mainClass;

    /** The java command of the JDK that runs Maven. */
    @Parameter(defaultValue = "${java.home}/bin/java", readonly = true, required = true)
    protected String java;

    @Override
    public void execute() throws MojoFailureException, MojoExecutionException {
        int exit;
        try {
            String classPath = String.join(File.pathSeparator, project.getTestClasspathElements());
            Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-classpath",
                    classPath, mainClass)).directory(project.getBasedir()).inheritIO().start();
            exit = process.waitFor();
        } catch (DependencyResolutionRequiredException | IOException e) {
            throw new MojoExecutionException("Cannot start " + java + " for " + mainClass + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoFailureException("Interrupted while " + mainClass + " ran.");
        }
        if (exit != 0) {
            throw new MojoFailureException("The benchmark " + mainClass + " failed (exit code " + exit
                    + "); its output is above. Run it from the IDE to iterate on it.");
        }
    }
}
