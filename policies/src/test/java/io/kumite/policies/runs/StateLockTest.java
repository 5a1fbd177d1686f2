package io.kumite.policies.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The league's lock excludes threads of one JVM too (OS file locks alone do not). */
class StateLockTest {
    @TempDir
    Path tmp;

    @Test
    void heldLockRefusesOthersUntilReleased() throws Exception {
        Path f = tmp.resolve("owner.lock");
        try (StateLock held = StateLock.tryAcquire(f)) {
            assertNotNull(held);
            assertNull(CompletableFuture.supplyAsync(() -> tryOnce(f)).get(), "another thread is refused");
            assertNull(StateLock.tryAcquire(f), "the same thread is refused a second ownership too");
        }
        assertNotNull(CompletableFuture.supplyAsync(() -> tryOnce(f)).get(), "free again after release");
    }

    @Test
    void acquireSerialisesReadModifyWrite() throws Exception {
        Path f = tmp.resolve("league.lock");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Runnable work = () -> {
            for (int i = 0; i < 200; i++) {
                try (StateLock l = StateLock.acquire(f)) {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        CompletableFuture.allOf(CompletableFuture.runAsync(work), CompletableFuture.runAsync(work), CompletableFuture.runAsync(work)).get();
        assertEquals(1, most.get(), "never two holders at once");
    }

    private static String tryOnce(Path f) {
        try (StateLock l = StateLock.tryAcquire(f)) {
            return l == null ? null : "acquired";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
