package com.example.rustyjava;

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

/** Times each function of Core in Java and in Rust (JMH); run with `mvn -Pbench verify`. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CoreBenchmark {
    long a = 9000;
    long b = 1;

    /** The bytes handed to count: a short array and a large one. */
    @State(Scope.Benchmark)
    public static class Bytes {
        @Param({"100", "1000000"})
        int size;

        byte[] data;

        @Setup
        public void fill() {
            data = new byte[size];
            new Random(42).nextBytes(data);
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

    /** Runs the benchmarks (JMH options such as {@code -f 5} are accepted), then prints Java and Rust side by side. */
    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args)).include(CoreBenchmark.class.getName()).build();
        Map<String, Result<?>[]> rows = new LinkedHashMap<>();
        for (RunResult run : new Runner(options).run()) {
            String method = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            String size = run.getParams().getParam("size");
            String row = method.replaceAll("(Java|Rust)$", "") + (size == null ? "" : " (" + size + ")");
            rows.computeIfAbsent(row, key -> new Result<?>[2])[method.endsWith("Java") ? 0 : 1] = run.getPrimaryResult();
        }
        System.out.printf("%n%-20s %20s %20s %10s%n", "function", "Java ns/op", "Rust ns/op", "Java/Rust");
        rows.forEach((row, r) -> System.out.printf("%-20s %11.1f ± %6.1f %11.1f ± %6.1f %10.2f%n", row,
                r[0].getScore(), r[0].getScoreError(), r[1].getScore(), r[1].getScoreError(), r[0].getScore() / r[1].getScore()));
    }
}
