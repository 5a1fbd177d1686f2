package io.kumite.cli;

import io.kumite.engine.bot.Audit;
import io.kumite.engine.bot.Scripts;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.eval.Nash;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"The degenerate-strategy audit: scripted exploits against the CPU bots and against each other.",
            "The degenerate-strategy audit: a library of scripted exploit policies (every constant discrete",
            "action and the named patterns of docs/balance.md) plays single rounds against the CPU bots of each",
            "character, sides alternating. Prints each agent character's best exploit and its win rate at each level,",
            "and the script's best single matchup. With --two-player, the scripts also play each other in mirror",
            "matches: the payoff matrix's Nash, pure equilibria, and constant actions no pattern beats. JSON last."})
final class AuditCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--level", split = ",", defaultValue = "8", paramLabel = "L",
            description = "CPU level(s), comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> levels;

    @Option(names = "--characters", split = ",", paramLabel = "NAME",
            description = "Agent characters that run the scripts (default: all).")
    List<String> characters;

    @Option(names = "--cpus", split = ",", paramLabel = "NAME", description = "CPU characters to play (default: all).")
    List<String> cpus;

    @Option(names = "--scripts", split = ",", paramLabel = "SCRIPT",
            description = "Scripts to run, without script: and the character, e.g. const:16,zoning,throw-loop "
                    + "(default: the whole library: const:0 .. const:21 and every pattern).")
    List<String> scripts;

    @Option(names = "--rounds", defaultValue = "20", description = "Rounds per pairing (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", defaultValue = "1", description = "Base seed: round k uses seed+k (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--two-player", description = "Also play the scripts against each other in mirror matches.")
    boolean twoPlayer;

    @Option(names = "--no-cpu", description = "Skip the games against the CPU (with --two-player).")
    boolean noCpu;

    @picocli.CommandLine.Mixin
    ThreadsOption threads = new ThreadsOption();

    @picocli.CommandLine.Mixin
    RosterOption roster = new RosterOption();

    @Override
    public Integer call() {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        if (noCpu && !twoPlayer) {
            throw new IllegalArgumentException("--no-cpu leaves nothing to run; add --two-player");
        }
        Roster roster = this.roster.load();
        int[] agents = indices(roster, characters);
        int[] cpuIndices = indices(roster, cpus);
        List<List<String>> library = new ArrayList<>();
        for (int a : agents) {
            library.add(scriptsFor(roster.get(a).name));
        }
        int t = threads.count();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("audit", twoPlayer ? (noCpu ? "two_player" : "vs_cpu+two_player") : "vs_cpu");
        json.put("rounds", rounds);
        json.put("seed", seed);
        json.put("scripts", library.get(0).size());
        if (!noCpu) {
            List<Object> perLevel = new ArrayList<>();
            for (int level : levels) {
                perLevel.add(vsCpu(out, roster, level, agents, cpuIndices, library, t));
            }
            json.put("levels", perLevel);
        }
        if (twoPlayer) {
            json.put("two_player", twoPlayer(out, roster, agents, library, t));
        }
        out.println(Json.write(json));
        return 0;
    }

    private Map<String, Object> vsCpu(PrintWriter out, Roster roster, int level, int[] agents, int[] cpuIndices,
                                      List<List<String>> library, int t) {
        Audit.VsCpu r = Audit.vsCpu(roster, level, agents, cpuIndices, library, rounds, seed, t);
        out.printf("Scripts vs level-%d CPU: %d scripts per character against %d CPU characters, %d single rounds per "
                + "pairing (sides alternating; a draw counts half)%n%n", level, library.get(0).size(), cpuIndices.length, rounds);
        Table table = new Table("character", "best exploit", "win %", "best single matchup", "win %");
        List<Object> rows = new ArrayList<>();
        double maxBest = 0;
        double maxPair = 0;
        for (int a = 0; a < agents.length; a++) {
            int best = r.best(a);
            int[] pair = r.bestPair(a);
            double bestRate = r.overall(a, best);
            double pairRate = r.score()[a][pair[0]][pair[1]];
            maxBest = Math.max(maxBest, bestRate);
            maxPair = Math.max(maxPair, pairRate);
            String name = roster.get(agents[a]).name;
            String pairScript = library.get(a).get(pair[0]);
            String pairCpu = roster.get(cpuIndices[pair[1]]).name;
            table.row(name, shortName(library.get(a).get(best)), String.format("%.1f", 100 * bestRate),
                    shortName(pairScript) + " vs " + pairCpu, String.format("%.0f", 100 * pairRate));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("character", name);
            row.put("best", library.get(a).get(best));
            row.put("best_rate", round3(bestRate));
            row.put("pair_script", pairScript);
            row.put("pair_cpu", pairCpu);
            row.put("pair_rate", round3(pairRate));
            Map<String, Object> all = new LinkedHashMap<>();
            for (int s = 0; s < library.get(a).size(); s++) {
                all.put(shortName(library.get(a).get(s)), round3(r.overall(a, s)));
            }
            row.put("scripts", all);
            rows.add(row);
        }
        table.print(out);
        out.printf("highest best-exploit rate %.1f%%, highest single matchup %.0f%%%n%n", 100 * maxBest, 100 * maxPair);
        return Json.object("level", level, "max_best_rate", round3(maxBest), "max_pair_rate", round3(maxPair),
                "characters", rows);
    }

    private List<Object> twoPlayer(PrintWriter out, Roster roster, int[] agents, List<List<String>> library, int t) {
        out.printf("Scripts against each other, mirror matches, %d single rounds per pairing (sides alternating)%n%n", rounds);
        Table table = new Table("character", "Nash support (weight)", "pure equilibria", "unbeaten constants");
        List<Object> json = new ArrayList<>();
        for (int a = 0; a < agents.length; a++) {
            List<String> pop = library.get(a);
            double[][] w = Audit.population(roster, pop, pop, rounds, seed, t);
            for (int i = 0; i < w.length; i++) {
                w[i][i] = 0.5;
            }
            double[][] payoff = Nash.fromWinRates(w);
            Nash.Equilibrium eq = Nash.solve(payoff);
            List<String> support = new ArrayList<>();
            Map<String, Object> weights = new LinkedHashMap<>();
            for (int i = 0; i < pop.size(); i++) {
                if (eq.row()[i] > 0.01) {
                    support.add(shortName(pop.get(i)) + String.format(" (%.2f)", eq.row()[i]));
                    weights.put(shortName(pop.get(i)), round3(eq.row()[i]));
                }
            }
            List<String> pure = new ArrayList<>();
            List<String> unbeatenConstants = new ArrayList<>();
            for (int i = 0; i < pop.size(); i++) {
                double worst = 1;
                double beatenBy = 0;
                for (int j = 0; j < pop.size(); j++) {
                    if (i != j) {
                        worst = Math.min(worst, w[i][j]);
                        if (!pop.get(j).startsWith("script:const:")) {
                            beatenBy = Math.max(beatenBy, w[j][i]);
                        }
                    }
                }
                if (worst >= 0.5) {
                    pure.add(shortName(pop.get(i)));
                }
                if (pop.get(i).startsWith("script:const:") && beatenBy < 0.6) {
                    unbeatenConstants.add(shortName(pop.get(i)));
                }
            }
            String name = roster.get(agents[a]).name;
            table.row(name, String.join(", ", support), pure.isEmpty() ? "none" : String.join(", ", pure),
                    unbeatenConstants.isEmpty() ? "none" : String.join(", ", unbeatenConstants));
            json.add(Json.object("character", name, "nash", weights, "pure_equilibria", pure,
                    "constants_no_pattern_beats_60", unbeatenConstants));
        }
        table.print(out);
        out.println();
        return json;
    }

    private List<String> scriptsFor(String character) {
        if (scripts == null) {
            return Scripts.library(character);
        }
        List<String> out = new ArrayList<>();
        for (String s : scripts) {
            String bare = s.startsWith("script:") ? s.substring("script:".length()) : s;
            out.add("script:" + bare + ":" + character);
        }
        return out;
    }

    private static int[] indices(Roster roster, List<String> names) {
        List<String> list = names == null ? roster.names() : names;
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = roster.indexOf(list.get(i).trim());
        }
        return out;
    }

    /** {@code script:const:16:kenta} → {@code const:16}. */
    private static String shortName(String spec) {
        String s = spec.startsWith("script:") ? spec.substring("script:".length()) : spec;
        int colon = s.lastIndexOf(':');
        return colon > 0 && !s.substring(colon + 1).chars().allMatch(Character::isDigit) ? s.substring(0, colon) : s;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
