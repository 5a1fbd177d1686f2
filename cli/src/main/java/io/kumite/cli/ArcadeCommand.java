package io.kumite.cli;

import io.kumite.engine.bot.ArcadeLadder;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "arcade", mixinStandardHelpOptions = true,
        description = {"Run a policy through the arcade ladder of CPU bots, every stage played.",
            "Every character of the roster in ladder order, each a CPU bot; a loss does not stop the run. The last line is JSON."})
final class ArcadeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--p1", required = true, paramLabel = "POLICY", description = "The challenger, e.g. bot:kenta:8.")
    String p1;

    @Option(names = "--level", defaultValue = "4", description = "CPU level of every stage (default ${DEFAULT-VALUE}).")
    int level;

    @Option(names = "--end-level", description = "If set, the CPU level climbs from --level at stage 1 to this at the last stage.")
    Integer endLevel;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of stage 1; stage k uses seed+k-1 (default ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Mixin

    RosterOption roster = new RosterOption();

    @Override
    public Integer call() {
        Roster roster = this.roster.load();
        Policy player = Policies.parse(p1, roster);
        ArcadeLadder ladder = ArcadeLadder.climbing(roster, level, endLevel == null ? level : endLevel);
        MatchRunner runner = new MatchRunner(roster);
        Table t = new Table("stage", "opponent", "result", "rounds", "frames");
        List<Object> stages = new ArrayList<>();
        int cleared = 0;
        for (ArcadeLadder.Stage stage : ladder.stages()) {
            Policy cpu = ladder.policy(stage, roster);
            MatchRunner.Result r = runner.play(player, cpu, MatchConfig.DEFAULT_BEST_OF, MatchConfig.DEFAULT_ROUND_COUNTS,
                    seed + stage.number() - 1);
            String result = r.winner() == MatchState.P1_WINS ? "win" : (r.winner() == MatchState.DRAW ? "draw" : "loss");
            if (r.winner() == MatchState.P1_WINS) {
                cleared++;
            }
            t.row(stage.number(), cpu.spec(), result, r.roundsWon()[0] + "-" + r.roundsWon()[1], r.frames());
            stages.add(Json.object("stage", stage.number(), "opponent", cpu.spec(), "result", result));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Arcade ladder for " + player.spec());
        t.print(out);
        out.printf("stages won: %d of %d%n", cleared, ladder.stages().size());
        out.println(Json.write(Json.object("policy", player.spec(), "stages_won", cleared,
                "stages", ladder.stages().size(), "results", stages)));
        return 0;
    }
}
