package io.kumite.cli;

import io.kumite.engine.Parallel;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchState;
import java.util.List;

/** Match tallies shared by the balance and bot-level commands. */
final class Tallies {
    private Tallies() {}

    /** Score of p1 in one match: 1 win, 0.5 draw, 0 loss. */
    static double score(MatchRunner.Result r) {
        return r.winner() == MatchState.P1_WINS ? 1 : (r.winner() == MatchState.DRAW ? 0.5 : 0);
    }

    /**
     * {@code result[i][j]}: the share of points character i took from character j over {@code games}
     * matches with i as P1 and {@code games} with i as P2 (level-{@code level} bots on both sides).
     */
    static double[][] roundRobin(Roster roster, int level, int games, long seed, int threads) {
        int n = roster.size();
        List<Double> scores = Parallel.map(n * n * games, threads, k -> {
            int g = k % games;
            int j = (k / games) % n;
            int i = k / games / n;
            if (i == j) {
                return 0.0;
            }
            Policy a = new Policies.Bot(i, level, "bot:" + roster.get(i).name + ":" + level);
            Policy b = new Policies.Bot(j, level, "bot:" + roster.get(j).name + ":" + level);
            return score(new MatchRunner(roster).play(a, b, MatchConfig.DEFAULT_BEST_OF, MatchConfig.DEFAULT_ROUND_COUNTS, seed + g));
        });
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double asP1 = 0;
                double asP2 = 0;
                for (int g = 0; g < games; g++) {
                    asP1 += scores.get((i * n + j) * games + g);
                    asP2 += 1 - scores.get((j * n + i) * games + g);
                }
                out[i][j] = (asP1 + asP2) / (2.0 * games);
            }
        }
        return out;
    }

    /** Share of points bot level {@code a} takes from level {@code b}, same character, sides alternating. */
    static double levelScore(Roster roster, int character, int a, int b, int games, long seed, int threads) {
        String name = roster.get(character).name;
        Policy pa = new Policies.Bot(character, a, "bot:" + name + ":" + a);
        Policy pb = new Policies.Bot(character, b, "bot:" + name + ":" + b);
        List<Double> scores = Parallel.map(games, threads, g -> {
            MatchRunner runner = new MatchRunner(roster);
            if (g % 2 == 0) {
                return score(runner.play(pa, pb, MatchConfig.DEFAULT_BEST_OF, MatchConfig.DEFAULT_ROUND_COUNTS, seed + g));
            }
            return 1 - score(runner.play(pb, pa, MatchConfig.DEFAULT_BEST_OF, MatchConfig.DEFAULT_ROUND_COUNTS, seed + g));
        });
        double total = 0;
        for (double s : scores) {
            total += s;
        }
        return total / games;
    }
}
