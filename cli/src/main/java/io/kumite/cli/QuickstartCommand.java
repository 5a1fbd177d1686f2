package io.kumite.cli;

import io.kumite.arena.ArenaServer;
import io.kumite.arena.ArenaServerConfig;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.engine.replay.ReplayRecorder;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.policies.eval.Elo;
import io.kumite.policies.eval.RoundRobin;
import io.kumite.policies.nn.Torch;
import io.kumite.policies.eval.LadderEvaluation;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.runs.PpoRun;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"The whole loop on embedded defaults: train an agent through gRPC, evaluate, rate and replay it.",
            "The whole loop on embedded defaults, in 4-6 minutes on 2 cores: an arena server in this process on",
            "loopback, a short PPO run against level-1 bots through gRPC, the trained agent on the arcade ladder, a mini",
            "tournament with an Elo table, a replay, and a summary of what was written where. The last line is JSON."})
final class QuickstartCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", description = "Folder for everything (default: runs/quickstart-<date>-<time>).")
    Path out;

    @Option(names = "--steps", defaultValue = "150000", description = "PPO agent steps (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--train-minutes", defaultValue = "0",
            description = "Wall-clock cap of the training, 0 for none (default ${DEFAULT-VALUE}: the run trains --steps whatever the machine,"
                    + " so a slower machine does not train less).")
    double trainMinutes;

    @Option(names = "--games", defaultValue = "4", description = "Tournament matches per pair of policies (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of everything (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        PrintWriter pw = spec.commandLine().getOut();
        PrintStream log = System.err;
        Path dir = out != null ? out
                : Path.of("runs", "quickstart-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Roster roster = Roster.builtIn();
        int cores = Runtime.getRuntime().availableProcessors();
        // One PyTorch thread on every machine: the updates then add up in the same order everywhere, so
        // the run (and every figure it prints) depends on the seed only, not on the number of cores.
        Torch.engine(1);

        pw.println("[1/5] arena server in this process, on loopback");
        ArenaServer server = new ArenaServer(roster, new ArenaServerConfig(0, 256, 256, 1024, 16 << 20, 0, 0)).start();
        String endpoint = "127.0.0.1:" + server.port();
        pw.println("      listening on " + endpoint);
        pw.flush();
        Path run = dir.resolve("ppo");
        PpoRun.Summary trained;
        try {
            pw.println("[2/5] PPO against bot:*:1 (random characters, level 1) through gRPC; observation 48x48 gray, 2 frames");
            pw.flush();
            PpoConfig cfg = PpoConfig.shortRunDefaults().withRollout(8, 128).withMinibatch(256).withTotalSteps(steps).withSeed(seed);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("width", "48");
            env.put("height", "48");
            env.put("frame_stack", "2");
            env.put("agent_character", "kenta");
            trained = PpoRun.run(cfg, new PpoRun.Options("atari84", env, "bot:*:1", List.of(endpoint), null, cores, "auto", run, false,
                    steps, trainMinutes * 60), log);
        } finally {
            server.stop(5);
        }
        pw.printf(Locale.ROOT, "      %d steps in %.1f min (%.0f steps/s); last 100 rounds: mean return %.3f, win rate %.0f%%%n",
                trained.steps(), trained.seconds() / 60, trained.stepsPerSecond(), trained.meanReturn(), 100 * trained.winRate());

        pw.println("[3/5] the trained agent on the arcade ladder at level 1 (10 rounds per character)");
        pw.flush();
        List<LadderEvaluation.Row> ladder = LadderEvaluation.run(run, 1, 10, 10, cores, seed + 100, false);
        Table lt = new Table("opponent", "rounds won", "win rate");
        int won = 0;
        int decided = 0;
        for (LadderEvaluation.Row r : ladder) {
            lt.row(r.character(), r.won() + "/" + (r.won() + r.lost()), String.format(Locale.ROOT, "%.0f%%", 100 * r.winRate()));
            won += r.won();
            decided += r.won() + r.lost();
        }
        lt.print(pw);
        double ladderRate = decided == 0 ? Double.NaN : (double) won / decided;

        String ckpt = "ckpt:" + run;
        List<String> specs = List.of(ckpt, "bot:kenta:1", "bot:kenta:3", "bot:kenta:5", "random:kenta");
        pw.println("[4/5] mini tournament, " + games + " best-of-3 matches per pair: " + String.join(", ", specs));
        pw.flush();
        List<Policy> policies = new ArrayList<>();
        for (String s : specs) {
            policies.add(Policies.parse(s, roster));
        }
        List<RoundRobin.Match> matches = RoundRobin.play(roster, policies, games, 3, MatchConfig.DEFAULT_ROUND_COUNTS, seed, cores);
        Map<String, Double> elo = Elo.fit(RoundRobin.games(policies, matches), "bot:kenta:1", 1000);
        Map<String, double[]> tally = new LinkedHashMap<>();
        for (RoundRobin.Match m : matches) {
            tally.computeIfAbsent(policies.get(m.p1()).spec(), k -> new double[2]);
            tally.computeIfAbsent(policies.get(m.p2()).spec(), k -> new double[2]);
            tally.get(policies.get(m.p1()).spec())[0] += m.score();
            tally.get(policies.get(m.p1()).spec())[1]++;
            tally.get(policies.get(m.p2()).spec())[0] += 1 - m.score();
            tally.get(policies.get(m.p2()).spec())[1]++;
        }
        List<String> ranked = new ArrayList<>(elo.keySet());
        ranked.sort(Comparator.comparingDouble(k -> -elo.get(k)));
        Table et = new Table("rank", "policy", "Elo", "score", "matches");
        StringBuilder csv = new StringBuilder("player_a,player_b,score_a\n");
        for (RoundRobin.Match m : matches) {
            csv.append(policies.get(m.p1()).spec()).append(',').append(policies.get(m.p2()).spec()).append(',').append(m.score()).append('\n');
        }
        Files.writeString(dir.resolve("tournament.csv"), csv.toString());
        for (int i = 0; i < ranked.size(); i++) {
            double[] t = tally.get(ranked.get(i));
            et.row(i + 1, ranked.get(i), Math.round(elo.get(ranked.get(i))), String.format(Locale.ROOT, "%.1f/%.0f", t[0], t[1]), (int) t[1]);
        }
        et.print(pw);
        pw.println("      (maximum-likelihood Elo, bot:kenta:1 anchored at 1000; `kumite ladder` will add intervals)");

        pw.println("[5/5] a replay of the trained agent against bot:kenta:1");
        Path replay = dir.resolve("trained-vs-kenta1.kreplay");
        Policy agent = policies.get(0);
        Policy bot = policies.get(1);
        MatchConfig mc = new MatchConfig(agent.character(), bot.character(), 3, MatchConfig.DEFAULT_ROUND_COUNTS);
        ReplayRecorder recorder = new ReplayRecorder(roster, mc, seed, agent.spec(), RoundRobin.checkpointHash(agent), bot.spec(), "", 0, 0,
                ReplayRecorder.DEFAULT_CHECKSUM_INTERVAL);
        MatchRunner.Result r = new MatchRunner(roster).play(agent, bot, 3, MatchConfig.DEFAULT_ROUND_COUNTS, seed,
                (state, in0, in1, events) -> recorder.frame(state, in0, in1));
        recorder.finishTo(replay);
        pw.printf("      %s won %d-%d in %d frames%n", r.winnerName().equals("p1") ? "the agent" : r.winnerName().equals("p2") ? "the bot" : "nobody",
                r.roundsWon()[0], r.roundsWon()[1], r.frames());

        double minutes = (System.nanoTime() - start) / 60e9;
        pw.println();
        pw.printf(Locale.ROOT, "Done in %.1f minutes. Written under %s:%n", minutes, dir);
        pw.println("  " + run + "/metrics.jsonl   per-iteration training metrics (CleanRL names)");
        pw.println("  " + run + "/curves.png      learning curves");
        pw.println("  " + run + "/latest          the checkpoint (use it as ckpt:" + run + ")");
        pw.println("  " + dir.resolve("tournament.csv") + "  every tournament match (player_a,player_b,score_a)");
        pw.println("  " + replay + "  watch it: ./kumite view " + replay);
        pw.println("Next: ./kumite play --p1 ckpt:" + run + " --p2 bot:mira:2 --seed 3   or   ./kumite train ppo --help");
        Map<String, Object> ratings = new LinkedHashMap<>();
        for (String k : ranked) {
            ratings.put(k, (double) Math.round(elo.get(k) * 10) / 10);
        }
        pw.println(Json.write(Json.object("minutes", Math.round(minutes * 100) / 100.0, "steps", trained.steps(), "steps_per_sec",
                Math.round(trained.stepsPerSecond()), "train_mean_return", trained.meanReturn(), "ladder_level1_round_win_rate", ladderRate,
                "elo", ratings, "checkpoint", trained.checkpoint().toString(), "replay", replay.toString(), "out", dir.toString())));
        return 0;
    }
}
