package io.kumite.engine.bot;

import io.kumite.engine.Player;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.FrameEvents;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;

/** Plays whole headless matches between two policies. Not thread-safe (owns a simulator); cheap to create. */
public final class MatchRunner {
    /** The outcome of one match. {@code winner} is a {@code MatchState} result code. */
    public record Result(int winner, int[] roundsWon, int roundsPlayed, int frames, String checksum, int[] damageDealt) {
        public String winnerName() {
            switch (winner) {
                case MatchState.P1_WINS:
                    return "p1";
                case MatchState.P2_WINS:
                    return "p2";
                default:
                    return "draw";
            }
        }
    }

    /** Receives every frame's inputs (for replay recording), called after each step. */
    public interface FrameListener {
        void onFrame(MatchState state, int input0, int input1, FrameEvents events);
    }

    private final Simulator simulator;

    public MatchRunner(Roster roster) {
        this.simulator = new Simulator(roster);
    }

    public Result play(Policy p1, Policy p2, int bestOf, int roundCounts, long seed) {
        return play(p1, p2, bestOf, roundCounts, seed, null);
    }

    public Result play(Policy p1, Policy p2, int bestOf, int roundCounts, long seed, FrameListener listener) {
        Roster roster = simulator.roster();
        MatchConfig config = new MatchConfig(p1.character(), p2.character(), bestOf, roundCounts);
        MatchState s = simulator.newMatch(config, seed);
        Controller c1 = p1.newController(roster, Player.P1, seed);
        Controller c2 = p2.newController(roster, Player.P2, seed);
        int[] damage = new int[2];
        while (!s.isOver()) {
            int in0 = c1.act(s);
            int in1 = c2.act(s);
            FrameEvents ev = simulator.step(s, in0, in1);
            damage[0] += ev.damage[0];
            damage[1] += ev.damage[1];
            if (listener != null) {
                listener.onFrame(s, in0, in1, ev);
            }
        }
        return new Result(s.winner, s.roundsWon.clone(), s.roundsPlayed, s.frame, s.checksumHex(), damage);
    }
}
