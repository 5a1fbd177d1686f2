package io.kumite.engine;

import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;

/** Helpers shared by the engine tests. */
public final class TestMatches {
    private TestMatches() {}

    public static final Roster ROSTER = Roster.builtIn();

    /** Steps with no input until the round's fight phase starts. */
    public static void skipIntro(Simulator sim, MatchState s) {
        while (s.phase == MatchPhase.INTRO) {
            sim.step(s, 0, 0);
        }
    }

    /** Plays a whole bot-vs-bot match and returns the final checksum. */
    public static long botMatch(int c0, int c1, int level0, int level1, long seed, int bestOf) {
        Simulator sim = new Simulator(ROSTER);
        MatchState s = sim.newMatch(new MatchConfig(c0, c1, bestOf, 99), seed);
        CpuBot b0 = new CpuBot(ROSTER, Player.P1, level0, seed);
        CpuBot b1 = new CpuBot(ROSTER, Player.P2, level1, seed);
        while (!s.isOver()) {
            sim.step(s, b0.act(s), b1.act(s));
        }
        return s.checksum();
    }
}
