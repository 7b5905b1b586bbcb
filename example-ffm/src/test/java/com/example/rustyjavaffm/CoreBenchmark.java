package com.example.rustyjavaffm;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Times each function of Core in Java and in Rust (JMH); run with `mvn -Pbench verify`. Give a new function two
 * benchmarks named {@code <function>Java} and {@code <function>Rust}: {@link #main} pairs them by that suffix into one
 * row of its table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CoreBenchmark {
    long a = 9000;
    long b = 1;
    String text = "Java with a Rust core, ünïcödé and 😀 included. ".repeat(20);

    /** The bytes handed to the functions, in an array and in a direct buffer: a short run and a long one. */
    @State(Scope.Benchmark)
    public static class Bytes {
        @Param({"100", "1000000"})
        int size;

        byte[] data;
        ByteBuffer buffer;

        @Setup
        public void fill() {
            data = new byte[size];
            new Random(42).nextBytes(data);
            buffer = ByteBuffer.allocateDirect(size).put(data).clear();
        }
    }

    @Benchmark
    public String sumAsStringJava() {
        return Core.sumAsString(a, b);
    }

    @Benchmark
    public String sumAsStringRust() {
        return Core.sumAsStringRust(a, b);
    }

    @Benchmark
    public long countJava(Bytes bytes) {
        return Core.count(bytes.data, (byte) '\n');
    }

    @Benchmark
    public long countRust(Bytes bytes) {
        return Core.countRust(bytes.data, (byte) '\n');
    }

    @Benchmark
    public String reverseJava() {
        return Core.reverse(text);
    }

    @Benchmark
    public String reverseRust() {
        return Core.reverseRust(text);
    }

    @Benchmark
    public ByteBuffer xorJava(Bytes bytes) {
        Core.xor(bytes.buffer, (byte) 0x5a);
        return bytes.buffer;
    }

    @Benchmark
    public ByteBuffer xorRust(Bytes bytes) {
        Core.xorRust(bytes.buffer, (byte) 0x5a);
        return bytes.buffer;
    }

    @Benchmark
    public int[] histogramJava(Bytes bytes) {
        return Core.histogram(bytes.data);
    }

    @Benchmark
    public int[] histogramRust(Bytes bytes) {
        return Core.histogramRust(bytes.data);
    }

    @Benchmark
    public long fnv1aJava(Bytes bytes) {
        return Core.fnv1a(bytes.data);
    }

    @Benchmark
    public long fnv1aRust(Bytes bytes) {
        return Core.fnv1aRust(bytes.data);
    }

    /** Runs the benchmarks (JMH options such as {@code -f 5} are accepted), then prints Java and Rust side by side. */
    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        for (Method method : CoreBenchmark.class.getMethods()) {
            if (method.isAnnotationPresent(Benchmark.class) && !method.getName().matches(".+(Java|Rust)")) {
                throw new IllegalStateException("Benchmark " + method.getName() + " ends in neither Java nor Rust, so it"
                        + " has no row: name it <function>Java or <function>Rust.");
            }
        }
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args)).include(CoreBenchmark.class.getName()).build();
        Map<String, Result<?>[]> rows = new LinkedHashMap<>();
        for (RunResult run : new Runner(options).run()) {
            String method = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            String size = run.getParams().getParam("size");
            String row = method.replaceAll("(Java|Rust)$", "") + (size == null ? "" : " (" + size + ")");
            rows.computeIfAbsent(row, key -> new Result<?>[2])[method.endsWith("Java") ? 0 : 1] = run.getPrimaryResult();
        }
        System.out.printf("%n%-20s %20s %20s %10s%n", "function", "Java ns/op", "Rust ns/op", "Java/Rust");
        rows.forEach((row, r) -> System.out.printf("%-20s %20s %20s %10s%n", row, score(r[0]), score(r[1]),
                r[0] == null || r[1] == null ? "-" : String.format("%.2f", r[0].getScore() / r[1].getScore())));
    }

    private static String score(Result<?> result) {
        return result == null ? "-" : String.format("%11.1f ± %6.1f", result.getScore(), result.getScoreError());
    }
}
