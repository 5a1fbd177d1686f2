package io.kumite.viewer;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.sim.MatchState;
import java.nio.file.Path;

/** Opens the viewer window on a replay. Used by {@code kumite view} and by the capture test. */
public final class ViewerMain {
    private ViewerMain() {}

    /** Blocks until the window closes. */
    public static void open(Replay replay, Roster roster, ViewerApp.Options options) {
        PlaybackController playback = new PlaybackController(replay, roster, PlaybackController.DEFAULT_SNAPSHOT_INTERVAL);
        new Lwjgl3Application(new ViewerApp(playback, roster, options), window(title(replay), options.scale()));
    }

    /** The window: the game area at {@code scale} plus the panel, fixed size, no audio, 60 frames a second. */
    private static Lwjgl3ApplicationConfiguration window(String title, int scale) {
        Lwjgl3ApplicationConfiguration config = new Lwjgl3ApplicationConfiguration();
        config.setTitle(title);
        config.setWindowedMode(ViewerApp.gameWidth(scale), ViewerApp.gameHeight(scale) + ViewerApp.PANEL);
        config.setResizable(false);
        config.disableAudio(true);
        config.setForegroundFPS(60);
        config.useVsync(false);
        return config;
    }

    /** A person against {@code opponent}; blocks until the window closes; the match is saved to {@code replayFile}. */
    public static void play(Roster roster, HumanMatch match, String keySpec, Path replayFile, int scale, String title,
                            java.util.function.Consumer<String> log) {
        KeyMap keys = KeyMap.parse(keySpec, name -> com.badlogic.gdx.Input.Keys.valueOf(name));
        new Lwjgl3Application(new PlayApp(match, roster, keys, replayFile, scale, log), window(title, scale));
    }

    static String title(Replay replay) {
        Replay.Header h = replay.header();
        Replay.Result r = replay.result();
        String result = r.winner() == MatchState.P1_WINS ? "P1 wins" : r.winner() == MatchState.P2_WINS ? "P2 wins"
                : r.winner() == MatchState.DRAW ? "draw" : "unfinished";
        return "Kumite replay: " + h.p1Character() + " (" + h.p1Policy() + ") vs " + h.p2Character() + " (" + h.p2Policy() + ") - "
                + result + " " + r.p1Rounds() + "-" + r.p2Rounds();
    }

    /** {@code ViewerMain FILE [--seek N] [--screenshot PNG] [--scale S] [--no-overlays]}. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int seek = -1;
        Path shot = null;
        int scale = 2;
        boolean overlays = true;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--seek" -> seek = Integer.parseInt(args[++i]);
                case "--screenshot" -> shot = Path.of(args[++i]);
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--no-overlays" -> overlays = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        open(Replay.read(file), Roster.builtIn(), new ViewerApp.Options(scale, overlays, seek, shot, System.out::println));
    }
}
