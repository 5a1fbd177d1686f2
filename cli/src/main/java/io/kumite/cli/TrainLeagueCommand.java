package io.kumite.cli;

import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.runs.League;
import io.kumite.policies.runs.LeagueRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "league", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"An AlphaStar-style league of main agents and exploiters in two_player arenas.",
            "An AlphaStar-style league in two_player arenas: main agents, main exploiters and league exploiters take turns",
            "(one PPO iteration each) against opponents chosen by their roles' matchmaking; snapshots by the rules (beat every",
            "relevant player > 70%% after --snapshot-min-steps, or --snapshot-max-steps). State in --out/league.json survives a stop",
            "or a kill (--resume). --learners splits one league over processes (one per role, say), which share the state",
            "through a file lock. See `kumite league status`. The last line is JSON."})
final class TrainLeagueCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    TwoPlayerTraining training = new TwoPlayerTraining();

    @Option(names = "--out", required = true, description = "League folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the league in --out.")
    boolean resume;

    @Option(names = "--steps", defaultValue = "1000000", description = "Agent steps per learner (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--main-agents", defaultValue = "1", description = "Main agents: self-play and PFSP over the whole league (default ${DEFAULT-VALUE}).")
    int mainAgents;

    @Option(names = "--main-exploiters", defaultValue = "1", description = "Main exploiters: train against the main agents, reset at each snapshot (default ${DEFAULT-VALUE}).")
    int mainExploiters;

    @Option(names = "--league-exploiters", defaultValue = "1", description = "League exploiters: PFSP against every snapshot, reset with probability 0.25 (default ${DEFAULT-VALUE}).")
    int leagueExploiters;

    @Option(names = "--snapshot-min-steps", defaultValue = "100000", description = "No snapshot before this many steps (default ${DEFAULT-VALUE}).")
    long minSteps;

    @Option(names = "--snapshot-max-steps", defaultValue = "500000", description = "A snapshot at the latest after this many (default ${DEFAULT-VALUE}).")
    long maxSteps;

    @Option(names = "--payoff-decay", defaultValue = "0.99", description = "Payoff table decay per game; draws count half a win (default ${DEFAULT-VALUE}).")
    double decay;

    @Option(names = "--learners", split = ",", paramLabel = "NAME|ROLE",
            description = {"Train only these learners (names such as main_agent_0, or roles: main_agent, main_exploiter,",
                "league_exploiter) in this process; run one process per role on the same --out to spread a league over",
                "processes or machines sharing the folder. The first process creates the league, the others join it."})
    java.util.List<String> learners = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PpoConfig cfg = training.ppo(steps);
        League league = LeagueRun.run(cfg, new LeagueRun.Options(training.preset, training.settings(), training.threads(), out, resume, mainAgents, mainExploiters,
                leagueExploiters, minSteps, maxSteps, decay, learners), System.err);
        PrintWriter pw = spec.commandLine().getOut();
        LeagueStatusCommand.print(pw, league, out);
        return 0;
    }
}
