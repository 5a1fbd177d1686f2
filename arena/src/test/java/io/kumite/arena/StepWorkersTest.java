package io.kumite.arena;

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
}
