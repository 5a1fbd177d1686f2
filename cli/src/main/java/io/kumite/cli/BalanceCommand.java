package io.kumite.cli;

import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "balance", mixinStandardHelpOptions = true,
        description = {"Round robin of same-level CPU bots: each character's win rate and the matchup matrix.",
            "Round robin of same-level CPU bots over every character pair, both sides: each character's",
            "match win rate (draws count half) and the win-rate matrix. For character designers; the last line is JSON."})
final class BalanceCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--level", defaultValue = "8", description = "Bot level for every character (default ${DEFAULT-VALUE}).")
    int level;

    @Option(names = "--games", defaultValue = "10", description = "Matches per ordered pair of characters (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--seed", defaultValue = "1", description = "Base seed; match k of a pair uses seed+k (default ${DEFAULT-VALUE}).")
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
        int n = roster.size();
        double[][] score = Tallies.roundRobin(roster, level, games, seed, threads.count());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Round robin of level-%d bots, %d matches per ordered pair (%d matches per character, both sides)%n%n",
                level, games, 2 * games * (n - 1));
        Table t = new Table("character", "archetype", "win %");
        Map<String, Object> rates = new LinkedHashMap<>();
        double min = 1;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    total += score[i][j];
                }
            }
            double rate = total / (n - 1);
            min = Math.min(min, rate);
            max = Math.max(max, rate);
            rates.put(roster.get(i).name, Math.round(rate * 1000) / 1000.0);
            t.row(roster.get(i).name, roster.get(i).archetype, String.format("%.1f", 100 * rate));
        }
        t.print(out);
        out.println();
        out.println("Win rate of the row character against the column character (both sides), %:");
        String[] header = new String[n + 1];
        header[0] = "vs";
        for (int j = 0; j < n; j++) {
            header[j + 1] = roster.get(j).name;
        }
        Table m = new Table(header);
        for (int i = 0; i < n; i++) {
            Object[] row = new Object[n + 1];
            row[0] = roster.get(i).name;
            for (int j = 0; j < n; j++) {
                row[j + 1] = i == j ? "-" : String.format("%.0f", 100 * score[i][j]);
            }
            m.row(row);
        }
        m.print(out);
        out.println(Json.write(Json.object("level", level, "games_per_pair", games, "seed", seed,
                "win_rate", rates, "min", Math.round(min * 1000) / 1000.0, "max", Math.round(max * 1000) / 1000.0)));
        return 0;
    }
}
