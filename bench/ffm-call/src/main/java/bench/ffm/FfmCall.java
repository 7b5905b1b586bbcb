package bench.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import bench.jni.Calls;
import bench.jni.NativeCall.Results;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The cost of a call through the glue the plugin generates for FFM, beside the raw floors (bare {@code extern "C"}
 * functions linked by hand, with the glue's own linker option) and beside the JNI glue and floors of bench/native-call,
 * in one JVM. {@link #main} runs them all in one JMH run (JMH options accepted) and prints the ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@SuppressWarnings("restricted")
public class FfmCall {
    /** Reversals per call of raw_reverse_in_rust: the one downcall around them is then a few ns in 1000. */
    static final int REVERSALS = 1000;

    private static final MethodHandle RAW_ADD;
    private static final MethodHandle RAW_COUNT;
    private static final MethodHandle RAW_REVERSE_SETUP;
    private static final MethodHandle RAW_REVERSE_IN_RUST;

    static {
        NativeLoader.load();
        SymbolLookup library = SymbolLookup.libraryLookup(NativeLoader.loadedFrom().orElseThrow(), Arena.global());
        RAW_ADD = link(library, "raw_add", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
        RAW_COUNT = link(library, "raw_count", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_BYTE));
        RAW_REVERSE_SETUP = link(library, "raw_reverse_setup", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
        RAW_REVERSE_IN_RUST = link(library, "raw_reverse_in_rust", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
    }

    // critical(true), as the generated Rust.java links every function: the floor differs from the glue only in
    // what the glue does around the call.
    private static MethodHandle link(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = library.find(name).orElseThrow(() -> new LinkageError(
                NativeLoader.loadedFrom().orElseThrow() + " exports no " + name + ": build it again (mvn compile)"));
        return Linker.nativeLinker().downcallHandle(symbol, descriptor, Linker.Option.critical(true));
    }

    long a = 9000;
    long b = 1;
    byte value = 7;
    byte[] data = new byte[100];
    String text = "Java with a Rust core, ünïcödé and 😀 included. ".repeat(20);

    /** Fills the bytes and checks that every way of computing a result agrees, so no row measures a wrong answer. */
    @Setup
    public void setUp() throws Throwable {
        new Random(100).nextBytes(data);
        data[0] = value; // at least one match
        char[] units = text.toCharArray();
        RAW_REVERSE_SETUP.invokeExact(MemorySegment.ofArray(units), (long) units.length);
        check("add", a + b, Rust.add(a, b), raw(), Calls.add(a, b), Calls.addRaw(a, b));
        long java = countJava();
        check("count", java, Rust.count(data, value), countRaw(), Calls.count(data, value),
                Calls.countRaw(data, value));
        String reversed = reverseJava();
        for (String result : new String[] {Rust.reverse(text), Calls.reverse(text)}) {
            if (!result.equals(reversed)) {
                throw new IllegalStateException("Rust's reverse differs from StringBuilder.reverse: " + result);
            }
        }
        long utf8 = reversed.getBytes(StandardCharsets.UTF_8).length;
        long inRust = (long) RAW_REVERSE_IN_RUST.invokeExact(1);
        if (inRust != utf8) {
            throw new IllegalStateException("The Rust-only reverse made " + inRust + " UTF-8 bytes, not " + utf8
                    + ": raw_reverse_setup did not keep this text");
        }
    }

    private static void check(String function, long java, long... results) {
        for (long result : results) {
            if (result != java) {
                throw new IllegalStateException(function + ": a call returned " + result + ", Java " + java
                        + "; every way computes the same value");
            }
        }
    }

    @Benchmark
    public long raw() throws Throwable {
        return (long) RAW_ADD.invokeExact(a, b);
    }

    @Benchmark
    public long call() {
        return Rust.add(a, b);
    }

    @Benchmark
    public long countRaw() throws Throwable {
        return (long) RAW_COUNT.invokeExact(MemorySegment.ofArray(data), (long) data.length, value);
    }

    @Benchmark
    public long count() {
        return Rust.count(data, value);
    }

    @Benchmark
    @OperationsPerInvocation(REVERSALS)
    public long reverseRustOnly() throws Throwable {
        return (long) RAW_REVERSE_IN_RUST.invokeExact(REVERSALS);
    }

    @Benchmark
    public String reverse() {
        return Rust.reverse(text);
    }

    @Benchmark
    public long jniRaw() {
        return Calls.addRaw(a, b);
    }

    @Benchmark
    public long jniCall() {
        return Calls.add(a, b);
    }

    @Benchmark
    public long jniCountRaw() {
        return Calls.countRaw(data, value);
    }

    @Benchmark
    public long jniCount() {
        return Calls.count(data, value);
    }

    @Benchmark
    public String jniReverse() {
        return Calls.reverse(text);
    }

    @Benchmark
    public long countJava() {
        long total = 0;
        for (byte b : data) {
            if (b == value) {
                total++;
            }
        }
        return total;
    }

    @Benchmark
    public String reverseJava() {
        return new StringBuilder(text).reverse().toString();
    }

    private static final String[][] ROWS = {
        {"raw", "add: FFM, raw extern \"C\" (the floor)"},
        {"call", "add: FFM, generated glue"},
        {"jniRaw", "add: JNI, raw extern \"system\" (the floor)"},
        {"jniCall", "add: JNI, generated glue"},
        {"countRaw", "count, 100 bytes: FFM, raw (heap segment)"},
        {"count", "count, 100 bytes: FFM, generated glue"},
        {"jniCountRaw", "count, 100 bytes: JNI, raw pin, count, release"},
        {"jniCount", "count, 100 bytes: JNI, generated glue"},
        {"countJava", "count, 100 bytes: Java loop"},
        {"reverseRustOnly", "reverse, %d code points: inside Rust, no boundary"},
        {"reverse", "reverse, %d code points: FFM, generated glue"},
        {"jniReverse", "reverse, %d code points: JNI, generated glue"},
        {"reverseJava", "reverse, %d code points: Java StringBuilder.reverse"},
    };

    /** Runs every benchmark above, then prints ns per call, and each glue's cost against its floor and the other. */
    public static void main(String[] args) throws Exception {
        // shouldFailOnError: a failed check in a setup ends the run, rather than print a table without its row.
        Results results = new Results(new ArrayList<>(new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args)).include(FfmCall.class.getName()).shouldFailOnError(true)
                .build()).run()));
        String text = new FfmCall().text;
        int chars = text.codePointCount(0, text.length());
        Results.header("FFM and JNI (JDK " + Runtime.version().feature() + ")");
        for (String[] row : ROWS) {
            results.print(row[0], String.format(row[1], chars));
        }
        Results.compareHeader("the glue against its floor");
        results.compare("call", "raw", "add: FFM glue / FFM raw");
        results.compare("jniCall", "jniRaw", "add: JNI glue / JNI raw");
        results.compare("count", "countRaw", "count: FFM glue / FFM raw");
        results.compare("jniCount", "jniCountRaw", "count: JNI glue / JNI raw");
        results.compare("reverse", "reverseRustOnly", "reverse: FFM glue / Rust only (ns more = boundary)");
        results.compare("jniReverse", "reverseRustOnly", "reverse: JNI glue / Rust only (ns more = boundary)");
        Results.compareHeader("FFM against JNI, both through the glue");
        results.compare("call", "jniCall", "add: FFM / JNI");
        results.compare("count", "jniCount", "count: FFM / JNI");
        results.compare("reverse", "jniReverse", "reverse: FFM / JNI");
    }
}
