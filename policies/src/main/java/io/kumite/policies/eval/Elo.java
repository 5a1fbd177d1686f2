package io.kumite.policies.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elo ratings as the maximum-likelihood Bradley–Terry model over all results (OpenSpiel's
 * definition: P(i beats j) = 1 / (1 + 10^((R_j - R_i) / 400)), a draw counts half a win, the order
 * of games does not matter), fitted with Hunter's MM iterations. Every player also gets one virtual
 * draw against a reference player, a weak prior that keeps an unbeaten or winless player's rating
 * finite (its influence fades as real games accumulate). Ratings are shifted so that the anchor
 * player has the anchor rating.
 */
public final class Elo {
    private Elo() {}

    /** One game: {@code score} is a's result, 1, 0.5 or 0. */
    public record Game(String a, String b, double score) {
        public Game {
            if (score != 0 && score != 0.5 && score != 1) {
                throw new IllegalArgumentException("score must be 1, 0.5 or 0, got " + score);
            }
            if (a.equals(b)) {
                throw new IllegalArgumentException("a player cannot play itself: " + a);
            }
        }
    }

    public static final double PRIOR_DRAWS = 1.0;

    /** Ratings by player, in the order players first appear (the anchor's rating fixed). */
    public static Map<String, Double> fit(List<Game> games, String anchor, double anchorRating) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Game g : games) {
            for (String p : new String[] {g.a(), g.b()}) {
                if (!index.containsKey(p)) {
                    index.put(p, names.size());
                    names.add(p);
                }
            }
        }
        int n = names.size();
        double[][] played = new double[n][n];
        double[] score = new double[n];
        for (Game g : games) {
            int a = index.get(g.a());
            int b = index.get(g.b());
            played[a][b]++;
            played[b][a]++;
            score[a] += g.score();
            score[b] += 1 - g.score();
        }
        double[] gamma = new double[n];
        java.util.Arrays.fill(gamma, 1.0);
        for (int iter = 0; iter < 10_000; iter++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                double denom = PRIOR_DRAWS / (gamma[i] + 1.0);
                for (int j = 0; j < n; j++) {
                    if (played[i][j] > 0) {
                        denom += played[i][j] / (gamma[i] + gamma[j]);
                    }
                }
                double next = (score[i] + PRIOR_DRAWS * 0.5) / denom;
                change = Math.max(change, Math.abs(Math.log(next / gamma[i])));
                gamma[i] = next;
            }
            if (change < 1e-10) {
                break;
            }
        }
        Map<String, Double> ratings = new LinkedHashMap<>();
        Integer a = anchor == null ? null : index.get(anchor);
        if (anchor != null && a == null) {
            throw new IllegalArgumentException("anchor " + anchor + " played no game; players: " + names);
        }
        double shift = a == null ? 0 : anchorRating - 400 * Math.log10(gamma[a]);
        for (int i = 0; i < n; i++) {
            ratings.put(names.get(i), 400 * Math.log10(gamma[i]) + shift);
        }
        return ratings;
    }

    /** The expected score of a rating {@code ra} against {@code rb}. */
    public static double expected(double ra, double rb) {
        return 1 / (1 + Math.pow(10, (rb - ra) / 400));
    }
}
