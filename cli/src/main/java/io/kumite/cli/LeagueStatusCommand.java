package io.kumite.cli;

import io.kumite.engine.json.Json;
import io.kumite.policies.runs.League;
import io.kumite.policies.runs.LeagueRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "league", mixinStandardHelpOptions = true, description = "Inspect a league.", subcommands = {LeagueStatusCommand.Status.class})
final class LeagueStatusCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand; try `kumite league status --out DIR`");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"The players, historical players and payoff matrix of a league.",
                "The players of a league (roles, steps, snapshots, mean win rate), its historical players and the payoff",
                "matrix (decayed win rate of the row against the column); writes payoff.png. The last line is JSON."})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, description = "League folder.")
        Path out;

        @Override
        public Integer call() throws Exception {
            League league = LeagueRun.load(out);
            LeagueRun.writePayoffPng(out, league);
            print(spec.commandLine().getOut(), league, out);
            return 0;
        }
    }

    static void print(PrintWriter pw, League league, Path out) {
        Table players = new Table("player", "role", "steps", "snapshots", "mean win rate");
        for (String line : LeagueRun.status(league)) {
            players.row((Object[]) line.split("\t"));
        }
        players.print(pw);
        pw.println("historical players: " + league.historicals().size());
        List<String> names = league.allNames();
        List<String> header = new ArrayList<>(List.of("row vs column"));
        header.addAll(names);
        Table matrix = new Table(header.toArray(new String[0]));
        Map<String, Object> payoff = new LinkedHashMap<>();
        for (String a : names) {
            List<Object> row = new ArrayList<>(List.of(a));
            Map<String, Object> json = new LinkedHashMap<>();
            for (String b : names) {
                boolean played = !a.equals(b) && league.payoff().games(a, b) > 0;
                row.add(played ? String.format(Locale.ROOT, "%.2f", league.payoff().winRate(a, b)) : "-");
                if (played) {
                    json.put(b, Math.round(league.payoff().winRate(a, b) * 1000) / 1000.0);
                }
            }
            matrix.row(row.toArray());
            payoff.put(a, json);
        }
        matrix.print(pw);
        pw.println("payoff heat map: " + out.resolve("payoff.png"));
        List<Object> ls = new ArrayList<>();
        for (League.Player p : league.learners()) {
            ls.add(Json.object("name", p.name, "role", p.role.id(), "steps", p.steps()));
        }
        List<Object> hs = new ArrayList<>();
        for (League.Player h : league.historicals()) {
            hs.add(h.name);
        }
        pw.println(Json.write(Json.object("learners", ls, "historical", hs, "payoff", payoff)));
    }
}
