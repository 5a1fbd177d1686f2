package io.kumite.policies.ppo;

import io.kumite.engine.Rng;
import io.kumite.engine.env.Info;
import io.kumite.engine.env.VecEnv;
import java.util.Map;

/**
 * What the trainer needs of its opponent when no second learner plays seat 1: either the
 * environment's own CPU bot plays (then {@link #playsSeat()} is false, with an optional
 * {@link Curriculum} choosing character and level per episode), or this chooses seat 1's actions
 * every step. The opponents themselves (bots, checkpoints, TorchScript modules, snapshot pools) are in
 * {@code io.kumite.policies.play}.
 */
public interface OpponentSeat {
    /** Whether {@link #act} chooses seat 1's actions (two_player) rather than the environment's bot. */
    boolean playsSeat();

    /** The curriculum of CPU bots chosen per episode, or null. */
    Curriculum curriculum();

    /** Called once before the first step with the number of environments. */
    void start(int envs, Rng rng);

    /** Fills seat 1's actions ({@code actions[e * 2 + 1]}) for every environment. */
    void act(VecEnv env, int[] actions, Rng rng);

    /** An episode of environment {@code env} ended with {@code outcome} for the learner. */
    void episodeEnded(int env, Info.Outcome outcome, Rng rng);

    /** Figures for the trainer's metrics line (empty for fixed opponents). */
    Map<String, Object> metrics();
}
