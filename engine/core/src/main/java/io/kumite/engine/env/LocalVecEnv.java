package io.kumite.engine.env;

import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.replay.Replay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>With {@code threads > 1}, the caller and {@code threads - 1} {@link StepWorkers} step the
 * environments in parallel, taking them one at a time (a step allocates a queue node per worker). Which thread steps
 * an environment never changes its results. Not thread-safe: one caller at a time.
 *
 * <p>It is the environments ({@link Env}, one arena each, writing into these buffers) and the
 * workers that step them as a batch. An arena server, which steps arenas of many batches on its own
 * workers, takes the environments one by one with {@link #env} and makes this VecEnv with one thread.
 */
public final class LocalVecEnv extends BufferedVecEnv {
    private final Roster roster;
    private final Env[] envs;

    /** The workers beside the caller (null with one thread) and the step they share. */
    private final StepWorkers workers;
    private final StepWorkers.Shared stepAll;
    private final AtomicInteger next = new AtomicInteger();
    private int[] currentActions;

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
        this.workers = t > 1 ? new StepWorkers(t - 1, "kumite-env-step") : null;
        this.stepAll = t > 1 ? new StepWorkers.Shared(t - 1, this::stepShare) : null;
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
        if (workers == null) {
            for (int i = 0; i < envs.length; i++) {
                envs[i].step(actions, i * agents());
            }
            return;
        }
        currentActions = actions; // published to the workers by share()
        next.set(0);
        workers.share(stepAll);
    }

    /** The caller's and each worker's share of a step: environments taken one at a time until none is left. */
    private void stepShare() {
        int[] actions = currentActions;
        for (int i = next.getAndIncrement(); i < envs.length; i = next.getAndIncrement()) {
            envs[i].step(actions, i * agents());
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
        if (workers != null) {
            workers.close();
        }
    }
}
