package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A Rust panic becomes a RuntimeException with the panic's message and place, prints nothing, and harms nothing. */
class RustPanicTest {
    private static final String MESSAGE = "Rust panic at src[/\\\\]lib\\.rs:\\d+:\\d+: deliberate panic %d for the tests";

    @Test
    void rustPanicBecomesRuntimeExceptionAndLaterCallsWork() {
        RandomInputs.of(SplittableRandom::nextInt, id -> "id " + id)
                .edgeCase("id 0", 0)
                .edgeCase("id MIN", Integer.MIN_VALUE)
                .edgeCase("id MAX", Integer.MAX_VALUE)
                .check(id -> {
                    RuntimeException e = assertThrows(RuntimeException.class, () -> Rust.panicForTest(id));
                    assertTrue(e.getMessage().matches(String.format(MESSAGE, id)), e.getMessage());
                    assertEquals("9001", Core.sumAsStringRust(9000, 1), "a native call after the panic");
                });
    }

    @Test
    void panicsOnSeveralThreadsAtOnceKeepTheirOwnMessages() {
        IntStream.range(0, 4_000).parallel().forEach(id -> {
            RuntimeException e = assertThrows(RuntimeException.class, () -> Rust.panicForTest(id));
            assertTrue(e.getMessage().matches(String.format(MESSAGE, id)), e.getMessage());
        });
    }

    @Test
    void aPanicPrintsNothing() throws Exception {
        Path testClasses = codeSource(RustPanicTest.class);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp",
                codeSource(Core.class) + System.getProperty("path.separator") + testClasses));
        String cacheDir = System.getProperty(NativeLoader.CACHE_DIR_PROPERTY);
        if (cacheDir != null) {
            command.add("-D" + NativeLoader.CACHE_DIR_PROPERTY + "=" + cacheDir);
        }
        command.add(PanicTwice.class.getName());
        Path stderr = Files.createTempFile(testClasses.getParent(), "panic-test-", ".stderr");
        Process java = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "the child JVM hangs");
        assertEquals("", Files.readString(stderr), "stderr of a JVM where Rust panicked twice, inside bindings");
        assertEquals("2 panics caught", output.strip());
        Files.delete(stderr);
    }

    /** Runs in a child JVM: panics through both kinds of binding and prints how many became exceptions. */
    static final class PanicTwice {
        public static void main(String[] args) {
            int caught = 0;
            for (int id = 1; id <= 2; id++) {
                try {
                    Rust.panicForTest(id);
                } catch (RuntimeException e) {
                    caught++;
                }
            }
            System.out.println(caught + " panics caught");
        }
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
