package io.kumite.policies.eval;

import io.kumite.engine.Rng;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.MatchState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A round robin: every pair of policies plays {@code games} matches, sides swapped every other game,
 * each on its own seed derived from the base seed; matches run on {@code threads} threads.
 */
public final class RoundRobin {
    private RoundRobin() {}

    /** One match: p1 and p2 are indices into the policy list; score is p1's (1, 0.5, 0). */
    public record Match(int p1, int p2, long seed, double score, int[] rounds, int frames, String checksum) {}

    public static List<Match> play(Roster roster, List<Policy> policies, int games, int bestOf, int roundCounts, long seed, int threads)
            throws InterruptedException {
        List<int[]> plan = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            for (int j = i + 1; j < policies.size(); j++) {
                for (int g = 0; g < games; g++) {
                    plan.add(g % 2 == 0 ? new int[] {i, j, g} : new int[] {j, i, g});
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Match>> futures = new ArrayList<>();
            for (int k = 0; k < plan.size(); k++) {
                int[] p = plan.get(k);
                long matchSeed = Rng.derive(seed, k);
                futures.add(pool.submit(() -> {
                    MatchRunner.Result r = new MatchRunner(roster).play(policies.get(p[0]), policies.get(p[1]), bestOf, roundCounts, matchSeed);
                    double score = r.winner() == MatchState.P1_WINS ? 1 : r.winner() == MatchState.P2_WINS ? 0 : 0.5;
                    return new Match(p[0], p[1], matchSeed, score, r.roundsWon(), r.frames(), r.checksum());
                }));
            }
            List<Match> out = new ArrayList<>();
            for (Future<Match> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The matches as Elo games under the policies' spec names. */
    public static List<Elo.Game> games(List<Policy> policies, List<Match> matches) {
        List<Elo.Game> out = new ArrayList<>();
        for (Match m : matches) {
            out.add(new Elo.Game(policies.get(m.p1()).spec(), policies.get(m.p2()).spec(), m.score()));
        }
        return out;
    }
}
