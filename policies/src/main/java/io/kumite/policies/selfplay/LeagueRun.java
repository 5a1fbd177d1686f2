package io.kumite.policies.selfplay;

import ai.djl.Device;
import io.kumite.engine.Rng;
import io.kumite.engine.env.Actions;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.nn.ActorCritic;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.nn.Torch;
import io.kumite.policies.ppo.Opponent;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.ppo.PpoRun;
import io.kumite.policies.ppo.PpoTrainer;
import io.kumite.policies.report.Plot;
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
 * Trains a {@link League} in one process: each learner has its own two_player arenas, network,
 * optimiser and PPO trainer, and they take turns, one PPO iteration each. Every episode's seat-1
 * opponent is chosen by the learner's role ({@link League#match}); live learners are met through
 * their latest checkpoint. After each learner iteration: its checkpoint, then any snapshot the rules
 * call for, then {@code league.json} (players, historical players, payoff table, RNG, counters),
 * each written atomically, so a run killed at any moment resumes from its last consistent state.
 *
 * <p>Layout: {@code learners/<name>/} (checkpoints, the newest two kept, and {@code initial}),
 * {@code historical/<name@k>/} (frozen snapshots, usable as {@code ckpt:}), {@code league.json},
 * {@code metrics.jsonl} (one line per learner iteration, with its name), {@code payoff.png}.
 */
public final class LeagueRun {
    private LeagueRun() {}

    public record Options(String preset, Map<String, String> settings, int envThreads, Path out, boolean resume, int mainAgents,
            int mainExploiters, int leagueExploiters, long minSteps, long maxSteps, double decay) {}

    static final String STATE = "league.json";
    static final String INITIAL = "initial";

    /** Trains until every learner has {@code cfg.totalSteps()} steps; returns the league. */
    @SuppressWarnings("unchecked")
    public static League run(PpoConfig cfg, Options o, PrintStream log) throws IOException {
        Path statePath = o.out().resolve(STATE);
        Roster roster = Roster.builtIn();
        League league;
        EnvConfig env;
        Rng rng = new Rng(Rng.derive(cfg.seed(), 3));
        PpoConfig ppo = cfg;
        boolean fresh = !Files.exists(statePath);
        if (!fresh) {
            if (!o.resume()) {
                throw new IllegalArgumentException(o.out() + " already holds a league; pass --resume to continue it, or choose another --out");
            }
            Map<String, Object> s = SelfPlayRun.readState(statePath);
            league = League.fromMap((Map<String, Object>) s.get("league"));
            env = EnvConfig.preset("default").with(strings((Map<String, Object>) s.get("env")), roster);
            ppo = PpoConfig.fromMap((Map<String, Object>) s.get("ppo")).withTotalSteps(Math.max(cfg.totalSteps(),
                    ((Number) ((Map<String, Object>) s.get("ppo")).get("total_steps")).longValue()));
            rng.setState(((Number) s.get("rng_state")).longValue());
        } else {
            if (o.resume()) {
                throw new IllegalArgumentException("--resume: " + o.out() + " has no " + STATE + "; start without --resume");
            }
            league = new League(o.mainAgents(), o.mainExploiters(), o.leagueExploiters(), new Payoff(o.decay()), o.minSteps(), o.maxSteps());
            env = EnvConfig.preset(o.preset()).with(o.settings(), roster).with("mode", "two_player");
        }
        Torch.engine();
        Device device = Torch.device("auto");
        int[] shape = env.observationShape();
        ActorCritic.Arch arch = ppo.network().equals("auto") ? ActorCritic.Arch.forObservation(shape[1], shape[2])
                : ActorCritic.Arch.parse(ppo.network());
        List<League.Player> players = league.learners();
        int n = players.size();
        PolicyNet[] nets = new PolicyNet[n];
        Adam[] adams = new Adam[n];
        VecEnv[] envs = new VecEnv[n];
        SnapshotPool[] pools = new SnapshotPool[n];
        Opponent[] opponents = new Opponent[n];
        PpoTrainer[] trainers = new PpoTrainer[n];
        try {
            for (int i = 0; i < n; i++) {
                League.Player p = players.get(i);
                Path dir = learnerDir(o.out(), p.name);
                if (fresh) {
                    nets[i] = new PolicyNet(arch, shape, Actions.DISCRETE_COUNT, device, ppo.seed() + 17L * i);
                    Checkpoint.save(dir, INITIAL, nets[i], null, manifest(nets[i], env, ppo, 0, p), false);
                } else {
                    Path ckpt = checkpointAt(dir, p.steps());
                    nets[i] = Checkpoint.loadNet(ckpt, Checkpoint.manifest(ckpt), device);
                }
                adams[i] = new Adam(nets[i].parameters(), nets[i].manager(), 0.9f, 0.999f, ppo.adamEps());
                if (!fresh) {
                    Checkpoint.loadOptimizer(checkpointAt(dir, p.steps()), adams[i]);
                } else {
                    PpoRun.saveCheckpoint(dir, nets[i], adams[i], 0, env, ppo, Map.of("league_player", p.name));
                }
            }
            if (fresh) {
                for (League.Player p : players) {
                    if (p.role == League.Role.MAIN_AGENT) {
                        League.Player h = league.seed(p);
                        copyTree(learnerDir(o.out(), p.name).resolve(INITIAL), historicalDir(o.out(), h.name));
                    }
                }
                writeState(statePath, league, env, ppo, rng.state());
            }
            for (int i = 0; i < n; i++) {
                League.Player p = players.get(i);
                SnapshotPool pool = new SnapshotPool(p.name, league.payoff(), Pfsp.Weighting.UNIFORM);
                for (League.Player q : players) {
                    pool.add(q.name, learnerDir(o.out(), q.name).resolve(Checkpoint.LATEST));
                }
                for (League.Player h : league.historicals()) {
                    pool.add(h.name, historicalDir(o.out(), h.name));
                }
                pool.setChooser(r -> pool.names().indexOf(league.match(p, r)));
                pools[i] = pool;
                opponents[i] = Opponent.pool(pool);
                envs[i] = PpoRun.openEnv(env, ppo.numEnvs(), List.of(), null, o.envThreads());
                trainers[i] = new PpoTrainer(ppo, envs[i], opponents[i], nets[i], adams[i], rng);
                int iterations = (int) (p.steps() / ppo.batchSize());
                trainers[i].start(Rng.derive(ppo.seed(), 100_000L * i + iterations), p.steps(), iterations);
            }
            log.println("kumite train league: " + Torch.describe(device) + "; " + describe(league) + ", " + ppo.numEnvs()
                    + " arenas per learner, network " + arch.id() + (fresh ? "" : ", resumed"));
            try (BufferedWriter w = Files.newBufferedWriter(o.out().resolve("metrics.jsonl"), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                boolean any = true;
                while (any) {
                    any = false;
                    for (int i = 0; i < n; i++) {
                        if (trainers[i].done()) {
                            continue;
                        }
                        any = true;
                        League.Player p = players.get(i);
                        long before = trainers[i].globalStep();
                        Map<String, Object> m = trainers[i].iterate();
                        league.addSteps(p, trainers[i].globalStep() - before);
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("player", p.name);
                        line.put("role", p.role.id());
                        line.putAll(m);
                        w.write(Json.write(line));
                        w.newLine();
                        w.flush();
                        Path dir = learnerDir(o.out(), p.name);
                        PpoRun.saveCheckpoint(dir, nets[i], adams[i], p.steps(), env, ppo, Map.of("league_player", p.name));
                        prune(dir);
                        for (SnapshotPool pool : pools) {
                            pool.reload(p.name, dir.resolve(Checkpoint.LATEST));
                        }
                        if (league.readyToSnapshot(p)) {
                            League.Player h = league.snapshot(p);
                            Path hdir = historicalDir(o.out(), h.name);
                            Checkpoint.save(hdir.getParent(), h.name, nets[i], null, manifest(nets[i], env, ppo, p.steps(), h), false);
                            for (SnapshotPool pool : pools) {
                                pool.add(h.name, hdir);
                            }
                            log.println("league: " + h.name + " frozen at " + p.steps() + " steps");
                            if (league.resetAfterSnapshot(p, rng)) {
                                nets[i].load(dir.resolve(INITIAL).resolve(Checkpoint.PARAMS));
                                adams[i].reset();
                                log.println("league: " + p.name + " restarts from its initial weights");
                            }
                        }
                        writeState(statePath, league, env, ppo, rng.state());
                    }
                }
            }
            writePayoffPng(o.out(), league);
            return league;
        } finally {
            for (int i = 0; i < n; i++) {
                if (opponents[i] != null) {
                    opponents[i].close();
                }
                if (pools[i] != null) {
                    pools[i].close();
                }
                if (envs[i] != null) {
                    envs[i].close();
                }
                if (nets[i] != null) {
                    nets[i].close();
                }
            }
        }
    }

    /** The league's state from its folder (for {@code league status}). */
    @SuppressWarnings("unchecked")
    public static League load(Path out) throws IOException {
        Path state = out.resolve(STATE);
        if (!Files.exists(state)) {
            throw new IllegalArgumentException(out + " holds no league (" + STATE + " is missing)");
        }
        return League.fromMap((Map<String, Object>) SelfPlayRun.readState(state).get("league"));
    }

    public static Path learnerDir(Path out, String name) {
        return out.resolve("learners").resolve(name);
    }

    public static Path historicalDir(Path out, String name) {
        return out.resolve("historical").resolve(name);
    }

    /** The learner's checkpoint of exactly {@code steps} steps when kept, else its latest. */
    static Path checkpointAt(Path dir, long steps) throws IOException {
        Path exact = dir.resolve(String.format("ckpt-%012d", steps));
        return Files.isRegularFile(exact.resolve(Checkpoint.MANIFEST)) ? exact : dir.resolve(Checkpoint.LATEST);
    }

    /** Keeps the newest two step checkpoints (the state may point at the one before the newest) and the initial weights. */
    private static void prune(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path p : Checkpoint.list(dir)) {
            if (p.getFileName().toString().startsWith("ckpt-")) {
                all.add(p);
            }
        }
        for (int i = 0; i < all.size() - 2; i++) {
            deleteTree(all.get(i));
        }
    }

    private static Checkpoint.Manifest manifest(PolicyNet net, EnvConfig env, PpoConfig ppo, long steps, League.Player p) {
        return new Checkpoint.Manifest(net.block().arch(), net.actions(), env.observationShape(), env.toMap(), steps, ppo, null, null,
                Map.of("league_player", p.name, "role", p.role.id()));
    }

    static String describe(League l) {
        Map<League.Role, Integer> c = new LinkedHashMap<>();
        for (League.Player p : l.learners()) {
            c.merge(p.role, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        c.forEach((r, k) -> parts.add(k + " " + r.id().replace('_', ' ') + (k > 1 ? "s" : "")));
        return String.join(", ", parts) + ", " + l.historicals().size() + " historical";
    }

    private static void writeState(Path file, League league, EnvConfig env, PpoConfig ppo, long rng) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "kumite-league/1");
        s.put("env", env.toMap());
        s.put("ppo", ppo.toMap());
        s.put("league", league.toMap());
        s.put("rng_state", rng);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(s) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The payoff matrix (learners and historical players, row's win rate against the column) as a heat map. */
    public static void writePayoffPng(Path out, League league) throws IOException {
        List<String> names = league.allNames();
        double[][] w = new double[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                w[i][j] = i == j || league.payoff().games(names.get(i), names.get(j)) == 0 ? Double.NaN
                        : league.payoff().winRate(names.get(i), names.get(j));
            }
        }
        Plot.heatmap(out.resolve("payoff.png"), "league payoff: decayed win rate of the row against the column", names, w);
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>();
            s.forEach(all::add);
            for (int i = all.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(all.get(i));
            }
        }
    }

    /** One line per player for {@code league status}. */
    public static List<String> status(League league) {
        List<String> lines = new ArrayList<>();
        List<String> all = league.allNames();
        for (League.Player p : league.learners()) {
            double mean = 0;
            int k = 0;
            for (String q : all) {
                if (!q.equals(p.name) && league.payoff().games(p.name, q) > 0) {
                    mean += league.payoff().winRate(p.name, q);
                    k++;
                }
            }
            lines.add(String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%s", p.name, p.role.id(), p.steps(), p.snapshots,
                    k == 0 ? "-" : String.format(Locale.ROOT, "%.2f", mean / k)));
        }
        return lines;
    }
}
