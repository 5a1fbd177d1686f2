package io.kumite.policies.eval;

import io.kumite.engine.Rng;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.ReplayRecorder;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchState;
import io.kumite.policies.ckpt.CheckpointPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A round robin: every pair of policies plays {@code games} matches, sides swapped every other
 * game, each on its own seed derived from the base seed (match k gets {@code derive(seed, k)}, so a
 * match's result does not depend on which others were played: a stopped tournament resumes).
 */
public final class RoundRobin {
    private RoundRobin() {}

    /** A planned match: p1 and p2 index the policy list. */
    public record Pairing(int index, int p1, int p2, long seed) {}

    /** A played match; score is p1's (1, 0.5, 0). */
    public record Match(int index, int p1, int p2, long seed, double score, int[] rounds, int frames, String checksum, Path replay) {}

    public static List<Pairing> plan(int policies, int games, long seed) {
        List<Pairing> plan = new ArrayList<>();
        for (int i = 0; i < policies; i++) {
            for (int j = i + 1; j < policies; j++) {
                for (int g = 0; g < games; g++) {
                    int k = plan.size();
                    plan.add(g % 2 == 0 ? new Pairing(k, i, j, Rng.derive(seed, k)) : new Pairing(k, j, i, Rng.derive(seed, k)));
                }
            }
        }
        return plan;
    }

    /** Plays one match, recording it to {@code replay} when not null. */
    public static Match playOne(Roster roster, List<Policy> policies, Pairing p, int bestOf, int roundCounts, Path replay) {
        Policy a = policies.get(p.p1());
        Policy b = policies.get(p.p2());
        ReplayRecorder recorder = replay == null ? null
                : new ReplayRecorder(roster, new MatchConfig(a.character(), b.character(), bestOf, roundCounts), p.seed(), a.spec(),
                        checkpointHash(a), b.spec(), checkpointHash(b), 0, 0, ReplayRecorder.DEFAULT_CHECKSUM_INTERVAL);
        MatchRunner.Result r = new MatchRunner(roster).play(a, b, bestOf, roundCounts, p.seed(),
                recorder == null ? null : (state, in0, in1, events) -> recorder.frame(state, in0, in1));
        if (recorder != null) {
            try {
                recorder.finishTo(replay);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + replay + ": " + e.getMessage(), e);
            }
        }
        double score = r.winner() == MatchState.P1_WINS ? 1 : r.winner() == MatchState.P2_WINS ? 0 : 0.5;
        return new Match(p.index(), p.p1(), p.p2(), p.seed(), score, r.roundsWon(), r.frames(), r.checksum(), replay);
    }

    /** A checkpoint policy's parameter hash (for replay headers); empty for other policies. */
    public static String checkpointHash(Policy p) {
        return p instanceof CheckpointPolicy ? ((CheckpointPolicy) p).manifest().sha256() : "";
    }

    /**
     * Plays {@code pairings} on {@code threads} threads; {@code done} is called on the calling thread
     * as each match finishes (in completion order). {@code replays} may be null (no replays).
     */
    public static void play(Roster roster, List<Policy> policies, List<Pairing> pairings, int bestOf, int roundCounts, int threads,
            Path replays, Consumer<Match> done) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            ExecutorCompletionService<Match> cs = new ExecutorCompletionService<>(pool);
            for (Pairing p : pairings) {
                Path file = replays == null ? null : replays.resolve(String.format("match-%06d.kreplay", p.index()));
                cs.submit(() -> playOne(roster, policies, p, bestOf, roundCounts, file));
            }
            for (int i = 0; i < pairings.size(); i++) {
                try {
                    done.accept(cs.take().get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** All pairings of a round robin, results in plan order. */
    public static List<Match> play(Roster roster, List<Policy> policies, int games, int bestOf, int roundCounts, long seed, int threads)
            throws InterruptedException {
        List<Pairing> plan = plan(policies.size(), games, seed);
        Match[] out = new Match[plan.size()];
        play(roster, policies, plan, bestOf, roundCounts, threads, null, m -> out[m.index()] = m);
        return List.of(out);
    }

    /** The matches as Elo games under the policies' spec names. */
    public static List<Elo.Game> games(List<Policy> policies, List<Match> matches) {
        List<Elo.Game> out = new ArrayList<>();
        for (Match m : matches) {
            out.add(new Elo.Game(policies.get(m.p1()).spec(), policies.get(m.p2()).spec(), m.score()));
        }
        return out;
    }

    /** Win rate of row against column (draws half), NaN where they did not play. */
    public static double[][] winRates(int n, List<Elo.Game> games, List<String> names) {
        double[][] score = new double[n][n];
        double[][] count = new double[n][n];
        for (Elo.Game g : games) {
            int a = names.indexOf(g.a());
            int b = names.indexOf(g.b());
            score[a][b] += g.score();
            score[b][a] += 1 - g.score();
            count[a][b]++;
            count[b][a]++;
        }
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = count[i][j] == 0 ? Double.NaN : score[i][j] / count[i][j];
            }
        }
        return w;
    }
}
