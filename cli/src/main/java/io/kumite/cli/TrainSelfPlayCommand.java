package io.kumite.cli;

import io.kumite.engine.json.Json;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.selfplay.Pfsp;
import io.kumite.policies.selfplay.SelfPlayRun;
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
        description = {"Self-play in two_player arenas: ippo (a PPO learner per seat), two-timescale (seat 1's learning rate scaled",
            "by --lr-ratio), fsp (one learner against its snapshots, uniformly) or pfsp (snapshots drawn by a PFSP weighting of the",
            "learner's decayed win rates). Snapshots every --snapshot-every steps go to --out/snapshots (rate them with",
            "`kumite ladder`); the state survives a stop (--resume). The last line is JSON."})
final class TrainSelfPlayCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--character", defaultValue = "kenta", description = "Seat 0's character (default ${DEFAULT-VALUE}).")
    String character;

    @Option(names = "--opponent-character", defaultValue = "kenta", description = "Seat 1's character (default ${DEFAULT-VALUE}).")
    String opponentCharacter;

    @Option(names = "--preset", defaultValue = "atari84", description = "Observation preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--env", split = ",", description = "Environment settings over the preset, e.g. width=48,height=48.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--num-envs", defaultValue = "16", description = "Environments (default ${DEFAULT-VALUE}).")
    int numEnvs;

    @Option(names = "--n-steps", defaultValue = "256", description = "Steps per environment per rollout (default ${DEFAULT-VALUE}).")
    int nSteps;

    @Option(names = "--batch", defaultValue = "1024", description = "Minibatch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--psro-games", defaultValue = "10", description = "psro: matches between a new member and each other (default ${DEFAULT-VALUE}).")
    int psroGames;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--env-threads", description = "Environment threads (default: the number of cores).")
    Integer envThreads;

    @Override
    public Integer call() throws Exception {
        SelfPlayRun.Algo a = SelfPlayRun.Algo.parse(algo);
        if (snapshotEvery < 1 || lrRatio <= 0) {
            throw new IllegalArgumentException("--snapshot-every must be >= 1 and --lr-ratio > 0");
        }
        PpoConfig d = PpoConfig.defaults();
        PpoConfig cfg = new PpoConfig(numEnvs, nSteps, batch, d.epochs(), d.gamma(), d.gaeLambda(), d.lr(), 1e-4f, d.clip(), 0.1f, true,
                d.vfCoef(), d.entCoef(), d.maxGradNorm(), d.adamEps(), true, steps, seed, "auto");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("agent_character", character);
        settings.put("opponent_character", opponentCharacter);
        settings.putAll(env);
        int t = envThreads != null ? envThreads : Runtime.getRuntime().availableProcessors();
        PrintWriter pw = spec.commandLine().getOut();
        if (a == SelfPlayRun.Algo.PSRO) {
            int iterations = (int) Math.max(1, steps / snapshotEvery);
            io.kumite.policies.selfplay.PsroRun.Summary p = io.kumite.policies.selfplay.PsroRun.run(cfg.withTotalSteps(snapshotEvery),
                    new io.kumite.policies.selfplay.PsroRun.Options(preset, settings, t, out, resume, snapshotEvery, iterations, psroGames),
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
