package com.example.rustyjavaffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_CHAR;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Rust functions, each a downcall handle to the {@code extern "C"} function of that name in rust/src/lib.rs; the
 * first call loads the library. Linking compares each descriptor here with the signature the library declares in
 * {@code exports!} and throws a LinkageError naming each function that differs. Every function takes a status
 * {@code int[1]} last: Rust writes an error code there and Java throws the exception it names.
 */
@SuppressWarnings("restricted") // native access is granted by --enable-native-access, or Enable-Native-Access in a jar
final class Rust {
    private static final Linker LINKER = Linker.nativeLinker();
    /** A Rust {@code usize}: the length of an array. */
    private static final MemoryLayout USIZE = LINKER.canonicalLayouts().get("size_t").withName("usize");
    private static final Map<String, String> DECLARED;
    private static final List<String> PROBLEMS = new ArrayList<>();
    // The library NativeLoader loaded, and only it: loaderLookup() would also search other libraries of this class
    // loader, such as another project's with the same function names. Opened by the canonical path that System.load
    // used, as a String: dlopen then returns the library already loaded, even once the loader deleted a private copy.
    private static final SymbolLookup LIBRARY;

    static {
        NativeLoader.load();
        try {
            LIBRARY = SymbolLookup.libraryLookup(NativeLoader.loadedFrom().orElseThrow().toFile().getCanonicalPath(),
                    Arena.global());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MethodHandle signatures =
                LINKER.downcallHandle(LIBRARY.find("signatures").orElseThrow(), FunctionDescriptor.of(ADDRESS));
        DECLARED = new LinkedHashMap<>();
        try {
            String table = ((MemorySegment) signatures.invokeExact()).reinterpret(Long.MAX_VALUE).getString(0);
            for (String line : table.split("\n")) {
                DECLARED.put(line.substring(0, line.indexOf('(')), line);
            }
        } catch (Throwable e) {
            throw new LinkageError("Reading the signatures of " + NativeLoader.LIBRARY_NAME + " failed: " + e, e);
        }
    }

    // Each function's descriptor, checked against exports! when this class loads.
    private static final Function SUM_AS_STRING = declare("sum_as_string",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS));
    private static final Function COUNT = declare("count",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, USIZE, JAVA_BYTE, ADDRESS));
    private static final Function REVERSE = declare("reverse",
            FunctionDescriptor.ofVoid(ADDRESS, USIZE, ADDRESS, ADDRESS));
    private static final Function XOR = declare("xor",
            FunctionDescriptor.ofVoid(ADDRESS, USIZE, JAVA_INT, JAVA_INT, JAVA_BYTE, ADDRESS));
    private static final Function HISTOGRAM = declare("histogram",
            FunctionDescriptor.ofVoid(ADDRESS, USIZE, ADDRESS, ADDRESS));
    private static final Function HASHER_NEW = declare("hasher_new", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    private static final Function HASHER_UPDATE = declare("hasher_update",
            FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS, USIZE, ADDRESS));
    private static final Function HASHER_DIGEST = declare("hasher_digest",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS));
    private static final Function HASHER_FREE = declare("hasher_free", FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS));
    private static final Function PANIC_FOR_TEST = declare("panic_for_test",
            FunctionDescriptor.ofVoid(JAVA_INT, JAVA_BOOLEAN, ADDRESS));

    static {
        DECLARED.keySet().forEach(name -> PROBLEMS.add(name + ": rust/src/lib.rs exports `" + DECLARED.get(name)
                + "`, which Rust.java does not declare. Declare it here, or remove it from exports!."));
        if (!PROBLEMS.isEmpty()) {
            throw new LinkageError("Rust.java and exports! in rust/src/lib.rs disagree, so no function is linked:\n  - "
                    + String.join("\n  - ", PROBLEMS));
        }
    }

    // Each handle is linked on its first use, in a holder class of its own: linking costs milliseconds a function.
    // Linker.Option.critical(true) at each: the function is short, never blocks and never calls back into Java, as
    // the Javadoc asks, so Rust may read and write Java arrays in place; the comment says why it is short.
    private static final class SumAsString { // writes 20 bytes at most
        static final MethodHandle H = critical(SUM_AS_STRING);
    }
    private static final class Count { // one pass, as JNI's critical
        static final MethodHandle H = critical(COUNT);
    }
    private static final class Reverse { // one pass over the text
        static final MethodHandle H = critical(REVERSE);
    }
    private static final class Xor { // one pass
        static final MethodHandle H = critical(XOR);
    }
    private static final class Histogram { // one pass
        static final MethodHandle H = critical(HISTOGRAM);
    }
    private static final class HasherNew { // one small allocation
        static final MethodHandle H = critical(HASHER_NEW);
    }
    private static final class HasherUpdate { // one pass
        static final MethodHandle H = critical(HASHER_UPDATE);
    }
    private static final class HasherDigest { // reads one field
        static final MethodHandle H = critical(HASHER_DIGEST);
    }
    private static final class HasherFree { // one deallocation
        static final MethodHandle H = critical(HASHER_FREE);
    }
    private static final class PanicForTest { // formats one message
        static final MethodHandle H = critical(PANIC_FOR_TEST);
    }

    /** The message of this thread's last failure, for {@link #check}. */
    private static final class ErrorMessage {
        static final MethodHandle H =
                LINKER.downcallHandle(LIBRARY.find("error_message").orElseThrow(), FunctionDescriptor.of(ADDRESS));
    }

    private Rust() {}

    static String sumAsString(long a, long b) {
        byte[] digits = new byte[20];
        int[] status = new int[1];
        int length;
        try {
            length = (int) SumAsString.H.invokeExact(a, b, MemorySegment.ofArray(digits), MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
        return new String(digits, 0, length, StandardCharsets.US_ASCII);
    }

    static long count(byte[] data, byte value) {
        Objects.requireNonNull(data, "data");
        int[] status = new int[1];
        long count;
        try {
            count = (long) Count.H.invokeExact(MemorySegment.ofArray(data), (long) data.length, value,
                    MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
        return count;
    }

    static String reverse(String text) {
        char[] chars = Objects.requireNonNull(text, "text").toCharArray();
        char[] reversed = new char[chars.length];
        int[] status = new int[1];
        try {
            Reverse.H.invokeExact(MemorySegment.ofArray(chars), (long) chars.length, MemorySegment.ofArray(reversed),
                    MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
        return new String(reversed);
    }

    /** XORs the bytes from index {@code from} to {@code to} of a direct, writable buffer with {@code key}. */
    static void xor(ByteBuffer buffer, int from, int to, byte key) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer: use ByteBuffer.allocateDirect");
        }
        MemorySegment memory = MemorySegment.ofBuffer(buffer.duplicate().clear()); // the whole capacity
        int[] status = new int[1];
        try {
            Xor.H.invokeExact(memory, memory.byteSize(), from, to, key, MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
    }

    static int[] histogram(byte[] data) {
        Objects.requireNonNull(data, "data");
        int[] counts = new int[256];
        int[] status = new int[1];
        try {
            Histogram.H.invokeExact(MemorySegment.ofArray(data), (long) data.length, MemorySegment.ofArray(counts),
                    MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
        return counts;
    }

    // A Rust hasher behind a handle, owned by Hasher.java, which serialises the calls and frees it once.

    static long hasherNew() {
        int[] status = new int[1];
        long handle;
        try {
            handle = (long) HasherNew.H.invokeExact(MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
        return handle;
    }

    static void hasherUpdate(long handle, byte[] data) {
        Objects.requireNonNull(data, "data");
        int[] status = new int[1];
        try {
            HasherUpdate.H.invokeExact(handle, MemorySegment.ofArray(data), (long) data.length,
                    MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
    }

    static long hasherDigest(long handle) {
        int[] status = new int[1];
        long digest;
        try {
            digest = (long) HasherDigest.H.invokeExact(handle, MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
        return digest;
    }

    static void hasherFree(long handle) {
        int[] status = new int[1];
        try {
            HasherFree.H.invokeExact(handle, MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
    }

    /** Panics in Rust with {@code id} in the message, from a function with a value or without, for RustPanicTest. */
    static void panicForTest(int id, boolean withValue) {
        int[] status = new int[1];
        try {
            PanicForTest.H.invokeExact(id, withValue, MemorySegment.ofArray(status));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check(status);
    }

    /** Throws the exception a non-zero status names (the codes of rust/src/error.rs), with Rust's message. */
    private static void check(int[] status) {
        if (status[0] == 0) {
            return;
        }
        String message;
        try {
            message = ((MemorySegment) ErrorMessage.H.invokeExact()).reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
        throw switch (status[0]) {
            case 1 -> new ArithmeticException(message);
            case 2 -> new NullPointerException(message);
            case 3 -> new IllegalArgumentException(message);
            case 4 -> new IllegalStateException(message);
            case 5 -> new RuntimeException(message);
            default -> new IllegalStateException("Rust reported status " + status[0] + ", which Rust.java does not know: "
                    + message + ". Add its exception to Rust.check.");
        };
    }

    /** A function of exports! as Rust.java links it. */
    private record Function(String name, FunctionDescriptor descriptor) {}

    /** The function, after comparing its descriptor with its signature in exports!; a difference is noted. */
    private static Function declare(String name, FunctionDescriptor descriptor) {
        String declared = DECLARED.remove(name);
        String linked = signature(name, descriptor);
        if (declared == null) {
            PROBLEMS.add(name + ": Rust.java links `" + linked + "`, which rust/src/lib.rs does not export. Add it to"
                    + " exports! with its #[unsafe(no_mangle)] function, or correct the name here.");
        } else if (!declared.replaceAll("\\*(const|mut) [^,)]+", "ptr").equals(linked)) {
            PROBLEMS.add(name + ": Rust.java links `" + linked + "`, but rust/src/lib.rs exports `" + declared
                    + "`. Make the types agree: change the descriptor here, or the function and its exports! line.");
        }
        return new Function(name, descriptor);
    }

    /** The function's handle; Rust's class initialiser has checked every descriptor by then. */
    private static MethodHandle critical(Function function) {
        return LINKER.downcallHandle(LIBRARY.find(function.name()).orElseThrow(), function.descriptor(),
                Linker.Option.critical(true));
    }

    /** The descriptor in the words of exports!: {@code count(ptr,usize,i8,ptr,)i64}. */
    static String signature(String name, FunctionDescriptor descriptor) {
        StringBuilder text = new StringBuilder(name).append('(');
        descriptor.argumentLayouts().forEach(layout -> text.append(rustType(layout)).append(','));
        return text.append(')').append(descriptor.returnLayout().map(Rust::rustType).orElse("()")).toString();
    }

    private static String rustType(MemoryLayout layout) {
        if (layout.name().isPresent()) {
            return layout.name().get();
        }
        return layout.equals(ADDRESS) ? "ptr"
                : layout.equals(JAVA_BOOLEAN) ? "bool"
                : layout.equals(JAVA_BYTE) ? "i8"
                : layout.equals(JAVA_SHORT) ? "i16"
                : layout.equals(JAVA_CHAR) ? "u16"
                : layout.equals(JAVA_INT) ? "i32"
                : layout.equals(JAVA_LONG) ? "i64"
                : layout.equals(JAVA_FLOAT) ? "f32"
                : layout.equals(JAVA_DOUBLE) ? "f64"
                : layout.toString();
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("A downcall threw " + e, e);
    }
}
