package io.kumite.arena;

import io.kumite.engine.env.Env;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.FrameStackCodec;
import io.kumite.engine.env.Info;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.env.StateVector;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Owns the arenas: creates them in groups (one {@link VecEnv} per CreateArenas call), steps batches
 * of them in parallel on a fixed pool sized to the cores, enforces the limits and ownership, and
 * reaps idle arenas. Thread-safe: calls may come from many gRPC threads; each arena is stepped by one
 * thread at a time (its slot is the lock).
 */
final class ArenaPool implements AutoCloseable {

    /** Arenas created together: one environment batch and its config. */
    static final class Group {
        final LocalVecEnv env;
        final EnvConfig config;
        final long baseSeed;
        final AtomicInteger open;

        Group(LocalVecEnv env, EnvConfig config, long baseSeed) {
            this.env = env;
            this.config = config;
            this.baseSeed = baseSeed;
            this.open = new AtomicInteger(env.numEnvs());
        }
    }

    /** One arena: an environment of a group, owned by the principal that created it. */
    static final class Slot {
        final long id;
        final Group group;
        final int index;
        final String owner;
        volatile long lastUsedNanos;
        /**
         * Whether the client holds the newest frame of this arena's last answer (a FRAME_DELTA answer
         * that was sent): then, except at an episode's first observation, that frame is the one below
         * the newest in the arena's stack, and FRAME_DELTA codes against it; else it sends a keyframe.
         */
        boolean deltaValid;

        Slot(long id, Group group, int index, String owner, long now) {
            this.id = id;
            this.group = group;
            this.index = index;
            this.owner = owner;
            this.lastUsedNanos = now;
        }

        int agents() {
            return group.config.agents();
        }

        /** This arena's environment (stepped with the slot's lock held). */
        Env env() {
            return group.env.env(index);
        }
    }

    /** A batch's results, per agent in the order of the request's arena ids. */
    /** How observations travel back (the API's ObservationTransfer). */
    enum Transfer {
        FULL, NEWEST, DELTA
    }

    /**
     * One call's answer. {@code observationBytes}: how much of {@code observations} is used;
     * {@code observationSizes}: each agent's coded length under FRAME_DELTA, else null.
     */
    record Results(long[] ids, byte[] observations, float[] rewards, boolean[] terminated, boolean[] truncated,
                   int[] infos, float[] states, Transfer transfer, int[] observationSizes, int[] observationBytes) {
        boolean newestFrameOnly() {
            return transfer != Transfer.FULL;
        }
    }

    private final Roster roster;
    private final ArenaServerConfig config;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Long, Slot> arenas = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perOwner = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(1);
    private final StepWorkers workers;
    private final int threads;
    private final Consumer<Replay> replaySink;

    ArenaPool(Roster roster, ArenaServerConfig config, LongSupplier clock, Consumer<Replay> replaySink) {
        this.roster = roster;
        this.config = config;
        this.clock = clock;
        this.replaySink = replaySink;
        this.threads = config.effectiveThreads();
        this.workers = new StepWorkers(Math.max(1, threads - 1), "kumite-arena-step");
    }

    Roster roster() {
        return roster;
    }

    ArenaServerConfig config() {
        return config;
    }

    int activeArenas() {
        return total.get();
    }

    // ------------------------------------------------------------------ create and close

    /** Creates {@code count} arenas for {@code owner}; returns the group and the new ids. */
    Group create(String owner, int count, String preset, Map<String, String> settings, long baseSeed, List<Long> idsOut) {
        if (count < 1 || count > config.maxBatch()) {
            throw ArenaException.invalid("count must be in 1.." + config.maxBatch() + " (the server's max batch), got " + count);
        }
        EnvConfig envConfig;
        try {
            envConfig = EnvConfig.preset(preset == null || preset.isEmpty() ? "default" : preset).with(settings, roster).validate(roster);
            if (replaySink != null) {
                envConfig = envConfig.with("record_replays", "true"); // the server keeps every episode
            }
        } catch (IllegalArgumentException e) {
            throw ArenaException.invalid("bad arena config: " + e.getMessage());
        }
        reserve(owner, count);
        Group group;
        try {
            LocalVecEnv env = new LocalVecEnv(roster, envConfig, count, 1); // its environments are stepped one by one here
            for (int i = 0; i < count; i++) {
                env.env(i).lazyObservations(true); // copyOut writes a stack only for an answer that sends it
            }
            group = new Group(env, envConfig, baseSeed);
        } catch (RuntimeException e) {
            release(owner, count);
            throw e;
        }
        long now = clock.getAsLong();
        for (int i = 0; i < count; i++) {
            long id = nextId.getAndIncrement();
            arenas.put(id, new Slot(id, group, i, owner, now));
            idsOut.add(id);
        }
        return group;
    }

    private void reserve(String owner, int count) {
        while (true) {
            int t = total.get();
            if (t + count > config.maxArenas()) {
                throw ArenaException.exhausted("the server holds " + t + " of its " + config.maxArenas()
                        + " arenas; " + count + " more do not fit: close arenas or use another server");
            }
            if (total.compareAndSet(t, t + count)) {
                break;
            }
        }
        AtomicInteger mine = perOwner.computeIfAbsent(owner, k -> new AtomicInteger());
        while (true) {
            int m = mine.get();
            if (m + count > config.maxArenasPerClient()) {
                total.addAndGet(-count);
                throw ArenaException.exhausted("this client holds " + m + " of its " + config.maxArenasPerClient()
                        + " arenas; " + count + " more do not fit: close arenas first");
            }
            if (mine.compareAndSet(m, m + count)) {
                return;
            }
        }
    }

    private void release(String owner, int count) {
        total.addAndGet(-count);
        AtomicInteger mine = perOwner.get(owner);
        if (mine != null) {
            mine.addAndGet(-count);
        }
    }

    int close(String owner, List<Long> ids) {
        List<Slot> slots = lookup(owner, ids);
        int closed = 0;
        for (Slot s : slots) {
            if (remove(s)) {
                closed++;
            }
        }
        return closed;
    }

    private boolean remove(Slot s) {
        if (!arenas.remove(s.id, s)) {
            return false;
        }
        release(s.owner, 1);
        synchronized (s) {
            drainReplays(s);
        }
        if (s.group.open.decrementAndGet() == 0) {
            s.group.env.close();
        }
        return true;
    }

    /** Closes those of {@code ids} that still exist and belong to {@code owner}; never fails. */
    int closeQuietly(String owner, List<Long> ids) {
        int closed = 0;
        for (long id : ids) {
            Slot s = arenas.get(id);
            if (s != null && s.owner.equals(owner) && remove(s)) {
                closed++;
            }
        }
        return closed;
    }

    /** Closes arenas idle for longer than the timeout; returns how many. */
    int reapIdle() {
        if (config.idleTimeoutMillis() == 0) {
            return 0;
        }
        long cutoff = clock.getAsLong() - config.idleTimeoutMillis() * 1_000_000L;
        int reaped = 0;
        for (Slot s : new ArrayList<>(arenas.values())) {
            if (s.lastUsedNanos < cutoff && remove(s)) {
                reaped++;
            }
        }
        return reaped;
    }

    /** Closes every arena of {@code owner} (its connection went away). */
    int closeAllOf(String owner) {
        int n = 0;
        for (Slot s : new ArrayList<>(arenas.values())) {
            if (s.owner.equals(owner) && remove(s)) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ reset and step

    Results reset(String owner, List<Long> ids, List<Long> seeds) {
        return reset(owner, ids, seeds, Transfer.FULL);
    }

    Results reset(String owner, List<Long> ids, List<Long> seeds, Transfer transfer) {
        checkBatch(ids);
        if (!seeds.isEmpty() && seeds.size() != ids.size()) {
            throw ArenaException.invalid("seeds must be empty (no reseeding) or one per arena: " + ids.size() + " arenas, "
                    + seeds.size() + " seeds");
        }
        List<Slot> slots = lookup(owner, ids);
        Results out = allocate(slots, newestFrameAllowed(slots) ? transfer : Transfer.FULL);
        runParallel(slots, (k, s) -> {
            Long seed = seeds.isEmpty() ? (s.env().started() ? null : s.group.baseSeed + s.index) : seeds.get(k);
            s.env().reset(seed);
        }, out);
        return out;
    }

    Results step(String owner, List<Long> ids, List<Integer> actionList) {
        return step(owner, ids, actionList, Transfer.FULL);
    }

    Results step(String owner, List<Long> ids, List<Integer> actionList, Transfer transfer) {
        checkBatch(ids);
        List<Slot> slots = lookup(owner, ids);
        int expected = 0;
        for (Slot s : slots) {
            expected += s.agents();
        }
        if (actionList.size() != expected) {
            throw ArenaException.invalid("expected " + expected + " actions (the agents of the " + ids.size()
                    + " arenas, in order), got " + actionList.size());
        }
        int[] actions = new int[expected];
        int a = 0;
        for (Slot s : slots) {
            for (int k = 0; k < s.agents(); k++) {
                int v = actionList.get(a);
                checkAction(s.group.config, "arena " + s.id + " agent " + k, v);
                actions[a++] = v;
            }
        }
        for (Slot s : slots) {
            if (!s.env().started()) {
                throw ArenaException.precondition("arena " + s.id + " has not been reset yet: call Reset before Step");
            }
            if (s.env().done() && s.group.config.autoreset() == EnvConfig.Autoreset.DISABLED) {
                throw ArenaException.precondition("arena " + s.id + ": the episode is over and autoreset is disabled; call Reset");
            }
        }
        int[] offsets = new int[slots.size()];
        for (int k = 1; k < slots.size(); k++) {
            offsets[k] = offsets[k - 1] + slots.get(k - 1).agents();
        }
        Results out = allocate(slots, newestFrameAllowed(slots) ? transfer : Transfer.FULL);
        runParallel(slots, (k, s) -> s.env().step(actions, offsets[k]), out);
        return out;
    }

    /** Refuses an action outside {@code config}'s action space; {@code where} names its sender in the message. */
    static void checkAction(EnvConfig config, String where, int v) {
        if (config.actions() == EnvConfig.ActionType.DISCRETE) {
            if (v < 0 || v >= io.kumite.engine.action.Actions.DISCRETE_COUNT) {
                throw ArenaException.invalid(where + ": discrete action must be in 0.."
                        + (io.kumite.engine.action.Actions.DISCRETE_COUNT - 1) + ", got " + v);
            }
        } else if (v < 0 || v > 1023) {
            throw ArenaException.invalid(where + ": multi_binary action must be a 10-bit mask 0..1023, got " + v);
        }
    }

    private void checkBatch(List<Long> ids) {
        if (ids.isEmpty()) {
            throw ArenaException.invalid("no arena ids: give at least one");
        }
        if (ids.size() > config.maxBatch()) {
            throw ArenaException.invalid(ids.size() + " arenas in one call; the server's max batch is " + config.maxBatch());
        }
        Set<Long> seen = new HashSet<>();
        for (long id : ids) {
            if (!seen.add(id)) {
                throw ArenaException.invalid("arena " + id + " appears twice in one call");
            }
        }
    }

    /** The slots of {@code ids}, checking that they exist and belong to {@code owner} (else NOT_FOUND). */
    private List<Slot> lookup(String owner, List<Long> ids) {
        List<Slot> slots = new ArrayList<>(ids.size());
        long now = clock.getAsLong();
        for (long id : ids) {
            Slot s = arenas.get(id);
            if (s == null || !s.owner.equals(owner)) {
                throw ArenaException.notFound(id); // another principal's arena is reported as missing
            }
            s.lastUsedNanos = now;
            slots.add(s);
        }
        return slots;
    }

    /** Whether every arena's observation is a plain stack shifted by one frame per step ({@link FrameStackCodec#newestFrameAllowed}). */
    private static boolean newestFrameAllowed(List<Slot> slots) {
        for (Slot s : slots) {
            if (!FrameStackCodec.newestFrameAllowed(s.group.config)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes one agent's observation may take in an answer (at most, under FRAME_DELTA). */
    private static int sentBytes(Slot s, Transfer transfer) {
        int full = s.group.env.observationBytes();
        switch (transfer) {
            case NEWEST:
                return full / s.group.config.frameStack();
            case DELTA:
                return FrameStackCodec.maxEncodedBytes(full / s.group.config.frameStack());
            default:
                return full;
        }
    }

    private Results allocate(List<Slot> slots, Transfer transfer) {
        int agents = 0;
        int obsBytes = 0;
        int states = 0;
        for (Slot s : slots) {
            agents += s.agents();
            obsBytes += s.agents() * sentBytes(s, transfer);
            states += s.group.config.stateVector() ? s.agents() * StateVector.LENGTH : 0;
        }
        long[] ids = new long[slots.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = slots.get(k).id;
        }
        return new Results(ids, new byte[obsBytes], new float[agents], new boolean[agents], new boolean[agents],
                new int[agents * Info.FIELDS], new float[states], transfer,
                transfer == Transfer.DELTA ? new int[agents] : null, new int[] {obsBytes});
    }

    private interface ArenaOp {
        void apply(int k, Slot s);
    }

    /** Applies {@code op} to every slot (locked) and copies its results, in parallel blocks. */
    private void runParallel(List<Slot> slots, ArenaOp op, Results out) {
        int n = slots.size();
        int[] agentStart = new int[n + 1];
        int[] obsStart = new int[n + 1];
        int[] stateStart = new int[n + 1];
        for (int k = 0; k < n; k++) {
            Slot s = slots.get(k);
            agentStart[k + 1] = agentStart[k] + s.agents();
            obsStart[k + 1] = obsStart[k] + s.agents() * sentBytes(s, out.transfer());
            stateStart[k + 1] = stateStart[k] + (s.group.config.stateVector() ? s.agents() * StateVector.LENGTH : 0);
        }
        int blocks = Math.min(threads, n);
        // The arenas are handed out one at a time: a worker that the OS delays (the client, Netty and
        // the other streams share the cores) takes fewer of them, instead of holding back a fixed half.
        AtomicInteger next = new AtomicInteger();
        AtomicIntegerArray started = new AtomicIntegerArray(blocks);
        AtomicIntegerArray done = new AtomicIntegerArray(blocks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int b = 1; b < blocks; b++) {
            int block = b;
            workers.execute(() -> {
                if (!started.compareAndSet(block, 0, 1)) {
                    return; // the caller found every arena done before this worker woke
                }
                try {
                    stepArenas(slots, op, out, next, agentStart, obsStart, stateStart);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.set(block, 1);
                }
            });
        }
        try {
            stepArenas(slots, op, out, next, agentStart, obsStart, stateStart);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
        for (int b = 1; b < blocks; b++) {
            // Every arena is taken; a worker that has not started yet is told so and not waited for,
            // one that has is finishing its last arena.
            if (!started.compareAndSet(b, 0, 1)) {
                StepWorkers.awaitSet(done, b);
            }
        }
        Throwable f = failure.get();
        if (f != null) {
            forgetDeltas(slots);
            if (f instanceof Error) {
                throw (Error) f;
            }
            throw unwrap(f);
        }
        if (out.transfer() == Transfer.DELTA) {
            compact(slots, out, agentStart, obsStart);
        }
    }

    /** Takes the batch's arenas one at a time from {@code next} until none is left: steps each and copies its results. */
    private void stepArenas(List<Slot> slots, ArenaOp op, Results out, AtomicInteger next, int[] agentStart, int[] obsStart, int[] stateStart) {
        for (int k = next.getAndIncrement(); k < slots.size(); k = next.getAndIncrement()) {
            Slot s = slots.get(k);
            synchronized (s) {
                op.apply(k, s);
                copyOut(s, out, agentStart[k], obsStart[k], stateStart[k]);
                drainReplays(s);
            }
        }
    }

    /** An answer that is not sent leaves the clients' references behind: the next FRAME_DELTA answers are keyframes. */
    private static void forgetDeltas(List<Slot> slots) {
        for (Slot s : slots) {
            synchronized (s) {
                s.deltaValid = false;
            }
        }
    }

    /** Moves the agents' coded frames (each written at the start of its largest possible slot) together. */
    private static void compact(List<Slot> slots, Results out, int[] agentStart, int[] obsStart) {
        byte[] obs = out.observations();
        int w = 0;
        for (int k = 0; k < slots.size(); k++) {
            Slot s = slots.get(k);
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

    private static void copyOut(Slot s, Results out, int agent0, int obs0, int state0) {
        LocalVecEnv env = s.group.env;
        int agents = s.agents();
        int first = s.index * agents;
        int ob = env.observationBytes();
        if (out.transfer() == Transfer.DELTA) {
            // Only with one new frame per step (newestFrameAllowed): the previous answer's newest frame
            // is now the one below the newest, unless a new episode refilled the stack. Coded straight
            // from the environment's frames: the stack itself is never written for these answers.
            int frame = ob / s.group.config.frameStack();
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
            int frame = ob / s.group.config.frameStack();
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
        if (s.group.config.stateVector()) {
            System.arraycopy(env.states, first * StateVector.LENGTH, out.states(), state0, agents * StateVector.LENGTH);
        }
    }

    private void drainReplays(Slot s) {
        if (replaySink != null && s.group.config.recordReplays()) {
            // A group's replays come out together; the slot lock keeps one drainer at a time per arena.
            synchronized (s.group) {
                for (Replay r : s.group.env.drainReplays()) {
                    replaySink.accept(r);
                }
            }
        }
    }

    @Override
    public void close() {
        workers.close();
        for (Slot s : new ArrayList<>(arenas.values())) {
            remove(s);
        }
    }
}
