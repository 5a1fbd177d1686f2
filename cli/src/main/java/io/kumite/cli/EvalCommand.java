package io.kumite.cli;

import io.kumite.engine.json.Json;
import io.kumite.policies.eval.LadderEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"A checkpoint against each arcade-ladder character at one CPU level.",
            "A checkpoint against each of the 12 arcade-ladder characters at one CPU level: single-round episodes",
            "with the checkpoint's own observation settings; round win rate per character with its 95%% Wilson interval.",
            "--random adds the same table for uniformly random actions (a reference). The last line is JSON."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "ckpt:<path> or a path: a checkpoint folder or a run folder (its latest).")
    String checkpoint;

    @Option(names = "--level", defaultValue = "4", description = "CPU level 1..8 (default ${DEFAULT-VALUE}).")
    int level;

    @Option(names = "--rounds", defaultValue = "50", description = "Rounds per character (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", defaultValue = "2024", description = "Seed of the evaluation episodes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--random", description = "Also evaluate uniformly random actions on the same seeds.")
    boolean random;

    @Option(names = "--threads", description = "Environment threads (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (level < 1 || level > 8 || rounds < 1) {
            throw new IllegalArgumentException("--level must be in 1..8 and --rounds >= 1");
        }
        Path path = Path.of(checkpoint.startsWith("ckpt:") ? checkpoint.substring(5) : checkpoint);
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter out = spec.commandLine().getOut();
        List<LadderEvaluation.Row> rows = LadderEvaluation.run(path, level, rounds, Math.min(rounds, 16), t, seed, false);
        List<LadderEvaluation.Row> reference = random ? LadderEvaluation.run(path, level, rounds, Math.min(rounds, 16), t, seed, true) : null;
        Table table = random ? new Table("opponent", "level", "rounds won", "win rate", "95% CI", "mean return", "random: win rate")
                : new Table("opponent", "level", "rounds won", "win rate", "95% CI", "mean return");
        Map<String, Object> perCharacter = new LinkedHashMap<>();
        int won = 0;
        int decided = 0;
        double worst = 1;
        for (int i = 0; i < rows.size(); i++) {
            LadderEvaluation.Row r = rows.get(i);
            double[] ci = r.wilson95();
            List<Object> cells = new ArrayList<>(List.of(r.character(), r.level(), r.won() + "/" + (r.won() + r.lost()), pct(r.winRate()),
                    pct(ci[0]) + "-" + pct(ci[1]), String.format(Locale.ROOT, "%.3f", r.meanReturn())));
            if (reference != null) {
                cells.add(pct(reference.get(i).winRate()));
            }
            table.row(cells.toArray());
            perCharacter.put(r.character(), Json.object("won", r.won(), "lost", r.lost(), "win_rate", r.winRate(), "ci95",
                    List.of(ci[0], ci[1])));
            won += r.won();
            decided += r.won() + r.lost();
            worst = Math.min(worst, r.winRate());
        }
        table.print(out);
        double overall = decided == 0 ? Double.NaN : (double) won / decided;
        out.printf(Locale.ROOT, "overall: %d/%d rounds (%s); weakest matchup %s%n", won, decided, pct(overall), pct(worst));
        out.println(Json.write(Json.object("checkpoint", path.toString(), "level", level, "rounds_per_character", rounds,
                "overall_win_rate", overall, "min_win_rate", worst, "per_character", perCharacter)));
        return 0;
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }
}
