package bench.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Loads the library the plugin's library goal put under {@code bench/ffm/native/linux-x86_64/}: in place from the
 * classes folder, or copied to a temporary file from a jar. A benchmark's stand-in for the template's loader (its
 * platform detection and cache do not change the cost of a call; bench/loader.sh measures them); the generated
 * {@code Rust} class calls {@link #load} and {@link #loadedFrom} as it calls the template's.
 */
public final class NativeLoader {
    private static final String RESOURCE = "/bench/ffm/native/linux-x86_64/libffm_call_bench.so";
    private static Path loadedFrom; // guarded by NativeLoader.class

    private NativeLoader() {}

    /** Loads the library once; later calls return at once. */
    public static synchronized void load() {
        if (loadedFrom != null) {
            return;
        }
        URL url = NativeLoader.class.getResource(RESOURCE);
        if (url == null) {
            throw new UnsatisfiedLinkError(RESOURCE + " is not on the class path: build it with mvn compile"
                    + " (the plugin's library goal copies it there; this benchmark runs on Linux x86_64 only)");
        }
        try {
            Path path;
            if (url.getProtocol().equals("file")) {
                path = Path.of(url.toURI());
            } else {
                path = Files.createTempFile("ffm_call_bench", ".so");
                path.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) {
                    Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.load(path.toAbsolutePath().toString());
            loadedFrom = path.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Copying " + url + " to a temporary file failed", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is not a valid file URL", e);
        }
    }

    /** The file loaded, once {@link #load} returned. */
    public static synchronized Optional<Path> loadedFrom() {
        return Optional.ofNullable(loadedFrom);
    }
}
