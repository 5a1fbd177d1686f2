package io.kumite.policies.nn;

import io.kumite.engine.Rng;

/** Sampling and log-probabilities of a categorical distribution given by logits (row {@code row} of a batch). */
public final class Categorical {
    private Categorical() {}

    /** Samples an action from {@code logits[row * n .. row * n + n)}; writes its log-probability into {@code logProb[row]}. */
    public static int sample(float[] logits, int row, int n, Rng rng, float[] logProb) {
        int o = row * n;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[o + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits[o + i] - max);
        }
        double u = (rng.nextLong() >>> 11) * 0x1.0p-53 * sum;
        int action = n - 1;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += Math.exp(logits[o + i] - max);
            if (u < acc) {
                action = i;
                break;
            }
        }
        if (logProb != null) {
            logProb[row] = (float) (logits[o + action] - max - Math.log(sum));
        }
        return action;
    }

    /** The most likely action of row {@code row} (ties: the lowest index). */
    public static int argmax(float[] logits, int row, int n) {
        int o = row * n;
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (logits[o + i] > logits[o + best]) {
                best = i;
            }
        }
        return best;
    }
}
