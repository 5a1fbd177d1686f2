package io.kumite.engine.bot;

import io.kumite.engine.Parallel;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchState;
import java.util.ArrayList;
import java.util.List;

/**
 * The degenerate-strategy audit: scripted exploit policies ({@link Scripts}) against the CPU bots
 * and against each other, in single-round matches with sides alternating (round k of a pairing
 * uses seed {@code seed + k}; even k puts the script on the left). A round scores 1 for a win,
 * 1/2 for a draw. Results are a pure function of the arguments, whatever the thread count.
 */
public final class Audit {
    private Audit() {}

    /**
     * Scores of scripts against CPU bots: {@code score[a][s][c]} is the share of points the script
     * {@code scripts.get(a).get(s)} (played by agent character {@code agents[a]}) took from
     * {@code bot:<cpus[c]>:<level>} over {@code rounds} rounds.
     */
    public record VsCpu(int level, int rounds, int[] agents, int[] cpus, List<List<String>> scripts, double[][][] score) {
        /** Share of points of script {@code s} of agent {@code a} over every CPU character. */
        public double overall(int a, int s) {
            double t = 0;
            for (double v : score[a][s]) {
                t += v;
            }
            return t / cpus.length;
        }

        /** Index of agent {@code a}'s script with the highest overall score. */
        public int best(int a) {
            int best = 0;
            for (int s = 1; s < score[a].length; s++) {
                if (overall(a, s) > overall(a, best)) {
                    best = s;
                }
            }
            return best;
        }

        /** The highest score of any of agent {@code a}'s scripts against any single CPU character: {script, cpu}. */
        public int[] bestPair(int a) {
            int[] at = {0, 0};
            for (int s = 0; s < score[a].length; s++) {
                for (int c = 0; c < cpus.length; c++) {
                    if (score[a][s][c] > score[a][at[0]][at[1]]) {
                        at = new int[] {s, c};
                    }
                }
            }
            return at;
        }
    }

    /** Runs every script of each agent character against every CPU character. */
    public static VsCpu vsCpu(Roster roster, int level, int[] agents, int[] cpus, List<List<String>> scripts, int rounds,
                              long seed, int threads) {
        BotLevel.of(level);
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        List<List<Policy>> parsed = new ArrayList<>();
        List<int[]> cells = new ArrayList<>();
        for (int a = 0; a < agents.length; a++) {
            List<Policy> mine = new ArrayList<>();
            for (String spec : scripts.get(a)) {
                Policy p = Policies.parse(spec, roster);
                if (p.character() != agents[a]) {
                    throw new IllegalArgumentException("script " + spec + " does not play " + roster.get(agents[a]).name);
                }
                mine.add(p);
                for (int c = 0; c < cpus.length; c++) {
                    cells.add(new int[] {a, mine.size() - 1, c});
                }
            }
            parsed.add(mine);
        }
        List<Double> scores = Parallel.map(cells.size(), threads, k -> {
            int[] cell = cells.get(k);
            Policy bot = new Policies.Bot(cpus[cell[2]], level, "bot:" + roster.get(cpus[cell[2]]).name + ":" + level);
            return rounds(roster, parsed.get(cell[0]).get(cell[1]), bot, rounds, seed);
        });
        double[][][] score = new double[agents.length][][];
        for (int a = 0; a < agents.length; a++) {
            score[a] = new double[scripts.get(a).size()][cpus.length];
        }
        for (int k = 0; k < cells.size(); k++) {
            int[] cell = cells.get(k);
            score[cell[0]][cell[1]][cell[2]] = scores.get(k);
        }
        return new VsCpu(level, rounds, agents.clone(), cpus.clone(), scripts, score);
    }

    /**
     * The payoff matrix of a population of policies in two-player play: {@code result[i][j]} is the
     * share of points policy i took from policy j over {@code rounds} rounds (sides alternating);
     * the diagonal is 1/2.
     */
    public static double[][] population(Roster roster, List<String> row, List<String> column, int rounds, long seed,
                                        int threads) {
        List<Policy> rows = new ArrayList<>();
        for (String s : row) {
            rows.add(Policies.parse(s, roster));
        }
        List<Policy> columns = new ArrayList<>();
        for (String s : column) {
            columns.add(Policies.parse(s, roster));
        }
        int n = rows.size();
        int m = columns.size();
        List<Double> scores = Parallel.map(n * m, threads, k -> rounds(roster, rows.get(k / m), columns.get(k % m), rounds, seed));
        double[][] out = new double[n][m];
        for (int k = 0; k < n * m; k++) {
            out[k / m][k % m] = scores.get(k);
        }
        return out;
    }

    /** Share of points {@code a} takes from {@code b} over single rounds, sides alternating. */
    public static double rounds(Roster roster, Policy a, Policy b, int rounds, long seed) {
        MatchRunner runner = new MatchRunner(roster);
        double points = 0;
        for (int k = 0; k < rounds; k++) {
            boolean left = k % 2 == 0;
            MatchRunner.Result r = left
                    ? runner.play(a, b, 1, MatchConfig.DEFAULT_ROUND_COUNTS, seed + k)
                    : runner.play(b, a, 1, MatchConfig.DEFAULT_ROUND_COUNTS, seed + k);
            int mine = left ? MatchState.P1_WINS : MatchState.P2_WINS;
            points += r.winner() == mine ? 1 : (r.winner() == MatchState.DRAW ? 0.5 : 0);
        }
        return points / rounds;
    }
}
