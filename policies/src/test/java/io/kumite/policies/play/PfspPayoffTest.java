package io.kumite.policies.play;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PfspPayoffTest {
    static final double[] P = {0.2, 0.5, 0.9};

    @Test
    void weightingsMatchAlphaStarsDefinitions() {
        // squared (1-p)^2: .64, .25, .01 -> /.90
        assertArrayEquals(new double[] {.64 / .9, .25 / .9, .01 / .9}, Pfsp.probabilities(P, Pfsp.Weighting.SQUARED), 1e-12);
        // variance p(1-p): .16, .25, .09 -> /.50
        assertArrayEquals(new double[] {.16 / .5, .25 / .5, .09 / .5}, Pfsp.probabilities(P, Pfsp.Weighting.VARIANCE), 1e-12);
        // linear_capped min(.5, 1-p): .5, .5, .1 -> /1.1
        assertArrayEquals(new double[] {.5 / 1.1, .5 / 1.1, .1 / 1.1}, Pfsp.probabilities(P, Pfsp.Weighting.LINEAR_CAPPED), 1e-12);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, Pfsp.probabilities(P, Pfsp.Weighting.UNIFORM), 1e-12);
        // All beaten every time: every weight 0 -> uniform.
        assertArrayEquals(new double[] {.5, .5}, Pfsp.probabilities(new double[] {1, 1}, Pfsp.Weighting.SQUARED), 1e-12);
        assertEquals(2, Pfsp.draw(new double[] {.2, .3, .5}, .6));
        assertEquals(0, Pfsp.draw(new double[] {.2, .3, .5}, .1));
    }

    @Test
    void payoffDecaysOldResults() {
        Payoff p = new Payoff(0.5);
        assertEquals(0.5, p.winRate("a", "b"), 0, "no games: even");
        p.update("a", "b", 1); // games 1, wins 1
        assertEquals(1.0, p.winRate("a", "b"), 1e-12);
        assertEquals(0.0, p.winRate("b", "a"), 1e-12);
        p.update("a", "b", 0); // games .5+1 = 1.5, wins .5, losses 1
        assertEquals(0.5 / 1.5, p.winRate("a", "b"), 1e-12);
        p.update("b", "a", 0.5); // a's view: games .75+1 = 1.75, wins .25, draws 1 -> (.25 + .5) / 1.75
        assertEquals(0.75 / 1.75, p.winRate("a", "b"), 1e-12);
        assertEquals(1.75, p.games("a", "b"), 1e-12);
        Payoff q = Payoff.fromMap(p.toMap());
        assertEquals(p.winRate("a", "b"), q.winRate("a", "b"), 0, "survives the state file");
    }
}
