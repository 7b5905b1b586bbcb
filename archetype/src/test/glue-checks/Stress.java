package PACKAGE;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls every function of RustFunctions.java, results and exceptions, from 12 threads for the given seconds (run under
 * -Xcheck:jni by glue-checks/run.sh); exits 1 on a wrong result. Usage: Stress <seconds> [class whose static run() each
 * round calls too]
 */
final class Stress {
    private static final AtomicReference<String> FIRST_ERROR = new AtomicReference<>();

    private static void check(boolean ok, String what) {
        if (!ok) {
            FIRST_ERROR.compareAndSet(null, what);
            throw new AssertionError(what);
        }
    }

    private static void expectThrows(Class<? extends Throwable> type, Runnable call, String what) {
        try {
            call.run();
        } catch (Throwable e) {
            check(type.isInstance(e), what + " threw " + e);
            return;
        }
        check(false, what + " threw nothing");
    }

    public static void main(String[] args) throws Exception {
        long until = System.nanoTime() + (long) (Double.parseDouble(args[0]) * 1e9);
        java.lang.reflect.Method extra = args.length > 1 ? Class.forName(args[1]).getMethod("run") : null;
        AtomicLong calls = new AtomicLong();
        AtomicLong sharedAdds = new AtomicLong();
        try (Tally shared = Rust.tallyNew(0)) {
            Thread[] threads = new Thread[12];
            for (int t = 0; t < threads.length; t++) {
                int id = t;
                threads[t] = new Thread(() -> {
                    try {
                        while (System.nanoTime() < until) {
                            round(id, shared);
                            if (extra != null) {
                                extra.invoke(null);
                            }
                            sharedAdds.addAndGet(id);
                            calls.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        FIRST_ERROR.compareAndSet(null, "thread " + id + ": " + e);
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            check(Rust.tallyTotal(shared) == sharedAdds.get(), "the shared Tally lost additions");
        }
        if (FIRST_ERROR.get() != null) {
            System.out.println("stress: " + FIRST_ERROR.get());
            System.exit(1);
        }
        System.out.println("stress: " + calls.get() + " rounds of every function on 12 threads");
    }

    private static void round(int id, Tally shared) {
        check(Rust.flip(id % 2 == 0) == (id % 2 != 0), "flip");
        check(Rust.nextByte((byte) id) == (byte) (id + 1), "nextByte");
        check(Rust.negateShort((short) id) == (short) -id, "negateShort");
        check(Rust.upperChar('a') == 'A', "upperChar");
        check(Rust.twice(id) == 2 * id, "twice");
        check(Rust.square(id) == (long) id * id, "square");
        check(Rust.half(id) == id / 2f, "half");
        check(Rust.hypot(3, 4) == 5, "hypot");
        check(Rust.mix(true, (byte) 1, (short) 1, 'a', 1, 1, 1f, 1.0) == 1 + 2 + 3 + 5 * 97 + 7 + 11 + 13 + 17, "mix");
        check(Rust.greet("t" + id).equals("Hello, t" + id + "!"), "greet");
        check(Rust.firstWord("a b").equals("a"), "firstWord");
        check(Rust.greeting().equals("Hello"), "greeting");
        String[] words = {"x" + id, "ä", ""};
        check(Rust.upperAll(words)[0].equals("X" + id), "upperAll");
        check(Rust.splitWords("p q r").length == 3, "splitWords");
        check(Rust.totalLength(words) == ("x" + id).length() + 1, "totalLength");
        check(Rust.reverseBytes(new byte[] {1, 2})[0] == 2, "reverseBytes");
        check(Rust.magic().length == 4, "magic");
        check(Rust.prefixSums(new int[] {id, 1})[1] == id + 1, "prefixSums");
        check(Rust.minMax(new int[] {id, -1})[1] == Math.max(id, -1), "minMax");
        check(Rust.powersOfTwo(3)[2] == 4, "powersOfTwo");
        check(Rust.squares(new long[] {id})[0] == (long) id * id, "squares");
        check(Rust.scale(new double[] {id}, 2)[0] == 2.0 * id, "scale");
        check(Rust.stats(new double[] {1, 3})[2] == 2, "stats");
        ByteBuffer buffer = ByteBuffer.allocateDirect(4).put(new byte[] {'a', 'b', '1', 'c'}).flip();
        check(Rust.rot13(buffer) == 3, "rot13");
        check(Rust.parsePercent(id + "%") == id, "parsePercent");
        expectThrows(ShapeException.class, () -> Rust.parsePercent("x"), "parsePercent(x)");
        check(Rust.checkedSum(new long[] {id, 1}) == id + 1, "checkedSum");
        expectThrows(ArithmeticException.class, () -> Rust.checkedSum(new long[] {Long.MAX_VALUE, 1}), "checkedSum overflow");
        Rust.requireNonNegative(id);
        expectThrows(IllegalArgumentException.class, () -> Rust.requireNonNegative(-1), "requireNonNegative(-1)");
        check(Rust.sqrtAll(new double[] {4})[0] == 2, "sqrtAll");
        expectThrows(IllegalArgumentException.class, () -> Rust.sqrtAll(new double[] {-4}), "sqrtAll(-4)");
        expectThrows(IllegalArgumentException.class, () -> Rust.greet("\ud800"), "greet(lone surrogate)");
        expectThrows(NullPointerException.class, () -> Rust.upperAll(new String[] {null}), "upperAll(null element)");
        try (Tally own = Rust.tallyNew(id); Tally other = Rust.tallyNew(1)) {
            Rust.tallyAdd(own, 1);
            Rust.tallyMerge(own, other);
            check(Rust.tallyTotal(own) == id + 2, "tally");
            Rust.tallyMerge(own, shared);
            expectThrows(IllegalArgumentException.class, () -> Rust.tallyMerge(own, own), "tallyMerge(own, own)");
            ByteBuffer weaveBuffer = ByteBuffer.allocateDirect(2);
            check(Rust.weave("ab", new byte[1], new String[] {"c"}, weaveBuffer, own, new int[] {5}, 1.0) == 7 + 5, "weave");
        }
        expectThrows(ShapeException.class, () -> Rust.tallyNew(-1), "tallyNew(-1)");
        Rust.tallyAdd(shared, id);
        check(Rust.move(1, 2) == 12, "move");
        check(Rust.parseHTTPVersion("GET / HTTP/2").equals("HTTP/2"), "parseHTTPVersion");
        // The template's own functions.
        check(Rust.sumAsString(id, 1).equals(String.valueOf(id + 1)), "sumAsString");
        expectThrows(ArithmeticException.class, () -> Rust.sumAsString(Long.MAX_VALUE, 1), "sumAsString overflow");
        check(Rust.count(new byte[] {1, 2, 1}, (byte) 1) == 2, "count");
        check(Rust.reverse("ab😀").equals("😀ba"), "reverse");
        ByteBuffer xored = ByteBuffer.allocateDirect(2);
        Rust.xor(xored, (byte) 1);
        check(xored.get(0) == 1, "xor");
        check(Rust.histogram(new byte[] {3, 3})[3] == 2, "histogram");
        try (Hasher hasher = Rust.hasherNew()) {
            Rust.hasherUpdate(hasher, new byte[] {(byte) id});
            check(Rust.hasherDigest(hasher) == Core.fnv1a(new byte[] {(byte) id}), "hasher");
        }
        expectThrows(RuntimeException.class, () -> Rust.panicForTest(id), "panicForTest");
    }
}
