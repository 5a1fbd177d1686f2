package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FrameEvents;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Rules;
import io.kumite.engine.sim.Simulator;
import org.junit.jupiter.api.Test;

/** Round and match rules: time-out, draws, KO, best-of-N, walls, side switching. */
class RulesTest {
    final Simulator sim = new Simulator(TestMatches.ROSTER);

    MatchState match(int bestOf, int counts) {
        return sim.newMatch(new MatchConfig(0, 1, bestOf, counts), 3);
    }

    static void run(Simulator sim, MatchState s, int frames, int in0, int in1) {
        for (int i = 0; i < frames && !s.isOver(); i++) {
            sim.step(s, in0, in1);
        }
    }

    @Test
    void timeOutWithEqualHealthIsADrawAndAllDrawsMakeADrawnMatch() {
        MatchState s = sim.newMatch(new MatchConfig(0, 0, 3, 10), 3);
        run(sim, s, 100_000, 0, 0);
        assertEquals(MatchPhase.MATCH_OVER, s.phase);
        assertEquals(3, s.roundsPlayed);
        assertEquals(MatchState.DRAW, s.winner);
        assertEquals(MatchState.END_TIME, s.lastRoundEnd);
        // Each round: intro, 10 counts of fighting, outro.
        assertEquals(3 * (Rules.ROUND_INTRO_FRAMES + 10 * Rules.FRAMES_PER_COUNT + Rules.ROUND_END_FRAMES), s.frame);
    }

    @Test
    void timeOutGoesToTheHealthierFighter() {
        MatchState s = match(1, 10);
        TestMatches.skipIntro(sim, s);
        s.fighters[0].health -= 1;
        FrameEvents ev = null;
        while (s.phase == MatchPhase.FIGHT) {
            ev = sim.step(s, 0, 0);
        }
        assertTrue(ev.roundOver);
        assertEquals(MatchState.P2_WINS, ev.roundResult);
        run(sim, s, 1000, 0, 0);
        assertEquals(MatchState.P2_WINS, s.winner);
    }

    @Test
    void koEndsTheRoundAndTheMatchEndsWhenOneSideHasEnoughRounds() {
        MatchState s = match(3, 99);
        for (int round = 1; round <= 2; round++) {
            TestMatches.skipIntro(sim, s);
            s.fighters[1].health = 1;
            // Walk in and jab until the KO.
            int frames = 0;
            while (s.phase == MatchPhase.FIGHT && frames++ < 600) {
                sim.step(s, frames % 2 == 0 ? FrameInput.LP | FrameInput.RIGHT : FrameInput.RIGHT, 0);
            }
            assertEquals(MatchPhase.ROUND_END, s.phase, "round " + round + " should have ended by KO");
            assertEquals(MatchState.END_KO, s.lastRoundEnd);
            run(sim, s, Rules.ROUND_END_FRAMES, 0, 0);
        }
        assertEquals(MatchPhase.MATCH_OVER, s.phase);
        assertEquals(2, s.roundsPlayed);
        assertEquals(MatchState.P1_WINS, s.winner);
        assertThrows(IllegalStateException.class, () -> sim.step(s, 0, 0));
    }

    @Test
    void wallsHoldAndFightersSwitchSidesWhenTheyCross() {
        MatchState s = match(1, 99);
        TestMatches.skipIntro(sim, s);
        run(sim, s, 600, FrameInput.LEFT, 0);
        int half = TestMatches.ROSTER.get(0).width / 2;
        assertEquals(half, s.fighters[0].x, "P1 stops at the left wall");
        assertTrue(Math.abs(s.fighters[1].x - s.fighters[0].x) <= Rules.MAX_SEPARATION);
        // Mid-stage, P2 walks up to P1 and jumps over; both then face the other way.
        MatchState m = match(1, 99);
        TestMatches.skipIntro(sim, m);
        for (int i = 0; i < 200 && Math.abs(m.fighters[1].x - m.fighters[0].x) > 50 * Rules.SUB; i++) {
            sim.step(m, 0, FrameInput.LEFT);
        }
        run(sim, m, 1, 0, FrameInput.UP | FrameInput.LEFT);
        run(sim, m, 60, 0, FrameInput.LEFT);
        assertTrue(m.fighters[1].x < m.fighters[0].x, "P2 crossed over P1");
        run(sim, m, 10, 0, 0);
        assertEquals(-1, m.fighters[0].facing);
        assertEquals(1, m.fighters[1].facing);
        assertEquals(FighterMode.STAND, m.fighters[1].mode);
    }

    @Test
    void badInputsAndConfigsAreRejectedWithTheFix() {
        MatchState s = match(3, 99);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.step(s, 1 << 12, 0));
        assertTrue(e.getMessage().contains("bits 0..9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MatchConfig(0, 1, 2, 99));
        assertEquals("bestOf must be an odd number in 1..9, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sim.newMatch(new MatchConfig(0, 40, 3, 99), 1));
        assertTrue(e.getMessage().startsWith("character index out of range"), e.getMessage());
    }
}
