package io.kumite.policies.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kumite.engine.Rng;
import io.kumite.policies.play.Opponent;
import org.junit.jupiter.api.Test;

class CurriculumTest {
    @Test
    void probabilitiesAreProportionalToOneMinusWinRate() {
        Curriculum c = new Curriculum(1, 1, 3, 4); // one character: the arms are the levels 1, 2, 3 (arms 0, 1, 2)
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, c.probabilities(), 1e-12, "no results yet: uniform");
        // Level 1: 3 wins of 4 (1 - .75 = .25); level 2: 1 of 4 (.75); level 3: none played (1).
        for (boolean w : new boolean[] {true, true, true, false}) {
            c.record(0, w);
        }
        for (boolean w : new boolean[] {true, false, false, false}) {
            c.record(1, w);
        }
        assertArrayEquals(new double[] {.25 / 2, .75 / 2, 1 / 2.0}, c.probabilities(), 1e-12);
        // The window keeps the last 4: four more wins at level 1 make it 1.0, floored at .05.
        for (int i = 0; i < 4; i++) {
            c.record(0, true);
        }
        assertEquals(1.0, c.winRate(0), 1e-12);
        assertArrayEquals(new double[] {.05 / 1.8, .75 / 1.8, 1 / 1.8}, c.probabilities(), 1e-12);
    }

    @Test
    void samplingFollowsTheProbabilities() {
        // Two characters at levels 2..3: arms (c0, 2), (c1, 2), (c0, 3), (c1, 3).
        Curriculum c = new Curriculum(2, 2, 3, 10);
        assertEquals(1, c.character(3));
        assertEquals(3, c.level(3));
        for (int i = 0; i < 10; i++) {
            c.record(1, i < 8); // character 1 at level 2: win rate .8 -> weight .2; the others weight 1
        }
        Rng rng = new Rng(5);
        int hits = 0;
        int n = 60_000;
        for (int i = 0; i < n; i++) {
            hits += c.sample(rng) == 1 ? 1 : 0;
        }
        assertEquals(.2 / 3.2, (double) hits / n, 0.01);
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> new Curriculum(12, 0, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new Curriculum(12, 5, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> Opponent.parse("ladder:1", io.kumite.engine.fighter.Roster.builtIn()));
    }
}
