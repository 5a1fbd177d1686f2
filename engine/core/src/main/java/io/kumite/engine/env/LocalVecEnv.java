package io.kumite.engine.env;

import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.replay.Replay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The in-process {@link VecEnv}: many environments of one config stepped as a batch, EnvPool-style: results are written into
 * preallocated arrays that the caller reads after each call. Agent {@code a} of environment {@code i}
 * is slot {@code i * agents() + a}; its observation is {@code observations[slot * observationBytes ..]}
 * (uint8, channels-first {@link EnvConfig#observationShape()}), its state vector
 * {@code states[slot * StateVector.LENGTH ..]}, its info record {@code infos[slot * Info.FIELDS ..]} ({@link Info}).
 *
 * <p>Seeding: {@code reset(baseSeed)} gives environment i the seed {@code baseSeed + i}; later episodes
 * draw from each environment's own PRNG, so a run is reproducible from the base seed alone. Autoreset
 * follows Gymnasium's next-step rule (docs/env-api.md).
 *
 * <p>With {@code threads > 1}, environments are split into contiguous blocks stepped in parallel on
 * fixed worker threads (no allocation per step). Not thread-safe: one caller at a time.
 *
 * <p>It is the environments ({@link Env}, one arena each, writing into these buffers) and the
 * workers that step them as a batch. An arena server, which steps arenas of many batches on its own
 * workers, takes the environments one by one with {@link #env} and makes this VecEnv with one thread.
 */
public final class LocalVecEnv extends BufferedVecEnv {
    private final Roster roster;
    private final Env[] envs;

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread caller;
    private volatile int[] currentActions;
    private volatile RuntimeException failure;

    public LocalVecEnv(Roster roster, EnvConfig config, int numEnvs, int threads) {
        super(config.validate(roster), numEnvs);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.roster = roster;
        this.envs = new Env[numEnvs];
        // One set of read-only render tables (the stage background above all) for every environment.
        Renderer prototype = new Renderer(roster, config.width(), config.height(), !config.grayscale());
        for (int i = 0; i < numEnvs; i++) {
            envs[i] = new Env(config, roster, this, i, prototype);
        }
        int t = Math.min(threads, numEnvs);
        this.workers = new Worker[t - 1];
        for (int w = 1; w < t; w++) {
            workers[w - 1] = new Worker(w * numEnvs / t, (w + 1) * numEnvs / t);
            workers[w - 1].start();
        }
    }











    /** Resets every environment: environment i gets seed {@code baseSeed + i}. */
    @Override
    public void reset(long baseSeed) {
        for (int i = 0; i < envs.length; i++) {
            envs[i].reset(baseSeed + i);
        }
    }

    /** Resets one environment, reseeding it only if {@code seed} is not null. */
    @Override
    public void reset(int env, Long seed) {
        checkIndex(env);
        envs[env].reset(seed);
    }

    /**
     * Sets the CPU opponent of environment {@code env} (vs_cpu) from its next episode on: a roster
     * index or -1 for a random character per episode, and a level 1..8. Used by curricula; the
     * config's opponent applies until this is called.
     */
    public void setOpponent(int env, int character, int level) {
        checkIndex(env);
        if (config.mode() != EnvConfig.Mode.VS_CPU || config.episode() == EnvConfig.EpisodeType.LADDER) {
            throw new IllegalStateException("per-environment opponents need mode=vs_cpu and episode round or match");
        }
        if (character < -1 || character >= roster.size()) {
            throw new IllegalArgumentException("opponent character must be -1 (random) or in 0.." + (roster.size() - 1) + ", got " + character);
        }
        io.kumite.engine.bot.BotLevel.of(level);
        envs[env].setOpponent(character, level);
    }

    /**
     * Steps every environment with {@code actions[slot]} for each agent slot (discrete index or
     * multi-binary mask). Results are in the public arrays when it returns.
     */
    @Override
    public void step(int[] actions) {
        if (actions.length != envs.length * agents()) {
            throw new IllegalArgumentException("expected " + envs.length * agents() + " actions (" + envs.length
                    + " environments x " + agents() + " agents), got " + actions.length);
        }
        stepRange(actions, 0, workers.length == 0 ? envs.length : envs.length / (workers.length + 1));
    }

    private void stepRange(int[] actions, int from, int to) {
        if (workers.length == 0) {
            for (int i = from; i < to; i++) {
                envs[i].step(actions, i * agents());
            }
            return;
        }
        failure = null;
        currentActions = actions;
        caller = Thread.currentThread();
        pending.set(workers.length);
        for (Worker w : workers) {
            w.go();
        }
        RuntimeException mine = null;
        try {
            for (int i = from; i < to; i++) {
                envs[i].step(actions, i * agents());
            }
        } catch (RuntimeException e) {
            mine = e;
        }
        // The workers usually finish about when the caller does: spin briefly before parking.
        for (int spins = 0; pending.get() > 0; spins++) {
            if (spins < 50_000) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        if (mine != null) {
            throw mine;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Environment {@code env} on its own, for a caller that steps environments one by one on its own
     * threads (an arena server): its results land in this VecEnv's buffers at its slots. Not while
     * this VecEnv steps a batch.
     */
    public Env env(int env) {
        checkIndex(env);
        return envs[env];
    }

    private void checkIndex(int env) {
        if (env < 0 || env >= envs.length) {
            throw new IllegalArgumentException("environment index " + env + " is out of range 0.." + (envs.length - 1));
        }
    }

    /** Replays of the episodes finished since the last call (when {@code record_replays} is on). */
    public List<Replay> drainReplays() {
        List<Replay> all = new ArrayList<>();
        for (Env e : envs) {
            all.addAll(e.drainReplays());
        }
        return all;
    }

    public Roster roster() {
        return roster;
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.interrupt();
        }
    }

    /** A worker steps its block of environments each time the caller starts a batch. */
    private final class Worker extends Thread {
        private final int from;
        private final int to;
        private volatile int generation;
        private int seen;

        Worker(int from, int to) {
            super("kumite-env-" + from + "-" + to);
            this.from = from;
            this.to = to;
            setDaemon(true);
        }

        void go() {
            generation++;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                int spins = 0;
                while (generation == seen) {
                    if (isInterrupted()) {
                        return;
                    }
                    if (++spins < 50_000) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                seen = generation;
                try {
                    int[] actions = currentActions;
                    for (int i = from; i < to; i++) {
                        envs[i].step(actions, i * agents());
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
