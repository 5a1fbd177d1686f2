package io.kumite.arena;

import io.kumite.arena.StepResults.Transfer;
import io.kumite.engine.env.FrameStackCodec;
import io.kumite.engine.env.Info;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.env.StateVector;
import io.kumite.engine.env.StepWorkers;
import io.kumite.engine.replay.Replay;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Steps a batch of arenas (of any groups) in parallel and writes their answer: the calling thread
 * and the {@link StepWorkers} take the arenas one at a time, each locked while it is stepped and its
 * results copied into the batch's {@link StepResults} (the whole stack, the newest frame, or the
 * newest frame coded by {@link FrameStackCodec}). Thread-safe: batches from many gRPC threads share
 * the workers.
 */
final class BatchStepper implements AutoCloseable {
    private final StepWorkers workers;
    private final int threads;
    private final Consumer<Replay> replaySink;

    /** {@code threads} threads step a batch: the caller and {@code threads - 1} workers. */
    BatchStepper(int threads, Consumer<Replay> replaySink) {
        this.threads = threads;
        this.replaySink = replaySink;
        this.workers = new StepWorkers(Math.max(1, threads - 1), "kumite-arena-step");
    }

    /**
     * Applies {@code op} to each arena of {@code batch} (with its lock held) and returns the batch's
     * answer, its observations sent as {@code requested} where every arena's config allows that
     * ({@link FrameStackCodec#newestFrameAllowed}), else whole. A failure in any arena fails the call.
     */
    StepResults run(List<Arena> batch, Transfer requested, ArenaOp op) {
        StepResults out = allocate(batch, newestFrameAllowed(batch) ? requested : Transfer.FULL);
        runParallel(batch, op, out);
        return out;
    }

    /** Whether every arena's observation is a plain stack shifted by one frame per step ({@link FrameStackCodec#newestFrameAllowed}). */
    private static boolean newestFrameAllowed(List<Arena> batch) {
        for (Arena s : batch) {
            if (!FrameStackCodec.newestFrameAllowed(s.config())) {
                return false;
            }
        }
        return true;
    }

    /** The bytes one agent's observation may take in an answer (at most, under FRAME_DELTA). */
    private static int sentBytes(Arena s, Transfer transfer) {
        int full = s.group.env.observationBytes();
        switch (transfer) {
            case NEWEST:
                return FrameStackCodec.frameBytes(s.config(), full);
            case DELTA:
                return FrameStackCodec.maxEncodedBytes(FrameStackCodec.frameBytes(s.config(), full));
            default:
                return full;
        }
    }

    private StepResults allocate(List<Arena> batch, Transfer transfer) {
        int agents = 0;
        int obsBytes = 0;
        int states = 0;
        for (Arena s : batch) {
            agents += s.agents();
            obsBytes += s.agents() * sentBytes(s, transfer);
            states += s.config().stateVector() ? s.agents() * StateVector.LENGTH : 0;
        }
        long[] ids = new long[batch.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = batch.get(k).id;
        }
        return new StepResults(ids, new byte[obsBytes], new float[agents], new boolean[agents], new boolean[agents],
                new int[agents * Info.FIELDS], new float[states], transfer,
                transfer == Transfer.DELTA ? new int[agents] : null, new int[] {obsBytes});
    }

    /** What a batch does to arena {@code k} of the request, {@code s}. */
    interface ArenaOp {
        void apply(int k, Arena s);
    }

    /** Applies {@code op} to every arena (locked) and copies its results, the arenas shared out one at a time. */
    private void runParallel(List<Arena> batch, ArenaOp op, StepResults out) {
        int n = batch.size();
        int[] agentStart = new int[n + 1];
        int[] obsStart = new int[n + 1];
        int[] stateStart = new int[n + 1];
        for (int k = 0; k < n; k++) {
            Arena s = batch.get(k);
            agentStart[k + 1] = agentStart[k] + s.agents();
            obsStart[k + 1] = obsStart[k] + s.agents() * sentBytes(s, out.transfer());
            stateStart[k + 1] = stateStart[k] + (s.config().stateVector() ? s.agents() * StateVector.LENGTH : 0);
        }
        // The arenas are handed out one at a time: a worker that the OS delays (the client, Netty and
        // the other streams share the cores) takes fewer of them, instead of holding back a fixed half.
        AtomicInteger next = new AtomicInteger();
        try {
            workers.share(new StepWorkers.Shared(Math.min(threads, n) - 1, () -> stepArenas(batch, op, out, next, agentStart, obsStart, stateStart)));
        } catch (RuntimeException | Error f) {
            forgetDeltas(batch);
            if (f instanceof Error) {
                throw (Error) f;
            }
            throw unwrap(f);
        }
        if (out.transfer() == Transfer.DELTA) {
            compact(batch, out, agentStart, obsStart);
        }
    }

    /** Takes the batch's arenas one at a time from {@code next} until none is left: steps each and copies its results. */
    private void stepArenas(List<Arena> batch, ArenaOp op, StepResults out, AtomicInteger next, int[] agentStart, int[] obsStart, int[] stateStart) {
        for (int k = next.getAndIncrement(); k < batch.size(); k = next.getAndIncrement()) {
            Arena s = batch.get(k);
            synchronized (s) {
                op.apply(k, s);
                copyOut(s, out, agentStart[k], obsStart[k], stateStart[k]);
                s.drainReplays(replaySink);
            }
        }
    }

    /** An answer that is not sent leaves the clients' references behind: the next FRAME_DELTA answers are keyframes. */
    private static void forgetDeltas(List<Arena> batch) {
        for (Arena s : batch) {
            synchronized (s) {
                s.deltaValid = false;
            }
        }
    }

    /** Moves the agents' coded frames (each written at the start of its largest possible slot) together. */
    private static void compact(List<Arena> batch, StepResults out, int[] agentStart, int[] obsStart) {
        byte[] obs = out.observations();
        int w = 0;
        for (int k = 0; k < batch.size(); k++) {
            Arena s = batch.get(k);
            int max = sentBytes(s, Transfer.DELTA);
            for (int a = 0; a < s.agents(); a++) {
                int size = out.observationSizes()[agentStart[k] + a];
                System.arraycopy(obs, obsStart[k] + a * max, obs, w, size);
                w += size;
            }
        }
        out.observationBytes()[0] = w;
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof ArenaException) {
            return (ArenaException) t;
        }
        if (t instanceof IllegalArgumentException) {
            return ArenaException.invalid(t.getMessage());
        }
        if (t instanceof IllegalStateException) {
            return ArenaException.precondition(t.getMessage());
        }
        return t instanceof RuntimeException ? (RuntimeException) t : new IllegalStateException(t);
    }

    private static void copyOut(Arena s, StepResults out, int agent0, int obs0, int state0) {
        LocalVecEnv env = s.group.env;
        int agents = s.agents();
        int first = s.index * agents;
        int ob = env.observationBytes();
        if (out.transfer() == Transfer.DELTA) {
            // Only with one new frame per step (newestFrameAllowed): the previous answer's newest frame
            // is now the one below the newest, unless a new episode refilled the stack. Coded straight
            // from the environment's frames: the stack itself is never written for these answers.
            int frame = FrameStackCodec.frameBytes(s.config(), ob);
            int max = FrameStackCodec.maxEncodedBytes(frame);
            byte[] newest = s.env().frame(0);
            byte[] previous = s.env().frame(1);
            for (int a = 0; a < agents; a++) {
                out.observationSizes()[agent0 + a] = FrameStackCodec.encode(newest, previous, frame, s.deltaValid, env.infos, first + a,
                        out.observations(), obs0 + a * max);
            }
            s.deltaValid = true;
        } else if (out.newestFrameOnly()) {
            s.deltaValid = false;
            int frame = FrameStackCodec.frameBytes(s.config(), ob);
            byte[] newest = s.env().frame(0);
            for (int a = 0; a < agents; a++) {
                System.arraycopy(newest, 0, out.observations(), obs0 + a * frame, frame);
            }
        } else {
            s.deltaValid = false;
            s.env().writeObservations();
            System.arraycopy(env.observations, first * ob, out.observations(), obs0, agents * ob);
        }
        System.arraycopy(env.rewards, first, out.rewards(), agent0, agents);
        System.arraycopy(env.terminated, first, out.terminated(), agent0, agents);
        System.arraycopy(env.truncated, first, out.truncated(), agent0, agents);
        System.arraycopy(env.infos, first * Info.FIELDS, out.infos(), agent0 * Info.FIELDS, agents * Info.FIELDS);
        if (s.config().stateVector()) {
            System.arraycopy(env.states, first * StateVector.LENGTH, out.states(), state0, agents * StateVector.LENGTH);
        }
    }

    @Override
    public void close() {
        workers.close();
    }
}
