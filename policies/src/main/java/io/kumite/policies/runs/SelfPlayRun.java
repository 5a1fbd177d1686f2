package io.kumite.policies.runs;

import ai.djl.Device;
import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.nn.ActorCritic;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.nn.Torch;
import io.kumite.policies.play.Opponent;
import io.kumite.policies.play.Payoff;
import io.kumite.policies.play.Pfsp;
import io.kumite.policies.play.SnapshotPool;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.ppo.PpoTrainer;
import io.kumite.policies.report.EventFile;
import io.kumite.policies.report.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Self-play training in two_player arenas, as {@code kumite train selfplay} runs it:
 * <ul>
 *   <li>{@code ippo}: two independent PPO learners, one per seat (each its own network, optimiser
 *       and rollout; seat 1 sees the game from its own side);</li>
 *   <li>{@code two-timescale}: IPPO with seat 1's learning rate multiplied by {@code lrRatio};</li>
 *   <li>{@code fsp}: one learner against snapshots of itself drawn uniformly;</li>
 *   <li>{@code pfsp}: the same, snapshots drawn by a PFSP weighting of the learner's decayed win
 *       rates ({@code squared}, {@code variance}, {@code linear_capped}).</li>
 * </ul>
 * Every {@code snapshotEvery} steps each learner is frozen into {@code snapshots/} (for the fictitious
 * variants the snapshot joins the pool). The state (snapshots, payoff table, steps, iteration, RNG)
 * is written atomically to {@code selfplay.json} with every snapshot; {@code --resume} continues
 * from it and from the learners' latest checkpoints.
 */
public final class SelfPlayRun {
    private SelfPlayRun() {}

    public enum Algo {
        IPPO, TWO_TIMESCALE, FSP, PFSP, PSRO;

        public static Algo parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown self-play algorithm \"" + s + "\"; expected ippo, two-timescale, fsp, pfsp"
                        + " or psro (the league is `kumite train league`)");
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean twoLearners() {
            return this == IPPO || this == TWO_TIMESCALE;
        }
    }

    public record Options(Algo algo, String preset, Map<String, String> settings, int envThreads, Path out, boolean resume, long snapshotEvery,
            double lrRatio, Pfsp.Weighting weighting, double payoffDecay) {}

    public record Summary(long steps, int iterations, double seconds, List<String> snapshots, Path out) {}

    static final String STATE = "selfplay.json";

    public static Summary run(PpoConfig requested, Options o, PrintStream log) throws IOException {
        Path statePath = o.out().resolve(STATE);
        Map<String, Object> state = null;
        PpoConfig cfg = requested;
        if (o.resume()) {
            if (!Files.exists(statePath)) {
                throw new IllegalArgumentException("--resume: " + o.out() + " has no " + STATE + "; start without --resume");
            }
            state = readState(statePath);
            cfg = PpoConfig.fromMap(map(state.get("ppo"))).withTotalSteps(Math.max(requested.totalSteps(),
                    ((Number) map(state.get("ppo")).get("total_steps")).longValue()));
        } else if (Files.exists(statePath)) {
            throw new IllegalArgumentException(o.out() + " already holds a self-play run; pass --resume to continue it, or choose another --out");
        }
        Algo algo = state != null ? Algo.parse((String) state.get("algo")) : o.algo();
        if (algo == Algo.PSRO) {
            throw new IllegalArgumentException("PSRO runs through PsroRun");
        }
        Roster roster = Roster.builtIn();
        EnvConfig env = state != null ? EnvConfig.preset("default").with(stringMap(state.get("env")), roster)
                : EnvConfig.preset(o.preset()).with(o.settings(), roster).with("mode", "two_player");
        if (env.actions() != EnvConfig.ActionType.DISCRETE || env.autoreset() != EnvConfig.Autoreset.NEXT_STEP) {
            throw new IllegalArgumentException("self-play trains the discrete action space with autoreset=next_step");
        }
        double lrRatio = state != null ? ((Number) state.get("lr_ratio")).doubleValue() : o.lrRatio();
        Pfsp.Weighting weighting = state != null ? Pfsp.Weighting.parse((String) state.get("weighting"))
                : algo == Algo.FSP ? Pfsp.Weighting.UNIFORM : o.weighting();
        Payoff payoff = state != null ? Payoff.fromMap(map(state.get("payoff"))) : new Payoff(o.payoffDecay());
        Torch.engine();
        Device device = Torch.device("auto");
        int[] shape = env.observationShape();
        ActorCritic.Arch arch = cfg.network().equals("auto") ? ActorCritic.Arch.forObservation(shape[1], shape[2])
                : ActorCritic.Arch.parse(cfg.network());
        int seats = algo.twoLearners() ? 2 : 1;
        EnvConfig[] views = {env, seatView(env)};
        Files.createDirectories(o.out());
        PolicyNet[] nets = new PolicyNet[seats];
        Adam[] adams = new Adam[seats];
        Rng rng = new Rng(Rng.derive(cfg.seed(), 1));
        SnapshotPool pool = algo.twoLearners() ? null : new SnapshotPool("learner", payoff, weighting);
        List<String> snapshots = new ArrayList<>();
        long stepsDone = 0;
        int itersDone = 0;
        try {
            for (int s = 0; s < seats; s++) {
                Path dir = learnerDir(o.out(), algo, s);
                if (state != null) {
                    nets[s] = Checkpoint.loadNet(dir, Checkpoint.manifest(dir), device);
                } else {
                    nets[s] = new PolicyNet(arch, shape, Actions.DISCRETE_COUNT, device, cfg.seed() + s);
                }
                adams[s] = new Adam(nets[s].parameters(), nets[s].manager(), 0.9f, 0.999f, cfg.adamEps());
                if (state != null) {
                    Checkpoint.loadOptimizer(dir, adams[s]);
                }
            }
            if (state != null) {
                stepsDone = ((Number) state.get("steps")).longValue();
                dropMetricsAfter(o.out().resolve("metrics.jsonl"), stepsDone);
                itersDone = ((Number) state.get("iteration")).intValue();
                rng.setState(((Number) state.get("rng_state")).longValue());
                for (Object n : (List<?>) state.get("snapshots")) {
                    snapshots.add((String) n);
                }
            } else if (pool != null) {
                // The pool starts with the untrained learner: something to play against from step 0.
                snapshots.add(snapshot(o.out(), nets[0], 0, views[0], cfg, algo, 0).getFileName().toString());
            }
            if (pool != null) {
                for (String n : snapshots) {
                    pool.add(n, o.out().resolve("snapshots").resolve(n));
                }
            }
            try (VecEnv venv = PpoRun.openEnv(env, cfg.numEnvs(), List.of(), null, o.envThreads());
                    Opponent opponent = pool == null ? null : Opponent.pool(pool)) {
                PpoTrainer trainer = pool == null
                        ? new PpoTrainer(cfg, venv, nets, adams, new float[] {1f, (float) (algo == Algo.TWO_TIMESCALE ? lrRatio : 1.0)}, rng)
                        : new PpoTrainer(cfg, venv, opponent, nets[0], adams[0], rng);
                trainer.start(Rng.derive(cfg.seed(), 1000 + itersDone), stepsDone, itersDone);
                log.println("kumite train selfplay --algo " + algo.id() + ": " + Torch.describe(device) + "; network " + arch.id() + ", "
                        + cfg.numEnvs() + " two_player environments" + (pool != null ? ", pool of " + pool.size() + " (" + weighting.id() + ")" : "")
                        + (stepsDone > 0 ? ", resumed at step " + stepsDone : ""));
                Progress progress = new Progress(log, "selfplay", cfg.totalSteps(), 10);
                long start = System.nanoTime();
                long nextSnapshot = (stepsDone / o.snapshotEvery() + 1) * o.snapshotEvery();
                try (BufferedWriter w = Files.newBufferedWriter(o.out().resolve("metrics.jsonl"), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        EventFile tb = EventFile.open(o.out(), stepsDone, EventFile.settings(cfg.toMap(), "algo", algo.id()))) {
                    while (!trainer.done()) {
                        Map<String, Object> m = trainer.iterate();
                        w.write(Json.write(m));
                        w.newLine();
                        w.flush();
                        tb.scalars(trainer.globalStep(), m);
                        progress.update(trainer.globalStep(), stepsDone, String.format(Locale.ROOT, "%s SPS  seat-0 win %s",
                                m.get("charts/SPS"), m.get("charts/win_rate") == null ? "-"
                                        : String.format(Locale.ROOT, "%.2f", ((Number) m.get("charts/win_rate")).doubleValue())), false);
                        if (trainer.globalStep() >= nextSnapshot || trainer.done()) {
                            for (int s = 0; s < seats; s++) {
                                Path snap = snapshot(o.out(), nets[s], trainer.globalStep(), views[s], cfg, algo, s);
                                snapshots.add(snap.getFileName().toString());
                                if (pool != null) {
                                    pool.add(snap.getFileName().toString(), snap);
                                }
                                PpoRun.saveCheckpoint(learnerDir(o.out(), algo, s), nets[s], adams[s], trainer.globalStep(), views[s], cfg,
                                        Map.of("algorithm", algo.id(), "seat", s, "iteration", trainer.iteration()));
                            }
                            nextSnapshot = (trainer.globalStep() / o.snapshotEvery() + 1) * o.snapshotEvery();
                            writeState(statePath, algo, env, cfg, lrRatio, weighting, payoff, snapshots, trainer.globalStep(),
                                    trainer.iteration(), rng.state());
                            PpoRun.writeCurves(o.out());
                        }
                    }
                }
                progress.finish();
                return new Summary(trainer.globalStep(), trainer.iteration(), (System.nanoTime() - start) / 1e9, snapshots, o.out());
            }
        } finally {
            for (PolicyNet n : nets) {
                if (n != null) {
                    n.close();
                }
            }
        }
    }

    /** The environment as seat 1 sees it: the characters and the starting side swapped. */
    static EnvConfig seatView(EnvConfig env) {
        String side = env.side() == EnvConfig.Side.LEFT ? "right" : env.side() == EnvConfig.Side.RIGHT ? "left" : "random";
        return env.with("agent_character", Integer.toString(env.opponentCharacter()))
                .with("opponent_character", Integer.toString(env.agentCharacter())).with("side", side);
    }

    static Path learnerDir(Path out, Algo algo, int seat) {
        return out.resolve(algo.twoLearners() ? "seat" + seat : "learner");
    }

    private static Path snapshot(Path out, PolicyNet net, long steps, EnvConfig view, PpoConfig cfg, Algo algo, int seat)
            throws IOException {
        Path dir = out.resolve("snapshots");
        Checkpoint.Manifest m = new Checkpoint.Manifest(net.block().arch(), net.actions(), view.observationShape(), view.toMap(), steps, cfg,
                null, null, Map.of("algorithm", algo.id(), "seat", seat, "snapshot", true));
        return Checkpoint.save(dir, String.format("seat%d-%012d", seat, steps), net, null, m, false);
    }

    private static void writeState(Path file, Algo algo, EnvConfig env, PpoConfig cfg, double lrRatio, Pfsp.Weighting weighting,
            Payoff payoff, List<String> snapshots, long steps, int iteration, long rngState) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "kumite-selfplay/1");
        s.put("algo", algo.id());
        s.put("env", env.toMap());
        s.put("ppo", cfg.toMap());
        s.put("lr_ratio", lrRatio);
        s.put("weighting", weighting.id());
        s.put("payoff", payoff.toMap());
        s.put("snapshots", snapshots);
        s.put("steps", steps);
        s.put("iteration", iteration);
        s.put("rng_state", rngState);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(s) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** After a kill, iterations past the last saved state are trained again: their old lines go. */
    @SuppressWarnings("unchecked")
    private static void dropMetricsAfter(Path metrics, long steps) throws IOException {
        if (!Files.exists(metrics)) {
            return;
        }
        List<String> keep = new ArrayList<>();
        for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
            try {
                Map<String, Object> m = (Map<String, Object>) Json.parse(line, metrics.toString());
                if (((Number) m.get(PpoTrainer.GLOBAL_STEP)).longValue() <= steps) {
                    keep.add(line);
                }
            } catch (Json.ParseException | ClassCastException | NullPointerException e) {
                // A line cut by the kill: dropped.
            }
        }
        Path tmp = metrics.resolveSibling("metrics.jsonl.tmp");
        Files.write(tmp, keep, StandardCharsets.UTF_8);
        Files.move(tmp, metrics, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readState(Path file) throws IOException {
        try {
            return (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (Json.ParseException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, String> stringMap(Object o) {
        Map<String, String> m = new LinkedHashMap<>();
        map(o).forEach((k, v) -> m.put(k, String.valueOf(v)));
        return m;
    }
}
