package io.kumite.policies.eval;

import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.report.Plot;
import io.kumite.policies.report.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A round-robin ladder tournament as {@code kumite ladder} runs it. Every finished match is appended
 * to {@code results.csv} at once (with its plan index), so a stopped tournament resumes where it
 * was; at the end it writes the Elo table with bootstrap intervals ({@code elo.csv}, {@code elo.png}),
 * the win-rate matrix ({@code winrate.csv}, {@code winrate.png}), every match's replay
 * ({@code replays/}) and {@code report.md} linking them.
 */
public final class Ladder {
    private Ladder() {}

    public record Options(List<String> policies, int games, int bestOf, int roundCounts, long seed, int threads, Path out,
            boolean resume, String anchor, double anchorRating, int bootstrap, boolean replays) {}

    /** {@code nash} is the population's Nash mixture (null when some pair never met). */
    public record Outcome(Elo.Table elo, List<String> names, double[][] winRate, int matches, int played, Path out, double[] nash,
            double nashConvUniform) {}

    static final String HEADER = "player_a,player_b,score_a,match,seed,rounds_a,rounds_b,frames,replay";

    public static Outcome run(Options o, Roster roster, PrintStream log) throws IOException, InterruptedException {
        if (o.policies().size() < 2) {
            throw new IllegalArgumentException("a ladder needs at least two policies, got " + o.policies());
        }
        if (new HashSet<>(o.policies()).size() != o.policies().size()) {
            throw new IllegalArgumentException("a policy is listed twice: " + o.policies());
        }
        if (o.games() < 1 || o.bestOf() < 1 || o.bestOf() % 2 == 0) {
            throw new IllegalArgumentException("--games must be >= 1 and --best-of odd");
        }
        List<Policy> policies = new ArrayList<>();
        for (String s : o.policies()) {
            policies.add(Policies.parse(s, roster));
        }
        List<String> names = new ArrayList<>();
        for (Policy p : policies) {
            names.add(p.spec());
        }
        Path results = o.out().resolve("results.csv");
        Path settings = o.out().resolve("ladder.json");
        Map<String, Object> config = Json.object("policies", names, "games", o.games(), "best_of", o.bestOf(), "round_time", o.roundCounts(),
                "seed", o.seed());
        Set<Integer> done = new HashSet<>();
        List<Elo.Game> games = new ArrayList<>();
        if (Files.exists(results)) {
            if (!o.resume()) {
                throw new IllegalArgumentException(o.out() + " already holds a ladder; pass --resume to continue it, or choose another --out");
            }
            String stored = Files.readString(settings, StandardCharsets.UTF_8).trim();
            if (!stored.equals(Json.write(config))) {
                throw new IllegalArgumentException("--resume: " + settings + " was written for other settings (" + stored
                        + "); run with the same policies, games, best-of and seed");
            }
            List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                if (f.length >= 4 && !lines.get(i).isBlank()) {
                    done.add(Integer.parseInt(f[3]));
                    games.add(new Elo.Game(f[0], f[1], Double.parseDouble(f[2])));
                }
            }
        } else {
            Files.createDirectories(o.out());
            Files.writeString(settings, Json.write(config) + "\n", StandardCharsets.UTF_8);
            Files.writeString(results, HEADER + "\n", StandardCharsets.UTF_8);
        }
        List<RoundRobin.Pairing> plan = RoundRobin.plan(policies.size(), o.games(), o.seed());
        List<RoundRobin.Pairing> todo = new ArrayList<>();
        for (RoundRobin.Pairing p : plan) {
            if (!done.contains(p.index())) {
                todo.add(p);
            }
        }
        log.println("kumite ladder: " + names.size() + " policies, " + plan.size() + " matches (" + o.games() + " per pair, best of "
                + o.bestOf() + ")" + (done.isEmpty() ? "" : ", " + done.size() + " already played"));
        Path replays = o.replays() ? o.out().resolve("replays") : null;
        if (replays != null) {
            Files.createDirectories(replays);
        }
        Progress progress = new Progress(log, "ladder", plan.size(), 10);
        int[] count = {done.size()};
        try (BufferedWriter w = Files.newBufferedWriter(results, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            RoundRobin.play(roster, policies, todo, o.bestOf(), o.roundCounts(), o.threads(), replays, m -> {
                String a = names.get(m.p1());
                String b = names.get(m.p2());
                games.add(new Elo.Game(a, b, m.score()));
                try {
                    w.write(String.join(",", ResultsCsv.field(a), ResultsCsv.field(b), Double.toString(m.score()), Integer.toString(m.index()),
                            Long.toString(m.seed()), Integer.toString(m.rounds()[0]), Integer.toString(m.rounds()[1]),
                            Integer.toString(m.frames()), m.replay() == null ? "" : o.out().relativize(m.replay()).toString()));
                    w.newLine();
                    w.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                count[0]++;
                progress.update(count[0], done.size(), "", false);
            });
        }
        progress.finish();
        String anchor = o.anchor();
        if (anchor == null) {
            anchor = names.stream().filter(n -> n.startsWith("bot:")).findFirst().orElse(names.get(0));
        }
        Elo.Table table = Elo.table(games, anchor, o.anchorRating(), o.bootstrap(), o.seed());
        double[][] wr = RoundRobin.winRates(names.size(), games, names);
        double[] nash = null;
        double conv = Double.NaN;
        double[][] payoff = complete(wr) ? Nash.fromWinRates(wr) : null;
        if (payoff != null) {
            nash = Nash.solve(payoff).row();
            double[] uniform = new double[names.size()];
            java.util.Arrays.fill(uniform, 1.0 / names.size());
            conv = Nash.nashConv(payoff, uniform, uniform);
        }
        write(o.out(), names, table, wr, games.size(), nash, conv);
        return new Outcome(table, names, wr, plan.size(), plan.size() - done.size(), o.out(), nash, conv);
    }

    private static boolean complete(double[][] w) {
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (i != j && Double.isNaN(w[i][j])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void write(Path out, List<String> names, Elo.Table t, double[][] wr, int games, double[] nash, double conv)
            throws IOException {
        List<String> ranked = new ArrayList<>(names);
        ranked.sort(Comparator.comparingDouble(p -> -t.ratings().get(p)));
        StringBuilder elo = new StringBuilder("player,elo,ci95_low,ci95_high\n");
        double[] v = new double[ranked.size()];
        double[] lo = new double[ranked.size()];
        double[] hi = new double[ranked.size()];
        for (int i = 0; i < ranked.size(); i++) {
            String p = ranked.get(i);
            v[i] = t.ratings().get(p);
            lo[i] = t.ci95().get(p)[0];
            hi[i] = t.ci95().get(p)[1];
            elo.append(ResultsCsv.field(p)).append(String.format(Locale.ROOT, ",%.1f,%.1f,%.1f%n", v[i], lo[i], hi[i]));
        }
        Files.writeString(out.resolve("elo.csv"), elo.toString(), StandardCharsets.UTF_8);
        StringBuilder m = new StringBuilder("row_vs_column");
        for (String n : names) {
            m.append(',').append(ResultsCsv.field(n));
        }
        m.append('\n');
        for (int i = 0; i < names.size(); i++) {
            m.append(ResultsCsv.field(names.get(i)));
            for (int j = 0; j < names.size(); j++) {
                m.append(',').append(Double.isNaN(wr[i][j]) ? "" : String.format(Locale.ROOT, "%.4f", wr[i][j]));
            }
            m.append('\n');
        }
        Files.writeString(out.resolve("winrate.csv"), m.toString(), StandardCharsets.UTF_8);
        Plot.heatmap(out.resolve("winrate.png"), "win rate of the row against the column (draws half)", names, wr);
        Plot.bars(out.resolve("elo.png"), "Elo with bootstrap 95% intervals (" + t.anchor() + " = " + Math.round(t.anchorRating()) + ")",
                ranked, v, lo, hi);
        StringBuilder md = new StringBuilder("# Ladder\n\n");
        md.append(games).append(" matches; ratings are maximum-likelihood Elo (Bradley-Terry, draw = half a win), ")
                .append(t.anchor()).append(" anchored at ").append(Math.round(t.anchorRating())).append(", 95% intervals from ")
                .append(t.bootstrap()).append(" bootstrap resamples.\n\n");
        if (!t.connected()) {
            md.append("**Warning**: the players form ").append(t.groups().size()).append(" groups that never met: ").append(t.groups())
                    .append(". Ratings across groups are not comparable.\n\n");
        }
        md.append("| rank | policy | Elo | 95% interval |\n|---|---|---|---|\n");
        for (int i = 0; i < ranked.size(); i++) {
            md.append(String.format(Locale.ROOT, "| %d | `%s` | %.0f | %.0f .. %.0f |%n", i + 1, ranked.get(i), v[i], lo[i], hi[i]));
        }
        if (nash != null) {
            md.append("\nNash mixture of the population (zero-sum game of win rate - 0.5): ");
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (nash[i] > 1e-6) {
                    parts.add(String.format(Locale.ROOT, "`%s` %.3f", names.get(i), nash[i]));
                }
            }
            md.append(String.join(", ", parts)).append(String.format(Locale.ROOT, ". NashConv of the uniform mixture: %.3f.%n", conv));
        }
        md.append("\n![Elo](elo.png)\n\n![win rates](winrate.png)\n\nFiles: `results.csv` (every match: players, score, seed, rounds,"
                + " frames, replay), `elo.csv`, `winrate.csv`, `replays/`.\n");
        Files.writeString(out.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    }

    /** Ratings as a map for JSON output. */
    public static Map<String, Object> ratingsJson(Elo.Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        t.ratings().forEach((k, v) -> m.put(k, Math.round(v * 10) / 10.0));
        return m;
    }
}
