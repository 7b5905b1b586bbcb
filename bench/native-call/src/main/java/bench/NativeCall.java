package bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One trivial call (two longs in, one out): in Java, as a raw JNI function, through the template's pattern. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class NativeCall {
    static {
        System.load(System.getProperty("bench.library"));
    }

    long a = 9000;
    long b = 1;

    static long addJava(long a, long b) {
        return a + b;
    }

    static native long addRaw(long a, long b);

    static native long addPattern(long a, long b);

    static native long addMangled(long a, long b);

    static native long addGuard(long a, long b);

    static native long addWithEnv(long a, long b);

    @Benchmark
    public long java() {
        return addJava(a, b);
    }

    @Benchmark
    public long raw() {
        return addRaw(a, b);
    }

    @Benchmark
    public long pattern() {
        return addPattern(a, b);
    }

    @Benchmark
    public long layerMangled() {
        return addMangled(a, b);
    }

    @Benchmark
    public long layerGuard() {
        return addGuard(a, b);
    }

    @Benchmark
    public long layerWithEnv() {
        return addWithEnv(a, b);
    }
}
