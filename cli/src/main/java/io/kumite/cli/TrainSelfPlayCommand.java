package io.kumite.cli;

import io.kumite.engine.json.Json;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.play.Pfsp;
import io.kumite.policies.runs.SelfPlayRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "selfplay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Self-play in two_player arenas: IPPO, two-timescale, FSP or PFSP.",
            "Self-play in two_player arenas: ippo (a PPO learner per seat), two-timescale (seat 1's learning rate scaled",
            "by --lr-ratio), fsp (one learner against its snapshots, uniformly) or pfsp (snapshots drawn by a PFSP weighting of the",
            "learner's decayed win rates). Snapshots every --snapshot-every steps go to --out/snapshots (rate them with",
            "`kumite ladder`); the state survives a stop (--resume). The last line is JSON."})
final class TrainSelfPlayCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    TwoPlayerTraining training = new TwoPlayerTraining();

    @Option(names = "--algo", required = true, description = "ippo, two-timescale, fsp or pfsp.")
    String algo;

    @Option(names = "--out", required = true, description = "Run folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out.")
    boolean resume;

    @Option(names = "--steps", defaultValue = "1000000", description = "Agent steps in total (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--snapshot-every", defaultValue = "100000", description = "Steps between snapshots (default ${DEFAULT-VALUE}).")
    long snapshotEvery;

    @Option(names = "--pfsp", defaultValue = "squared", description = "PFSP weighting: squared, variance, linear_capped (default ${DEFAULT-VALUE}).")
    String pfsp;

    @Option(names = "--payoff-decay", defaultValue = "0.99", description = "Payoff table decay per game (default ${DEFAULT-VALUE}).")
    double decay;

    @Option(names = "--lr-ratio", defaultValue = "0.1", description = "two-timescale: seat 1's learning rate / seat 0's (default ${DEFAULT-VALUE}).")
    double lrRatio;








    @Option(names = "--psro-games", defaultValue = "10", description = "psro: matches between a new member and each other (default ${DEFAULT-VALUE}).")
    int psroGames;



    @Override
    public Integer call() throws Exception {
        SelfPlayRun.Algo a = SelfPlayRun.Algo.parse(algo);
        if (snapshotEvery < 1 || lrRatio <= 0) {
            throw new IllegalArgumentException("--snapshot-every must be >= 1 and --lr-ratio > 0");
        }
        PpoConfig cfg = training.ppo(steps);
        Map<String, String> settings = training.settings();
        String preset = training.preset;
        int t = training.threads();
        PrintWriter pw = spec.commandLine().getOut();
        if (a == SelfPlayRun.Algo.PSRO) {
            int iterations = (int) Math.max(1, steps / snapshotEvery);
            io.kumite.policies.runs.PsroRun.Summary p = io.kumite.policies.runs.PsroRun.run(cfg.withTotalSteps(snapshotEvery),
                    new io.kumite.policies.runs.PsroRun.Options(preset, settings, t, out, resume, snapshotEvery, iterations, psroGames),
                    System.err);
            double[] meta = p.metaStrategies().get(p.metaStrategies().size() - 1);
            Table table = new Table("member", "meta-strategy weight", "payoff vs the meta-strategy");
            Map<String, Object> weights = new LinkedHashMap<>();
            for (int i = 0; i < p.population().size(); i++) {
                double v = 0;
                for (int j = 0; j < meta.length; j++) {
                    v += p.payoff()[i][j] * meta[j];
                }
                table.row(p.population().get(i), String.format(Locale.ROOT, "%.3f", meta[i]), String.format(Locale.ROOT, "%+.3f", v));
                weights.put(p.population().get(i), meta[i]);
            }
            table.print(pw);
            pw.println(Json.write(Json.object("algo", "psro", "population", p.population(), "meta_strategy", weights, "out", out.toString())));
            return 0;
        }
        SelfPlayRun.Summary s = SelfPlayRun.run(cfg, new SelfPlayRun.Options(a, preset, settings, t, out, resume, snapshotEvery, lrRatio,
                Pfsp.Weighting.parse(pfsp), decay), System.err);
        Table table = new Table("algorithm", "steps", "iterations", "minutes", "snapshots");
        table.row(a.id(), s.steps(), s.iterations(), String.format(Locale.ROOT, "%.1f", s.seconds() / 60), s.snapshots().size());
        table.print(pw);
        pw.println("snapshots in " + out.resolve("snapshots") + "; rate them: kumite ladder --policies ckpt:" + out.resolve("snapshots")
                + "/<name>,... --out " + out.resolve("ladder"));
        pw.println(Json.write(Json.object("algo", a.id(), "steps", s.steps(), "snapshots", s.snapshots(), "out", out.toString())));
        return 0;
    }
}
