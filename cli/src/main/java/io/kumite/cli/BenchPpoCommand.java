package io.kumite.cli;

import io.kumite.engine.json.Json;
import io.kumite.policies.nn.Torch;
import io.kumite.policies.runs.PpoBenchmark;
import io.kumite.policies.ppo.PpoConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ppo", mixinStandardHelpOptions = true,
        description = {"PPO training throughput for each observation preset.",
            "PPO training throughput: whole iterations (rollout against a level-1 bot + 4-epoch update) after one",
            "warm-up iteration; median agent steps/s and the share of time in environment stepping, inference and learning.",
            "Measures each --observation in the same run. The last line is JSON."})
final class BenchPpoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--observation", split = ",", defaultValue = "atari84,small48",
            description = "Setups to measure: atari84 (84x84x4, Nature CNN), small48 (48x48x4, small CNN), fightladder (100x128x3, Nature CNN)"
                    + " (default ${DEFAULT-VALUE}).")
    List<String> observations;

    @Option(names = "--num-envs", defaultValue = "16", description = "Environments (default ${DEFAULT-VALUE}).")
    int numEnvs;

    @Option(names = "--n-steps", defaultValue = "128", description = "Steps per environment per iteration (default ${DEFAULT-VALUE}).")
    int nSteps;

    @Option(names = "--iterations", defaultValue = "3", description = "Timed iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--torch-threads", defaultValue = "0", description = "PyTorch threads; 0 = 1 on up to 4 cores, else half (default).")
    int torchThreads;

    @Option(names = "--env-threads", description = "Environment threads (default: the number of cores).")
    Integer envThreads;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        if (iterations < 1 || numEnvs < 1 || nSteps < 1) {
            throw new IllegalArgumentException("--iterations, --num-envs and --n-steps must be >= 1");
        }
        Torch.engine(torchThreads);
        int threads = envThreads != null ? envThreads : Runtime.getRuntime().availableProcessors();
        PrintWriter out = spec.commandLine().getOut();
        Table table = new Table("setup", "network", "parameters", "steps/s", "env", "inference", "learning", "learn samples/s");
        List<Object> json = new ArrayList<>();
        String described = null;
        for (String o : observations) {
            Map<String, String> settings = new LinkedHashMap<>();
            String preset = "atari84";
            switch (o) {
                case "atari84":
                    break;
                case "small48":
                    settings.put("width", "48");
                    settings.put("height", "48");
                    break;
                case "fightladder":
                    preset = "fightladder";
                    break;
                default:
                    throw new IllegalArgumentException("unknown --observation " + o + "; expected atari84, small48 or fightladder");
            }
            PpoConfig cfg = PpoConfig.defaults().withRollout(numEnvs, nSteps).withTotalSteps(1);
            PpoBenchmark.Result r = PpoBenchmark.run(preset, settings, cfg, device, threads, iterations);
            described = r.device();
            table.row(o, r.network(), r.parameters(), Math.round(r.stepsPerSecond()), pct(r.envShare()), pct(r.inferenceShare()),
                    pct(r.learnShare()), Math.round(r.learnSamplesPerSecond()));
            json.add(Json.object("setup", o, "network", r.network(), "parameters", r.parameters(), "steps_per_sec",
                    Math.round(r.stepsPerSecond()), "env_share", round(r.envShare()), "inference_share", round(r.inferenceShare()),
                    "learn_share", round(r.learnShare()), "learn_samples_per_sec", Math.round(r.learnSamplesPerSecond())));
        }
        out.println("bench ppo: " + described + ", " + Runtime.getRuntime().availableProcessors() + " core(s), " + numEnvs
                + " environments x " + nSteps + " steps per iteration, minibatch 1024, 4 epochs; median of " + iterations + " iterations");
        table.print(out);
        // The first setup's figures at the top level (BENCHMARKS.md's fields), every setup under "results".
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "ppo");
        line.put("device", described);
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.putAll((Map<String, Object>) json.get(0));
        line.put("results", json);
        out.println(Json.write(line));
        return 0;
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
