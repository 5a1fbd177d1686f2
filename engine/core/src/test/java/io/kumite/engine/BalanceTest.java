package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.sim.MatchState;
import org.junit.jupiter.api.Test;

/**
 * Balance sanity: in a round robin of level-8 bots over all characters (both sides, fixed seeds) no
 * character wins more than 70% or fewer than 30% of its matches (draws count half).
 * docs/balance.md has the full table from {@code kumite balance}.
 */
class BalanceTest {
    private static final int GAMES_PER_ORDERED_PAIR = 10;

    @Test
    void noCharacterDominatesOrIsHopeless() {
        int n = TestMatches.ROSTER.size();
        double[] points = new double[n];
        int[] played = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                for (int g = 0; g < GAMES_PER_ORDERED_PAIR; g++) {
                    long seed = 900 + g;
                    var sim = new io.kumite.engine.sim.Simulator(TestMatches.ROSTER);
                    MatchState s = sim.newMatch(new MatchConfig(i, j, 3, 99), seed);
                    var b0 = new io.kumite.engine.bot.CpuBot(TestMatches.ROSTER, Player.P1, 8, seed);
                    var b1 = new io.kumite.engine.bot.CpuBot(TestMatches.ROSTER, Player.P2, 8, seed);
                    while (!s.isOver()) {
                        sim.step(s, b0.act(s), b1.act(s));
                    }
                    double p1 = s.winner == MatchState.P1_WINS ? 1 : (s.winner == MatchState.DRAW ? 0.5 : 0);
                    points[i] += p1;
                    points[j] += 1 - p1;
                    played[i]++;
                    played[j]++;
                }
            }
        }
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < n; i++) {
            table.append(String.format("%s %.1f%%  ", TestMatches.ROSTER.get(i).name, 100 * points[i] / played[i]));
        }
        System.out.println("level-8 round robin: " + table);
        for (int i = 0; i < n; i++) {
            double rate = points[i] / played[i];
            assertTrue(rate >= 0.30 && rate <= 0.70, TestMatches.ROSTER.get(i).name + " wins " + Math.round(100 * rate)
                    + "% of its matches (allowed 30..70%): " + table);
        }
    }
}
