package io.kumite.cli;

import io.kumite.engine.json.Json;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.runs.PpoRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ppo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a pixel-based agent with PPO against a fixed opponent, in process or on arena servers.",
            "Writes into --out: metrics.jsonl (one line per iteration, CleanRL's metric names), curves.png,",
            "checkpoints ckpt-<steps>/ and the link latest (use it anywhere a policy is accepted: ckpt:<out>/latest).",
            "Defaults are FightLadder's PPO settings. The last line is JSON."},
        defaultValueProvider = TrainPpoCommand.PpoDefaults.class)
final class TrainPpoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--opponent", defaultValue = "bot:*:1",
            description = "bot:<character|*>:<level> (in the environment; * = random character per episode), noop, random or"
                    + " ckpt:<path> (default ${DEFAULT-VALUE}).")
    String opponent;

    @Option(names = "--character", defaultValue = "kenta", description = "The agent's character, or random (default ${DEFAULT-VALUE}).")
    String character;

    @Option(names = "--out", required = true, description = "Run folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint (config from the checkpoint).")
    boolean resume;

    @Option(names = "--steps", description = "Agent steps to train for, in total (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--preset", defaultValue = "atari84", description = "Observation preset: atari84, fightladder (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--env", split = ",", description = "Environment settings over the preset, e.g. width=48,height=48,frame_stack=2.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--server", split = ",", description = "Arena servers host:port to train on (default: in process).")
    List<String> servers = List.of();

    @Option(names = "--token-file", description = "File holding the bearer token for the servers.")
    Path tokenFile;

    @Option(names = "--num-envs", description = "Environments (default ${DEFAULT-VALUE}).")
    int numEnvs;

    @Option(names = "--n-steps", description = "Steps per environment per rollout (default ${DEFAULT-VALUE}).")
    int nSteps;

    @Option(names = "--batch", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", description = "Epochs per rollout (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--gamma", description = "Discount (default ${DEFAULT-VALUE}).")
    float gamma;

    @Option(names = "--gae-lambda", description = "GAE lambda (default ${DEFAULT-VALUE}).")
    float lambda;

    @Option(names = "--lr", description = "Learning rate at the start (default ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--lr-end", description = "Learning rate at the end, linear (default ${DEFAULT-VALUE}).")
    float lrEnd;

    @Option(names = "--clip", description = "Policy clip at the start (default ${DEFAULT-VALUE}).")
    float clip;

    @Option(names = "--clip-end", description = "Policy clip at the end, linear (default ${DEFAULT-VALUE}).")
    float clipEnd;

    @Option(names = "--ent-coef", description = "Entropy bonus (default ${DEFAULT-VALUE}).")
    float entCoef;

    @Option(names = "--vf-coef", description = "Value loss weight (default ${DEFAULT-VALUE}).")
    float vfCoef;

    @Option(names = "--max-grad-norm", description = "Gradient norm limit (default ${DEFAULT-VALUE}).")
    float maxGradNorm;

    @Option(names = "--network", description = "nature, small or auto (nature from 64 pixels a side) (default ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--seed", description = "Seed of weights, environments and sampling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--env-threads", description = "Threads stepping in-process environments (default: the number of cores).")
    Integer envThreads;

    @Option(names = "--save-every", defaultValue = "250000", description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    long saveEvery;

    @Option(names = "--init", paramLabel = "CHECKPOINT", description = "Start from this checkpoint's weights (fine-tuning; same observation settings).")
    Path init;

    @Option(names = "--max-minutes", defaultValue = "0", description = "Stop (with a checkpoint) after this many minutes; 0 = no limit.")
    double maxMinutes;

    @Option(names = "--torch-threads", defaultValue = "0",
            description = "PyTorch intra-op threads; 0 = 1 on machines of up to 4 cores (the game needs the others), else half the cores.")
    int torchThreads;

    @Override
    public Integer call() throws Exception {
        io.kumite.policies.nn.Torch.engine(torchThreads);
        PpoConfig cfg = PpoConfig.defaults().withRollout(numEnvs, nSteps).withMinibatch(batch).withEpochs(epochs)
                .withDiscount(gamma, lambda).withLearningRate(lr, lrEnd).withClip(clip, clipEnd).withLoss(vfCoef, entCoef, maxGradNorm)
                .withTotalSteps(steps).withSeed(seed).withNetwork(network.toLowerCase(Locale.ROOT));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("agent_character", character);
        settings.putAll(env);
        String token = tokenFile == null ? null : java.nio.file.Files.readString(tokenFile).trim();
        int threads = envThreads != null ? envThreads : Runtime.getRuntime().availableProcessors();
        PpoRun.Options o = new PpoRun.Options(preset, settings, opponent, servers, token, threads, device, out, resume, saveEvery, maxMinutes * 60,
                init == null ? null : Path.of(init.toString().startsWith("ckpt:") ? init.toString().substring(5) : init.toString()));
        PpoRun.Summary s = PpoRun.run(cfg, o, System.err);
        PrintWriter pw = spec.commandLine().getOut();
        Table t = new Table("steps", "iterations", "minutes", "steps/s", "episodes", "mean return", "win rate", "round win rate");
        t.row(s.steps(), s.iterations(), String.format(Locale.ROOT, "%.1f", s.seconds() / 60), Math.round(s.stepsPerSecond()),
                s.episodes(), String.format(Locale.ROOT, "%.3f", s.meanReturn()), String.format(Locale.ROOT, "%.2f", s.winRate()),
                String.format(Locale.ROOT, "%.2f", s.roundWinRate()));
        t.print(pw);
        pw.println("checkpoint: " + s.checkpoint() + " (sha256 " + s.sha256() + ")");
        pw.println(Json.write(Json.object("steps", s.steps(), "seconds", Math.round(s.seconds() * 10) / 10.0, "steps_per_sec",
                Math.round(s.stepsPerSecond()), "mean_return", s.meanReturn(), "win_rate", s.winRate(), "round_win_rate", s.roundWinRate(),
                "episodes", s.episodes(), "checkpoint", s.checkpoint().toString(), "sha256", s.sha256())));
        return 0;
    }

    /**
     * The PPO options' defaults, read from {@link PpoConfig#defaults()} (option {@code --gae-lambda} is
     * setting {@code gae_lambda}, {@code --steps} is {@code total_steps}) so that they are written once.
     */
    static final class PpoDefaults implements picocli.CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(picocli.CommandLine.Model.ArgSpec arg) {
            if (!(arg instanceof picocli.CommandLine.Model.OptionSpec option)) {
                return null;
            }
            String key = option.longestName().substring(2).replace('-', '_');
            Object value = PpoConfig.defaults().toMap().get(key.equals("steps") ? "total_steps" : key);
            return value == null ? null : value.toString();
        }
    }
}
