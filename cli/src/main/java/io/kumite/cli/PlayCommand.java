package io.kumite.cli;

import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.engine.replay.ReplayRecorder;
import io.kumite.engine.sim.MatchConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Play one headless match between two policies and print the result; the last line is JSON.",
            "Policies: bot:<character>:<level> (level 1..8), random[:<character>], noop[:<character>]."})
final class PlayCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--p1", required = true, paramLabel = "POLICY", description = "Policy for seat 0 (starts on the left), e.g. bot:kenta:8.")
    String p1;

    @Option(names = "--p2", required = true, paramLabel = "POLICY", description = "Policy for seat 1, e.g. bot:brakk:3.")
    String p2;

    @Option(names = "--seed", defaultValue = "7", description = "Match seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--best-of", defaultValue = "3", description = "Rounds: best of N, odd (default ${DEFAULT-VALUE}).")
    int bestOf;

    @Option(names = "--round-time", defaultValue = "99", description = "Round timer in counts of 60 frames (default ${DEFAULT-VALUE}).")
    int roundTime;

    @picocli.CommandLine.Mixin

    RosterOption roster = new RosterOption();

    @Option(names = "--replay", paramLabel = "FILE", description = "Record the match to this .kreplay file.")
    Path replay;

    @Override
    public Integer call() {
        Roster roster = this.roster.load();
        Policy a = Policies.parse(p1, roster);
        Policy b = Policies.parse(p2, roster);
        MatchConfig config = new MatchConfig(a.character(), b.character(), bestOf, roundTime);
        ReplayRecorder recorder = replay == null ? null : new ReplayRecorder(roster, config, seed, a.spec(), io.kumite.policies.eval.RoundRobin.checkpointHash(a), b.spec(),
                io.kumite.policies.eval.RoundRobin.checkpointHash(b), 0, 0, ReplayRecorder.DEFAULT_CHECKSUM_INTERVAL);
        MatchRunner.Result r = new MatchRunner(roster).play(a, b, bestOf, roundTime, seed,
                recorder == null ? null : (state, in0, in1, events) -> recorder.frame(state, in0, in1));
        if (recorder != null) {
            writeReplay(recorder);
        }
        PrintWriter out = spec.commandLine().getOut();
        Table t = new Table("field", "value");
        t.row("p1", a.spec());
        t.row("p2", b.spec());
        t.row("seed", seed);
        t.row("winner", r.winnerName());
        t.row("rounds won", r.roundsWon()[0] + "-" + r.roundsWon()[1]);
        t.row("rounds played", r.roundsPlayed());
        t.row("frames", r.frames());
        t.row("damage dealt", r.damageDealt()[0] + "-" + r.damageDealt()[1]);
        t.row("checksum", r.checksum());
        if (replay != null) {
            t.row("replay", replay);
        }
        t.print(out);
        out.println(Json.write(Json.object("winner", r.winnerName(), "rounds", List.of(r.roundsWon()[0], r.roundsWon()[1]),
                "rounds_played", r.roundsPlayed(), "frames", r.frames(), "checksum", r.checksum(),
                "p1", a.spec(), "p2", b.spec(), "seed", seed, "replay", replay == null ? null : replay.toString())));
        return 0;
    }

    private void writeReplay(ReplayRecorder recorder) {
        try {
            recorder.finishTo(replay);
        } catch (java.io.IOException e) {
            throw new Main.UserError("cannot write the replay " + replay + ": " + e.getMessage(), Main.EXIT_FAILURE);
        }
    }
}
