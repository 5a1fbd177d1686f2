package io.kumite.cli;

import io.kumite.engine.bot.BotLevel;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "botlevels", mixinStandardHelpOptions = true,
        description = {"How much the CPU bot levels differ, character by character.",
            "How much the CPU bot levels differ: for each character, the match score of level 8 vs 1 and of",
            "every level vs the level two below it (same character, sides alternating). The last line is JSON."})
final class BotLevelsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--characters", split = ",", paramLabel = "NAME", description = "Characters to test (default: all).")
    List<String> characters;

    @Option(names = "--games", defaultValue = "100", description = "Matches per level pair (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--seed", defaultValue = "1", description = "Base seed (default ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Mixin
    ThreadsOption threads = new ThreadsOption();

    @picocli.CommandLine.Mixin

    RosterOption roster = new RosterOption();

    @Override
    public Integer call() {
        if (games < 1) {
            throw new IllegalArgumentException("--games must be at least 1, got " + games);
        }
        Roster roster = this.roster.load();
        List<String> names = characters == null ? roster.names() : characters;
        int t = threads.count();
        String[] header = {"character", "8v1", "3v1", "4v2", "5v3", "6v4", "7v5", "8v6"};
        Table table = new Table(header);
        List<Object> json = new ArrayList<>();
        for (String name : names) {
            int c = roster.indexOf(name);
            Object[] row = new Object[header.length];
            row[0] = roster.get(c).name;
            double top = Tallies.levelScore(roster, c, BotLevel.MAX, BotLevel.MIN, games, seed, t);
            row[1] = String.format("%.0f%%", 100 * top);
            List<Double> steps = new ArrayList<>();
            for (int a = 3; a <= BotLevel.MAX; a++) {
                double s = Tallies.levelScore(roster, c, a, a - 2, games, seed, t);
                steps.add(Math.round(s * 1000) / 1000.0);
                row[a - 1] = String.format("%.0f%%", 100 * s);
            }
            table.row(row);
            json.add(Map.of("character", roster.get(c).name, "l8_vs_l1", Math.round(top * 1000) / 1000.0, "l_vs_l_minus_2", steps));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Score of the stronger level (wins + draws/2) over %d matches per pair%n%n", games);
        table.print(out);
        out.println(Json.write(Json.object("games", games, "seed", seed, "characters", json)));
        return 0;
    }
}
