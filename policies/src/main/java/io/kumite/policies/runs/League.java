package io.kumite.policies.runs;

import io.kumite.engine.Rng;
import io.kumite.policies.play.Payoff;
import io.kumite.policies.play.Pfsp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An AlphaStar-style league (Vinyals et al. 2019, as FightLadder's {@code league.py} adapts it):
 * learning players in three roles, frozen historical snapshots, a decayed payoff table, and the
 * roles' matchmaking and snapshot rules:
 * <ul>
 *   <li><b>main agents</b>: half their games PFSP (squared) over every historical player; else
 *       against a main agent: 15% a verification branch (exploiters' snapshots that still beat them,
 *       or the opponent's own snapshots they may have forgotten), otherwise self-play against the
 *       live opponent if they win more than 30% against it, else its snapshots by PFSP (variance).
 *       Snapshot when they beat every historical player more than 70%, or after the step budget;</li>
 *   <li><b>main exploiters</b>: a main agent, live if they win more than 10% against it, else its
 *       snapshots by PFSP (variance). Snapshot when they beat every main agent more than 70% (or
 *       the budget), then restart from their initial weights;</li>
 *   <li><b>league exploiters</b>: every historical player by PFSP (linear capped). Snapshot like main
 *       agents, then restart with probability 0.25.</li>
 * </ul>
 * Nothing is snapshotted before {@code minSteps}; {@code maxSteps} forces one. Live players are
 * played through their latest checkpoint. Pure logic: the caller trains and saves weights.
 */
public final class League {
    public enum Role {
        MAIN_AGENT, MAIN_EXPLOITER, LEAGUE_EXPLOITER;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A learner ({@code parent == null}) or a frozen snapshot of one. */
    public static final class Player {
        public final String name;
        public final Role role;
        public final String parent;
        long steps;
        long stepsSinceSnapshot;
        int snapshots;

        Player(String name, Role role, String parent) {
            this.name = name;
            this.role = role;
            this.parent = parent;
        }

        public boolean historical() {
            return parent != null;
        }

        public long steps() {
            return steps;
        }

        /** How many times this learner has been frozen. */
        public int snapshots() {
            return snapshots;
        }
    }

    public static final double WIN_THRESHOLD = 0.7;

    private final List<Player> learners = new ArrayList<>();
    private final List<Player> historicals = new ArrayList<>();
    private final Payoff payoff;
    private final long minSteps;
    private final long maxSteps;

    public League(int mainAgents, int mainExploiters, int leagueExploiters, Payoff payoff, long minSteps, long maxSteps) {
        if (mainAgents < 1) {
            throw new IllegalArgumentException("a league needs at least one main agent");
        }
        if (minSteps < 0 || maxSteps < minSteps) {
            throw new IllegalArgumentException("snapshot steps must satisfy 0 <= min <= max, got " + minSteps + ", " + maxSteps);
        }
        this.payoff = payoff;
        this.minSteps = minSteps;
        this.maxSteps = maxSteps;
        for (int i = 0; i < mainAgents; i++) {
            learners.add(new Player("main_agent_" + i, Role.MAIN_AGENT, null));
        }
        for (int i = 0; i < mainExploiters; i++) {
            learners.add(new Player("main_exploiter_" + i, Role.MAIN_EXPLOITER, null));
        }
        for (int i = 0; i < leagueExploiters; i++) {
            learners.add(new Player("league_exploiter_" + i, Role.LEAGUE_EXPLOITER, null));
        }
    }

    public List<Player> learners() {
        return learners;
    }

    public List<Player> historicals() {
        return historicals;
    }

    public Payoff payoff() {
        return payoff;
    }

    public Player learner(String name) {
        for (Player p : learners) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no learner " + name);
    }

    /** Freezes a learner: adds and returns its snapshot (the caller saves the weights under the snapshot's name). */
    public Player snapshot(Player learner) {
        learner.snapshots++;
        Player h = new Player(learner.name + "@" + learner.snapshots, learner.role, learner.name);
        h.steps = learner.steps;
        historicals.add(h);
        learner.stepsSinceSnapshot = 0;
        return h;
    }

    /** Adds a learner's initial weights as a historical player (the league's first opponents). */
    public Player seed(Player learner) {
        Player h = new Player(learner.name + "@0", learner.role, learner.name);
        historicals.add(h);
        return h;
    }

    public void addSteps(Player learner, long steps) {
        learner.steps += steps;
        learner.stepsSinceSnapshot += steps;
    }

    /** Whether the learner should be frozen now. */
    public boolean readyToSnapshot(Player p) {
        if (p.stepsSinceSnapshot < minSteps) {
            return false;
        }
        if (p.stepsSinceSnapshot >= maxSteps) {
            return true;
        }
        List<String> against = new ArrayList<>();
        if (p.role == Role.MAIN_EXPLOITER) {
            for (Player m : learners) {
                if (m.role == Role.MAIN_AGENT) {
                    against.add(m.name);
                }
            }
        } else {
            for (Player h : historicals) {
                against.add(h.name);
            }
        }
        if (against.isEmpty()) {
            return false;
        }
        for (double w : payoff.winRates(p.name, against)) {
            if (w <= WIN_THRESHOLD) {
                return false;
            }
        }
        return true;
    }

    /** Whether a learner restarts from its initial weights after a snapshot. */
    public boolean resetAfterSnapshot(Player p, Rng rng) {
        switch (p.role) {
            case MAIN_EXPLOITER:
                return true;
            case LEAGUE_EXPLOITER:
                return uniform(rng) < 0.25;
            default:
                return false;
        }
    }

    /** The opponent (a learner's or a historical player's name) of {@code p}'s next episode. */
    public String match(Player p, Rng rng) {
        switch (p.role) {
            case MAIN_AGENT:
                return mainAgentMatch(p, rng);
            case MAIN_EXPLOITER: {
                Player main = pick(mains(), rng);
                if (payoff.winRate(p.name, main.name) > 0.1) {
                    return main.name;
                }
                List<Player> hist = historicalsOf(main.name);
                return hist.isEmpty() ? main.name : pfsp(p, hist, Pfsp.Weighting.VARIANCE, rng);
            }
            default: {
                if (historicals.isEmpty()) {
                    return pick(mains(), rng).name;
                }
                return pfsp(p, historicals, Pfsp.Weighting.LINEAR_CAPPED, rng);
            }
        }
    }

    private String mainAgentMatch(Player p, Rng rng) {
        double coin = uniform(rng);
        if (coin < 0.5 && !historicals.isEmpty()) {
            return pfsp(p, historicals, Pfsp.Weighting.SQUARED, rng);
        }
        Player opponent = pick(mains(), rng);
        if (coin < 0.5 + 0.15) {
            String v = verification(p, opponent, rng);
            if (v != null) {
                return v;
            }
        }
        if (payoff.winRate(p.name, opponent.name) > 0.3) {
            return opponent.name;
        }
        List<Player> hist = historicalsOf(opponent.name);
        return hist.isEmpty() ? opponent.name : pfsp(p, hist, Pfsp.Weighting.VARIANCE, rng);
    }

    /** Exploiters' snapshots that still beat {@code p}, else the opponent's snapshots {@code p} may have forgotten. */
    private String verification(Player p, Player opponent, Rng rng) {
        List<Player> exploiters = new ArrayList<>();
        for (Player h : historicals) {
            if (h.role == Role.MAIN_EXPLOITER) {
                exploiters.add(h);
            }
        }
        if (!exploiters.isEmpty() && min(payoff.winRates(p.name, names(exploiters))) < 0.3) {
            return pfsp(p, exploiters, Pfsp.Weighting.SQUARED, rng);
        }
        List<Player> hist = historicalsOf(opponent.name);
        // Drop the newest snapshots while the win rate against them keeps falling (AlphaStar's
        // "monotonic suffix"): they are simply new, not forgotten.
        double[] w = payoff.winRates(p.name, names(hist));
        int end = hist.size();
        while (end > 1 && w[end - 1] < w[end - 2]) {
            end--;
        }
        List<Player> kept = hist.subList(0, end);
        if (!kept.isEmpty() && min(java.util.Arrays.copyOf(w, end)) < WIN_THRESHOLD) {
            return pfsp(p, kept, Pfsp.Weighting.SQUARED, rng);
        }
        return null;
    }

    private String pfsp(Player p, List<Player> candidates, Pfsp.Weighting w, Rng rng) {
        double[] probs = Pfsp.probabilities(payoff.winRates(p.name, names(candidates)), w);
        return candidates.get(Pfsp.draw(probs, uniform(rng))).name;
    }

    private List<Player> mains() {
        List<Player> m = new ArrayList<>();
        for (Player p : learners) {
            if (p.role == Role.MAIN_AGENT) {
                m.add(p);
            }
        }
        return m;
    }

    private List<Player> historicalsOf(String parent) {
        List<Player> h = new ArrayList<>();
        for (Player p : historicals) {
            if (p.parent.equals(parent)) {
                h.add(p);
            }
        }
        return h;
    }

    private static List<String> names(List<Player> ps) {
        List<String> n = new ArrayList<>();
        for (Player p : ps) {
            n.add(p.name);
        }
        return n;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static Player pick(List<Player> ps, Rng rng) {
        return ps.get(rng.nextInt(ps.size()));
    }

    private static double uniform(Rng rng) {
        return (rng.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Every name a learner may meet: the learners and the historical players. */
    public List<String> allNames() {
        List<String> n = names(learners);
        n.addAll(names(historicals));
        return n;
    }

    /**
     * Takes another copy's state in place (learners' counters, new historical players, the payoff),
     * keeping this league's objects: the processes of one league re-read the shared state this way.
     */
    public void refreshFrom(League disk) {
        for (Player d : disk.learners) {
            Player p = learner(d.name);
            p.steps = d.steps;
            p.stepsSinceSnapshot = d.stepsSinceSnapshot;
            p.snapshots = d.snapshots;
        }
        List<String> known = names(historicals);
        for (Player h : disk.historicals) {
            if (!known.contains(h.name)) {
                historicals.add(h);
            }
        }
        payoff.copyFrom(disk.payoff);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_steps", minSteps);
        m.put("max_steps", maxSteps);
        List<Object> ls = new ArrayList<>();
        for (Player p : learners) {
            ls.add(Map.of("name", p.name, "role", p.role.id(), "steps", p.steps, "steps_since_snapshot", p.stepsSinceSnapshot, "snapshots",
                    p.snapshots));
        }
        m.put("learners", ls);
        List<Object> hs = new ArrayList<>();
        for (Player h : historicals) {
            hs.add(Map.of("name", h.name, "role", h.role.id(), "parent", h.parent, "steps", h.steps));
        }
        m.put("historicals", hs);
        m.put("payoff", payoff.toMap());
        return m;
    }

    @SuppressWarnings("unchecked")
    public static League fromMap(Map<String, Object> m) {
        List<Object> ls = (List<Object>) m.get("learners");
        int[] counts = new int[3];
        for (Object o : ls) {
            counts[Role.valueOf(((String) ((Map<String, Object>) o).get("role")).toUpperCase(Locale.ROOT)).ordinal()]++;
        }
        League league = new League(counts[0], counts[1], counts[2], Payoff.fromMap((Map<String, Object>) m.get("payoff")),
                ((Number) m.get("min_steps")).longValue(), ((Number) m.get("max_steps")).longValue());
        for (Object o : ls) {
            Map<String, Object> p = (Map<String, Object>) o;
            Player l = league.learner((String) p.get("name"));
            l.steps = ((Number) p.get("steps")).longValue();
            l.stepsSinceSnapshot = ((Number) p.get("steps_since_snapshot")).longValue();
            l.snapshots = ((Number) p.get("snapshots")).intValue();
        }
        for (Object o : (List<Object>) m.get("historicals")) {
            Map<String, Object> h = (Map<String, Object>) o;
            Player p = new Player((String) h.get("name"), Role.valueOf(((String) h.get("role")).toUpperCase(Locale.ROOT)),
                    (String) h.get("parent"));
            p.steps = ((Number) h.get("steps")).longValue();
            league.historicals.add(p);
        }
        return league;
    }
}
