package io.kumite.engine.bot;

import io.kumite.engine.sim.MatchState;

/**
 * Drives one seat for one match: asked once per frame, before the frame is simulated, for that seat's
 * {@link io.kumite.engine.FrameInput} bitmask. Stateful and deterministic: the same match seed and the
 * same states give the same inputs. Not thread-safe.
 */
public interface Controller {
    int act(MatchState state);
}
