package io.kumite.policies.ppo;

import io.kumite.engine.env.Info;

import java.util.Map;

/** The last {@code window} finished episodes of the learner: return, length, outcome and rounds. */
public final class EpisodeStats {
    private final double[] returns;
    private final int[] lengths;
    private final Info.Outcome[] outcomes;
    private final int[] roundsWon;
    private final int[] roundsLost;
    private int size;
    private int next;
    private long total;

    public EpisodeStats(int window) {
        returns = new double[window];
        lengths = new int[window];
        outcomes = new Info.Outcome[window];
        roundsWon = new int[window];
        roundsLost = new int[window];
    }

    /** {@code outcome}: {@link Info.Outcome#ONGOING} when the episode was truncated before a result. */
    public void add(double ret, int length, Info.Outcome outcome, int won, int lost) {
        returns[next] = ret;
        lengths[next] = length;
        outcomes[next] = outcome;
        roundsWon[next] = won;
        roundsLost[next] = lost;
        next = (next + 1) % returns.length;
        size = Math.min(size + 1, returns.length);
        total++;
    }

    public long total() {
        return total;
    }

    public int size() {
        return size;
    }

    public double meanReturn() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += returns[i];
        }
        return size == 0 ? Double.NaN : s / size;
    }

    public double winRate() {
        int w = 0;
        for (int i = 0; i < size; i++) {
            w += outcomes[i] == Info.Outcome.WIN ? 1 : 0;
        }
        return size == 0 ? Double.NaN : (double) w / size;
    }

    /** Rounds won over rounds decided, over the window. */
    public double roundWinRate() {
        int w = 0;
        int d = 0;
        for (int i = 0; i < size; i++) {
            w += roundsWon[i];
            d += roundsWon[i] + roundsLost[i];
        }
        return d == 0 ? Double.NaN : (double) w / d;
    }

    void putInto(Map<String, Object> m) {
        if (size == 0) {
            return;
        }
        double len = 0;
        for (int i = 0; i < size; i++) {
            len += lengths[i];
        }
        m.put("charts/episodic_return", meanReturn());
        m.put("charts/episodic_length", len / size);
        m.put("charts/win_rate", winRate());
        m.put("charts/round_win_rate", roundWinRate());
        m.put("charts/episodes", total);
    }
}
