package io.kumite.policies.ppo;

/**
 * Generalised advantage estimation over a rollout stored time-major ({@code [t * envs + e]}), for
 * environments with Gymnasium's next-step autoreset: the step after an episode ends only starts the
 * next episode (its action is ignored, its reward is 0), so it is marked invalid and left out of
 * both the bootstrapping and the loss.
 *
 * <p>For a valid step t with next value {@code V(s_{t+1})} (the value of the observation the step
 * returned, or {@code lastValues} after the last step): {@code delta = r + gamma * V(s_{t+1}) * (1 -
 * terminated) - V(s_t)}; the advantage chains {@code gamma * lambda} backwards and stops at the end
 * of an episode, whether terminated (no bootstrap) or truncated (bootstrap from the final observation).
 */
public final class Gae {
    private Gae() {}

    /**
     * Writes advantages and returns ({@code advantage + value}); invalid steps get 0 and their value.
     *
     * @param valid whether the step's action was really played (its observation was not an episode's last)
     */
    public static void compute(int steps, int envs, float[] rewards, float[] values, boolean[] terminated, boolean[] truncated,
            boolean[] valid, float[] lastValues, float gamma, float lambda, float[] advantages, float[] returns) {
        for (int e = 0; e < envs; e++) {
            double lastGae = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int i = t * envs + e;
                if (!valid[i]) {
                    advantages[i] = 0;
                    returns[i] = values[i];
                    lastGae = 0;
                    continue;
                }
                double next = t == steps - 1 ? lastValues[e] : values[i + envs];
                boolean ended = terminated[i] || truncated[i];
                double delta = rewards[i] + gamma * next * (terminated[i] ? 0 : 1) - values[i];
                lastGae = delta + gamma * lambda * (ended ? 0 : 1) * lastGae;
                advantages[i] = (float) lastGae;
                returns[i] = (float) (lastGae + values[i]);
            }
        }
    }

    /** Normalises {@code x[idx[from..to)]} in place to mean 0 and standard deviation 1 (sample std, + 1e-8). */
    public static void normalize(float[] x, int[] idx, int from, int to, float[] out) {
        int n = to - from;
        double mean = 0;
        for (int k = from; k < to; k++) {
            mean += x[idx[k]];
        }
        mean /= n;
        double var = 0;
        for (int k = from; k < to; k++) {
            double d = x[idx[k]] - mean;
            var += d * d;
        }
        double std = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
        for (int k = from; k < to; k++) {
            out[k - from] = (float) ((x[idx[k]] - mean) / (std + 1e-8));
        }
    }
}
