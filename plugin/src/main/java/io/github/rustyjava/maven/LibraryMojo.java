package io.github.rustyjava.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * At the end of compile (after javac, which Maven runs first in that phase): waits for the cargo build that the {@code build} goal started (or runs it, when that goal did not run), checks
 * the glibc floor, and puts the library and its SHA-256 into target/classes/RESOURCE-PATH/PLATFORM/, where
 * the generated loader looks. With -Dnative.assemble, bundles every platform's library from that folder instead.
 */
@Mojo(name = "library", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class LibraryMojo extends AbstractLibraryMojo {
    @Override
    public void execute() throws MojoFailureException, MojoExecutionException {
        try {
            if (assembling()) {
                // A relative folder is the project's, as Maven resolves other paths, not the shell's working directory.
                assemble(project.getBasedir().toPath().resolve(assemble.strip()));
            } else {
                build();
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the library into " + resourceFolder() + ": " + e, e);
        }
    }

    private void build() throws MojoFailureException, IOException {
        Plan plan = plan();
        if (!skip) {
            Object running = project.getContextValue(RUNNING);
            project.setContextValue(RUNNING, null);
            Cargo cargo = running instanceof Cargo started ? started : Cargo.start("build", plan.arguments(), cargoOptions());
            cargo.finish(System.out);
        }
        Path library = plan.library();
        if (!Files.isRegularFile(library)) {
            throw new MojoFailureException("No " + library + ": run Maven without -Dcargo.skip, or build it with cargo "
                    + String.join(" ", plan.arguments()) + " in " + crate + ".");
        }
        String floor = floor();
        if (Platform.isGlibcLinux(plan.platform()) && !floor.isEmpty()) {
            checkGlibcFloor(library, floor);
        }
        Optional<String> mismatch = Machine.mismatch(library, plan.platform());
        if (mismatch.isPresent()) {
            // An x86_64 JDK under Rosetta or Windows' emulation names one platform while rustc builds for the host.
            throw new MojoFailureException(mismatch.get() + ": run Maven on a JDK built for the machine's own"
                    + " processor (JAVA_HOME), or make rustc build for " + Machine.arch(plan.platform())
                    + " (rustup default stable-<that architecture's triple>).");
        }
        NativeFiles.place(library, resourceFolder().resolve(plan.platform()).resolve(library.getFileName()));
        NativeFiles.removePlatformsExcept(resourceFolder(), List.of(plan.platform()));
    }

    /** -Dnative.assemble=folder: one jar with every platform's library, from folder/PLATFORM/LIBRARY-FILE. */
    private void assemble(Path folder) throws MojoFailureException, IOException {
        List<String> wanted = Arrays.stream(platforms.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        List<String> missing = new ArrayList<>();
        for (String platform : wanted) {
            Path library = folder.resolve(platform).resolve(Platform.fileName(platform, libraryName));
            Optional<String> mismatch = Files.isRegularFile(library) ? Machine.mismatch(library, platform) : Optional.empty();
            if (mismatch.isPresent()) {
                missing.add(platform + " (" + mismatch.get() + ")");
            } else if (Files.isRegularFile(library)) {
                NativeFiles.place(library, resourceFolder().resolve(platform).resolve(library.getFileName()));
            } else {
                missing.add(platform + " (no " + library + ")");
            }
        }
        NativeFiles.removePlatformsExcept(resourceFolder(), wanted);
        if (!missing.isEmpty()) {
            throw new MojoFailureException("-Dnative.assemble=" + folder + " lacks " + missing.size() + " of the "
                    + wanted.size() + " platforms in native.platforms: " + String.join(", ", missing)
                    + ". Add their libraries, or list only the platforms you ship with -Dnative.platforms=a,b.");
        }
    }

    /** Fails when the library needs a glibc symbol version newer than the floor, naming the symbols. */
    private static void checkGlibcFloor(Path library, String floor) throws MojoFailureException, IOException {
        String symbols;
        int exit;
        try {
            Process objdump = new ProcessBuilder("objdump", "-T", library.toString()).redirectErrorStream(true).start();
            symbols = new String(objdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = objdump.waitFor();
        } catch (IOException e) {
            throw new MojoFailureException("Cannot run objdump to check the glibc floor (" + e.getMessage()
                    + "): install binutils, or leave -Dglibc.floor out.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoFailureException("Interrupted while objdump read " + library + ".");
        }
        if (exit != 0) {
            throw new MojoFailureException("objdump -T " + library + " failed (" + symbols.strip()
                    + "): install binutils, or leave -Dglibc.floor out.");
        }
        List<String> tooNew = Glibc.tooNew(symbols, floor);
        if (!tooNew.isEmpty()) {
            throw new MojoFailureException(library + " needs a glibc newer than " + floor + ", the oldest it must"
                    + " load on: " + String.join(", ", tooNew) + ". Build it with -Pmanylinux (cargo-zigbuild), avoid"
                    + " these functions, or raise -Dglibc.floor.");
        }
    }
}
