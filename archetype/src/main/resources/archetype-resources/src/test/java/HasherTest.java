package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A Rust object owned by a Java one: its results, and each misuse ends in an exception or does nothing. */
class HasherTest {
    /** Bytes and where to cut them into pieces: sorted, from 0 to the length, equal ones making empty pieces. */
    record Pieces(byte[] data, int[] cuts) {}

    private static Pieces randomPieces(SplittableRandom random) {
        byte[] data = RandomInputs.bytes(random);
        return new Pieces(data, random.ints(random.nextInt(12), 0, data.length + 1).sorted().toArray());
    }

    @Test
    void rustHashOfPiecesIsJavaHashOfTheWhole() {
        byte[] thousand = new byte[1_000];
        new SplittableRandom(1).nextBytes(thousand);
        RandomInputs.of(HasherTest::randomPieces,
                        pieces -> String.format("%,d bytes in %d pieces", pieces.data().length, pieces.cuts().length + 1))
                .edgeCase("no bytes, no cut", new Pieces(new byte[0], new int[0]))
                .edgeCase("no bytes, cut twice", new Pieces(new byte[0], new int[] {0, 0}))
                .edgeCase("empty pieces at both ends", new Pieces(thousand, new int[] {0, 0, 1_000}))
                .edgeCase("a piece per byte", new Pieces(thousand, IntStream.range(1, 1_000).toArray()))
                .check(pieces -> {
                    try (Hasher hasher = Hasher.create()) {
                        int from = 0;
                        for (int cut : pieces.cuts()) {
                            hasher.update(Arrays.copyOfRange(pieces.data(), from, cut));
                            from = cut;
                        }
                        hasher.update(Arrays.copyOfRange(pieces.data(), from, pieces.data().length));
                        assertEquals(Core.fnv1a(pieces.data()), hasher.digest());
                        assertEquals(Core.fnv1a(pieces.data()), hasher.digest(), "digest leaves the state as it is");
                    }
                });
    }

    @Test
    void useAfterCloseThrowsAndCloseAgainDoesNothing() {
        Hasher hasher = Hasher.create();
        hasher.close();
        IllegalStateException update = assertThrows(IllegalStateException.class, () -> hasher.update(new byte[1]));
        assertEquals("Hasher is closed", update.getMessage());
        assertThrows(IllegalStateException.class, hasher::digest);
        hasher.close();
        try (Hasher open = Hasher.create()) {
            NullPointerException e = assertThrows(NullPointerException.class, () -> open.update(null));
            assertEquals("data", e.getMessage());
            NullPointerException noHasher = assertThrows(NullPointerException.class, () -> Rust.hasherUpdate(null, new byte[1]));
            assertEquals("hasher", noHasher.getMessage());
        }
    }

    @Test
    void threadsSharingAHasherAddTheirBytesOneCallAtATime() {
        byte[] piece = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        try (Hasher shared = Hasher.create()) {
            IntStream.range(0, 8_000).parallel().forEach(call -> shared.update(piece));
            // Every call adds the same piece, so any order of whole calls gives this hash.
            assertEquals(Core.fnv1a("0123456789abcdef".repeat(8_000).getBytes(StandardCharsets.US_ASCII)), shared.digest());
        }
    }

    @Test
    void closingWhileOtherThreadsUseTheHasherStopsThemWithAnException() throws Exception {
        Hasher shared = Hasher.create();
        CountDownLatch running = new CountDownLatch(3);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<IllegalStateException>> users = new ArrayList<>();
            for (int thread = 0; thread < 3; thread++) {
                users.add(threads.submit(() -> {
                    running.countDown();
                    return assertThrows(IllegalStateException.class, () -> {
                        while (true) {
                            shared.update(new byte[64]).digest();
                        }
                    });
                }));
            }
            running.await();
            shared.close();
            for (Future<IllegalStateException> user : users) {
                assertEquals("Hasher is closed", user.get(60, TimeUnit.SECONDS).getMessage());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
