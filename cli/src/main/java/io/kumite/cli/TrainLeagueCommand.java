package io.kumite.cli;

import io.kumite.engine.json.Json;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.selfplay.League;
import io.kumite.policies.selfplay.LeagueRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "league", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"An AlphaStar-style league in two_player arenas: main agents, main exploiters and league exploiters take turns",
            "(one PPO iteration each) against opponents chosen by their roles' matchmaking; snapshots by the rules (beat every",
            "relevant player > 70% after --snapshot-min-steps, or --snapshot-max-steps). State in --out/league.json survives a stop",
            "or a kill (--resume). See `kumite league status`. The last line is JSON."})
final class TrainLeagueCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "League folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the league in --out.")
    boolean resume;

    @Option(names = "--steps", defaultValue = "1000000", description = "Agent steps per learner (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--main-agents", defaultValue = "1", description = "(default ${DEFAULT-VALUE})")
    int mainAgents;

    @Option(names = "--main-exploiters", defaultValue = "1", description = "(default ${DEFAULT-VALUE})")
    int mainExploiters;

    @Option(names = "--league-exploiters", defaultValue = "1", description = "(default ${DEFAULT-VALUE})")
    int leagueExploiters;

    @Option(names = "--snapshot-min-steps", defaultValue = "100000", description = "No snapshot before this many steps (default ${DEFAULT-VALUE}).")
    long minSteps;

    @Option(names = "--snapshot-max-steps", defaultValue = "500000", description = "A snapshot at the latest after this many (default ${DEFAULT-VALUE}).")
    long maxSteps;

    @Option(names = "--payoff-decay", defaultValue = "0.99", description = "(default ${DEFAULT-VALUE})")
    double decay;

    @Option(names = "--character", defaultValue = "kenta", description = "Seat 0's character (default ${DEFAULT-VALUE}).")
    String character;

    @Option(names = "--opponent-character", defaultValue = "kenta", description = "Seat 1's character (default ${DEFAULT-VALUE}).")
    String opponentCharacter;

    @Option(names = "--preset", defaultValue = "atari84", description = "Observation preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--env", split = ",", description = "Environment settings over the preset, e.g. width=48,height=48.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--num-envs", defaultValue = "8", description = "Arenas per learner (default ${DEFAULT-VALUE}).")
    int numEnvs;

    @Option(names = "--n-steps", defaultValue = "256", description = "Steps per arena per rollout (default ${DEFAULT-VALUE}).")
    int nSteps;

    @Option(names = "--batch", defaultValue = "1024", description = "(default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "(default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--env-threads", description = "Environment threads (default: the number of cores).")
    Integer envThreads;

    @Override
    public Integer call() throws Exception {
        PpoConfig d = PpoConfig.defaults();
        PpoConfig cfg = new PpoConfig(numEnvs, nSteps, batch, d.epochs(), d.gamma(), d.gaeLambda(), d.lr(), 1e-4f, d.clip(), 0.1f, true,
                d.vfCoef(), d.entCoef(), d.maxGradNorm(), d.adamEps(), true, steps, seed, "auto");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("agent_character", character);
        settings.put("opponent_character", opponentCharacter);
        settings.putAll(env);
        int t = envThreads != null ? envThreads : Runtime.getRuntime().availableProcessors();
        League league = LeagueRun.run(cfg, new LeagueRun.Options(preset, settings, t, out, resume, mainAgents, mainExploiters,
                leagueExploiters, minSteps, maxSteps, decay), System.err);
        PrintWriter pw = spec.commandLine().getOut();
        LeagueStatusCommand.print(pw, league, out);
        return 0;
    }
}
