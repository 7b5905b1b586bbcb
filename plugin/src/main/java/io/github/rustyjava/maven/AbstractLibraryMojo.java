package io.github.rustyjava.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The cargo build and where its library goes: shared by the goal that starts it and the one that places it. */
abstract class AbstractLibraryMojo extends AbstractCargoMojo {
    /** Where the running build is kept between the two goals of one project. */
    static final String RUNNING = Cargo.class.getName() + ".build";

    /** The library's name: the crate's lib name, the file's (libNAME.so, libNAME.dylib, NAME.dll) and NativeLoader.LIBRARY_NAME. */
    @Parameter(property = "native.library", required = true)
    protected String libraryName;

    /** The folder in the classes that holds PLATFORM/LIBRARY-FILE: the loader's NativeCache.RESOURCE_DIR, the package's path then native (com/acme/native). */
    @Parameter(property = "native.resourcePath", required = true)
    protected String resourcePath;

    /** The classes folder the jar is made from. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
    protected File outputDirectory;

    /** The oldest glibc a Linux library must load on (2.17, say): a library needing newer symbols fails the build. Empty: not checked. */
    @Parameter(property = "glibc.floor")
    protected String glibcFloor;

    /** Builds with cargo-zigbuild for ARCH-unknown-linux-gnu.FLOOR (the generated -Pmanylinux sets it with the floor). */
    @Parameter(property = "cargo.zigbuild", defaultValue = "false")
    protected boolean zigbuild;

    /** The platforms a -Dnative.assemble jar must hold, comma-separated. */
    @Parameter(property = "native.platforms", defaultValue = Platform.ALL, required = true)
    protected String platforms;

    /** The cargo command for this machine and where its library lands. */
    record Plan(String platform, List<String> arguments, Path library) {}

    /** Plans the build for this machine: cargo build, or cargo zigbuild for the glibc floor. */
    protected Plan plan() throws MojoFailureException {
        return plan(Platform.current(), targetDir.toPath(), profile, zigbuild, floor(), libraryName);
    }

    static Plan plan(String platform, Path targetDir, String profile, boolean zigbuild, String floor, String library)
            throws MojoFailureException {
        List<String> arguments = new ArrayList<>(List.of("build", "--profile", profile));
        Path built = targetDir;
        if (zigbuild) {
            if (!Platform.isGlibcLinux(platform) || floor.isEmpty()) {
                throw new MojoFailureException("-Pmanylinux (cargo.zigbuild) builds for glibc Linux with a glibc floor,"
                        + " but this is " + platform + " and the floor is '" + floor + "': leave -Pmanylinux out here.");
            }
            String triple = platform.substring("linux-".length()) + "-unknown-linux-gnu";
            arguments.set(0, "zigbuild"); // cargo-zigbuild links against the old glibc that zig ships
            arguments.addAll(List.of("--target", triple + "." + floor));
            built = built.resolve(triple);
        }
        // cargo's folder for a profile: dev and test build into debug, bench into release.
        built = built.resolve(switch (profile) {
            case "dev", "test" -> "debug";
            case "bench" -> "release";
            default -> profile;
        });
        return new Plan(platform, arguments, built.resolve(Platform.fileName(platform, library)));
    }

    /** The glibc floor, checked for its spelling. */
    protected String floor() throws MojoFailureException {
        String floor = glibcFloor == null ? "" : glibcFloor.strip();
        if (!floor.isEmpty() && !Glibc.isVersion(floor)) {
            throw new MojoFailureException("-Dglibc.floor=" + floor + " is not a glibc version: give one such as 2.17.");
        }
        return floor;
    }

    /** The resource folder inside the classes. */
    protected Path resourceFolder() {
        return outputDirectory.toPath().resolve(resourcePath);
    }
}
