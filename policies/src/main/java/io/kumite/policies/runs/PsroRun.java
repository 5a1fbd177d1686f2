package io.kumite.policies.runs;

import ai.djl.Device;
import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.eval.Nash;
import io.kumite.policies.eval.RoundRobin;
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
 * Policy-space response oracles (Lanctot et al. 2017) on Kumite: a population of frozen policies, an
 * empirical payoff matrix from matches between them (win rate - 0.5, draws half, sides alternated),
 * the meta-strategy = its zero-sum Nash (linear programming), and each iteration a PPO best response
 * trained against the population sampled by the meta-strategy, then added to it. The best response
 * is warm-started from the previous one (documented; a fresh one costs more steps per iteration).
 * The state (population, payoff matrix, meta-strategies, RNG) is written atomically after each
 * iteration, so a stopped run resumes at its last finished iteration.
 */
public final class PsroRun {
    private PsroRun() {}

    public record Options(String preset, Map<String, String> settings, int envThreads, Path out, boolean resume, long stepsPerIteration,
            int iterations, int gamesPerPair) {}

    public record Summary(List<String> population, double[][] payoff, List<double[]> metaStrategies, Path out) {}

    static final String STATE = "psro.json";

    @SuppressWarnings("unchecked")
    public static Summary run(PpoConfig cfg, Options o, PrintStream log) throws IOException, InterruptedException {
        Path statePath = o.out().resolve(STATE);
        Roster roster = Roster.builtIn();
        EnvConfig env = EnvConfig.preset(o.preset()).with(o.settings(), roster).with("mode", "two_player");
        List<String> population = new ArrayList<>();
        List<double[]> metas = new ArrayList<>();
        double[][] payoff = new double[0][0];
        Rng rng = new Rng(Rng.derive(cfg.seed(), 2));
        if (Files.exists(statePath)) {
            if (!o.resume()) {
                throw new IllegalArgumentException(o.out() + " already holds a PSRO run; pass --resume to continue it, or choose another --out");
            }
            Map<String, Object> s = SelfPlayRun.readState(statePath);
            env = EnvConfig.preset("default").with(toStrings((Map<String, Object>) s.get("env")), roster);
            for (Object p : (List<?>) s.get("population")) {
                population.add((String) p);
            }
            payoff = toMatrix((List<Object>) s.get("payoff"));
            for (Object m : (List<?>) s.get("meta_strategies")) {
                metas.add(((List<?>) m).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray());
            }
            rng.setState(((Number) s.get("rng_state")).longValue());
        } else if (o.resume()) {
            throw new IllegalArgumentException("--resume: " + o.out() + " has no " + STATE + "; start without --resume");
        }
        Files.createDirectories(o.out());
        Torch.engine();
        Device device = Torch.device("auto");
        int[] shape = env.observationShape();
        ActorCritic.Arch arch = cfg.network().equals("auto") ? ActorCritic.Arch.forObservation(shape[1], shape[2])
                : ActorCritic.Arch.parse(cfg.network());
        Path popDir = o.out().resolve("population");
        try (PolicyNet net = population.isEmpty() ? new PolicyNet(arch, shape, Actions.DISCRETE_COUNT, device, cfg.seed())
                : Checkpoint.loadNet(popDir.resolve(population.get(population.size() - 1)),
                        Checkpoint.manifest(popDir.resolve(population.get(population.size() - 1))), device)) {
            if (population.isEmpty()) {
                // The first member: the untrained network (a near-uniform random policy).
                population.add(save(popDir, net, 0, env, cfg).getFileName().toString());
                payoff = new double[][] {{0}};
                metas.add(new double[] {1});
                writeState(statePath, env, population, payoff, metas, rng.state());
            }
            Adam adam = new Adam(net.parameters(), net.manager(), 0.9f, 0.999f, cfg.adamEps());
            while (population.size() <= o.iterations()) {
                int k = population.size();
                double[] meta = metas.get(metas.size() - 1);
                log.println(String.format(Locale.ROOT, "psro iteration %d: population %d, meta-strategy %s", k, population.size(),
                        describe(population, meta)));
                SnapshotPool pool = new SnapshotPool("br", new Payoff(0.99), Pfsp.Weighting.UNIFORM);
                for (String p : population) {
                    pool.add(p, popDir.resolve(p));
                }
                pool.setWeights(meta);
                PpoConfig iterCfg = cfg.withTotalSteps(o.stepsPerIteration());
                try (VecEnv venv = PpoRun.openEnv(env, cfg.numEnvs(), List.of(), null, o.envThreads()); Opponent opp = Opponent.pool(pool)) {
                    PpoTrainer trainer = new PpoTrainer(iterCfg, venv, opp, net, adam, rng);
                    trainer.start(Rng.derive(cfg.seed(), 5000 + k), 0, 0);
                    // One TensorBoard run per best response (each trains from step 0 against its meta-strategy).
                    try (BufferedWriter w = Files.newBufferedWriter(o.out().resolve("metrics.jsonl"), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                            EventFile tb = EventFile.open(o.out().resolve("tensorboard").resolve("br-" + k), 0,
                                    EventFile.settings(iterCfg.toMap(), "psro/iteration", k,
                                            "psro/meta_strategy", describe(population, meta)))) {
                        while (!trainer.done()) {
                            Map<String, Object> m = trainer.iterate();
                            m.put("psro/iteration", k);
                            w.write(Json.write(m));
                            w.newLine();
                            w.flush();
                            tb.scalars(trainer.globalStep(), m);
                        }
                    }
                } finally {
                    pool.close();
                }
                String name = save(popDir, net, (long) k * o.stepsPerIteration(), env, cfg).getFileName().toString();
                population.add(name);
                payoff = extend(payoff, evaluate(roster, popDir, population, o.gamesPerPair(), cfg.seed() + k, o.envThreads()));
                double[] next = Nash.solve(payoff).row();
                metas.add(next);
                writeState(statePath, env, population, payoff, metas, rng.state());
                log.println(String.format(Locale.ROOT, "psro iteration %d done: new meta-strategy %s", k, describe(population, next)));
            }
        }
        return new Summary(population, payoff, metas, o.out());
    }

    private static Path save(Path popDir, PolicyNet net, long steps, EnvConfig env, PpoConfig cfg) throws IOException {
        Checkpoint.Manifest m = new Checkpoint.Manifest(net.block().arch(), net.actions(), env.observationShape(), env.toMap(), steps, cfg,
                null, null, Map.of("algorithm", "psro"));
        int index = Checkpoint.list(popDir).size();
        return Checkpoint.save(popDir, String.format("psro-%02d", index), net, null, m, false);
    }

    /** The newest member's row: its payoff (win rate - 0.5) against every member, from matches with alternating sides. */
    static double[] evaluate(Roster roster, Path popDir, List<String> population, int games, long seed, int threads)
            throws InterruptedException {
        List<Policy> policies = new ArrayList<>();
        for (String p : population) {
            policies.add(Policies.parse("ckpt:" + popDir.resolve(p), roster));
        }
        int last = policies.size() - 1;
        List<RoundRobin.Pairing> plan = new ArrayList<>();
        for (int j = 0; j < last; j++) {
            for (int g = 0; g < games; g++) {
                int index = plan.size();
                long s = Rng.derive(seed, index);
                plan.add(g % 2 == 0 ? new RoundRobin.Pairing(index, last, j, s) : new RoundRobin.Pairing(index, j, last, s));
            }
        }
        double[] score = new double[policies.size()];
        RoundRobin.play(roster, policies, plan, 1, io.kumite.engine.sim.MatchConfig.DEFAULT_ROUND_COUNTS, threads, null, m -> {
            int other = m.p1() == last ? m.p2() : m.p1();
            score[other] += m.p1() == last ? m.score() : 1 - m.score();
        });
        double[] row = new double[policies.size()];
        for (int j = 0; j < last; j++) {
            row[j] = score[j] / games - 0.5;
        }
        return row;
    }

    /** The matrix grown by one member: its row, and minus it as its column. */
    static double[][] extend(double[][] a, double[] row) {
        int n = a.length + 1;
        double[][] b = new double[n][n];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, b[i], 0, a.length);
        }
        for (int j = 0; j < n - 1; j++) {
            b[n - 1][j] = row[j];
            b[j][n - 1] = -row[j];
        }
        return b;
    }

    private static String describe(List<String> names, double[] meta) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < meta.length; i++) {
            if (meta[i] > 1e-4) {
                b.append(b.length() == 0 ? "" : ", ").append(names.get(i)).append(String.format(Locale.ROOT, " %.2f", meta[i]));
            }
        }
        return b.toString();
    }

    private static void writeState(Path file, EnvConfig env, List<String> population, double[][] payoff, List<double[]> metas, long rng)
            throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "kumite-psro/1");
        s.put("env", env.toMap());
        s.put("population", population);
        List<Object> rows = new ArrayList<>();
        for (double[] r : payoff) {
            rows.add(toList(r));
        }
        s.put("payoff", rows);
        List<Object> ms = new ArrayList<>();
        for (double[] m : metas) {
            ms.add(toList(m));
        }
        s.put("meta_strategies", ms);
        s.put("rng_state", rng);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(s) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Object> toList(double[] v) {
        List<Object> l = new ArrayList<>();
        for (double x : v) {
            l.add(x);
        }
        return l;
    }

    private static double[][] toMatrix(List<Object> rows) {
        double[][] a = new double[rows.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((List<?>) rows.get(i)).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }
        return a;
    }

    private static Map<String, String> toStrings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
