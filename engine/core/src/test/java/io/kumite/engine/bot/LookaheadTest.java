package io.kumite.engine.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.Player;
import io.kumite.engine.TestMatches;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import org.junit.jupiter.api.Test;

/** The reads of the upper CPU levels: they happen, they stay within their budget, and they touch nothing real. */
class LookaheadTest {
    private static final Simulator SIM = new Simulator(TestMatches.ROSTER);

    private static CpuBot[] playMatch(int level, long seed, long[] frames) {
        MatchState s = SIM.newMatch(new MatchConfig(0, 1, 3, 99), seed);
        CpuBot[] bots = {new CpuBot(TestMatches.ROSTER, Player.P1, level, seed), new CpuBot(TestMatches.ROSTER, Player.P2, level, seed)};
        while (!s.isOver()) {
            SIM.step(s, bots[0].act(s), bots[1].act(s));
        }
        frames[0] = s.frame;
        frames[1] = s.checksum();
        return bots;
    }

    @Test
    void level8ReadsWithinItsBudget() {
        long[] frames = new long[2];
        CpuBot[] bots = playMatch(8, 5, frames);
        for (CpuBot bot : bots) {
            Lookahead la = bot.lookahead();
            System.out.printf("level 8: %d searches, %d frames simulated in %d (bound %d)%n", la.searches(), la.simulated(),
                    frames[0], Lookahead.maxSimulated(frames[0]));
            // Kenta against mira is a fireball match: answering projectiles, anti-airs and punishes
            // come before a read, so reads are a dozen a match here (none below level 3).
            assertTrue(la.searches() >= 5, "the level-8 bot searched " + la.searches() + " times in " + frames[0] + " frames");
            assertTrue(la.simulated() <= Lookahead.maxSimulated(frames[0]),
                    "simulated " + la.simulated() + " frames in a " + frames[0] + "-frame match, over the budget "
                            + Lookahead.maxSimulated(frames[0]));
        }
    }

    @Test
    void readsDoNotChangeTheMatchTheyPredict() {
        // The look-ahead runs on a copy and its own simulator: the same match played twice ends in
        // the same state, frame for frame.
        long[] a = new long[2];
        long[] b = new long[2];
        playMatch(8, 9, a);
        playMatch(8, 9, b);
        assertEquals(a[0], b[0]);
        assertEquals(a[1], b[1]);
    }

    @Test
    void theEasyLevelsDoNotRead() {
        long[] frames = new long[2];
        CpuBot[] bots = playMatch(2, 3, frames);
        assertNull(bots[0].lookahead());
        assertNull(bots[1].lookahead());
    }
}
