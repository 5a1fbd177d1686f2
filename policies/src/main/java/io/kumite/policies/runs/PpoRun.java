package io.kumite.policies.runs;

import ai.djl.Device;
import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.env.RemoteVecEnv;
import io.kumite.policies.nn.ActorCritic;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.nn.Torch;
import io.kumite.policies.play.Opponent;
import io.kumite.policies.ppo.EpisodeStats;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.ppo.PpoTrainer;
import io.kumite.policies.report.EventFile;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One PPO training run as {@code kumite train ppo} runs it: builds the environments (in process or
 * on arena servers), the network (fresh or resumed from the run folder's latest checkpoint), then
 * iterates, writing {@code metrics.jsonl} (one line per iteration), checkpoints, and
 * {@code curves.png}, with a progress bar on {@code log}.
 */
public final class PpoRun {
    /**
     * @param preset     environment preset the settings apply to
     * @param settings   environment settings (EnvConfig names), applied after the preset
     * @param opponent   opponent spec ({@link Opponent#parse})
     * @param servers    arena servers ({@code host:port}); empty = in process
     * @param token      bearer token for the servers, or null
     * @param envThreads threads stepping in-process environments
     * @param device     {@code auto}, {@code cpu}, {@code gpu[:N]}
     * @param out        run folder
     * @param resume     continue from {@code out/latest}
     * @param saveEvery  steps between checkpoints (the last one is always written)
     * @param maxSeconds wall-clock budget: the run stops (with a checkpoint) after the iteration that passes it; 0 = none
     * @param init       a checkpoint whose weights start the run (fine-tuning), or null for fresh weights
     */
    public record Options(String preset, Map<String, String> settings, String opponent, List<String> servers, String token,
            int envThreads, String device, Path out, boolean resume, long saveEvery, double maxSeconds, Path init) {
        public Options(String preset, Map<String, String> settings, String opponent, List<String> servers, String token,
                int envThreads, String device, Path out, boolean resume, long saveEvery) {
            this(preset, settings, opponent, servers, token, envThreads, device, out, resume, saveEvery, 0, null);
        }

        public Options(String preset, Map<String, String> settings, String opponent, List<String> servers, String token,
                int envThreads, String device, Path out, boolean resume, long saveEvery, double maxSeconds) {
            this(preset, settings, opponent, servers, token, envThreads, device, out, resume, saveEvery, maxSeconds, null);
        }
    }

    /** What a finished run reports. */
    public record Summary(long steps, int iterations, double seconds, double stepsPerSecond, double meanReturn, double winRate,
            double roundWinRate, long episodes, Path checkpoint, String sha256, double[] timeShares) {}

    private PpoRun() {}

    /** The environment config a run trains on: preset, then the user's settings, then the opponent's. */
    public static EnvConfig envConfig(String preset, Map<String, String> settings, Opponent opponent) {
        Roster roster = Roster.builtIn();
        EnvConfig c = EnvConfig.preset(preset).with(settings, roster).with(opponent.settings(), roster);
        if (c.actions() != EnvConfig.ActionType.DISCRETE) {
            throw new IllegalArgumentException("PPO here trains the discrete action space (22 actions); remove actions=multi_binary");
        }
        if (c.autoreset() != EnvConfig.Autoreset.NEXT_STEP) {
            throw new IllegalArgumentException("PPO needs autoreset=next_step");
        }
        return c;
    }

    public static VecEnv openEnv(EnvConfig config, int numEnvs, List<String> servers, String token, int threads) {
        if (servers == null || servers.isEmpty()) {
            return new LocalVecEnv(Roster.builtIn(), config, numEnvs, threads);
        }
        Map<String, String> settings = new LinkedHashMap<>(config.toMap());
        return new RemoteVecEnv(servers, "default", settings, numEnvs, token);
    }

    public static Summary run(PpoConfig requested, Options o, PrintStream log) throws IOException {
        Roster roster = Roster.builtIn();
        PpoConfig cfg = requested;
        Checkpoint.Manifest resumed = null;
        Path latest = o.out().resolve(Checkpoint.LATEST);
        if (o.resume()) {
            if (!Files.exists(latest)) {
                throw new IllegalArgumentException("--resume: " + o.out() + " has no checkpoint yet (no " + latest + "); start without --resume");
            }
            resumed = Checkpoint.manifest(latest);
            // The run's settings come from the checkpoint; only the budget may grow.
            cfg = resumed.config().withTotalSteps(Math.max(requested.totalSteps(), resumed.config().totalSteps()));
        } else if (Files.exists(latest)) {
            throw new IllegalArgumentException(o.out() + " already holds a run (" + latest + "); pass --resume to continue it,"
                    + " or choose another --out");
        }
        ResumePoint from = resumed != null ? ResumePoint.of(latest, resumed) : null;
        String opponentSpec = from != null ? from.opponent() : o.opponent();
        Torch.engine();
        Device device = Torch.device(o.device());
        try (Opponent opponent = Opponent.parse(opponentSpec, roster)) {
            EnvConfig envConfig = resumed != null ? resumed.envConfig() : envConfig(o.preset(), o.settings(), opponent);
            opponent.prepare(envConfig, device);
            int[] shape = envConfig.observationShape();
            ActorCritic.Arch arch = cfg.network().equals("auto") ? ActorCritic.Arch.forObservation(shape[1], shape[2])
                    : ActorCritic.Arch.parse(cfg.network());
            long seed = cfg.seed();
            Files.createDirectories(o.out());
            try (VecEnv env = openEnv(envConfig, cfg.numEnvs(), o.servers(), o.token(), o.envThreads());
                    PolicyNet net = resumed != null ? Checkpoint.loadNet(latest, resumed, device)
                            : o.init() != null ? initial(o.init(), shape, device)
                            : new PolicyNet(arch, shape, Actions.DISCRETE_COUNT, device, seed)) {
                Adam adam = new Adam(net.parameters(), net.manager(), 0.9f, 0.999f, cfg.adamEps());
                Rng rng = new Rng(Rng.derive(seed, 1));
                long stepsDone = 0;
                int itersDone = 0;
                if (resumed != null) {
                    Checkpoint.loadOptimizer(latest, adam);
                    stepsDone = resumed.steps();
                    itersDone = from.iteration();
                    rng.setState(from.rngState());
                }
                PpoTrainer trainer = new PpoTrainer(cfg, env, opponent, net, adam, rng);
                String initFrom = from != null ? from.init()
                        : o.init() != null ? Checkpoint.resolve(o.init()).toRealPath() + " (sha256 " + Checkpoint.manifest(o.init()).sha256() + ")" : null;
                // A resumed run starts fresh episodes from seeds it has not used before.
                trainer.start(Rng.derive(seed, 1000 + itersDone), stepsDone, itersDone);
                log.println("kumite train ppo: " + Torch.describe(device) + "; network " + net.block().arch().id() + " ("
                        + net.size() + " parameters), observation " + java.util.Arrays.toString(shape) + ", "
                        + cfg.numEnvs() + " environments " + (o.servers().isEmpty() ? "in process" : "on " + o.servers())
                        + ", opponent " + opponentSpec + (resumed != null ? ", resumed at step " + stepsDone : ""));
                Path metrics = o.out().resolve("metrics.jsonl");
                Progress progress = new Progress(log, "train", cfg.totalSteps(), 10);
                long start = System.nanoTime();
                long nextSave = stepsDone + o.saveEvery();
                Path ckpt = resumed != null ? latest : null;
                Map<String, Object> last = Map.of();
                try (BufferedWriter w = Files.newBufferedWriter(metrics, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                        EventFile tb = EventFile.open(o.out(), stepsDone, hyperparameters(cfg, envConfig, opponentSpec, initFrom))) {
                    boolean outOfTime = false;
                    while (!trainer.done() && !outOfTime) {
                        Map<String, Object> m = trainer.iterate();
                        m.put("time/wall_s", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
                        w.write(Json.write(m));
                        w.newLine();
                        w.flush();
                        tb.scalars(trainer.globalStep(), m);
                        last = m;
                        progress.update(trainer.globalStep(), stepsDone, detail(m), false);
                        outOfTime = o.maxSeconds() > 0 && (System.nanoTime() - start) / 1e9 >= o.maxSeconds();
                        if (trainer.globalStep() >= nextSave || trainer.done() || outOfTime) {
                            ckpt = save(o.out(), net, adam, trainer, envConfig, cfg, opponentSpec, rng, initFrom);
                            nextSave = trainer.globalStep() + o.saveEvery();
                            writeCurves(o.out());
                        }
                    }
                }
                progress.finish();
                double seconds = (System.nanoTime() - start) / 1e9;
                EpisodeStats s = trainer.stats();
                Checkpoint.Manifest written = Checkpoint.manifest(ckpt);
                return new Summary(trainer.globalStep(), trainer.iteration(), seconds, (trainer.globalStep() - stepsDone) / seconds,
                        s.meanReturn(), s.winRate(), s.roundWinRate(), s.total(), ckpt.toRealPath(), written.sha256(),
                        trainer.timeShares());
            }
        }
    }

    /** What the run's TensorBoard "hyperparameters" text lists: the PPO settings, the environment, the opponent. */
    static Map<String, Object> hyperparameters(PpoConfig cfg, EnvConfig env, String opponent, String init) {
        Map<String, Object> h = new LinkedHashMap<>(cfg.toMap());
        env.toMap().forEach((k, v) -> h.put("env." + k, v));
        h.put("opponent", opponent);
        if (init != null) {
            h.put("init", init);
        }
        return h;
    }

    /** Weights to fine-tune from; the observation must be the one this run trains on. */
    private static PolicyNet initial(Path init, int[] shape, Device device) throws IOException {
        Checkpoint.Manifest m = Checkpoint.manifest(init);
        if (!java.util.Arrays.equals(m.observationShape(), shape)) {
            throw new IllegalArgumentException("--init " + init + " sees observations of shape " + java.util.Arrays.toString(m.observationShape())
                    + ", this run gives " + java.util.Arrays.toString(shape) + "; use the same observation settings");
        }
        return Checkpoint.loadNet(init, m, device);
    }

    static String detail(Map<String, Object> m) {
        return String.format(Locale.ROOT, "%s SPS  return %s  win %s", m.get("charts/SPS"), fmt(m.get("charts/episodic_return")),
                fmt(m.get("charts/win_rate")));
    }

    private static String fmt(Object v) {
        return v instanceof Number ? String.format(Locale.ROOT, "%.3f", ((Number) v).doubleValue()) : "-";
    }

    /**
     * What a PPO run's checkpoint holds beyond the weights for {@code --resume} to go on exactly: the
     * iteration reached, the opponent's spec, the trainer's RNG state and where the weights started
     * from ({@code init}, or null). Written into and read from the manifest's {@code extra} by name.
     */
    record ResumePoint(int iteration, String opponent, long rngState, String init) {
        /** The resume point of the checkpoint {@code at}, or an error naming what it lacks. */
        static ResumePoint of(Path at, Checkpoint.Manifest m) {
            Map<String, Object> x = m.extra();
            if (!(x.get("iteration") instanceof Number) || !(x.get("opponent") instanceof String) || !(x.get("rng_state") instanceof Number)) {
                throw new IllegalArgumentException("--resume: " + at + " was not written by kumite train ppo (its manifest has no "
                        + "iteration, opponent and rng_state); resume a PPO run's folder, or start without --resume");
            }
            return new ResumePoint(((Number) x.get("iteration")).intValue(), (String) x.get("opponent"),
                    ((Number) x.get("rng_state")).longValue(), x.get("init") instanceof String i ? i : null);
        }

        /** Puts this resume point into a manifest's {@code extra}. */
        void writeInto(Map<String, Object> extra) {
            if (init != null) {
                extra.put("init", init);
            }
            extra.put("iteration", iteration);
            extra.put("opponent", opponent);
            extra.put("rng_state", rngState);
        }
    }

    private static Path save(Path out, PolicyNet net, Adam adam, PpoTrainer trainer, EnvConfig env, PpoConfig cfg, String opponent,
            Rng rng, String init) throws IOException {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("algorithm", "ppo");
        new ResumePoint(trainer.iteration(), opponent, rng.state(), init).writeInto(extra);
        extra.put("episodes", trainer.stats().total());
        extra.put("win_rate_last_100", trainer.stats().winRate());
        return saveCheckpoint(out, net, adam, trainer.globalStep(), env, cfg, extra);
    }

    /**
     * Writes a checkpoint of {@code net} into the run folder {@code out} and keeps the optimizer
     * moments in the newest checkpoint only (they are needed to resume, not to play).
     */
    public static Path saveCheckpoint(Path out, PolicyNet net, Adam adam, long steps, EnvConfig env, PpoConfig cfg,
            Map<String, Object> extra) throws IOException {
        Checkpoint.Manifest m = new Checkpoint.Manifest(net.block().arch(), net.actions(), env.observationShape(), env.toMap(), steps, cfg,
                null, null, extra);
        List<Path> before = Checkpoint.list(out);
        Path dir = Checkpoint.save(out, net, adam, m);
        if (adam != null) {
            for (Path p : before) {
                if (!p.equals(dir)) {
                    Files.deleteIfExists(p.resolve(Checkpoint.OPTIMIZER));
                }
            }
        }
        return dir;
    }

    /** Redraws {@code curves.png} from {@code metrics.jsonl}. */
    @SuppressWarnings("unchecked")
    public static void writeCurves(Path runDir) throws IOException {
        Path metrics = runDir.resolve("metrics.jsonl");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add((Map<String, Object>) Json.parse(line, metrics.toString()));
            }
        }
        String[][] charts = {
            {"charts/episodic_return", "episodic return"}, {"charts/win_rate", "win rate (last 100 episodes)"},
            {"charts/SPS", "steps per second"}, {"losses/value_loss", "value loss"}, {"losses/entropy", "entropy"},
            {"losses/approx_kl", "approx KL"},
        };
        List<Plot.Panel> panels = new ArrayList<>();
        for (String[] c : charts) {
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = ((Number) rows.get(i).get(PpoTrainer.GLOBAL_STEP)).doubleValue();
                Object v = rows.get(i).get(c[0]);
                y[i] = v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
            }
            panels.add(new Plot.Panel(c[1], "agent steps", List.of(new Plot.Series("", x, y))));
        }
        Plot.write(runDir.resolve("curves.png"), panels, 3);
    }
}
