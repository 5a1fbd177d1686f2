package io.kumite.cli;

import io.kumite.engine.replay.Replay;
import io.kumite.viewer.ViewerApp;
import io.kumite.viewer.ViewerMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Watch a replay in a desktop window: the frames the agents saw, scaled up, with hit/hurt boxes,",
            "inputs and the health timeline. Keys: space play/pause, left/right one frame, up/down speed",
            "(0.25x-8x), page up/down round, home restart, B boxes, I inputs, H help, esc quit."})
final class ViewCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .kreplay file.")
    Path file;

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
        Replay replay = ReplayCommand.load(file);
        String display = System.getenv("DISPLAY");
        if ((display == null || display.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null
                && System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new Main.UserError("no display: the viewer needs a desktop session (or run it under xvfb-run)", Main.EXIT_FAILURE);
        }
        ViewerMain.open(replay, roster.load(), new ViewerApp.Options(scale, !noOverlays, seek, null,
                line -> spec.commandLine().getErr().println(line)));
        return 0;
    }
}
