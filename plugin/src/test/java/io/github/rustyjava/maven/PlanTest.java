package io.github.rustyjava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class PlanTest {
    private final Path target = Path.of("/p/rust/target");

    @Test
    void buildsTheHostLibraryIntoCargosProfileFolder() throws MojoFailureException {
        AbstractLibraryMojo.Plan dev = AbstractLibraryMojo.plan("linux-x86_64", target, "dev", false, "", "fast");
        assertEquals(List.of("build", "--profile", "dev"), dev.arguments());
        assertEquals(target.resolve("debug/libfast.so"), dev.library());
        assertEquals(target.resolve("release/fast.dll"),
                AbstractLibraryMojo.plan("windows-x86_64", target, "release", false, "", "fast").library());
    }

    @Test
    void zigbuildTargetsTheGlibcFloor() throws MojoFailureException {
        AbstractLibraryMojo.Plan plan = AbstractLibraryMojo.plan("linux-aarch64", target, "release", true, "2.17", "fast");
        assertEquals(List.of("zigbuild", "--profile", "release", "--target", "aarch64-unknown-linux-gnu.2.17"),
                plan.arguments());
        assertEquals(target.resolve("aarch64-unknown-linux-gnu/release/libfast.so"), plan.library());
    }

    @Test
    void zigbuildRefusesAPlatformWithoutGlibc() {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> AbstractLibraryMojo.plan("macos-aarch64", target, "release", true, "2.17", "fast"));
        assertEquals("-Pmanylinux (cargo.zigbuild) builds for glibc Linux with a glibc floor, but this is macos-aarch64"
                + " and the floor is '2.17': leave -Pmanylinux out here.", e.getMessage());
    }

    @Test
    void aJdkOlderThanTheReleaseStopsTheBuild() throws MojoFailureException {
        BuildMojo.checkJdk("17", 17, "/jdk");
        BuildMojo.checkJdk(null, 17, "/jdk");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> BuildMojo.checkJdk("22", 17, "/jdk"));
        assertEquals("This project compiles for Java 22 (maven.compiler.release), but Maven runs on JDK 17 (/jdk):"
                + " point JAVA_HOME at a JDK 22 or later.", e.getMessage());
    }
}
