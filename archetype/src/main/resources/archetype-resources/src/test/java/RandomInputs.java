package ${package};

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Inputs for a property test: named edge cases, then {@link #TRIES} random values, each of which the property must
 * hold for. A failure names the first input that fails and how many do. Every run draws new values from a new seed,
 * which each random input's name shows; {@code mvn verify -Dtests.seed=<seed>} draws the same values again.
 */
final class RandomInputs<T> {
    /** Random values per property: enough to find most disagreements, few enough for a build of seconds. */
    static final int TRIES = 200;

    /** This run's seed: the one given with -Dtests.seed, else a new one. */
    static final long SEED = seed(System.getProperty("tests.seed"));

    /** The largest array or text the generators make; sizes are spread evenly over the orders of magnitude up to it. */
    static final int MAX_SIZE = 100_000;

    private final Function<SplittableRandom, T> generate;
    private final Function<T, String> describe;
    private final List<Named<T>> edgeCases = new ArrayList<>();

    private RandomInputs(Function<SplittableRandom, T> generate, Function<T, String> describe) {
        this.generate = generate;
        this.describe = describe;
    }

    /** Random values from {@code generate}, which {@code describe} names in a failure. */
    static <T> RandomInputs<T> of(Function<SplittableRandom, T> generate, Function<T, String> describe) {
        return new RandomInputs<>(generate, describe);
    }

    /** Adds an input that random values would seldom hit, tried before them. */
    RandomInputs<T> edgeCase(String name, T value) {
        edgeCases.add(Named.of(name, value));
        return this;
    }

    /** The edge cases, then the random values, each named. */
    Stream<Named<T>> all() {
        SplittableRandom random = new SplittableRandom(SEED);
        return Stream.concat(edgeCases.stream(), IntStream.range(0, TRIES).mapToObj(i -> {
            T value = generate.apply(random.split());
            return Named.of(String.format("random value %d of %d, %s (-Dtests.seed=%d)", i + 1, TRIES, describe.apply(value),
                    SEED), value);
        }));
    }

    /** Runs {@code property} on every input; fails with the first input that fails, its failure, and how many fail. */
    void check(ThrowingConsumer<T> property) {
        int inputs = 0;
        int failures = 0;
        Named<T> first = null;
        Throwable firstFailure = null;
        for (Iterator<Named<T>> all = all().iterator(); all.hasNext(); inputs++) {
            Named<T> input = all.next();
            try {
                property.accept(input.getPayload());
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable e) {
                failures++;
                if (first == null) {
                    first = input;
                    firstFailure = e;
                }
            }
        }
        if (first != null) {
            throw new AssertionError(String.format("fails for %d of %d inputs, first for %s: %s", failures, inputs,
                    first.getName(), firstFailure), firstFailure);
        }
    }

    private static long seed(String given) {
        if (given == null) {
            return ThreadLocalRandom.current().nextLong();
        }
        try {
            return Long.parseLong(given.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dtests.seed=" + given + " is not a seed: pass the number that a failure's"
                    + " input names, such as -Dtests.seed=-853828381881133628", e);
        }
    }

    /** A size from 0 to {@code max}: as often under 10 as from 10,000 to 100,000, so small and large both come up. */
    static int size(SplittableRandom random, int max) {
        return (int) Math.min(max, Math.floor(Math.pow(max + 1.0, random.nextDouble())) - 1);
    }

    /** Bytes, half the time from only five values (-2 to 2), so that equal bytes and counts above one are common. */
    static byte[] bytes(SplittableRandom random) {
        byte[] data = new byte[size(random, MAX_SIZE)];
        boolean few = random.nextBoolean();
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (few ? random.nextInt(-2, 3) : random.nextInt(256));
        }
        return data;
    }

    /** Well-formed text: ASCII, other characters of the Basic Multilingual Plane, and surrogate pairs (emoji and more). */
    static String text(SplittableRandom random) {
        int length = size(random, MAX_SIZE);
        StringBuilder text = new StringBuilder(2 * length);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoint(random));
        }
        return text.toString();
    }

    /** Text with from one to three lone surrogates, high or low, each put between two characters. */
    static String textWithLoneSurrogates(SplittableRandom random) {
        String text = text(random);
        StringBuilder broken = new StringBuilder(text);
        for (int lone = 1 + random.nextInt(3); lone > 0; lone--) {
            int at = broken.offsetByCodePoints(0, random.nextInt(broken.codePointCount(0, broken.length()) + 1));
            // A high one right before a low one, or a low one right after a high one, would make a pair.
            boolean beforeLow = at < broken.length() && Character.isLowSurrogate(broken.charAt(at));
            boolean afterHigh = at > 0 && Character.isHighSurrogate(broken.charAt(at - 1));
            boolean high = !beforeLow && (afterHigh || random.nextBoolean());
            broken.insert(at, (char) (high ? random.nextInt(0xD800, 0xDC00) : random.nextInt(0xDC00, 0xE000)));
        }
        return broken.toString();
    }

    /** The index of the first UTF-16 unit of {@code text} that is a lone surrogate, or -1 when the text is well-formed. */
    static int firstLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char unit = text.charAt(i);
            if (Character.isHighSurrogate(unit) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(unit)) {
                return i;
            }
        }
        return -1;
    }

    /** The text's length and how many of its characters lie outside ASCII and take two units. */
    static String describe(String text) {
        long pairs = text.codePoints().filter(Character::isSupplementaryCodePoint).count();
        long nonAscii = text.codePoints().filter(c -> c >= 0x80).count();
        return String.format("%,d units, %,d non-ASCII characters, %,d of them pairs", text.length(), nonAscii, pairs);
    }

    private static int codePoint(SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(0x10000, 0x110000); // two units in UTF-16, four bytes in UTF-8
            case 1:
                int bmp = random.nextInt(0x80, 0x10000 - 0x800); // not a surrogate: those lie in 0xD800..0xDFFF
                return bmp < 0xD800 ? bmp : bmp + 0x800;
            default:
                return random.nextInt(0x80);
        }
    }
}
