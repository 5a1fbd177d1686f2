package io.kumite.policies.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.kumite.engine.Rng;
import io.kumite.engine.env.Info;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.env.VecEnv;
import io.kumite.policies.env.RemoteVecEnv;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.Categorical;
import io.kumite.policies.nn.PolicyNet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proximal policy optimisation (CleanRL's {@code ppo_atari} loop): collect {@code nSteps} steps
 * from every environment, compute GAE advantages, then {@code epochs} passes of shuffled minibatches
 * through the clipped loss with Adam; learning rate and clip annealed linearly.
 *
 * <p>Seats: one {@link Learner} plays seat 0 (slot {@code e * agents}) and, in two_player
 * environments, either an {@link OpponentSeat} plays seat 1 or a second learner does (independent PPO,
 * IPPO: each learner has its own network, optimiser and rollout; the second learner's learning rate
 * may be scaled for two-timescale training).
 *
 * <p>Rollout buffers are Java arrays allocated once; every native array of an iteration lives in a
 * sub-manager closed at the end of its minibatch, so native memory stays flat. Not thread-safe.
 */
public final class PpoTrainer {
    /** Keys of the per-iteration metrics (CleanRL's names where CleanRL has one). */
    public static final String GLOBAL_STEP = "global_step";

    /** One learning seat: its network and optimiser, its rollout (time-major, {@code t * envs + e}) and its episodes. */
    static final class Learner {
        final int seat;
        final PolicyNet net;
        final Adam adam;
        final float lrScale;
        final byte[] obs;
        final int[] actions;
        final float[] logProbs;
        final float[] values;
        final float[] rewards;
        final boolean[] terminated;
        final boolean[] truncated;
        final boolean[] valid;
        final float[] advantages;
        final float[] returns;
        final double[] episodeReturn;
        final int[] episodeLength;
        final EpisodeStats stats = new EpisodeStats(100);
        final float[] stepLogits;
        final float[] stepValues;
        final float[] stepLogProbs;

        Learner(int seat, PolicyNet net, Adam adam, float lrScale, int steps, int envs, int obsBytes) {
            this.seat = seat;
            this.net = net;
            this.adam = adam;
            this.lrScale = lrScale;
            int n = steps * envs;
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
            this.episodeReturn = new double[envs];
            this.episodeLength = new int[envs];
            this.stepLogits = new float[envs * net.actions()];
            this.stepValues = new float[envs];
            this.stepLogProbs = new float[envs];
            net.requireGradients();
        }
    }

    private final PpoConfig cfg;
    private final VecEnv env;
    private final OpponentSeat opponent;
    private final Learner[] learners;
    private final Rng rng;
    private final int envs;
    private final int agents;
    private final int obsBytes;

    // Per environment: whether the current observation starts a real step (not an autoreset step).
    private final boolean[] liveObs;
    private final Curriculum curriculum;
    private final int[] envArm;
    private final int[] envActions;

    private long globalStep;
    private int iteration;
    private double envSeconds;
    private double inferenceSeconds;
    private double learnSeconds;

    /** One learner on seat 0 against {@code opponent} (a bot inside vs_cpu environments, or seat 1 of two_player ones). */
    public PpoTrainer(PpoConfig cfg, VecEnv env, OpponentSeat opponent, PolicyNet net, Adam adam, Rng rng) {
        this(cfg, env, opponent, new PolicyNet[] {net}, new Adam[] {adam}, new float[] {1f}, rng);
    }

    /**
     * Independent learners on seats 0 and 1 of two_player environments; {@code lrScale[i]} multiplies
     * learner i's learning rate (two-timescale training).
     */
    public PpoTrainer(PpoConfig cfg, VecEnv env, PolicyNet[] nets, Adam[] adams, float[] lrScale, Rng rng) {
        this(cfg, env, null, nets, adams, lrScale, rng);
    }

    private PpoTrainer(PpoConfig cfg, VecEnv env, OpponentSeat opponent, PolicyNet[] nets, Adam[] adams, float[] lrScale, Rng rng) {
        if (env.numEnvs() != cfg.numEnvs()) {
            throw new IllegalArgumentException("the environment has " + env.numEnvs() + " arenas, the config " + cfg.numEnvs());
        }
        for (PolicyNet net : nets) {
            if (env.observationBytes() != net.observationBytes()) {
                throw new IllegalArgumentException("the network takes " + net.observationBytes() + "-byte observations, the environment gives "
                        + env.observationBytes());
            }
        }
        boolean twoPlayer = env.agents() == 2;
        boolean seatOneFilled = nets.length == 2 || (opponent != null && opponent.playsSeat());
        if (twoPlayer != seatOneFilled) {
            throw new IllegalArgumentException("two_player environments need a second learner or an opponent that plays seat 1"
                    + " (noop, random, ckpt:, a pool), and vs_cpu environments a bot opponent");
        }
        this.cfg = cfg;
        this.env = env;
        this.opponent = opponent;
        this.rng = rng;
        this.envs = env.numEnvs();
        this.agents = env.agents();
        this.obsBytes = env.observationBytes();
        this.learners = new Learner[nets.length];
        for (int i = 0; i < nets.length; i++) {
            learners[i] = new Learner(i, nets[i], adams[i], lrScale[i], cfg.nSteps(), envs, obsBytes);
        }
        this.liveObs = new boolean[envs];
        this.envActions = new int[envs * agents];
        this.curriculum = opponent != null ? opponent.curriculum() : null;
        this.envArm = new int[envs];
        if (curriculum != null && !(env instanceof LocalVecEnv)) {
            throw new IllegalArgumentException("a ladder: curriculum changes opponents per environment, which in-process"
                    + " environments support; use bot:*:<level> with --server");
        }
    }

    /** Starts the environments (seeds {@code seed + i}); call once before the first iteration. */
    public void start(long seed, long stepsDone, int iterationsDone) {
        if (curriculum != null) {
            for (int e = 0; e < envs; e++) {
                envArm[e] = curriculum.sample(rng);
                ((LocalVecEnv) env).setOpponent(e, curriculum.character(envArm[e]), curriculum.level(envArm[e]));
            }
        }
        if (opponent != null) {
            opponent.start(envs, rng);
        }
        env.reset(seed);
        Arrays.fill(liveObs, true);
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

    /** Seat 0's episodes. */
    public EpisodeStats stats() {
        return learners[0].stats;
    }

    public EpisodeStats stats(int learner) {
        return learners[learner].stats;
    }

    /** One rollout and one update; returns the iteration's metrics (a second learner's prefixed {@code seat1/}). */
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
        for (Learner l : learners) {
            Map<String, Object> part = new LinkedHashMap<>();
            l.stats.putInto(part);
            part.putAll(update(l, lr * l.lrScale, clip));
            part.put("charts/learning_rate", (double) (lr * l.lrScale));
            String prefix = l.seat == 0 ? "" : "seat" + l.seat + "/";
            part.forEach((k, v) -> m.put(prefix + k, v));
        }
        if (curriculum != null) {
            m.putAll(curriculum.metrics());
        }
        if (opponent != null) {
            m.putAll(opponent.metrics());
        }
        long t2 = System.nanoTime();
        double learn = (t2 - t1) / 1e9;
        learnSeconds += learn;
        double wall = (t2 - t0) / 1e9;
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
            int base = t * envs;
            for (Learner l : learners) {
                int actionsN = l.net.actions();
                l.net.infer(envObs, l.seat * obsBytes, stride, envs, l.stepLogits, l.stepValues);
                for (int e = 0; e < envs; e++) {
                    int i = base + e;
                    System.arraycopy(envObs, e * stride + l.seat * obsBytes, l.obs, i * obsBytes, obsBytes);
                    int action = Categorical.sample(l.stepLogits, e, actionsN, rng, l.stepLogProbs);
                    l.actions[i] = action;
                    l.logProbs[i] = l.stepLogProbs[e];
                    l.values[i] = l.stepValues[e];
                    l.valid[i] = liveObs[e];
                    envActions[e * agents + l.seat] = action;
                }
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
            for (int e = 0; e < envs; e++) {
                int i = base + e;
                boolean ended = false;
                for (Learner l : learners) {
                    int slot = e * agents + l.seat;
                    l.rewards[i] = r[slot];
                    l.terminated[i] = term[slot];
                    l.truncated[i] = trunc[slot];
                    if (l.valid[i]) {
                        l.episodeReturn[e] += r[slot];
                        l.episodeLength[e]++;
                    }
                    if (term[slot] || trunc[slot]) {
                        l.stats.add(l.episodeReturn[e], l.episodeLength[e], Info.outcome(info, slot),
                                Info.get(info, slot, Info.Field.SELF_ROUNDS), Info.get(info, slot, Info.Field.OPPONENT_ROUNDS));
                        l.episodeReturn[e] = 0;
                        l.episodeLength[e] = 0;
                        ended = true;
                    }
                }
                if (liveObs[e]) {
                    globalStep++;
                }
                if (ended) {
                    Info.Outcome outcome = Info.outcome(info, e * agents); // agent 0's: the curriculum's learner
                    if (curriculum != null) {
                        curriculum.record(envArm[e], outcome == Info.Outcome.WIN);
                        envArm[e] = curriculum.sample(rng);
                        ((LocalVecEnv) env).setOpponent(e, curriculum.character(envArm[e]), curriculum.level(envArm[e]));
                    }
                    if (opponent != null) {
                        opponent.episodeEnded(e, outcome, rng);
                    }
                }
                liveObs[e] = !ended;
            }
        }
        long a = System.nanoTime();
        for (Learner l : learners) {
            float[] lastValues = new float[envs];
            l.net.infer(envObs, l.seat * obsBytes, stride, envs, l.stepLogits, lastValues);
            Gae.compute(cfg.nSteps(), envs, l.rewards, l.values, l.terminated, l.truncated, l.valid, lastValues, cfg.gamma(), cfg.gaeLambda(),
                    l.advantages, l.returns);
        }
        inferenceSeconds += (System.nanoTime() - a) / 1e9;
    }

    // ------------------------------------------------------------------ update

    private Map<String, Object> update(Learner l, float lr, float clip) {
        int n = cfg.nSteps() * envs;
        int[] idx = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (l.valid[i]) {
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
        PolicyNet net = l.net;
        Engine engine = net.manager().getEngine();
        for (int epoch = 0; epoch < cfg.epochs() && count >= 2; epoch++) {
            shuffle(idx, count);
            for (int start = 0; start + 1 < count; start += mb) {
                int end = Math.min(start + mb, count);
                int b = end - start;
                if (cfg.normAdv()) {
                    Gae.normalize(l.advantages, idx, start, end, advBatch);
                } else {
                    for (int k = 0; k < b; k++) {
                        advBatch[k] = l.advantages[idx[start + k]];
                    }
                }
                try (NDManager mm = net.manager().newSubManager()) {
                    ByteBuffer buf = net.staging(b);
                    float[] oldLp = new float[b];
                    float[] ret = new float[b];
                    float[] oldV = new float[b];
                    int[] act = new int[b];
                    float[] adv = Arrays.copyOf(advBatch, b);
                    for (int k = 0; k < b; k++) {
                        int i = idx[start + k];
                        buf.put(l.obs, i * obsBytes, obsBytes);
                        oldLp[k] = l.logProbs[i];
                        ret[k] = l.returns[i];
                        oldV[k] = l.values[i];
                        act[k] = l.actions[i];
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
                    gradNorm += l.adam.step(lr, cfg.maxGradNorm());
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
        m.put("losses/explained_variance", explainedVariance(l, idx, count));
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

    private static double explainedVariance(Learner l, int[] idx, int count) {
        double my = 0;
        double md = 0;
        for (int k = 0; k < count; k++) {
            my += l.returns[idx[k]];
            md += l.returns[idx[k]] - l.values[idx[k]];
        }
        my /= Math.max(1, count);
        md /= Math.max(1, count);
        double vy = 0;
        double vd = 0;
        for (int k = 0; k < count; k++) {
            double y = l.returns[idx[k]] - my;
            double dd = l.returns[idx[k]] - l.values[idx[k]] - md;
            vy += y * y;
            vd += dd * dd;
        }
        return vy == 0 ? Double.NaN : 1 - vd / vy;
    }
}
