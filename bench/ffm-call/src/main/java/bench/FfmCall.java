package bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * The trivial call (two longs in, one out) through FFM beside the raw JNI floor, and the two flavours' count on 100
 * bytes and sumAsString as example/ and example-ffm/ ship them. {@link #main} prints each row's ratio to its baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@SuppressWarnings("restricted")
public class FfmCall {
    static {
        System.load(System.getProperty("bench.library"));
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBRARY =
            SymbolLookup.libraryLookup(Path.of(System.getProperty("bench.library")), Arena.global());
    private static final FunctionDescriptor ADD = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle ADD_DEFAULT = LINKER.downcallHandle(LIBRARY.find("add").orElseThrow(), ADD);
    private static final MethodHandle ADD_CRITICAL =
            LINKER.downcallHandle(LIBRARY.find("add").orElseThrow(), ADD, Linker.Option.critical(false));
    private static final MethodHandle ADD_STATUS = LINKER.downcallHandle(LIBRARY.find("add_status").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS), Linker.Option.critical(true));

    static native long addRaw(long a, long b);

    long a = 9000;
    long b = 1;
    byte[] data = new byte[100];

    public FfmCall() {
        new Random(100).nextBytes(data);
    }

    @Benchmark
    public long jniRaw() {
        return addRaw(a, b);
    }

    @Benchmark
    public long ffmDefault() throws Throwable {
        return (long) ADD_DEFAULT.invokeExact(a, b);
    }

    @Benchmark
    public long ffmCritical() throws Throwable {
        return (long) ADD_CRITICAL.invokeExact(a, b);
    }

    @Benchmark
    public long ffmTemplate() throws Throwable {
        int[] status = new int[1];
        long sum = (long) ADD_STATUS.invokeExact(a, b, MemorySegment.ofArray(status));
        if (status[0] != 0) {
            throw new IllegalStateException("status " + status[0]);
        }
        return sum;
    }

    @Benchmark
    public long countJava() {
        return com.example.rustyjava.Core.count(data, (byte) 7);
    }

    @Benchmark
    public long countJni() {
        return com.example.rustyjava.Core.countRust(data, (byte) 7);
    }

    @Benchmark
    public long countFfm() {
        return com.example.rustyjavaffm.Core.countRust(data, (byte) 7);
    }

    @Benchmark
    public String sumJni() {
        return com.example.rustyjava.Core.sumAsStringRust(a, b);
    }

    @Benchmark
    public String sumFfm() {
        return com.example.rustyjavaffm.Core.sumAsStringRust(a, b);
    }

    private static final String[][] ROWS = {
        {"jniRaw", "jniRaw", "trivial call: raw JNI function (the floor)"},
        {"ffmDefault", "jniRaw", "trivial call: FFM, no option"},
        {"ffmCritical", "jniRaw", "trivial call: FFM, critical(false)"},
        {"ffmTemplate", "jniRaw", "trivial call: FFM as the ffm template (status int[1])"},
        {"countJni", "countJni", "count, 100 bytes: jni flavour (Core.countRust)"},
        {"countFfm", "countJni", "count, 100 bytes: ffm flavour (Core.countRust)"},
        {"countJava", "countJni", "count, 100 bytes: Java (Core.count)"},
        {"sumJni", "sumJni", "sumAsString: jni flavour"},
        {"sumFfm", "sumJni", "sumAsString: ffm flavour"},
    };

    /** Runs every benchmark above, then prints ns per call and the ratio to its row's baseline. */
    public static void main(String[] args) throws Exception {
        List<RunResult> results = new ArrayList<>(new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args)).include(FfmCall.class.getName()).build()).run());
        System.out.printf("%n%-56s %9s %8s %12s%n", "call", "ns/call", "±", "x baseline");
        for (String[] row : ROWS) {
            double[] score = score(results, row[0]);
            System.out.printf("%-56s %9.2f %8.2f %12.2f%n", row[2], score[0], score[1],
                    score[0] / score(results, row[1])[0]);
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
