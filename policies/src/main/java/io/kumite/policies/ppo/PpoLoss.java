package io.kumite.policies.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The PPO objective of one minibatch (CleanRL's {@code ppo_atari}): clipped policy loss, value loss
 * clipped around the rollout's values (or plain when {@code valueClip <= 0}), entropy bonus.
 * {@code loss = policy - entCoef * entropy + vfCoef * value}.
 */
public final class PpoLoss {
    private PpoLoss() {}

    /** The loss to back-propagate and the figures logged for it (the figures are plain numbers). */
    public record Result(NDArray loss, float policyLoss, float valueLoss, float entropy, float approxKl, float oldApproxKl,
            float clipFraction) {}

    /**
     * @param logits     (B, actions) from the network
     * @param values     (B) from the network
     * @param actions    (B) int actions taken
     * @param oldLogProb (B) log-probabilities at rollout time
     * @param advantages (B) already normalised if wanted
     * @param returns    (B) GAE returns
     * @param oldValues  (B) values at rollout time
     */
    public static Result compute(NDArray logits, NDArray values, NDArray actions, NDArray oldLogProb, NDArray advantages,
            NDArray returns, NDArray oldValues, float clip, float valueClip, float vfCoef, float entCoef) {
        int n = (int) logits.getShape().get(1);
        NDArray logp = logits.logSoftmax(1);
        NDArray oneHot = actions.toType(DataType.INT64, false).oneHot(n).toType(DataType.FLOAT32, false);
        NDArray newLogProb = logp.mul(oneHot).sum(new int[] {1});
        NDArray entropy = logp.exp().mul(logp).sum(new int[] {1}).neg();
        NDArray logRatio = newLogProb.sub(oldLogProb);
        NDArray ratio = logRatio.exp();

        NDArray pg1 = advantages.neg().mul(ratio);
        NDArray pg2 = advantages.neg().mul(ratio.clip(1 - clip, 1 + clip));
        NDArray policyLoss = pg1.maximum(pg2).mean();

        NDArray valueLoss;
        NDArray unclipped = values.sub(returns).square();
        if (valueClip > 0) {
            NDArray clipped = oldValues.add(values.sub(oldValues).clip(-valueClip, valueClip)).sub(returns).square();
            valueLoss = unclipped.maximum(clipped).mean().mul(constant(logits, 0.5f));
        } else {
            valueLoss = unclipped.mean().mul(constant(logits, 0.5f));
        }
        NDArray entropyMean = entropy.mean();
        NDArray loss = policyLoss.sub(entropyMean.mul(constant(logits, entCoef))).add(valueLoss.mul(constant(logits, vfCoef)));

        float approxKl;
        float oldApproxKl;
        float clipFraction;
        try (NDArray r = ratio.stopGradient(); NDArray lr = logRatio.stopGradient()) {
            approxKl = r.sub(1).sub(lr).mean().getFloat();
            oldApproxKl = lr.neg().mean().getFloat();
            clipFraction = r.sub(1).abs().gt(clip).toType(DataType.FLOAT32, false).mean().getFloat();
        }
        return new Result(loss, policyLoss.getFloat(), valueLoss.getFloat(), entropyMean.getFloat(), approxKl, oldApproxKl,
                clipFraction);
    }

    /**
     * A scalar factor for a product that is back-propagated, attached to {@code like}'s manager so
     * that it lives until the batch is done. Not {@code mul(Number)}: DJL makes that scalar from a
     * direct buffer that PyTorch aliases and closes it as soon as the product is computed, while
     * autograd keeps it for the backward pass; a garbage collection in between frees the buffer and
     * the gradient is computed from whatever the memory holds by then (runs under memory pressure
     * went apart from the same seed; PpoLossTest has the case).
     */
    private static NDArray constant(NDArray like, float value) {
        return like.getManager().create(value);
    }
}
