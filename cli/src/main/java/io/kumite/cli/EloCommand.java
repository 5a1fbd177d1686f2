package io.kumite.cli;

import io.kumite.engine.json.Json;
import io.kumite.policies.eval.Elo;
import io.kumite.policies.eval.ResultsCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "elo", mixinStandardHelpOptions = true,
        description = {"Bradley-Terry Elo ratings with bootstrap 95%% intervals from any match record.",
            "Rates any match record: maximum-likelihood Bradley-Terry Elo (400 scale, a draw is half a win, order",
            "independent) with bootstrap 95%% intervals. Input: CSV with columns player_a,player_b,score_a (1, 0.5 or 0,",
            "one row per game). The last line is JSON: {\"ratings\":{...},\"ci95\":{...}}."})
final class EloCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS.csv", description = "The match record.")
    Path file;

    @Option(names = "--anchor", paramLabel = "NAME=RATING",
            description = "Fix one player's rating (default: the first bot:... player at 1000, else the first player).")
    String anchor;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples for the intervals (default ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sequential", paramLabel = "K", description = "Also print sequential Elo with this K factor (order dependent, for live ladders).")
    Double k;

    @Override
    public Integer call() throws Exception {
        if (bootstrap < 0) {
            throw new IllegalArgumentException("--bootstrap must be >= 0");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist; give a CSV with the columns " + ResultsCsv.HEADER);
        }
        List<Elo.Game> games = ResultsCsv.read(file);
        Map.Entry<String, Double> given = TwoPlayerTraining.anchor(anchor);
        String anchorName;
        double anchorRating = given != null ? given.getValue() : 1000;
        if (given != null) {
            anchorName = given.getKey();
        } else {
            anchorName = games.stream().flatMap(g -> java.util.stream.Stream.of(g.a(), g.b())).filter(p -> p.startsWith("bot:"))
                    .findFirst().orElse(games.get(0).a());
        }
        Elo.Table t = Elo.table(games, anchorName, anchorRating, bootstrap, seed);
        print(spec.commandLine().getOut(), games, t, k);
        return 0;
    }

    static void print(PrintWriter out, List<Elo.Game> games, Elo.Table t, Double k) {
        Map<String, double[]> tally = new LinkedHashMap<>();
        for (Elo.Game g : games) {
            tally.computeIfAbsent(g.a(), x -> new double[2]);
            tally.computeIfAbsent(g.b(), x -> new double[2]);
            tally.get(g.a())[0] += g.score();
            tally.get(g.a())[1]++;
            tally.get(g.b())[0] += 1 - g.score();
            tally.get(g.b())[1]++;
        }
        Map<String, Double> seq = k == null ? null : Elo.sequential(games, k, t.anchorRating());
        List<String> ranked = new ArrayList<>(t.ratings().keySet());
        ranked.sort(Comparator.comparingDouble(p -> -t.ratings().get(p)));
        Table table = seq == null ? new Table("rank", "player", "Elo", "95% CI", "score", "games")
                : new Table("rank", "player", "Elo", "95% CI", "score", "games", "sequential");
        Map<String, Object> ratings = new LinkedHashMap<>();
        Map<String, Object> ci = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            String p = ranked.get(i);
            double[] c = t.ci95().get(p);
            double[] s = tally.get(p);
            List<Object> row = new ArrayList<>(List.of(i + 1, p, Math.round(t.ratings().get(p)),
                    Math.round(c[0]) + " .. " + Math.round(c[1]), String.format(Locale.ROOT, "%.1f", s[0]), (long) s[1]));
            if (seq != null) {
                row.add(Math.round(seq.get(p)));
            }
            table.row(row.toArray());
            ratings.put(p, round1(t.ratings().get(p)));
            ci.put(p, List.of(round1(c[0]), round1(c[1])));
        }
        table.print(out);
        out.printf(Locale.ROOT, "%d games, %d players; %s anchored at %.0f; intervals from %d bootstrap resamples%n", games.size(),
                ranked.size(), t.anchor(), t.anchorRating(), t.bootstrap());
        if (!t.connected()) {
            out.println("warning: the players form " + t.groups().size() + " groups that never played each other: " + t.groups()
                    + "; ratings across groups are not comparable (only the prior links them)");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ratings", ratings);
        json.put("ci95", ci);
        json.put("anchor", t.anchor());
        json.put("games", games.size());
        json.put("groups", t.groups());
        out.println(Json.write(json));
    }

    private static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
