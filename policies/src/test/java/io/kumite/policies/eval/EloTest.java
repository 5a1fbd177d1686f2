package io.kumite.policies.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EloTest {
    /** Games drawn from a Bradley-Terry model with the given true ratings, every pair {@code perPair} times. */
    static List<Elo.Game> synthetic(String[] names, double[] truth, int perPair, long seed) {
        Rng rng = new Rng(seed);
        List<Elo.Game> games = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            for (int j = i + 1; j < names.length; j++) {
                double p = Elo.expected(truth[i], truth[j]);
                for (int g = 0; g < perPair; g++) {
                    double u = (rng.nextLong() >>> 11) * 0x1.0p-53;
                    games.add(new Elo.Game(names[i], names[j], u < p ? 1 : 0));
                }
            }
        }
        return games;
    }

    @Test
    void recoversKnownRatingsWithinTheirIntervals() {
        String[] names = {"bot:a:1", "b", "c", "d", "e"};
        double[] truth = {1000, 1150, 1300, 900, 1450};
        Elo.Table t = Elo.table(synthetic(names, truth, 200, 7), "bot:a:1", 1000, 300, 3);
        for (int i = 0; i < names.length; i++) {
            double[] ci = t.ci95().get(names[i]);
            assertTrue(ci[0] <= truth[i] && truth[i] <= ci[1], names[i] + ": true " + truth[i] + " outside " + ci[0] + ".." + ci[1]);
            assertEquals(truth[i], t.ratings().get(names[i]), 40, names[i]);
        }
        assertEquals(1000, t.ratings().get("bot:a:1"), 1e-9, "the anchor keeps its rating");
        assertTrue(t.connected());
    }

    @Test
    void orderDoesNotMatter() {
        List<Elo.Game> games = synthetic(new String[] {"a", "b", "c"}, new double[] {1000, 1200, 1100}, 30, 1);
        Map<String, Double> r1 = Elo.fit(games, "a", 1000);
        List<Elo.Game> shuffled = new ArrayList<>(games);
        Collections.shuffle(shuffled, new java.util.Random(5));
        Map<String, Double> r2 = Elo.fit(shuffled, "a", 1000);
        Elo.Table t1 = Elo.table(games, "a", 1000, 50, 3);
        Elo.Table t2 = Elo.table(shuffled, "a", 1000, 50, 3);
        for (String p : r1.keySet()) {
            // Bit-identical, not merely close: a resumed ladder must print the same table as a whole one.
            assertEquals(r1.get(p), r2.get(p), 0.0, p);
            assertArrayEquals(t1.ci95().get(p), t2.ci95().get(p), 0.0, p);
        }
    }

    @Test
    void drawsCountHalfAndEvenResultsGiveEqualRatings() {
        List<Elo.Game> games = List.of(new Elo.Game("a", "b", 0.5), new Elo.Game("a", "b", 0.5), new Elo.Game("b", "a", 1),
                new Elo.Game("a", "b", 1));
        Map<String, Double> r = Elo.fit(games, "a", 1000);
        assertEquals(1000, r.get("b"), 1e-6, "2 draws and a win each: equal");
        // 3 wins of 4 with one virtual draw each against the reference (score 3.5 of 5 vs 1.5 of 5).
        Map<String, Double> r3 = Elo.fit(List.of(new Elo.Game("a", "b", 1), new Elo.Game("a", "b", 1), new Elo.Game("a", "b", 1),
                new Elo.Game("a", "b", 0)), "b", 1000);
        assertTrue(r3.get("a") > 1100 && r3.get("a") < 1191, "a beat b 3-1: above, but not the prior-free 1191: " + r3.get("a"));
    }

    @Test
    void unbeatenAndWinlessPlayersGetFiniteRatings() {
        List<Elo.Game> games = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            games.add(new Elo.Game("champ", "mid", 1));
            games.add(new Elo.Game("mid", "chump", 1));
            games.add(new Elo.Game("champ", "chump", 1));
        }
        Elo.Table t = Elo.table(games, "mid", 1000, 200, 1);
        double champ = t.ratings().get("champ");
        double chump = t.ratings().get("chump");
        assertTrue(Double.isFinite(champ) && Double.isFinite(chump));
        assertTrue(champ > 1200 && chump < 800, champ + " / " + chump);
        assertTrue(t.ci95().get("champ")[1] < 3000, "the interval stays finite too");
    }

    @Test
    void disconnectedGroupsAreReported() {
        List<Elo.Game> games = List.of(new Elo.Game("a", "b", 1), new Elo.Game("c", "d", 1), new Elo.Game("b", "a", 0));
        Elo.Table t = Elo.table(games, "a", 1000, 50, 1);
        assertFalse(t.connected());
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), t.groups());
    }

    @Test
    void sequentialEloMovesByK() {
        Map<String, Double> r = Elo.sequential(List.of(new Elo.Game("a", "b", 1)), 32, 1000);
        assertEquals(1016, r.get("a"), 1e-9);
        assertEquals(984, r.get("b"), 1e-9);
    }

    @Test
    void csvRowsAreCheckedWithTheirLineNumbers() {
        List<Elo.Game> ok = ResultsCsv.parse(List.of("player_a,player_b,score_a", "\"x,1\",y,0.5", "", "y,z,1"), "t.csv");
        assertEquals(2, ok.size());
        assertEquals("x,1", ok.get(0).a());
        String[][] bad = {
            {"a,b,c", "x,y,1"}, {"player_a,player_b,score_a", "x,y,2"}, {"player_a,player_b,score_a", "x,y"},
            {"player_a,player_b,score_a", "x,x,1"}, {"player_a,player_b,score_a", "x,y,win"}, {"player_a,player_b,score_a", "\"x,y,1"},
        };
        int[] lines = {1, 2, 2, 2, 2, 2};
        for (int i = 0; i < bad.length; i++) {
            int k = i;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsCsv.parse(List.of(bad[k]), "t.csv"));
            assertTrue(e.getMessage().contains("line " + lines[i]), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ResultsCsv.parse(List.of("player_a,player_b,score_a"), "t.csv"));
    }
}
