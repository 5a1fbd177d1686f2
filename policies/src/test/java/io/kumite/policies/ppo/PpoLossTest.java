package io.kumite.policies.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.kumite.policies.nn.Torch;
import org.junit.jupiter.api.Test;

/**
 * A hand-computed minibatch of two samples and two actions. Sample 0: logits (0, 0) so p = (.5, .5),
 * action 0, old probability .4: ratio 1.25, clipped at 1.2. Sample 1: logits (ln 3, 0) so p = (.75,
 * .25), action 1, old probability .25: ratio 1. Advantages (1, -2).
 */
class PpoLossTest {
    private static final float EPS = 1e-5f;

    private static PpoLoss.Result compute(NDManager m, NDArray logits, float valueClip, float vf, float ent) {
        return PpoLoss.compute(logits, m.create(new float[] {1f, 0f}), m.create(new int[] {0, 1}),
                m.create(new float[] {(float) Math.log(0.4), (float) Math.log(0.25)}), m.create(new float[] {1f, -2f}),
                m.create(new float[] {2f, 0.2f}), m.create(new float[] {0.5f, 0.5f}), 0.2f, valueClip, vf, ent);
    }

    private static NDArray logits(NDManager m) {
        return m.create(new float[] {0f, 0f, (float) Math.log(3), 0f}, new Shape(2, 2));
    }

    @Test
    void lossesAndStatistics() {
        Torch.engine();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            PpoLoss.Result r = compute(m, logits(m), 0.2f, 0.5f, 0.01f);
            // policy: max(-1.25, -1.2) = -1.2 and max(2, 2) = 2 -> mean .4
            assertEquals(0.4f, r.policyLoss(), EPS);
            // value, clipped around the old values .5 by .2: max(1, 1.69) and max(.04, .01) -> .5 * mean = .4325
            assertEquals(0.4325f, r.valueLoss(), EPS);
            // entropy: ln 2 = .693147 and .562335 -> .627741
            assertEquals(0.627741f, r.entropy(), EPS);
            // approx KL: mean((r - 1) - ln r) = (.25 - ln 1.25) / 2 = .013428; old: mean(-ln r) = -.111572
            assertEquals(0.013428f, r.approxKl(), EPS);
            assertEquals(-0.111572f, r.oldApproxKl(), EPS);
            assertEquals(0.5f, r.clipFraction(), EPS);
            // total: .4 - .01 * .627741 + .5 * .4325
            assertEquals(0.60997259f, r.loss().getFloat(), EPS);
            PpoLoss.Result plain = compute(m, logits(m), 0f, 0.5f, 0.01f);
            assertEquals(0.26f, plain.valueLoss(), EPS, "unclipped: .5 * mean(1, .04)");
        }
    }

    @Test
    void gradientFlowsOnlyThroughUnclippedSamples() {
        Torch.engine();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray logits = logits(m);
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                PpoLoss.Result r = compute(m, logits, 0f, 0f, 0f);
                gc.backward(r.loss());
            }
            // Sample 0 is clipped (no gradient); sample 1 contributes -adv * ratio / 2 = ratio, and
            // d ratio / d logits = ratio * (onehot(1) - p) = (-.75, .75).
            assertArrayEquals(new float[] {0f, 0f, -0.75f, 0.75f}, logits.getGradient().toFloatArray(), EPS);
        }
    }

    /**
     * The loss's scalar factors must outlive the forward pass: autograd reads them in backward. A
     * garbage collection between the two (here forced; in training, whenever one happens) used to
     * free the memory DJL had made them in, and the value gradient came out as garbage.
     */
    @Test
    void scalarFactorsSurviveAGarbageCollectionBeforeBackward() throws InterruptedException {
        Torch.engine();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray values = m.create(new float[] {1f, 0f});
            values.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                PpoLoss.Result r = PpoLoss.compute(logits(m), values, m.create(new int[] {0, 1}),
                        m.create(new float[] {(float) Math.log(0.4), (float) Math.log(0.25)}), m.create(new float[] {1f, -2f}),
                        m.create(new float[] {2f, 0.2f}), m.create(new float[] {0.5f, 0.5f}), 0.2f, 0f, 0.5f, 0.01f);
                for (int i = 0; i < 3; i++) {
                    System.gc(); // unreachable direct buffers are freed by the reference handler shortly after
                    Thread.sleep(50);
                }
                gc.backward(r.loss());
            }
            // d(vf * .5 * mean((v - ret)^2)) / dv = vf * (v - ret) / 2 = (.5 * -1 / 2, .5 * -.2 / 2)
            assertArrayEquals(new float[] {-0.25f, -0.05f}, values.getGradient().toFloatArray(), EPS);
        }
    }
}
