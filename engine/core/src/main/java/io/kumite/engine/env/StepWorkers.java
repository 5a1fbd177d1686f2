package io.kumite.engine.env;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one worker pool that steps environments beside a calling thread: {@link LocalVecEnv}'s batch
 * (a pool per VecEnv) and an arena server's batches (one pool for the server, shared by every gRPC
 * thread). Work is shared with {@link #share}: the caller and up to {@link Shared#helpers} workers
 * run the same loop, which takes environments one at a time from a counter until none is left, so
 * a thread the OS delays (on a loaded machine, or where the client and Netty share the cores) takes
 * fewer of them instead of holding back a fixed block. The caller waits only for the workers that
 * started; one that had not by the time the work ran out is told so and skips.
 *
 * <p>A worker that runs out of jobs spins {@link #SPINS} times before it parks, so that the next
 * batch (usually less than that later) starts without a thread wake-up; a handoff through a thread
 * pool's queue cost about four futex calls per batch. The spin is counted, not timed: the engine
 * reads no clock (ArchitectureTest), and nothing here changes what is computed, only on which thread.
 * Thread-safe.
 */
public final class StepWorkers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StepWorkers.class.getName());
    /**
     * How many times an idle worker spins ({@link Thread#onSpinWait}) before parking: about the 50 µs
     * the arena's pool was tuned to, on the CPUs of docs/benchmarks.md (where a spin's time is given).
     */
    public static final int SPINS = 2_500;

    private final ConcurrentLinkedQueue<Runnable> jobs = new ConcurrentLinkedQueue<>();
    private final Worker[] threads;
    private final AtomicIntegerArray parked;
    private volatile boolean closed;

    /** {@code count} daemon workers named {@code name-1 .. name-count}. */
    public StepWorkers(int count, String name) {
        threads = new Worker[count];
        parked = new AtomicIntegerArray(count);
        for (int i = 0; i < count; i++) {
            threads[i] = new Worker(i, name + "-" + (i + 1));
            threads[i].start();
        }
    }

    /** One worker thread (a daemon: an open pool never keeps the JVM alive). */
    private final class Worker extends Thread {
        private final int me;

        Worker(int me, String name) {
            super(name);
            this.me = me;
            setDaemon(true);
        }

        @Override
        public void run() {
            work(me);
        }
    }

    /** The number of workers. */
    public int size() {
        return threads.length;
    }

    /**
     * A piece of work that the caller of {@link #share} and up to {@code helpers} workers run
     * together: {@code work} must take its items from a counter the caller reset before sharing, and
     * return when none is left. Reusable: a VecEnv shares the same one every step (each share then
     * allocates only a queue node per helper).
     */
    public static final class Shared {
        private final Runnable work;
        private final int helpers;
        private final AtomicIntegerArray claimed;
        private final AtomicIntegerArray done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Runnable[] jobs;

        public Shared(int helpers, Runnable work) {
            this.work = work;
            this.helpers = helpers;
            this.claimed = new AtomicIntegerArray(helpers);
            this.done = new AtomicIntegerArray(helpers);
            this.jobs = new Runnable[helpers];
            for (int h = 0; h < helpers; h++) {
                int me = h;
                jobs[h] = () -> {
                    // A job the caller gave up on (the work ran out before it started) is told so here;
                    // one left in the queue from an earlier share of this object claims the next one's
                    // place, which is as good (the work's state is the caller's, set before the claim).
                    if (!claimed.compareAndSet(me, 0, 1)) {
                        return;
                    }
                    try {
                        work.run();
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.set(me, 1);
                    }
                };
            }
        }

        public int helpers() {
            return helpers;
        }
    }

    /**
     * Runs {@code s}'s work on this thread and on up to {@code s.helpers()} workers at once; returns
     * when this thread's run and every worker's run that started have finished. The first failure of
     * any of them is thrown here.
     */
    public void share(Shared s) {
        for (int h = 0; h < s.helpers; h++) {
            s.done.set(h, 0); // done before claimed: a run that claims after this finds done cleared
        }
        for (int h = 0; h < s.helpers; h++) {
            s.claimed.set(h, 0);
        }
        s.failure.set(null);
        for (int h = 0; h < s.helpers; h++) {
            execute(s.jobs[h]);
        }
        try {
            s.work.run();
        } catch (RuntimeException | Error e) {
            s.failure.compareAndSet(null, e);
        }
        for (int h = 0; h < s.helpers; h++) {
            // Every item is taken: a worker that has not started is told so and not waited for, one that
            // has is finishing its last item.
            if (!s.claimed.compareAndSet(h, 0, 1)) {
                awaitSet(s.done, h);
            }
        }
        Throwable f = s.failure.get();
        if (f instanceof Error) {
            throw (Error) f;
        }
        if (f != null) {
            throw (RuntimeException) f;
        }
    }

    /** Runs {@code job} on a worker; a job's exceptions are its own to report. */
    public void execute(Runnable job) {
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
        int idle = 0;
        while (!closed) {
            Runnable job = jobs.poll();
            if (job != null) {
                try {
                    job.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "a step job failed outside its own handling", e);
                }
                idle = 0;
            } else if (++idle < SPINS) {
                Thread.onSpinWait();
            } else {
                parked.set(me, 1); // then look again: a job offered before this is seen, one after unparks
                if (jobs.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                parked.set(me, 0);
                idle = 0;
            }
        }
    }

    /**
     * Waits until {@code flags[i]} is set by another thread: spins {@link #SPINS} times (the usual
     * wait, for a worker's last item), then naps 20 µs at a time (a worker the OS has descheduled).
     */
    private static void awaitSet(AtomicIntegerArray flags, int i) {
        int spins = 0;
        while (flags.get(i) == 0) {
            if (++spins < SPINS) {
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
