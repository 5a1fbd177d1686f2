package io.kumite.engine.bot;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.fighter.Roster;

/** The trivial policies: {@code noop} (never touches the controller) and {@code random}. */
final class SimplePolicies {
    private SimplePolicies() {}

    record Noop(int character, String spec) implements Policy {
        @Override
        public Controller newController(Roster roster, Player seat, long matchSeed) {
            return s -> FrameInput.NONE;
        }
    }

    /** Uniformly random direction and buttons, each held for a random 1..8 frames. */
    record RandomPlay(int character, String spec) implements Policy {
        @Override
        public Controller newController(Roster roster, Player seat, long matchSeed) {
            Rng rng = new Rng(Rng.derive(matchSeed, 100 + seat.index()));
            return new Controller() {
                int held;
                int left;

                @Override
                public int act(io.kumite.engine.sim.MatchState s) {
                    if (left-- <= 0) {
                        int dir = FrameInput.fromNumpad(1 + rng.nextInt(9), 1);
                        int buttons = rng.chance(400) ? FrameInput.button(rng.nextInt(6)) : 0;
                        held = dir | buttons;
                        left = rng.nextInt(8);
                    }
                    return held;
                }
            };
        }
    }
}
