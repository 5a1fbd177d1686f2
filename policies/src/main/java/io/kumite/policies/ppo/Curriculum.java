package io.kumite.policies.ppo;

import io.kumite.engine.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FightLadder's curriculum over the arcade ladder: the arms are the (opponent character, CPU level)
 * pairs of the levels {@code from..to}; each environment's next opponent is drawn with probability
 * proportional to {@code 1 - win rate} on its arm (over the arm's last {@code window} episodes, 0
 * before any), with a floor so that mastered arms are still visited now and then.
 */
public final class Curriculum {
    public static final double FLOOR = 0.05;

    private final int characters;
    private final int from;
    private final int to;
    private final boolean[][] results;
    private final int[] count;
    private final int[] next;

    public Curriculum(int characters, int from, int to, int window) {
        if (from < 1 || to > 8 || from > to) {
            throw new IllegalArgumentException("curriculum levels must satisfy 1 <= from <= to <= 8, got " + from + "-" + to);
        }
        if (characters < 1 || window < 1) {
            throw new IllegalArgumentException("a curriculum needs at least one character and a window of at least one episode");
        }
        this.characters = characters;
        this.from = from;
        this.to = to;
        int n = characters * (to - from + 1);
        this.results = new boolean[n][window];
        this.count = new int[n];
        this.next = new int[n];
    }

    public int arms() {
        return results.length;
    }

    public int character(int arm) {
        return arm % characters;
    }

    public int level(int arm) {
        return from + arm / characters;
    }

    /** Records an episode's result on an arm. */
    public void record(int arm, boolean won) {
        results[arm][next[arm]] = won;
        next[arm] = (next[arm] + 1) % results[arm].length;
        count[arm] = Math.min(count[arm] + 1, results[arm].length);
    }

    public double winRate(int arm) {
        if (count[arm] == 0) {
            return 0;
        }
        int w = 0;
        for (int k = 0; k < count[arm]; k++) {
            w += results[arm][k] ? 1 : 0;
        }
        return (double) w / count[arm];
    }

    /** The probability of each arm. */
    public double[] probabilities() {
        double[] p = new double[arms()];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(FLOOR, 1 - winRate(i));
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
                return i;
            }
        }
        return p.length - 1;
    }

    /** Win rate per level (over its arms' windows) and the weakest arm's, for the metrics. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        double min = 1;
        for (int l = from; l <= to; l++) {
            int won = 0;
            int played = 0;
            for (int c = 0; c < characters; c++) {
                int arm = (l - from) * characters + c;
                for (int k = 0; k < count[arm]; k++) {
                    won += results[arm][k] ? 1 : 0;
                }
                played += count[arm];
                min = Math.min(min, winRate(arm));
            }
            m.put("curriculum/win_rate_level_" + l, played == 0 ? Double.NaN : (double) won / played);
        }
        m.put("curriculum/min_arm_win_rate", min);
        return m;
    }
}
