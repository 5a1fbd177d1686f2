package io.kumite.arena;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads that step a batch's arenas beside the calling thread. A worker that runs out of jobs
 * spins for {@link #SPIN_NANOS} before it parks, so that the next batch (usually less than that
 * later on a busy server) starts without a thread wake-up; a handoff through a thread pool's queue
 * cost about four futex calls per batch. Thread-safe.
 */
final class StepWorkers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StepWorkers.class.getName());
    /** How long an idle worker spins before parking. */
    static final long SPIN_NANOS = 50_000;

    private final ConcurrentLinkedQueue<Runnable> jobs = new ConcurrentLinkedQueue<>();
    private final Thread[] threads;
    private final AtomicIntegerArray parked;
    private volatile boolean closed;

    StepWorkers(int count, String name) {
        threads = new Thread[count];
        parked = new AtomicIntegerArray(count);
        for (int i = 0; i < count; i++) {
            int me = i;
            threads[i] = new Thread(() -> work(me), name + "-" + (i + 1));
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** Runs {@code job} on a worker; a job's exceptions are its own to report. */
    void execute(Runnable job) {
        if (closed) {
            throw new IllegalStateException("the step workers are closed");
        }
        jobs.offer(job);
        for (int i = 0; i < threads.length; i++) {
            if (parked.get(i) == 1) {
                LockSupport.unpark(threads[i]);
                return;
            }
        }
    }

    private void work(int me) {
        long idleSince = System.nanoTime();
        while (!closed) {
            Runnable job = jobs.poll();
            if (job != null) {
                try {
                    job.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "a step job failed outside its own handling", e);
                }
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                parked.set(me, 1); // then look again: a job offered before this is seen, one after unparks
                if (jobs.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                parked.set(me, 0);
                idleSince = System.nanoTime();
            }
        }
    }

    /**
     * Waits until {@code flags[i]} is set by another thread: spins for {@link #SPIN_NANOS} (the usual
     * wait, for a worker's last arena), then naps 20 µs at a time (a worker the OS has descheduled).
     */
    static void awaitSet(AtomicIntegerArray flags, int i) {
        long since = System.nanoTime();
        while (flags.get(i) == 0) {
            if (System.nanoTime() - since < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}
