package io.kumite.policies.play;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AlphaStar's payoff table (as FightLadder's league keeps it): per ordered pair of players, decayed
 * counts of games, wins, draws and losses; every new result first multiplies the pair's counts by
 * {@code decay}, so recent games weigh more. The win rate counts a draw as half a win and is 0.5
 * before any game.
 */
public final class Payoff {
    private final double decay;
    private final Map<String, double[]> table = new LinkedHashMap<>(); // "home|away" -> games, wins, draws, losses

    public Payoff(double decay) {
        if (decay <= 0 || decay > 1) {
            throw new IllegalArgumentException("decay must be in (0, 1], got " + decay);
        }
        this.decay = decay;
    }

    public double decay() {
        return decay;
    }

    /** Records one game; {@code result} is home's: 1 win, 0.5 draw, 0 loss. */
    public void update(String home, String away, double result) {
        double[] h = cell(home, away);
        double[] a = cell(away, home);
        for (int k = 0; k < 4; k++) {
            h[k] *= decay;
            a[k] *= decay;
        }
        h[0]++;
        a[0]++;
        if (result == 1) {
            h[1]++;
            a[3]++;
        } else if (result == 0) {
            h[3]++;
            a[1]++;
        } else if (result == 0.5) {
            h[2]++;
            a[2]++;
        } else {
            throw new IllegalArgumentException("result must be 1, 0.5 or 0, got " + result);
        }
    }

    public double winRate(String home, String away) {
        double[] c = table.get(home + "|" + away);
        if (c == null || c[0] == 0) {
            return 0.5;
        }
        return (c[1] + 0.5 * c[2]) / c[0];
    }

    public double games(String home, String away) {
        double[] c = table.get(home + "|" + away);
        return c == null ? 0 : c[0];
    }

    public double[] winRates(String home, List<String> aways) {
        double[] w = new double[aways.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = winRate(home, aways.get(i));
        }
        return w;
    }

    private double[] cell(String home, String away) {
        return table.computeIfAbsent(home + "|" + away, k -> new double[4]);
    }

    /** Replaces this table's counts with a copy of {@code other}'s (a league state re-read from disk). */
    public void copyFrom(Payoff other) {
        if (other.decay != decay) {
            throw new IllegalArgumentException("payoff decay differs: " + other.decay + " vs " + decay);
        }
        table.clear();
        other.table.forEach((k, v) -> table.put(k, v.clone()));
    }

    /** The table as plain data for the league state file. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decay", decay);
        Map<String, Object> cells = new LinkedHashMap<>();
        table.forEach((k, v) -> cells.put(k, List.of(v[0], v[1], v[2], v[3])));
        m.put("cells", cells);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Payoff fromMap(Map<String, Object> m) {
        Payoff p = new Payoff(((Number) m.get("decay")).doubleValue());
        ((Map<String, Object>) m.get("cells")).forEach((k, v) -> {
            List<Object> l = (List<Object>) v;
            double[] c = new double[4];
            for (int i = 0; i < 4; i++) {
                c[i] = ((Number) l.get(i)).doubleValue();
            }
            p.table.put(k, c);
        });
        return p;
    }
}
