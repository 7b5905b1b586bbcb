package bench.jni;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The cost of a call through the glue the plugin generates for JNI, beside the raw floors: a bare
 * {@code extern "system"} addition, a bare pin-count-release of a byte[], and the reverse timed inside Rust, where no
 * boundary is crossed. {@link #main} runs them all in one JMH run (JMH options accepted) and prints the ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class NativeCall {
    /** Reversals per call of {@link Calls#reverseInRust}: the one JNI call around them is then a few ns in 1000. */
    static final int REVERSALS = 1000;

    long a = 9000;
    long b = 1;
    byte value = 7;
    byte[] data = new byte[100];
    String text = "Java with a Rust core, ünïcödé and 😀 included. ".repeat(20);

    /** Fills the bytes and checks that every way of computing a result agrees, so no row measures a wrong answer. */
    @Setup
    public void setUp() {
        new Random(100).nextBytes(data);
        data[0] = value; // at least one match
        Calls.reverseInRustSetup(text);
        check("add", Calls.add(a, b), Calls.addRaw(a, b), a + b);
        check("count", Calls.count(data, value), Calls.countRaw(data, value), countJava(data, value));
        String reversed = new StringBuilder(text).reverse().toString();
        String glue = Calls.reverse(text);
        if (!glue.equals(reversed)) {
            throw new IllegalStateException("Rust's reverse differs from StringBuilder.reverse: " + glue);
        }
        long utf8 = reversed.getBytes(StandardCharsets.UTF_8).length;
        long inRust = Calls.reverseInRust(1);
        if (inRust != utf8) {
            throw new IllegalStateException("The Rust-only reverse made " + inRust + " UTF-8 bytes, not " + utf8
                    + ": reverseInRustSetup did not keep this text");
        }
    }

    static void check(String function, long glue, long raw, long java) {
        if (glue != java || raw != java) {
            throw new IllegalStateException(function + ": the glue returned " + glue + ", the raw function " + raw
                    + ", Java " + java + "; all three compute the same value");
        }
    }

    static long countJava(byte[] data, byte value) {
        long total = 0;
        for (byte b : data) {
            if (b == value) {
                total++;
            }
        }
        return total;
    }

    @Benchmark
    public long raw() {
        return Calls.addRaw(a, b);
    }

    @Benchmark
    public long call() {
        return Calls.add(a, b);
    }

    @Benchmark
    public long countRaw() {
        return Calls.countRaw(data, value);
    }

    @Benchmark
    public long count() {
        return Calls.count(data, value);
    }

    @Benchmark
    public long countJava() {
        return countJava(data, value);
    }

    @Benchmark
    @OperationsPerInvocation(REVERSALS)
    public long reverseRustOnly() {
        return Calls.reverseInRust(REVERSALS);
    }

    @Benchmark
    public String reverse() {
        return Calls.reverse(text);
    }

    @Benchmark
    public String reverseJava() {
        return new StringBuilder(text).reverse().toString();
    }

    private static final String[][] ROWS = {
        {"raw", "add: raw extern \"system\" (the floor)"},
        {"call", "add: generated glue"},
        {"countRaw", "count, 100 bytes: raw pin, count, release"},
        {"count", "count, 100 bytes: generated glue"},
        {"countJava", "count, 100 bytes: Java loop"},
        {"reverseRustOnly", "reverse, %d code points: inside Rust, no boundary"},
        {"reverse", "reverse, %d code points: generated glue"},
        {"reverseJava", "reverse, %d code points: Java StringBuilder.reverse"},
    };

    /** Runs every benchmark above, then prints ns per call, and the glue's cost against each floor. */
    public static void main(String[] args) throws Exception {
        // shouldFailOnError: a failed check in a setup ends the run, rather than print a table without its row.
        Results results = new Results(new ArrayList<>(new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args)).include(NativeCall.class.getName()).shouldFailOnError(true)
                .build()).run()));
        String text = new NativeCall().text;
        int chars = text.codePointCount(0, text.length());
        Results.header("JNI (JDK " + Runtime.version().feature() + ")");
        for (String[] row : ROWS) {
            results.print(row[0], String.format(row[1], chars));
        }
        Results.compareHeader("the glue against its floor");
        results.compare("call", "raw", "add: glue / raw");
        results.compare("count", "countRaw", "count: glue / raw");
        results.compare("reverse", "reverseRustOnly", "reverse: glue / Rust only (ns more = the boundary)");
    }

    /**
     * The scores of one JMH run, by benchmark method name; bench/ffm-call prints its table with it too. Beside JMH's
     * mean, the best measured iteration of any fork: on a machine shared with other work, the least disturbed one.
     */
    public record Results(List<RunResult> runs) {
        /** Mean, its 99.9% error and the best iteration; NaN for a benchmark the options given left out. */
        public double[] score(String benchmark) {
            for (RunResult run : runs) {
                if (run.getParams().getBenchmark().endsWith("." + benchmark)) {
                    double best = run.getBenchmarkResults().stream()
                            .flatMap(fork -> fork.getIterationResults().stream())
                            .mapToDouble(iteration -> iteration.getPrimaryResult().getScore()).min().orElse(Double.NaN);
                    Result<?> mean = run.getPrimaryResult();
                    return new double[] {mean.getScore(), mean.getScoreError(), best};
                }
            }
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }

        /** The header of the rows {@link #print} writes. */
        public static void header(String title) {
            System.out.printf("%n%-52s %10s %9s %10s%n", title, "ns/call", "±", "best");
        }

        /** One row: the mean, its error and the best iteration. */
        public void print(String benchmark, String label) {
            double[] score = score(benchmark);
            System.out.printf("%-52s %10.2f %9.2f %10.2f%n", label, score[0], score[1], score[2]);
        }

        /** The header of the rows {@link #compare} writes. */
        public static void compareHeader(String title) {
            System.out.printf("%n%-52s %10s %20s %11s %11s%n", title, "ratio", "ns more", "best ratio", "best more");
        }

        /** The ratio of two means, their difference with the errors added in quadrature, and the same of the bests. */
        public void compare(String benchmark, String floor, String label) {
            double[] x = score(benchmark);
            double[] y = score(floor);
            System.out.printf("%-52s %10.2f %20s %11.2f %11.2f%n", label, x[0] / y[0],
                    String.format("%.2f ± %.2f", x[0] - y[0], Math.hypot(x[1], y[1])), x[2] / y[2], x[2] - y[2]);
        }
    }
}
