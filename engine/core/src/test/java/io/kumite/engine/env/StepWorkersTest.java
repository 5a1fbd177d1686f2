package io.kumite.engine.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepWorkersTest {
    @Test
    void jobsRunWhetherTheWorkersSpinOrHaveParked() throws Exception {
        StepWorkers workers = new StepWorkers(2, "test-step");
        AtomicInteger ran = new AtomicInteger();
        for (int round = 0; round < 200; round++) {
            CountDownLatch done = new CountDownLatch(3);
            for (int j = 0; j < 3; j++) {
                workers.execute(() -> {
                    ran.incrementAndGet();
                    done.countDown();
                });
            }
            assertTrue(done.await(5, TimeUnit.SECONDS), "round " + round + ": a job was not run (a lost wake-up)");
            if (round % 20 == 0) {
                Thread.sleep(2); // longer than the spin: the workers park, and the next jobs must unpark them
            }
        }
        assertEquals(600, ran.get());
        CountDownLatch after = new CountDownLatch(1);
        workers.execute(() -> {
            throw new IllegalStateException("a job's own failure does not stop its worker");
        });
        workers.execute(after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS));
        workers.close();
        assertThrows(IllegalStateException.class, () -> workers.execute(() -> { }));
    }

    /** The caller and the workers share the items; reused every round, a failure anywhere reaches the caller. */
    @Test
    void sharedWorkTakesEveryItemOnceAndReportsFailures() {
        try (StepWorkers workers = new StepWorkers(3, "test-share")) {
            int items = 64;
            java.util.concurrent.atomic.AtomicIntegerArray hits = new java.util.concurrent.atomic.AtomicIntegerArray(items);
            AtomicInteger next = new AtomicInteger();
            int[] failAt = {-1};
            java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            StepWorkers.Shared s = new StepWorkers.Shared(3, () -> {
                for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                    threads.add(Thread.currentThread().getName());
                    if (i == failAt[0]) {
                        throw new IllegalStateException("item " + i);
                    }
                    hits.incrementAndGet(i);
                    for (long spin = System.nanoTime(); System.nanoTime() - spin < 2_000; ) {
                        Thread.onSpinWait(); // long enough for the workers to join in
                    }
                }
            });
            for (int round = 1; round <= 300; round++) {
                next.set(0);
                workers.share(s);
                for (int i = 0; i < items; i++) {
                    assertEquals(round, hits.get(i), "round " + round + ": item " + i + " taken once per round");
                }
            }
            assertTrue(threads.size() > 1, "workers took items too: " + threads);
            failAt[0] = 17;
            next.set(0);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> workers.share(s));
            assertEquals("item 17", e.getMessage());
            failAt[0] = -1;
            next.set(0);
            workers.share(s); // the failure is not remembered
        }
    }
}
