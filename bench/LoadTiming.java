import com.example.rustyjava.NativeLoader;

/** Prints how long NativeLoader.load() takes in this JVM, in milliseconds. */
public final class LoadTiming {
    public static void main(String[] args) {
        long start = System.nanoTime();
        NativeLoader.load();
        long elapsed = System.nanoTime() - start;
        System.out.printf("%.2f %s%n", elapsed / 1e6, NativeLoader.loadedFrom().orElseThrow());
    }
}
