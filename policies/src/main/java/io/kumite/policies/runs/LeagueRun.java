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
import io.kumite.policies.report.Plot;
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
 * Trains a {@link League}: each learner has its own two_player arenas, network, optimiser and PPO
 * trainer; the learners of one process take turns, one PPO iteration each. Every episode's seat-1
 * opponent is chosen by the learner's role ({@link League#match}); live learners are met through
 * their latest checkpoint.
 *
 * <p>One league may be trained by several processes, each owning some learners
 * ({@link Options#learners}: names or roles, e.g. one process per role, on one machine or on several
 * sharing a file system). The shared state is {@code league.json}; after each iteration a learner
 * takes {@code league.lock}, re-reads the state, adds its steps and the games it played to the payoff
 * table, writes its checkpoint, takes any snapshot the rules call for, writes the state atomically
 * and picks up what the other processes wrote (new historical players, newer checkpoints, their
 * games). A learner is owned by one process at a time ({@code learners/<name>/owner.lock}). A process
 * killed at any moment loses at most its unmerged iteration; the state stays consistent.
 *
 * <p>Layout: {@code learners/<name>/} (checkpoints, the newest two kept, and {@code initial}),
 * {@code historical/<name@k>/} (frozen snapshots, usable as {@code ckpt:}), {@code league.json},
 * {@code metrics.jsonl} (one line per learner iteration, with its name), {@code payoff.png}.
 */
public final class LeagueRun {
    private LeagueRun() {}

    /** {@code learners}: the learners this process trains, by name or role id; empty = all of them. */
    public record Options(String preset, Map<String, String> settings, int envThreads, Path out, boolean resume, int mainAgents,
            int mainExploiters, int leagueExploiters, long minSteps, long maxSteps, double decay, List<String> learners) {
        public Options {
            learners = learners == null ? List.of() : List.copyOf(learners);
        }
    }

    static final String STATE = "league.json";
    static final String LOCK = "league.lock";
    static final String OWNER = "owner.lock";
    static final String INITIAL = "initial";

    /** The shared state as read from disk: the league, settings and each learner's RNG. */
    private record Shared(League league, EnvConfig env, PpoConfig ppo, Map<String, Long> rngs) {}

    /** Trains this process's learners until each has {@code cfg.totalSteps()} steps; returns the league. */
    public static League run(PpoConfig cfg, Options o, PrintStream log) throws IOException {
        Files.createDirectories(o.out());
        Path statePath = o.out().resolve(STATE);
        Path lockPath = o.out().resolve(LOCK);
        boolean shared = !o.learners().isEmpty();
        Shared state;
        boolean created = false;
        try (StateLock lock = StateLock.acquire(lockPath)) {
            if (Files.exists(statePath)) {
                if (!o.resume() && !shared) {
                    throw new IllegalArgumentException(o.out() + " already holds a league; pass --resume to continue it, or choose another --out");
                }
                state = readShared(statePath);
                state = new Shared(state.league(), state.env(), state.ppo().withTotalSteps(Math.max(cfg.totalSteps(), state.ppo().totalSteps())),
                        state.rngs());
            } else {
                if (o.resume()) {
                    throw new IllegalArgumentException("--resume: " + o.out() + " has no " + STATE + "; start without --resume");
                }
                state = create(cfg, o);
                created = true;
            }
        }
        League league = state.league();
        EnvConfig env = state.env();
        PpoConfig ppo = state.ppo();
        List<League.Player> all = league.learners();
        List<Integer> mine = select(all, o.learners());
        Torch.engine();
        Device device = Torch.device("auto");
        List<Learner> learners = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        try {
            for (int i : mine) {
                League.Player p = all.get(i);
                Learner l = new Learner(p, learnerDir(o.out(), p.name));
                learners.add(l);
                l.owner = StateLock.tryAcquire(l.dir.resolve(OWNER));
                if (l.owner == null) {
                    throw new IllegalArgumentException(p.name + " is being trained by another process (" + l.dir.resolve(OWNER)
                            + " is locked); give each process different --learners");
                }
                Path ckpt = checkpointAt(l.dir, p.steps());
                l.net = Checkpoint.loadNet(ckpt, Checkpoint.manifest(ckpt), device);
                l.adam = new Adam(l.net.parameters(), l.net.manager(), 0.9f, 0.999f, ppo.adamEps());
                Checkpoint.loadOptimizer(ckpt, l.adam);
                l.rng = new Rng(state.rngs().getOrDefault(p.name, Rng.derive(ppo.seed(), 3 + i)));
                SnapshotPool pool = new SnapshotPool(p.name, league.payoff(), Pfsp.Weighting.UNIFORM);
                for (League.Player q : all) {
                    pool.add(q.name, learnerDir(o.out(), q.name).resolve(Checkpoint.LATEST));
                }
                for (League.Player h : league.historicals()) {
                    pool.add(h.name, historicalDir(o.out(), h.name));
                }
                pool.setChooser(r -> pool.names().indexOf(league.match(p, r)));
                pool.onResult((opponent, score) -> l.pending.add(new Result(opponent, score)));
                l.pool = pool;
                l.opponent = Opponent.pool(pool);
                l.env = PpoRun.openEnv(env, ppo.numEnvs(), List.of(), null, o.envThreads());
                l.trainer = new PpoTrainer(ppo, l.env, l.opponent, l.net, l.adam, l.rng);
                int iterations = (int) (p.steps() / ppo.batchSize());
                l.trainer.start(Rng.derive(ppo.seed(), 100_000L * i + iterations), p.steps(), iterations);
            }
            for (League.Player q : all) {
                seen.put(q.name, q.steps());
            }
            log.println("kumite train league: " + Torch.describe(device) + "; " + describe(league) + ", " + ppo.numEnvs()
                    + " arenas per learner, network " + learners.get(0).net.block().arch().id() + (created ? "" : shared ? ", joined" : ", resumed")
                    + (shared ? "; this process trains " + names(all, mine) : ""));
            boolean any = true;
            while (any) {
                any = false;
                for (Learner l : learners) {
                    if (l.trainer.done()) {
                        continue;
                    }
                    any = true;
                    League.Player p = l.player;
                    long before = l.trainer.globalStep();
                    Map<String, Object> m = l.trainer.iterate();
                    try (StateLock lock = StateLock.acquire(lockPath)) {
                        Shared disk = readShared(statePath);
                        League d = disk.league();
                        League.Player dp = d.learner(p.name);
                        for (Result r : l.pending) {
                            d.payoff().update(p.name, r.opponent(), r.score());
                        }
                        l.pending.clear();
                        d.addSteps(dp, l.trainer.globalStep() - before);
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("player", p.name);
                        line.put("role", p.role.id());
                        line.putAll(m);
                        Files.writeString(o.out().resolve("metrics.jsonl"), Json.write(line) + "\n", StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        Path dir = l.dir;
                        if (l.events == null) {
                            // One TensorBoard run per learner, in its own folder (TensorBoard lists each).
                            l.events = EventFile.open(dir, before,
                                    EventFile.settings(ppo.toMap(), "league/player", p.name, "league/role", p.role.id()));
                        }
                        l.events.scalars(dp.steps(), m);
                        PpoRun.saveCheckpoint(dir, l.net, l.adam, dp.steps(), env, ppo, Map.of("league_player", p.name));
                        prune(dir);
                        if (d.readyToSnapshot(dp)) {
                            League.Player h = d.snapshot(dp);
                            Path hdir = historicalDir(o.out(), h.name);
                            Checkpoint.save(hdir.getParent(), h.name, l.net, null, manifest(l.net, env, ppo, dp.steps(), h), false);
                            log.println("league: " + h.name + " frozen at " + dp.steps() + " steps");
                            if (d.resetAfterSnapshot(dp, l.rng)) {
                                l.net.load(dir.resolve(INITIAL).resolve(Checkpoint.PARAMS));
                                l.adam.reset();
                                log.println("league: " + p.name + " restarts from its initial weights");
                            }
                        }
                        Map<String, Long> rngStates = new LinkedHashMap<>(disk.rngs());
                        rngStates.put(p.name, l.rng.state());
                        writeState(statePath, d, env, ppo, rngStates);
                        league.refreshFrom(d);
                        for (Learner other : learners) {
                            SnapshotPool pool = other.pool;
                            for (League.Player h : league.historicals()) {
                                if (!pool.names().contains(h.name)) {
                                    pool.add(h.name, historicalDir(o.out(), h.name));
                                }
                            }
                            for (League.Player q : all) {
                                if (q == p || q.steps() != seen.get(q.name)) {
                                    pool.reload(q.name, learnerDir(o.out(), q.name).resolve(Checkpoint.LATEST));
                                }
                            }
                        }
                        for (League.Player q : all) {
                            seen.put(q.name, q.steps());
                        }
                    }
                }
            }
            try (StateLock lock = StateLock.acquire(lockPath)) {
                league.refreshFrom(readShared(statePath).league());
                writePayoffPng(o.out(), league);
            }
            return league;
        } finally {
            for (Learner l : learners) {
                l.close();
            }
        }
    }

    /** A match result a learner's opponent pool reported, kept until the next write of the shared payoff table. */
    private record Result(String opponent, double score) {}

    /**
     * One learner this process trains: its league player, folder and lock, network and optimizer, the
     * arenas, opponent pool and trainer, its TensorBoard run and RNG, and results not yet written.
     * Filled in as the learner is opened; {@link #close} closes what was opened.
     */
    private static final class Learner implements AutoCloseable {
        final League.Player player;
        final Path dir;
        final List<Result> pending = new ArrayList<>();
        StateLock owner;
        PolicyNet net;
        Adam adam;
        Rng rng;
        SnapshotPool pool;
        Opponent opponent;
        VecEnv env;
        PpoTrainer trainer;
        EventFile events;

        Learner(League.Player player, Path dir) {
            this.player = player;
            this.dir = dir;
        }

        @Override
        public void close() throws IOException {
            if (opponent != null) {
                opponent.close();
            }
            if (pool != null) {
                pool.close();
            }
            if (env != null) {
                env.close();
            }
            if (net != null) {
                net.close();
            }
            if (owner != null) {
                owner.close();
            }
            if (events != null) {
                events.close();
            }
        }
    }

    /** A new league on disk: every learner's initial weights and first checkpoint, the main agents' seeds, the state. */
    private static Shared create(PpoConfig ppo, Options o) throws IOException {
        League league = new League(o.mainAgents(), o.mainExploiters(), o.leagueExploiters(), new Payoff(o.decay()), o.minSteps(), o.maxSteps());
        select(league.learners(), o.learners()); // fails early on an unknown name
        EnvConfig env = EnvConfig.preset(o.preset()).with(o.settings(), Roster.builtIn()).with("mode", "two_player");
        Torch.engine();
        Device device = Torch.device("auto");
        int[] shape = env.observationShape();
        ActorCritic.Arch arch = ppo.network().equals("auto") ? ActorCritic.Arch.forObservation(shape[1], shape[2])
                : ActorCritic.Arch.parse(ppo.network());
        Map<String, Long> rngs = new LinkedHashMap<>();
        List<League.Player> players = league.learners();
        for (int i = 0; i < players.size(); i++) {
            League.Player p = players.get(i);
            Path dir = learnerDir(o.out(), p.name);
            try (PolicyNet net = new PolicyNet(arch, shape, Actions.DISCRETE_COUNT, device, ppo.seed() + 17L * i)) {
                Adam adam = new Adam(net.parameters(), net.manager(), 0.9f, 0.999f, ppo.adamEps());
                Checkpoint.save(dir, INITIAL, net, null, manifest(net, env, ppo, 0, p), false);
                PpoRun.saveCheckpoint(dir, net, adam, 0, env, ppo, Map.of("league_player", p.name));
            }
            if (p.role == League.Role.MAIN_AGENT) {
                League.Player h = league.seed(p);
                copyTree(dir.resolve(INITIAL), historicalDir(o.out(), h.name));
            }
            rngs.put(p.name, Rng.derive(ppo.seed(), 3 + i));
        }
        writeState(o.out().resolve(STATE), league, env, ppo, rngs);
        return new Shared(league, env, ppo, rngs);
    }

    /** Indices of the learners named (by name or role id) in {@code wanted}; all when it is empty. */
    static List<Integer> select(List<League.Player> learners, List<String> wanted) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < learners.size(); i++) {
            League.Player p = learners.get(i);
            if (wanted.isEmpty() || wanted.contains(p.name) || wanted.contains(p.role.id())) {
                out.add(i);
            }
        }
        for (String w : wanted) {
            if (learners.stream().noneMatch(p -> p.name.equals(w) || p.role.id().equals(w))) {
                List<String> known = new ArrayList<>();
                learners.forEach(p -> known.add(p.name));
                throw new IllegalArgumentException("--learners: no learner or role " + w + " in this league; learners: " + known
                        + ", roles: main_agent, main_exploiter, league_exploiter");
            }
        }
        return out;
    }

    private static String names(List<League.Player> all, List<Integer> idx) {
        List<String> n = new ArrayList<>();
        idx.forEach(i -> n.add(all.get(i).name));
        return String.join(", ", n);
    }

    @SuppressWarnings("unchecked")
    private static Shared readShared(Path statePath) throws IOException {
        Map<String, Object> s = SelfPlayRun.readState(statePath);
        League league = League.fromMap((Map<String, Object>) s.get("league"));
        EnvConfig env = EnvConfig.preset("default").with(strings((Map<String, Object>) s.get("env")), Roster.builtIn());
        PpoConfig ppo = PpoConfig.fromMap((Map<String, Object>) s.get("ppo"));
        Map<String, Long> rngs = new LinkedHashMap<>();
        Object r = s.get("rng_states");
        if (r instanceof Map<?, ?> m) {
            m.forEach((k, v) -> rngs.put((String) k, ((Number) v).longValue()));
        }
        return new Shared(league, env, ppo, rngs);
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

    private static void writeState(Path file, League league, EnvConfig env, PpoConfig ppo, Map<String, Long> rngs) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "kumite-league/1");
        s.put("env", env.toMap());
        s.put("ppo", ppo.toMap());
        s.put("league", league.toMap());
        s.put("rng_states", rngs);
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
