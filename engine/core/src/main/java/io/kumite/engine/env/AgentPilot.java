package io.kumite.engine.env;

import io.kumite.engine.Player;
import io.kumite.engine.action.Actions;
import io.kumite.engine.action.DiscreteInputs;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;

/**
 * Lets an agent trained on an environment play a seat of any match, frame by frame (as a
 * {@link io.kumite.engine.bot.Controller} does): it renders and stacks observations the way the
 * environment of {@code config} does (size, colour, frame stack and stride, max-pool, interleave),
 * asks the agent's {@link Brain} for a discrete action every {@code frame_skip} frames of a round's
 * fight, and turns the action into frame inputs, macros included. Observation delay and sticky
 * actions, which are training-time perturbations, are not applied. Not thread-safe.
 */
public final class AgentPilot {
    /** Chooses a discrete action (0..21) from an observation laid out as the environment's. */
    public interface Brain {
        int act(byte[] observation);
    }

    private final EnvConfig cfg;
    private final int seat;
    private final Observations observations;
    private final byte[] observation;
    private final DiscreteInputs inputs;
    private int action;
    private int fightFrames = -1;

    public AgentPilot(EnvConfig config, Roster roster, Player seat) {
        if (config.actions() != EnvConfig.ActionType.DISCRETE) {
            throw new IllegalArgumentException("AgentPilot plays the discrete action space");
        }
        this.cfg = config;
        this.seat = seat.index();
        // The environment's pipeline without its observation delay (a training-time perturbation).
        this.observations = new Observations(config, new Renderer(roster, config.width(), config.height(), !config.grayscale()), 0);
        this.observation = new byte[config.observationBytes()];
        this.inputs = new DiscreteInputs(roster);
    }

    /** The input for this seat in the frame about to be simulated from {@code state}. */
    public int input(MatchState state, Brain brain) {
        if (state.phase != MatchPhase.FIGHT) {
            fightFrames = -1;
            inputs.reset();
            return 0;
        }
        int k = ++fightFrames;
        if (k == 0) {
            observations.fill(state); // each round's fight starts a new stack, as an episode does
        } else {
            observations.afterFrame(state, k, k, false);
        }
        boolean decision = k % cfg.frameSkip() == 0;
        if (decision) {
            observations.write(observation, 0);
            action = brain.act(observation);
            if (action < 0 || action >= Actions.DISCRETE_COUNT) {
                throw new IllegalStateException("the agent chose action " + action + "; expected 0.." + (Actions.DISCRETE_COUNT - 1));
            }
        }
        return inputs.next(state, seat, action, decision);
    }
}
