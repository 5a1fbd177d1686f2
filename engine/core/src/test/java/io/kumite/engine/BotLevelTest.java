package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.sim.MatchState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bot levels mean something: with fixed seeds, level 8 beats level 1 in at least 90 of 100 matches, and
 * every level beats the level two below it in more than half of its matches (sides alternate).
 */
class BotLevelTest {
    private static final int TOP_GAMES = 100;
    private static final int STEP_GAMES = 100;

    /** Wins of level {@code a} over level {@code b}, same character, {@code games} matches, sides alternating. */
    static int wins(int character, int a, int b, int games) {
        int wins = 0;
        for (int g = 0; g < games; g++) {
            long seed = 5000 + g;
            boolean aFirst = g % 2 == 0;
            Simulate m = new Simulate(character, aFirst ? a : b, aFirst ? b : a, seed);
            if (m.winner == (aFirst ? MatchState.P1_WINS : MatchState.P2_WINS)) {
                wins++;
            }
        }
        return wins;
    }

    private static final class Simulate {
        final int winner;

        Simulate(int character, int level0, int level1, long seed) {
            var sim = new io.kumite.engine.sim.Simulator(TestMatches.ROSTER);
            MatchState s = sim.newMatch(new MatchConfig(character, character, 3, 99), seed);
            var b0 = new io.kumite.engine.bot.CpuBot(TestMatches.ROSTER, Player.P1, level0, seed);
            var b1 = new io.kumite.engine.bot.CpuBot(TestMatches.ROSTER, Player.P2, level1, seed);
            while (!s.isOver()) {
                sim.step(s, b0.act(s), b1.act(s));
            }
            winner = s.winner;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kenta", "brakk", "mira", "sable"})
    void levelEightBeatsLevelOne(String character) {
        int c = TestMatches.ROSTER.indexOf(character);
        int w = wins(c, 8, 1, TOP_GAMES);
        System.out.printf("%s: level 8 beat level 1 in %d of %d matches%n", character, w, TOP_GAMES);
        assertTrue(w >= 90, character + ": level 8 won only " + w + " of " + TOP_GAMES + " against level 1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kenta", "brakk", "mira", "sable"})
    void everyLevelBeatsTheLevelTwoBelow(String character) {
        int c = TestMatches.ROSTER.indexOf(character);
        StringBuilder report = new StringBuilder(character + ":");
        for (int level = 3; level <= 8; level++) {
            int w = wins(c, level, level - 2, STEP_GAMES);
            report.append(String.format(" %dv%d=%d/%d", level, level - 2, w, STEP_GAMES));
            assertTrue(2 * w > STEP_GAMES, character + ": level " + level + " won only " + w + " of " + STEP_GAMES
                    + " against level " + (level - 2));
        }
        System.out.println(report);
    }
}
