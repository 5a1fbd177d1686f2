package io.kumite.cli;

import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.policies.eval.Elo;
import io.kumite.policies.eval.Ladder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ladder", mixinStandardHelpOptions = true,
        description = {"A round-robin tournament over policies: every pair plays --games matches (sides swapped every other game).",
            "Writes into --out: results.csv (every match), elo.csv and elo.png (Elo with bootstrap 95%% intervals), winrate.csv and",
            "winrate.png, replays/ and report.md. Resumable (--resume). The last line is JSON."})
final class LadderCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--policies", required = true, split = ",", description = "Policies, e.g. bot:kenta:8,ckpt:runs/a,torchscript:agent.pt,random:mira.")
    List<String> policies;

    @Option(names = "--games", defaultValue = "10", description = "Matches per pair (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--best-of", defaultValue = "3", description = "Rounds per match (default ${DEFAULT-VALUE}).")
    int bestOf;

    @Option(names = "--round-time", defaultValue = "" + MatchConfig.DEFAULT_ROUND_COUNTS, description = "Round timer in counts (default ${DEFAULT-VALUE}).")
    int roundTime;

    @Option(names = "--out", required = true, description = "Folder for the results.")
    Path out;

    @Option(names = "--resume", description = "Continue the tournament in --out.")
    boolean resume;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Matches played at once (default: the number of cores).")
    Integer threads;

    @Option(names = "--anchor", paramLabel = "NAME=RATING", description = "Fix one policy's rating (default: the first bot: at 1000).")
    String anchor;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--no-replays", description = "Do not keep the matches' replays.")
    boolean noReplays;

    @Override
    public Integer call() throws Exception {
        Map.Entry<String, Double> given = TwoPlayerTraining.anchor(anchor);
        String anchorName = given == null ? null : given.getKey();
        double anchorRating = given == null ? 1000 : given.getValue();
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Ladder.Outcome o = Ladder.run(new Ladder.Options(policies, games, bestOf, roundTime, seed, t, out, resume, anchorName, anchorRating,
                bootstrap, !noReplays), Roster.builtIn(), System.err);
        PrintWriter pw = spec.commandLine().getOut();
        Elo.Table e = o.elo();
        List<String> ranked = new ArrayList<>(e.ratings().keySet());
        ranked.sort(Comparator.comparingDouble(p -> -e.ratings().get(p)));
        Table table = new Table("rank", "policy", "Elo", "95% CI");
        Map<String, Object> ci = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            double[] c = e.ci95().get(ranked.get(i));
            table.row(i + 1, ranked.get(i), Math.round(e.ratings().get(ranked.get(i))), Math.round(c[0]) + " .. " + Math.round(c[1]));
            ci.put(ranked.get(i), List.of(Math.round(c[0] * 10) / 10.0, Math.round(c[1] * 10) / 10.0));
        }
        table.print(pw);
        pw.println("written: " + out.resolve("report.md") + " (elo.png, winrate.png, results.csv, replays/)");
        Map<String, Object> nash = new LinkedHashMap<>();
        if (o.nash() != null) {
            for (int i = 0; i < o.names().size(); i++) {
                nash.put(o.names().get(i), Math.round(o.nash()[i] * 1000) / 1000.0);
            }
            pw.println("Nash mixture of the population: " + nash + "; NashConv of the uniform mixture "
                    + String.format(java.util.Locale.ROOT, "%.3f", o.nashConvUniform()));
        }
        pw.println(Json.write(Json.object("ratings", Ladder.ratingsJson(e), "ci95", ci, "nash", nash, "nashconv_uniform", o.nashConvUniform(),
                "matches", o.matches(), "played_now", o.played(), "anchor", e.anchor(), "out", out.toString())));
        return 0;
    }
}
