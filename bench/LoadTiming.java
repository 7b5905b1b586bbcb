import com.example.rustyjava.Core;
import com.example.rustyjava.NativeLoader;

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

/** zstd-jni: Native.load(), which extracts the library to a new temporary file and loads it. */
final class ZstdJniTiming {
    public static void main(String[] args) {
        long start = System.nanoTime();
        com.github.luben.zstd.util.Native.load();
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(com.github.luben.zstd.util.Native.isLoaded());
    }
}

/** snappy-java: its first native call, which loads the library first. */
final class SnappyJavaTiming {
    public static void main(String[] args) {
        long start = System.nanoTime();
        int bound = org.xerial.snappy.Snappy.maxCompressedLength(100);
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(bound);
    }
}

/** sqlite-jdbc: SQLiteJDBCLoader.initialize(), which extracts and loads the library. */
final class SqliteJdbcTiming {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        boolean loaded = org.sqlite.SQLiteJDBCLoader.initialize();
        long elapsed = System.nanoTime() - start;
        System.out.println(Long.toString(elapsed));
        System.out.println(loaded);
    }
}
