package io.kumite.policies.ppo;

/** The PPO settings of the policies tests: 2 environments x 16 steps, minibatch 16, 2 epochs, seed 3. */
public final class TinyPpo {
    private TinyPpo() {}

    /** Trains {@code steps} agent steps in all. */
    public static PpoConfig config(long steps) {
        return PpoConfig.defaults().withRollout(2, 16).withMinibatch(16).withEpochs(2).withTotalSteps(steps).withSeed(3);
    }
}
