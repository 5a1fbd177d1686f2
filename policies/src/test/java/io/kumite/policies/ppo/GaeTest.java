package io.kumite.policies.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed GAE cases (gamma 0.9, lambda 0.8, so gamma * lambda = 0.72). */
class GaeTest {
    private static final float G = 0.9f;
    private static final float L = 0.8f;
    private static final float EPS = 1e-5f;

    private static float[][] run(int steps, int envs, float[] r, float[] v, boolean[] term, boolean[] trunc, boolean[] valid,
            float[] last) {
        float[] adv = new float[r.length];
        float[] ret = new float[r.length];
        Gae.compute(steps, envs, r, v, term, trunc, valid, last, G, L, adv, ret);
        return new float[][] {adv, ret};
    }

    @Test
    void noEpisodeEnd() {
        // delta2 = 2 + .9*.2 - .3 = 1.88; delta1 = 0 + .9*.3 - .4 = -.13; delta0 = 1 + .9*.4 - .5 = .86
        // A2 = 1.88; A1 = -.13 + .72*1.88 = 1.2236; A0 = .86 + .72*1.2236 = 1.740992
        float[][] out = run(3, 1, new float[] {1, 0, 2}, new float[] {.5f, .4f, .3f}, new boolean[3], new boolean[3],
                new boolean[] {true, true, true}, new float[] {.2f});
        assertArrayEquals(new float[] {1.740992f, 1.2236f, 1.88f}, out[0], EPS);
        assertArrayEquals(new float[] {2.240992f, 1.6236f, 2.18f}, out[1], EPS);
    }

    @Test
    void terminationStopsBootstrapAndChain() {
        // Step 1 terminates; step 2 is the autoreset step (invalid); step 3 starts the next episode.
        // A3 = 1.88; A1 = 0 - .4 = -.4 (no bootstrap, no chain); A0 = .86 + .72*(-.4) = .572
        float[][] out = run(4, 1, new float[] {1, 0, 0, 2}, new float[] {.5f, .4f, .9f, .3f}, new boolean[] {false, true, false, false},
                new boolean[4], new boolean[] {true, true, false, true}, new float[] {.2f});
        assertArrayEquals(new float[] {.572f, -.4f, 0f, 1.88f}, out[0], EPS);
        assertEquals(.9f, out[1][2], EPS, "an invalid step's return is its value (it carries no loss)");
    }

    @Test
    void truncationBootstrapsFromTheFinalObservation() {
        // Step 1 is truncated: its next value is V(final observation) = values[2] = .9.
        // A1 = 0 + .9*.9 - .4 = .41; A0 = .86 + .72*.41 = 1.1552
        float[][] out = run(4, 1, new float[] {1, 0, 0, 2}, new float[] {.5f, .4f, .9f, .3f}, new boolean[4],
                new boolean[] {false, true, false, false}, new boolean[] {true, true, false, true}, new float[] {.2f});
        assertArrayEquals(new float[] {1.1552f, .41f, 0f, 1.88f}, out[0], EPS);
    }

    @Test
    void environmentsAreIndependentInTheTimeMajorLayout() {
        // Env 0 = the no-end case; env 1 = a constant reward of 1 with values 0 and last value 0:
        // A2 = 1; A1 = 1 + .72 = 1.72; A0 = 1 + .72*1.72 = 2.2384
        float[] r = {1, 1, 0, 1, 2, 1};
        float[] v = {.5f, 0, .4f, 0, .3f, 0};
        float[][] out = run(3, 2, r, v, new boolean[6], new boolean[6], new boolean[] {true, true, true, true, true, true},
                new float[] {.2f, 0f});
        assertArrayEquals(new float[] {1.740992f, 2.2384f, 1.2236f, 1.72f, 1.88f, 1f}, out[0], EPS);
    }

    @Test
    void normalizeGivesZeroMeanUnitStd() {
        float[] x = {1, 2, 3, 4, 100};
        int[] idx = {0, 1, 2, 3, 4};
        float[] out = new float[3];
        Gae.normalize(x, idx, 1, 4, out); // 2, 3, 4: mean 3, sample std 1
        assertArrayEquals(new float[] {-1f, 0f, 1f}, out, 1e-6f);
    }
}
