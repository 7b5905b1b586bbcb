package com.example.rustyjavaffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A Rust object owned by a Java one: its results, and each misuse ends in an exception or does nothing. */
class HasherTest {
    @Test
    void rustHashOfPiecesIsJavaHashOfTheWhole() {
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        try (Hasher hasher = Hasher.create()) {
            for (int from = 0; from < data.length; from += 7_919) {
                hasher.update(Arrays.copyOfRange(data, from, Math.min(from + 7_919, data.length)));
            }
            assertEquals(Core.fnv1a(data), hasher.digest());
            assertEquals(Core.fnv1a(data), hasher.digest(), "digest leaves the state as it is");
        }
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
