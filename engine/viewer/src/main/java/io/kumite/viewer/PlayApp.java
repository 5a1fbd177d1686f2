package io.kumite.viewer;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.utils.ScreenUtils;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.sim.MatchState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A person plays a policy with the keyboard: the keys are read at 60 frames per second (a fixed-step
 * accumulator drives {@link HumanMatch}), the frame shown is the software renderer's, and the match
 * is saved as a replay when it ends or the window closes.
 */
final class PlayApp extends ApplicationAdapter {
    private final HumanMatch match;
    private final Roster roster;
    private final KeyMap keys;
    private final Path replayFile;
    private final int scale;
    private final Consumer<String> log;
    private FrameTexture view;
    private SpriteBatch batch;
    private BitmapFont font;
    private double accumulator;
    /** Keys pressed since the last simulated frame, so a tap shorter than a frame still counts. */
    private final java.util.Set<Integer> tapped = new java.util.HashSet<>();
    private boolean saved;
    private String status = "";

    PlayApp(HumanMatch match, Roster roster, KeyMap keys, Path replayFile, int scale, Consumer<String> log) {
        this.match = match;
        this.roster = roster;
        this.keys = keys;
        this.replayFile = replayFile;
        this.scale = scale;
        this.log = log;
    }

    @Override
    public void create() {
        view = new FrameTexture(roster);
        batch = new SpriteBatch();
        font = new BitmapFont();
        Gdx.input.setInputProcessor(new com.badlogic.gdx.InputAdapter() {
            @Override
            public boolean keyDown(int keycode) {
                tapped.add(keycode);
                return false;
            }
        });
        log.accept("play ready: you are " + (match.humanSeat() == 0 ? "P1 (left)" : "P2 (right)"));
    }

    @Override
    public void render() {
        if (Gdx.input.isKeyJustPressed(Input.Keys.ESCAPE)) {
            save();
            Gdx.app.exit();
            return;
        }
        accumulator += Math.min(0.25, Gdx.graphics.getDeltaTime());
        while (accumulator >= 1.0 / 60 && !match.over()) {
            match.frame(keys.input(code -> Gdx.input.isKeyPressed(code) || tapped.contains(code)));
            tapped.clear();
            accumulator -= 1.0 / 60;
        }
        if (match.over() && !saved) {
            save();
        }
        ScreenUtils.clear(0.08f, 0.08f, 0.1f, 1);
        batch.getProjectionMatrix().setToOrtho2D(0, 0, Gdx.graphics.getBackBufferWidth(), Gdx.graphics.getBackBufferHeight());
        view.draw(match.state(), batch, 0, ViewerApp.PANEL, scale);
        batch.begin();
        font.setColor(Color.WHITE);
        MatchState s = match.state();
        font.draw(batch, "you: " + (match.humanSeat() == 0 ? "P1 (left)" : "P2 (right)") + "   round " + s.round
                + "   esc: save and quit   " + status, 8, 52);
        batch.end();
    }

    private void save() {
        if (saved) {
            return;
        }
        saved = true;
        Replay r = match.replay();
        if (r == null) {
            return;
        }
        try {
            r.write(replayFile);
            status = "replay saved to " + replayFile;
        } catch (IOException e) {
            status = "cannot save the replay: " + e.getMessage();
        }
        log.accept(status);
    }

    @Override
    public void dispose() {
        save(); // the window was closed: keep what was played
        view.dispose();
        batch.dispose();
        font.dispose();
    }
}
