package io.kumite.policies.ppo;

import io.kumite.engine.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FightLadder's curriculum over CPU levels: each environment's next opponent level is drawn with
 * probability proportional to {@code 1 - win rate} at that level (win rates over the last
 * {@code window} episodes at each level, 0 before any), with a floor so that mastered levels are
 * still visited now and then. The opponent's character is random each episode.
 */
public final class Curriculum {
    public static final double FLOOR = 0.05;

    private final int from;
    private final int to;
    private final boolean[][] results;
    private final int[] count;
    private final int[] next;

    public Curriculum(int from, int to, int window) {
        if (from < 1 || to > 8 || from > to) {
            throw new IllegalArgumentException("curriculum levels must satisfy 1 <= from <= to <= 8, got " + from + "-" + to);
        }
        this.from = from;
        this.to = to;
        int n = to - from + 1;
        this.results = new boolean[n][window];
        this.count = new int[n];
        this.next = new int[n];
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** Records an episode's result at {@code level}. */
    public void record(int level, boolean won) {
        int i = level - from;
        results[i][next[i]] = won;
        next[i] = (next[i] + 1) % results[i].length;
        count[i] = Math.min(count[i] + 1, results[i].length);
    }

    public double winRate(int level) {
        int i = level - from;
        if (count[i] == 0) {
            return 0;
        }
        int w = 0;
        for (int k = 0; k < count[i]; k++) {
            w += results[i][k] ? 1 : 0;
        }
        return (double) w / count[i];
    }

    /** The probability of each level, from {@code from} to {@code to}. */
    public double[] probabilities() {
        double[] p = new double[to - from + 1];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(FLOOR, 1 - winRate(from + i));
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    public int sample(Rng rng) {
        double[] p = probabilities();
        double u = (rng.nextLong() >>> 11) * 0x1.0p-53;
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return from + i;
            }
        }
        return to;
    }

    /** Win rate per level, for the metrics. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int l = from; l <= to; l++) {
            m.put("curriculum/win_rate_level_" + l, winRate(l));
        }
        return m;
    }
}
