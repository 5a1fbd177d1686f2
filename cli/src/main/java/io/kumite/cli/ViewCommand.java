package io.kumite.cli;

import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import io.kumite.viewer.HumanMatch;
import io.kumite.viewer.ViewerApp;
import io.kumite.viewer.ViewerMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Watch a replay, or play a policy with the keyboard, in a desktop window.",
            "Watch a replay in a desktop window: the frames the agents saw, scaled up, with hit/hurt boxes,",
            "inputs and the health timeline. Keys: space play/pause, left/right one frame, up/down speed",
            "(0.25x-8x), page up/down round, home restart, click the timeline to jump, B boxes, I inputs, H help, esc quit.",
            "With --play POLICY: play against a policy with the keyboard (arrows; A S D = LP MP HP; Z X C = LK MK HK;",
            "change them with --keys); the match is saved as a replay."})
final class ViewCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The .kreplay file to watch (not with --play).")
    Path file;

    @Option(names = "--play", paramLabel = "POLICY", description = "Play against this policy yourself, e.g. bot:kenta:4, random, noop.")
    String play;

    @Option(names = "--as", paramLabel = "CHARACTER", defaultValue = "kenta", description = "Your character with --play (default ${DEFAULT-VALUE}).")
    String character;

    @Option(names = "--side", defaultValue = "left", description = "Your side with --play: left or right (default ${DEFAULT-VALUE}).")
    String side;

    @Option(names = "--keys", paramLabel = "SPEC", description = "Key bindings over the defaults, e.g. UP=W,LEFT=A,DOWN=S,RIGHT=D,LP=J,MP=K,HP=L,LK=M,MK=Comma,HK=Period.")
    String keys;

    @Option(names = "--replay", paramLabel = "FILE", defaultValue = "human-match.kreplay", description = "Where --play saves the match (default ${DEFAULT-VALUE}).")
    Path replayOut;

    @Option(names = "--best-of", defaultValue = "3", description = "Rounds with --play (default ${DEFAULT-VALUE}).")
    int bestOf;

    @Option(names = "--seed", defaultValue = "1", description = "Match seed with --play (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "2", description = "Window pixels per frame pixel, 1..4 (default ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--seek", defaultValue = "0", description = "Start at this frame (default ${DEFAULT-VALUE}).")
    int seek;

    @Option(names = "--no-overlays", description = "Start with boxes, inputs and help hidden.")
    boolean noOverlays;

    @picocli.CommandLine.Mixin
    RosterOption roster = new RosterOption();

    @Override
    public Integer call() {
        if (scale < 1 || scale > 4) {
            throw new IllegalArgumentException("--scale must be in 1..4, got " + scale);
        }
        if (play == null && file == null) {
            throw new IllegalArgumentException("give a replay FILE to watch, or --play POLICY to play");
        }
        if (!side.equals("left") && !side.equals("right")) {
            throw new IllegalArgumentException("--side must be left or right, got \"" + side + "\"");
        }
        Roster r = roster.load();
        Policy opponent = play == null ? null : Policies.parse(play, r);
        int me = r.indexOf(character);
        new io.kumite.engine.sim.MatchConfig(0, 0, bestOf, io.kumite.engine.sim.MatchConfig.DEFAULT_ROUND_COUNTS);
        Replay replay = play == null ? ReplayCommand.load(file) : null;
        String display = System.getenv("DISPLAY");
        if ((display == null || display.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null
                && System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new Main.UserError("no display: the viewer needs a desktop session (or run it under xvfb-run)", Main.EXIT_FAILURE);
        }
        java.util.function.Consumer<String> log = line -> spec.commandLine().getErr().println(line);
        if (play != null) {
            int seat = side.equals("left") ? 0 : 1;
            HumanMatch match = new HumanMatch(r, me, seat, opponent, bestOf, seed);
            ViewerMain.play(r, match, keys, replayOut, scale, "Kumite: you (" + r.get(me).name + ") vs " + opponent.spec(), log);
            return 0;
        }
        ViewerMain.open(replay, r, new ViewerApp.Options(scale, !noOverlays, seek, null, log));
        return 0;
    }
}
