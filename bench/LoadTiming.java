import com.example.rustyjava.Core;
import com.example.rustyjava.NativeLoader;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Each class times, in a fresh JVM, one library's first load and prints the nanoseconds, then what it loaded. Printing
 * comes after the clock stops and uses no formatter, so it adds nothing to the time and little to the whole JVM's.
 */
public final class LoadTiming {
    /** example/'s NativeLoader.load(). */
    public static void main(String[] args) {
        long start = System.nanoTime();
        NativeLoader.load();
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(NativeLoader.loadedFrom().orElseThrow());
    }
}

/** example/'s first Rust call from main: class loading, NativeLoader.load() and the call. */
final class FirstCallTiming {
    public static void main(String[] args) {
        long start = System.nanoTime();
        String sum = Core.sumAsStringRust(9000, 1);
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(sum);
    }
}

/**
 * What checking the SHA-256 of a reused copy would add to a load: MessageDigest's first SHA-256 over the library, in a
 * fresh JVM (the bytes are read before the clock starts). The loader checks size and CRC-32 instead: BENCHMARKS.md.
 */
final class Sha256Timing {
    public static void main(String[] args) throws Exception {
        byte[] library;
        try (InputStream in = Sha256Timing.class.getClassLoader().getResourceAsStream(args[0])) {
            library = in.readAllBytes();
        }
        long start = System.nanoTime();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(library);
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(digest.length);
    }
}
