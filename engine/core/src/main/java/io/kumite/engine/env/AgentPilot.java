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
    private final Roster roster;
    private final int seat;
    private final Renderer renderer;
    private final int frameBytes;
    private final byte[][] samples;
    private final byte[] previousFrame;
    private final byte[] observation;
    private final DiscreteInputs inputs;
    private int newest;
    private int action;
    private int fightFrames = -1;

    public AgentPilot(EnvConfig config, Roster roster, Player seat) {
        if (config.actions() != EnvConfig.ActionType.DISCRETE) {
            throw new IllegalArgumentException("AgentPilot plays the discrete action space");
        }
        this.cfg = config;
        this.roster = roster;
        this.seat = seat.index();
        this.renderer = new Renderer(roster, config.width(), config.height(), !config.grayscale());
        this.frameBytes = renderer.frameBytes();
        this.samples = new byte[config.frameStack()][frameBytes];
        this.previousFrame = config.maxPool() ? new byte[frameBytes] : null;
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
        int stride = cfg.stackStride();
        if (k == 0) {
            renderer.render(state, samples[newest], 0);
            for (int i = 0; i < samples.length; i++) {
                if (i != newest) {
                    System.arraycopy(samples[newest], 0, samples[i], 0, frameBytes);
                }
            }
        } else {
            if (previousFrame != null && (k + 1) % stride == 0) {
                renderer.render(state, previousFrame, 0);
            }
            if (k % stride == 0) {
                newest = (newest + 1) % samples.length;
                byte[] slot = samples[newest];
                renderer.render(state, slot, 0);
                if (previousFrame != null) {
                    for (int i = 0; i < frameBytes; i++) {
                        if ((previousFrame[i] & 0xFF) > (slot[i] & 0xFF)) {
                            slot[i] = previousFrame[i];
                        }
                    }
                }
            }
        }
        boolean decision = k % cfg.frameSkip() == 0;
        if (decision) {
            Env.stack(samples, newest, frameBytes, cfg.interleave(), observation, 0);
            action = brain.act(observation);
            if (action < 0 || action >= Actions.DISCRETE_COUNT) {
                throw new IllegalStateException("the agent chose action " + action + "; expected 0.." + (Actions.DISCRETE_COUNT - 1));
            }
        }
        return inputs.next(state, seat, action, decision);
    }
}
