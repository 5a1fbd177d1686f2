package io.kumite.viewer;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.utils.ScreenUtils;
import io.kumite.engine.FrameInput;
import io.kumite.engine.fighter.Box;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.HitBox;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The viewer window: the software renderer's frame of the current replay position (what the agents
 * saw), scaled up without smoothing, with optional overlays drawn on top (hit and hurt boxes, both
 * players' recent inputs, the health timeline with the cursor) and a help line. The playback logic is
 * {@link PlaybackController}; this class only draws and reads keys.
 */
public final class ViewerApp extends ApplicationAdapter {
    /** Options from the command line. */
    public record Options(int scale, boolean overlays, int seekTo, Path screenshot, Consumer<String> log) {}

    static final int PANEL = 112;
    private static final String HELP = "space play  <- -> frame  up/down speed  pgup/pgdn round  home start  click timeline: jump  B/I/H  esc";

    private final PlaybackController playback;
    private final Roster roster;
    private final Options options;
    private FrameTexture view;
    private Renderer renderer;
    private SpriteBatch batch;
    private ShapeRenderer shapes;
    private BitmapFont font;
    private boolean boxes;
    private boolean inputs;
    private boolean help = true;
    private int framesShown;

    public ViewerApp(PlaybackController playback, Roster roster, Options options) {
        this.playback = playback;
        this.roster = roster;
        this.options = options;
        this.boxes = options.overlays();
        this.inputs = options.overlays();
        this.help = options.overlays();
    }

    /** Game area size in window pixels. */
    static int gameWidth(int scale) {
        return FrameTexture.WIDTH * scale;
    }

    static int gameHeight(int scale) {
        return FrameTexture.HEIGHT * scale;
    }

    @Override
    public void create() {
        view = new FrameTexture(roster);
        renderer = view.renderer;
        batch = new SpriteBatch();
        shapes = new ShapeRenderer();
        font = new BitmapFont();
        if (options.seekTo() >= 0) {
            playback.seek(options.seekTo());
        }
        options.log().accept("viewer ready: " + playback.frames() + " frames");
    }

    @Override
    public void render() {
        keys();
        playback.update(Math.min(0.25f, Gdx.graphics.getDeltaTime()));
        MatchState s = playback.state();
        ScreenUtils.clear(0.08f, 0.08f, 0.1f, 1);
        int scale = options.scale();
        int gw = gameWidth(scale);
        int gh = gameHeight(scale);
        batch.getProjectionMatrix().setToOrtho2D(0, 0, Gdx.graphics.getBackBufferWidth(), Gdx.graphics.getBackBufferHeight());
        shapes.setProjectionMatrix(batch.getProjectionMatrix());
        view.draw(s, batch, 0, PANEL, scale);
        if (boxes) {
            drawBoxes(s, scale);
        }
        drawPanel(gw, scale);
        framesShown++;
        if (options.screenshot() != null && framesShown == 3) {
            capture(gw, gh);
            if (options.overlays()) {
                captureWindow(options.screenshot().resolveSibling("window-" + options.screenshot().getFileName()));
            }
            Gdx.app.exit();
        }
    }

    private void keys() {
        Input in = Gdx.input;
        if (in.isKeyJustPressed(Input.Keys.SPACE)) {
            playback.togglePlay();
        }
        if (in.isKeyJustPressed(Input.Keys.RIGHT)) {
            playback.stepForward();
        }
        if (in.isKeyJustPressed(Input.Keys.LEFT)) {
            playback.stepBack();
        }
        if (in.isKeyJustPressed(Input.Keys.UP)) {
            playback.faster();
        }
        if (in.isKeyJustPressed(Input.Keys.DOWN)) {
            playback.slower();
        }
        if (in.isKeyJustPressed(Input.Keys.PAGE_DOWN)) {
            playback.nextRound();
        }
        if (in.isKeyJustPressed(Input.Keys.PAGE_UP)) {
            playback.previousRound();
        }
        if (in.isKeyJustPressed(Input.Keys.HOME)) {
            playback.restart();
        }
        if (in.isKeyJustPressed(Input.Keys.B)) {
            boxes = !boxes;
        }
        if (in.isKeyJustPressed(Input.Keys.I)) {
            inputs = !inputs;
        }
        if (in.isKeyJustPressed(Input.Keys.H)) {
            help = !help;
        }
        if (in.isKeyJustPressed(Input.Keys.ESCAPE)) {
            Gdx.app.exit();
        }
        // A click on the health timeline jumps to that frame.
        if (in.justTouched()) {
            int y = Gdx.graphics.getBackBufferHeight() - in.getY();
            int w = gameWidth(options.scale()) - 16;
            if (y < 40 && in.getX() >= 8 && in.getX() <= 8 + w) {
                playback.seek((int) ((long) (in.getX() - 8) * playback.frames() / w));
            }
        }
    }

    /** Hurtboxes (body and limbs) in blue, active hitboxes in red, over the game area. */
    private void drawBoxes(MatchState s, int scale) {
        shapes.begin(ShapeRenderer.ShapeType.Line);
        for (FighterState f : s.fighters) {
            CharacterDef c = roster.get(f.character);
            int height = f.airborne() || f.mode == FighterMode.AIR || f.mode == FighterMode.AIR_HIT ? c.airHeight
                    : (Simulator.crouchingPosture(f, c) ? c.crouchHeight : c.height);
            shapes.setColor(Color.SKY);
            rect(f.x - c.width / 2, f.y, c.width, height, scale);
            if (f.mode == FighterMode.ATTACK) {
                MoveData md = c.move(f.move);
                for (Box b : md.hurtboxes(f.moveFrame)) {
                    rect(b.worldLeft(f.x, f.facing), f.y + b.y(), b.w(), b.h(), scale);
                }
                shapes.setColor(Color.RED);
                for (HitBox hb : md.hitboxes(f.moveFrame)) {
                    Box b = hb.box();
                    rect(b.worldLeft(f.x, f.facing), f.y + b.y(), b.w(), b.h(), scale);
                }
            }
        }
        shapes.end();
    }

    /** A world box (subpixels, y up from the floor) as a screen rectangle. */
    private void rect(int left, int bottom, int w, int h, int scale) {
        double x = renderer.pixelX(left) * scale;
        double y = PANEL + (FrameTexture.HEIGHT - renderer.pixelY(bottom)) * scale;
        shapes.rect((float) x, (float) y, (float) (w * renderer.pixelsPerSubX() * scale), (float) (h * renderer.pixelsPerSubY() * scale));
    }

    private void drawPanel(int gw, int scale) {
        // Health timeline of the whole match, cursor at the current frame.
        int frames = Math.max(1, playback.frames());
        shapes.begin(ShapeRenderer.ShapeType.Line);
        int x0 = 8;
        int w = gw - 16;
        int y0 = 8;
        int h = 26;
        for (int seat = 0; seat < 2; seat++) {
            shapes.setColor(seat == 0 ? Color.GOLD : Color.CYAN);
            int max = Math.max(1, roster.get(playback.state().fighters[seat].character).health);
            float px = x0;
            float py = y0 + h * playback.health(0, seat) / (float) max;
            for (int i = 1; i <= w; i++) {
                int f = (int) ((long) i * frames / w);
                float nx = x0 + i;
                float ny = y0 + h * playback.health(f, seat) / (float) max;
                shapes.line(px, py, nx, ny);
                px = nx;
                py = ny;
            }
        }
        shapes.setColor(Color.WHITE);
        float cursor = x0 + (float) w * playback.frame() / frames;
        shapes.line(cursor, y0 - 2, cursor, y0 + h + 2);
        shapes.end();
        batch.begin();
        font.setColor(Color.WHITE);
        font.draw(batch, String.format("frame %d / %d   round %d   %s %.2fx", playback.frame(), playback.frames(),
                playback.state().round, playback.playing() ? "playing" : "paused", playback.speed()), 8, 52);
        if (inputs) {
            for (int seat = 0; seat < 2; seat++) {
                StringBuilder b = new StringBuilder(seat == 0 ? "P1 inputs:" : "P2 inputs:");
                for (int f = Math.max(1, playback.frame() - 11); f <= playback.frame(); f++) {
                    b.append(' ').append(compact(playback.input(f, seat)));
                }
                font.draw(batch, b.toString(), 8, 88 - 18 * seat);
            }
        }
        if (help) {
            font.draw(batch, HELP, 8, 106);
        }
        batch.end();
    }

    /** An input as an absolute numpad digit (6 = right) and its buttons, e.g. {@code 3+MK}. */
    static String compact(int input) {
        String d = Integer.toString(FrameInput.numpad(input, 1));
        int buttons = input & FrameInput.BUTTONS;
        return buttons == 0 ? d : d + "+" + FrameInput.toString(buttons);
    }

    /** Writes the game area as a PNG (top row first). */
    private void capture(int gw, int gh) {
        writePng(0, PANEL, gw, gh, options.screenshot());
        options.log().accept("screenshot of frame " + playback.frame() + " written to " + options.screenshot());
    }

    /** Writes the whole window (game area, overlays, panel) next to the screenshot, for people. */
    private void captureWindow(Path file) {
        writePng(0, 0, Gdx.graphics.getBackBufferWidth(), Gdx.graphics.getBackBufferHeight(), file);
    }

    /** A rectangle of the framebuffer (x, y from the bottom-left) as a PNG with its top row first. */
    private void writePng(int x0, int y0, int w, int h, Path file) {
        byte[] rgba = ScreenUtils.getFrameBufferPixels(x0, y0, w, h, true);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 4;
                img.setRGB(x, y, ((rgba[i] & 0xFF) << 16) | ((rgba[i + 1] & 0xFF) << 8) | (rgba[i + 2] & 0xFF));
            }
        }
        try {
            javax.imageio.ImageIO.write(img, "png", file.toFile());
        } catch (java.io.IOException e) {
            options.log().accept("cannot write " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void dispose() {
        view.dispose();
        batch.dispose();
        shapes.dispose();
        font.dispose();
    }
}
