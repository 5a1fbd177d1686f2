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
        // The iteration runs over players in sorted order, so the result is bit-identical whatever
        // order the games come in (a resumed ladder appends results in another order than a whole one).
        List<String> sorted = new ArrayList<>(names);
        java.util.Collections.sort(sorted);
        Map<String, Integer> slot = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            slot.put(sorted.get(i), i);
        }
        double[][] played = new double[n][n];
        double[] score = new double[n];
        for (Game g : games) {
            int a = slot.get(g.a());
            int b = slot.get(g.b());
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
        Integer a = anchor == null ? null : slot.get(anchor);
        if (anchor != null && a == null) {
            throw new IllegalArgumentException("anchor " + anchor + " played no game; players: " + names);
        }
        double shift = a == null ? 0 : anchorRating - 400 * Math.log10(gamma[a]);
        for (String p : names) {
            ratings.put(p, 400 * Math.log10(gamma[slot.get(p)]) + shift);
        }
        return ratings;
    }

    /** Ratings with bootstrap 95% intervals and the connected groups of the comparison graph. */
    public record Table(Map<String, Double> ratings, Map<String, double[]> ci95, List<List<String>> groups, String anchor,
            double anchorRating, int bootstrap) {
        /** Whether every player is linked to every other through games (else ratings across groups mean little). */
        public boolean connected() {
            return groups.size() <= 1;
        }
    }

    /**
     * Fits the ratings and their 95% intervals from {@code samples} bootstrap resamples of the games
     * (drawn with replacement, seeded; each refit anchored the same way, percentiles 2.5 and 97.5).
     */
    public static Table table(List<Game> games, String anchor, double anchorRating, int samples, long seed) {
        if (games.isEmpty()) {
            throw new IllegalArgumentException("no games to rate");
        }
        Map<String, Double> ratings = fit(games, anchor, anchorRating);
        Map<String, double[]> draws = new LinkedHashMap<>();
        for (String p : ratings.keySet()) {
            draws.put(p, new double[samples]);
        }
        io.kumite.engine.Rng rng = new io.kumite.engine.Rng(seed);
        // Resample from a canonical order so the intervals, too, do not depend on the games' order.
        List<Game> canonical = new ArrayList<>(games);
        canonical.sort(java.util.Comparator.comparing(Game::a).thenComparing(Game::b).thenComparingDouble(Game::score));
        List<Game> resample = new ArrayList<>(games.size());
        for (int b = 0; b < samples; b++) {
            resample.clear();
            for (int i = 0; i < canonical.size(); i++) {
                resample.add(canonical.get(rng.nextInt(canonical.size())));
            }
            Map<String, Double> r = fitAnchored(resample, ratings.keySet(), anchor, anchorRating);
            for (Map.Entry<String, Double> e : r.entrySet()) {
                draws.get(e.getKey())[b] = e.getValue();
            }
        }
        Map<String, double[]> ci = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : draws.entrySet()) {
            double[] d = e.getValue().clone();
            java.util.Arrays.sort(d);
            ci.put(e.getKey(), samples == 0 ? new double[] {Double.NaN, Double.NaN}
                    : new double[] {d[(int) Math.floor(0.025 * (samples - 1))], d[(int) Math.ceil(0.975 * (samples - 1))]});
        }
        return new Table(ratings, ci, groups(games), anchor, anchorRating, samples);
    }

    /** A refit on a resample, in which a player may be missing: it gets the prior's rating (the reference). */
    private static Map<String, Double> fitAnchored(List<Game> games, java.util.Set<String> players, String anchor, double anchorRating) {
        Map<String, Double> r = fit(games, null, 0);
        double shift = anchor == null ? 0 : anchorRating - r.getOrDefault(anchor, 0.0);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String p : players) {
            out.put(p, r.getOrDefault(p, 0.0) + shift);
        }
        return out;
    }

    /** The connected components of the graph whose edges are pairs that played, in order of first appearance. */
    public static List<List<String>> groups(List<Game> games) {
        Map<String, String> parent = new LinkedHashMap<>();
        for (Game g : games) {
            parent.putIfAbsent(g.a(), g.a());
            parent.putIfAbsent(g.b(), g.b());
            String ra = root(parent, g.a());
            String rb = root(parent, g.b());
            if (!ra.equals(rb)) {
                parent.put(rb, ra);
            }
        }
        Map<String, List<String>> byRoot = new LinkedHashMap<>();
        for (String p : parent.keySet()) {
            byRoot.computeIfAbsent(root(parent, p), k -> new ArrayList<>()).add(p);
        }
        return new ArrayList<>(byRoot.values());
    }

    private static String root(Map<String, String> parent, String p) {
        String r = p;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    /**
     * Sequential Elo (live ladders): games applied in order with factor {@code k}, everyone starting
     * at {@code initial}. Order dependent by design, unlike {@link #fit}.
     */
    public static Map<String, Double> sequential(List<Game> games, double k, double initial) {
        Map<String, Double> r = new LinkedHashMap<>();
        for (Game g : games) {
            double ra = r.getOrDefault(g.a(), initial);
            double rb = r.getOrDefault(g.b(), initial);
            double ea = expected(ra, rb);
            r.put(g.a(), ra + k * (g.score() - ea));
            r.put(g.b(), rb + k * ((1 - g.score()) - (1 - ea)));
        }
        return r;
    }

    /** The expected score of a rating {@code ra} against {@code rb}. */
    public static double expected(double ra, double rb) {
        return 1 / (1 + Math.pow(10, (rb - ra) / 400));
    }
}
