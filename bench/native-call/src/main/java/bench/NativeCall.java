package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One trivial call (two longs in, one out) bound each way the template can bind it, beside the raw JNI floor.
 * {@link #main} runs them all (JMH options accepted) and prints each one's cost as a multiple of the floor.
 */
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

    static native long addCall(long a, long b);

    static native long addCallEnv(long a, long b);

    static native long addNativeMethod(long a, long b);

    static native long addCatchUnwind(long a, long b);

    static native long addGuard(long a, long b);

    @Benchmark
    public long java() {
        return addJava(a, b);
    }

    @Benchmark
    public long raw() {
        return addRaw(a, b);
    }

    @Benchmark
    public long call() {
        return addCall(a, b);
    }

    @Benchmark
    public long callEnv() {
        return addCallEnv(a, b);
    }

    @Benchmark
    public long nativeMethodDefault() {
        return addNativeMethod(a, b);
    }

    @Benchmark
    public long layerCatchUnwind() {
        return addCatchUnwind(a, b);
    }

    @Benchmark
    public long layerGuard() {
        return addGuard(a, b);
    }

    private static final String[][] ROWS = {
        {"java", "plain Java method (inlined)"},
        {"raw", "raw extern \"system\" function: the floor"},
        {"call", "template, no Env: boundary::call"},
        {"callEnv", "template, with Env: boundary::call_env"},
        {"nativeMethodDefault", "native_method! default: with_env + resolve"},
        {"layerCatchUnwind", "layer: catch_unwind alone"},
        {"layerGuard", "layer: one AttachGuard alone"},
    };

    /** Runs every benchmark above, then prints ns per call and the ratio to the floor, one row each. */
    public static void main(String[] args) throws Exception {
        List<RunResult> results = new ArrayList<>(new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args)).include(NativeCall.class.getName()).build()).run());
        double floor = score(results, "raw")[0];
        System.out.printf("%n%-46s %9s %8s %9s%n", "pattern", "ns/call", "±", "x floor");
        for (String[] row : ROWS) {
            double[] score = score(results, row[0]);
            System.out.printf("%-46s %9.2f %8.2f %9.2f%n", row[1], score[0], score[1], score[0] / floor);
        }
    }

    private static double[] score(List<RunResult> results, String benchmark) {
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().endsWith("." + benchmark)) {
                return new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()};
            }
        }
        return new double[] {Double.NaN, Double.NaN};
    }
}
