package io.kumite.policies.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.kumite.engine.Rng;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.env.VecEnv;
import io.kumite.policies.env.RemoteVecEnv;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.Categorical;
import io.kumite.policies.nn.PolicyNet;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proximal policy optimisation (CleanRL's {@code ppo_atari} loop): collect {@code nSteps} steps
 * from every environment, compute GAE advantages, then {@code epochs} passes of shuffled minibatches
 * through the clipped loss with Adam; learning rate and clip annealed linearly. The learner plays
 * seat 0 (slot {@code e * agents}); in two_player environments an {@link Opponent} plays seat 1.
 *
 * <p>Rollout buffers are Java arrays allocated once; every native array of an iteration lives in a
 * sub-manager closed at the end of its minibatch, so native memory stays flat. Not thread-safe.
 */
public final class PpoTrainer {
    /** Keys of the per-iteration metrics (CleanRL's names where CleanRL has one). */
    public static final String GLOBAL_STEP = "global_step";

    private final PpoConfig cfg;
    private final VecEnv env;
    private final Opponent opponent;
    private final PolicyNet net;
    private final Adam adam;
    private final Rng rng;

    private final int envs;
    private final int agents;
    private final int obsBytes;
    private final int actionsN;

    // Rollout, time-major: index t * envs + e.
    private final byte[] obs;
    private final int[] actions;
    private final float[] logProbs;
    private final float[] values;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final boolean[] valid;
    private final float[] advantages;
    private final float[] returns;

    // Per environment: whether the current observation starts a real step, and the running episode.
    private final boolean[] liveObs;
    private final double[] episodeReturn;
    private final int[] episodeLength;
    private final EpisodeStats stats = new EpisodeStats(100);

    private final Curriculum curriculum;
    private final int[] envLevel;
    private final int[] envActions;
    private final float[] stepLogits;
    private final float[] stepValues;
    private final float[] stepLogProbs;

    private long globalStep;
    private int iteration;
    private double envSeconds;
    private double inferenceSeconds;
    private double learnSeconds;

    public PpoTrainer(PpoConfig cfg, VecEnv env, Opponent opponent, PolicyNet net, Adam adam, Rng rng) {
        if (env.numEnvs() != cfg.numEnvs()) {
            throw new IllegalArgumentException("the environment has " + env.numEnvs() + " arenas, the config " + cfg.numEnvs());
        }
        if (env.observationBytes() != net.observationBytes()) {
            throw new IllegalArgumentException("the network takes " + net.observationBytes() + "-byte observations, the environment gives "
                    + env.observationBytes());
        }
        boolean twoPlayer = env.agents() == 2;
        if (twoPlayer != (opponent != null && opponent.playsSeat())) {
            throw new IllegalArgumentException("two_player environments need an opponent that plays seat 1 (noop, random, ckpt:)"
                    + " and vs_cpu environments a bot opponent");
        }
        this.cfg = cfg;
        this.env = env;
        this.opponent = opponent;
        this.net = net;
        this.adam = adam;
        this.rng = rng;
        this.envs = env.numEnvs();
        this.agents = env.agents();
        this.obsBytes = env.observationBytes();
        this.actionsN = net.actions();
        int n = cfg.nSteps() * envs;
        this.obs = new byte[Math.multiplyExact(n, obsBytes)];
        this.actions = new int[n];
        this.logProbs = new float[n];
        this.values = new float[n];
        this.rewards = new float[n];
        this.terminated = new boolean[n];
        this.truncated = new boolean[n];
        this.valid = new boolean[n];
        this.advantages = new float[n];
        this.returns = new float[n];
        this.liveObs = new boolean[envs];
        this.episodeReturn = new double[envs];
        this.episodeLength = new int[envs];
        this.envActions = new int[envs * agents];
        this.curriculum = opponent != null ? opponent.curriculum() : null;
        this.envLevel = new int[envs];
        if (curriculum != null && !(env instanceof LocalVecEnv)) {
            throw new IllegalArgumentException("a ladder: curriculum changes opponents per environment, which in-process"
                    + " environments support; use bot:*:<level> with --server");
        }
        this.stepLogits = new float[envs * actionsN];
        this.stepValues = new float[envs];
        this.stepLogProbs = new float[envs];
        net.requireGradients();
    }

    /** Starts the environments (seeds {@code seed + i}); call once before the first iteration. */
    public void start(long seed, long stepsDone, int iterationsDone) {
        if (curriculum != null) {
            for (int e = 0; e < envs; e++) {
                envLevel[e] = curriculum.sample(rng);
                ((LocalVecEnv) env).setOpponent(e, -1, envLevel[e]);
            }
        }
        env.reset(seed);
        java.util.Arrays.fill(liveObs, true);
        this.globalStep = stepsDone;
        this.iteration = iterationsDone;
    }

    public long globalStep() {
        return globalStep;
    }

    public int iteration() {
        return iteration;
    }

    public boolean done() {
        return globalStep >= cfg.totalSteps();
    }

    public EpisodeStats stats() {
        return stats;
    }

    /** One rollout and one update; returns the iteration's metrics. */
    public Map<String, Object> iterate() {
        iteration++;
        long t0 = System.nanoTime();
        double env0 = envSeconds;
        double inf0 = inferenceSeconds;
        collect();
        long t1 = System.nanoTime();
        float lr = cfg.lrAt(iteration);
        float clip = cfg.clipAt(iteration);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(GLOBAL_STEP, globalStep);
        m.put("iteration", iteration);
        stats.putInto(m);
        if (curriculum != null) {
            m.putAll(curriculum.metrics());
        }
        m.putAll(update(lr, clip));
        long t2 = System.nanoTime();
        double learn = (t2 - t1) / 1e9;
        learnSeconds += learn;
        double wall = (t2 - t0) / 1e9;
        m.put("charts/learning_rate", (double) lr);
        m.put("charts/clip", (double) clip);
        m.put("charts/SPS", Math.round(cfg.batchSize() / wall));
        m.put("time/env_s", round3(envSeconds - env0));
        m.put("time/inference_s", round3(inferenceSeconds - inf0));
        m.put("time/learn_s", round3(learn));
        if (env instanceof RemoteVecEnv remote) {
            // Episodes cut by a lost arena server (docs/scaling.md); they also count in charts/episodes as truncated.
            m.put("env/dropped_episodes", remote.droppedEpisodes());
        }
        return m;
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** Cumulative seconds spent stepping environments, in inference, and learning. */
    public double[] timeShares() {
        return new double[] {envSeconds, inferenceSeconds, learnSeconds};
    }

    // ------------------------------------------------------------------ rollout

    private void collect() {
        byte[] envObs = env.observations();
        int stride = agents * obsBytes;
        for (int t = 0; t < cfg.nSteps(); t++) {
            long a = System.nanoTime();
            net.infer(envObs, 0, stride, envs, stepLogits, stepValues);
            int base = t * envs;
            for (int e = 0; e < envs; e++) {
                int i = base + e;
                System.arraycopy(envObs, e * stride, obs, i * obsBytes, obsBytes);
                int action = Categorical.sample(stepLogits, e, actionsN, rng, stepLogProbs);
                actions[i] = action;
                logProbs[i] = stepLogProbs[e];
                values[i] = stepValues[e];
                valid[i] = liveObs[e];
                envActions[e * agents] = action;
            }
            if (opponent != null && opponent.playsSeat()) {
                opponent.act(env, envActions, rng);
            }
            long b = System.nanoTime();
            env.step(envActions);
            long c = System.nanoTime();
            inferenceSeconds += (b - a) / 1e9;
            envSeconds += (c - b) / 1e9;
            float[] r = env.rewards();
            boolean[] term = env.terminated();
            boolean[] trunc = env.truncated();
            int[] info = env.infos();
            int fields = VecEnv.INFO_FIELDS.size();
            for (int e = 0; e < envs; e++) {
                int i = base + e;
                int slot = e * agents;
                rewards[i] = r[slot];
                terminated[i] = term[slot];
                truncated[i] = trunc[slot];
                if (valid[i]) {
                    globalStep++;
                    episodeReturn[e] += r[slot];
                    episodeLength[e]++;
                }
                boolean ended = term[slot] || trunc[slot];
                if (ended) {
                    int o = slot * fields;
                    stats.add(episodeReturn[e], episodeLength[e], info[o + 6], info[o + 2], info[o + 3]);
                    if (curriculum != null) {
                        curriculum.record(envLevel[e], info[o + 6] == 1);
                        envLevel[e] = curriculum.sample(rng);
                        ((LocalVecEnv) env).setOpponent(e, -1, envLevel[e]);
                    }
                    episodeReturn[e] = 0;
                    episodeLength[e] = 0;
                }
                liveObs[e] = !ended;
            }
        }
        long a = System.nanoTime();
        float[] lastValues = new float[envs];
        net.infer(envObs, 0, stride, envs, stepLogits, lastValues);
        inferenceSeconds += (System.nanoTime() - a) / 1e9;
        Gae.compute(cfg.nSteps(), envs, rewards, values, terminated, truncated, valid, lastValues, cfg.gamma(), cfg.gaeLambda(),
                advantages, returns);
    }

    // ------------------------------------------------------------------ update

    private Map<String, Object> update(float lr, float clip) {
        int n = cfg.nSteps() * envs;
        int[] idx = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (valid[i]) {
                idx[count++] = i;
            }
        }
        double pg = 0;
        double vl = 0;
        double ent = 0;
        double kl = 0;
        double oldKl = 0;
        double clipFrac = 0;
        double gradNorm = 0;
        int batches = 0;
        int mb = Math.min(cfg.minibatch(), count);
        float[] advBatch = new float[mb];
        Engine engine = net.manager().getEngine();
        for (int epoch = 0; epoch < cfg.epochs() && count >= 2; epoch++) {
            shuffle(idx, count);
            for (int start = 0; start + 1 < count; start += mb) {
                int end = Math.min(start + mb, count);
                int b = end - start;
                if (cfg.normAdv()) {
                    Gae.normalize(advantages, idx, start, end, advBatch);
                } else {
                    for (int k = 0; k < b; k++) {
                        advBatch[k] = advantages[idx[start + k]];
                    }
                }
                try (NDManager mm = net.manager().newSubManager()) {
                    ByteBuffer buf = net.staging(b);
                    float[] oldLp = new float[b];
                    float[] ret = new float[b];
                    float[] oldV = new float[b];
                    int[] act = new int[b];
                    float[] adv = new float[b];
                    for (int k = 0; k < b; k++) {
                        int i = idx[start + k];
                        buf.put(obs, i * obsBytes, obsBytes);
                        oldLp[k] = logProbs[i];
                        ret[k] = returns[i];
                        oldV[k] = values[i];
                        act[k] = actions[i];
                        adv[k] = advBatch[k];
                    }
                    buf.flip();
                    NDArray x = net.upload(mm, buf, net.batchShape(b), DataType.UINT8);
                    PpoLoss.Result r;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDList out = net.forwardTrain(x);
                        r = PpoLoss.compute(out.get(0), out.get(1), net.upload(mm, act), net.upload(mm, oldLp), net.upload(mm, adv),
                                net.upload(mm, ret), net.upload(mm, oldV), clip, cfg.clipValue() ? clip : 0f, cfg.vfCoef(), cfg.entCoef());
                        gc.backward(r.loss());
                    }
                    gradNorm += adam.step(lr, cfg.maxGradNorm());
                    pg += r.policyLoss();
                    vl += r.valueLoss();
                    ent += r.entropy();
                    kl += r.approxKl();
                    oldKl += r.oldApproxKl();
                    clipFrac += r.clipFraction();
                    batches++;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        int d = Math.max(1, batches);
        m.put("losses/policy_loss", pg / d);
        m.put("losses/value_loss", vl / d);
        m.put("losses/entropy", ent / d);
        m.put("losses/old_approx_kl", oldKl / d);
        m.put("losses/approx_kl", kl / d);
        m.put("losses/clipfrac", clipFrac / d);
        m.put("losses/grad_norm", gradNorm / d);
        m.put("losses/explained_variance", explainedVariance(idx, count));
        m.put("losses/samples", count);
        return m;
    }

    private void shuffle(int[] idx, int count) {
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
    }

    private double explainedVariance(int[] idx, int count) {
        double my = 0;
        double md = 0;
        for (int k = 0; k < count; k++) {
            my += returns[idx[k]];
            md += returns[idx[k]] - values[idx[k]];
        }
        my /= Math.max(1, count);
        md /= Math.max(1, count);
        double vy = 0;
        double vd = 0;
        for (int k = 0; k < count; k++) {
            double y = returns[idx[k]] - my;
            double dd = returns[idx[k]] - values[idx[k]] - md;
            vy += y * y;
            vd += dd * dd;
        }
        return vy == 0 ? Double.NaN : 1 - vd / vy;
    }

    /** Expose for tests: the shape of a batch of observations. */
    Shape observationBatch(int n) {
        return net.batchShape(n);
    }
}
