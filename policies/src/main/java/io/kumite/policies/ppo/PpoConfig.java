package io.kumite.policies.ppo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a PPO run besides the environment. Defaults are FightLadder's (their
 * Stable-Baselines3 settings: 512 steps per environment, minibatches of 1024, 4 epochs, gamma 0.94,
 * learning rate 2.5e-4 annealed linearly to 2.5e-6, clip 0.15 annealed to 0.025) with CleanRL's
 * remaining choices (GAE lambda 0.95, value loss clipped with the policy's clip, value coefficient
 * 0.5, entropy 0.01, gradient norm 0.5, Adam epsilon 1e-5, advantages normalised per minibatch).
 *
 * @param numEnvs      environments stepped together
 * @param nSteps       steps per environment per rollout
 * @param minibatch    samples per gradient step
 * @param epochs       passes over each rollout
 * @param gamma        discount
 * @param gaeLambda    GAE lambda
 * @param lr           learning rate at the start
 * @param lrEnd        learning rate at the end (linear; equal to lr for a constant rate)
 * @param clip         policy clip at the start
 * @param clipEnd      policy clip at the end (linear)
 * @param clipValue    clip the value loss around the rollout's values with the current policy clip
 * @param vfCoef       value loss weight
 * @param entCoef      entropy bonus weight
 * @param maxGradNorm  global gradient norm limit (0 = none)
 * @param adamEps      Adam epsilon
 * @param normAdv      normalise advantages per minibatch
 * @param totalSteps   agent steps (all environments) to train for
 * @param seed         seeds the network's initial weights, the environments and the action sampling
 * @param network      {@code auto}, {@code nature} or {@code small}
 */
public record PpoConfig(int numEnvs, int nSteps, int minibatch, int epochs, float gamma, float gaeLambda, float lr, float lrEnd,
        float clip, float clipEnd, boolean clipValue, float vfCoef, float entCoef, float maxGradNorm, float adamEps, boolean normAdv,
        long totalSteps, long seed, String network) {

    public PpoConfig {
        check(numEnvs >= 1, "num_envs must be >= 1, got " + numEnvs);
        check(nSteps >= 1, "n_steps must be >= 1, got " + nSteps);
        check(minibatch >= 2, "batch must be >= 2, got " + minibatch);
        check(epochs >= 1, "epochs must be >= 1, got " + epochs);
        check(gamma > 0 && gamma <= 1, "gamma must be in (0, 1], got " + gamma);
        check(gaeLambda >= 0 && gaeLambda <= 1, "gae_lambda must be in [0, 1], got " + gaeLambda);
        check(lr > 0 && lrEnd >= 0, "learning rates must be positive, got " + lr + " -> " + lrEnd);
        check(clip > 0 && clipEnd > 0, "clip must be positive, got " + clip + " -> " + clipEnd);
        check(totalSteps >= 1, "total_steps must be >= 1, got " + totalSteps);
        check(network.equals("auto") || network.equals("nature") || network.equals("small"),
                "network must be auto, nature or small, got " + network);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static PpoConfig defaults() {
        return new PpoConfig(16, 512, 1024, 4, 0.94f, 0.95f, 2.5e-4f, 2.5e-6f, 0.15f, 0.025f, true, 0.5f, 0.01f, 0.5f, 1e-5f, true,
                1_000_000, 1, "auto");
    }

    /**
     * The defaults with the learning rate and clip annealed only to 1e-4 and 0.1: for runs of a few
     * hundred thousand steps (quickstart, exploit, two-player self-play), where annealing to the
     * defaults' 2.5e-6 and 0.025 stops learning well before the end.
     */
    public static PpoConfig shortRunDefaults() {
        PpoConfig d = defaults();
        return d.withLearningRate(d.lr, 1e-4f).withClip(d.clip, 0.1f);
    }

    /** Agent steps per rollout. */
    public int batchSize() {
        return numEnvs * nSteps;
    }

    public int iterations() {
        return (int) Math.max(1, (totalSteps + batchSize() - 1) / batchSize());
    }

    /** Fraction of the run left at the start of iteration {@code iteration} (1-based): 1 .. 1/iterations. */
    public double remaining(int iteration) {
        return 1.0 - (iteration - 1.0) / iterations();
    }

    public float lrAt(int iteration) {
        return (float) (lrEnd + (lr - lrEnd) * remaining(iteration));
    }

    public float clipAt(int iteration) {
        return (float) (clipEnd + (clip - clipEnd) * remaining(iteration));
    }

    /** This config with {@code numEnvs} environments of {@code nSteps} steps per rollout. */
    public PpoConfig withRollout(int numEnvs, int nSteps) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config with minibatches of {@code minibatch} samples. */
    public PpoConfig withMinibatch(int minibatch) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config with {@code epochs} passes over each rollout. */
    public PpoConfig withEpochs(int epochs) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config with the learning rate annealed linearly from {@code lr} to {@code lrEnd}. */
    public PpoConfig withLearningRate(float lr, float lrEnd) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config with the policy clip annealed linearly from {@code clip} to {@code clipEnd}. */
    public PpoConfig withClip(float clip, float clipEnd) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config with discount {@code gamma} and GAE lambda {@code gaeLambda}. */
    public PpoConfig withDiscount(float gamma, float gaeLambda) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config with value loss weight {@code vfCoef}, entropy bonus {@code entCoef} and gradient norm limit {@code maxGradNorm}. */
    public PpoConfig withLoss(float vfCoef, float entCoef, float maxGradNorm) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config training for {@code steps} agent steps in all. */
    public PpoConfig withTotalSteps(long totalSteps) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config with seed {@code seed} (weights, environments, sampling). */
    public PpoConfig withSeed(long seed) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    /** This config with network {@code network} ({@code auto}, {@code nature} or {@code small}). */
    public PpoConfig withNetwork(String network) {
        return new PpoConfig(numEnvs, nSteps, minibatch, epochs, gamma, gaeLambda, lr, lrEnd, clip, clipEnd, clipValue, vfCoef,
                entCoef, maxGradNorm, adamEps, normAdv, totalSteps, seed, network);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_envs", numEnvs);
        m.put("n_steps", nSteps);
        m.put("batch", minibatch);
        m.put("epochs", epochs);
        m.put("gamma", d(gamma));
        m.put("gae_lambda", d(gaeLambda));
        m.put("lr", d(lr));
        m.put("lr_end", d(lrEnd));
        m.put("clip", d(clip));
        m.put("clip_end", d(clipEnd));
        m.put("clip_value", clipValue);
        m.put("vf_coef", d(vfCoef));
        m.put("ent_coef", d(entCoef));
        m.put("max_grad_norm", d(maxGradNorm));
        m.put("adam_eps", d(adamEps));
        m.put("norm_adv", normAdv);
        m.put("total_steps", totalSteps);
        m.put("seed", seed);
        m.put("network", network);
        return m;
    }

    /** A float as the double with the same shortest decimal form (2.5e-4, not 2.4999999E-4). */
    private static double d(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    public static PpoConfig fromMap(Map<String, Object> m) {
        PpoConfig d = defaults();
        return new PpoConfig(i(m, "num_envs", d.numEnvs), i(m, "n_steps", d.nSteps), i(m, "batch", d.minibatch), i(m, "epochs", d.epochs),
                f(m, "gamma", d.gamma), f(m, "gae_lambda", d.gaeLambda), f(m, "lr", d.lr), f(m, "lr_end", d.lrEnd), f(m, "clip", d.clip),
                f(m, "clip_end", d.clipEnd), b(m, "clip_value", d.clipValue), f(m, "vf_coef", d.vfCoef), f(m, "ent_coef", d.entCoef),
                f(m, "max_grad_norm", d.maxGradNorm), f(m, "adam_eps", d.adamEps), b(m, "norm_adv", d.normAdv),
                l(m, "total_steps", d.totalSteps), l(m, "seed", d.seed), m.getOrDefault("network", d.network).toString());
    }

    private static int i(Map<String, Object> m, String k, int d) {
        return m.containsKey(k) ? ((Number) m.get(k)).intValue() : d;
    }

    private static long l(Map<String, Object> m, String k, long d) {
        return m.containsKey(k) ? ((Number) m.get(k)).longValue() : d;
    }

    private static float f(Map<String, Object> m, String k, float d) {
        return m.containsKey(k) ? ((Number) m.get(k)).floatValue() : d;
    }

    private static boolean b(Map<String, Object> m, String k, boolean d) {
        return m.containsKey(k) ? (Boolean) m.get(k) : d;
    }
}
