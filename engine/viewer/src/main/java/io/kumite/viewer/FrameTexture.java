package io.kumite.viewer;

import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.sim.MatchState;
import java.nio.ByteBuffer;

/**
 * The software renderer's frame (384x240 RGB, what the agents see) uploaded into a texture each frame
 * and drawn scaled up without smoothing. Owns GL resources: create and use it on the GL thread.
 */
final class FrameTexture {
    static final int WIDTH = 384;
    static final int HEIGHT = 240;

    final Renderer renderer;
    private final byte[] frame;
    private final Pixmap pixmap;
    private final Texture texture;

    FrameTexture(Roster roster) {
        renderer = new Renderer(roster, WIDTH, HEIGHT, true);
        frame = new byte[renderer.frameBytes()];
        pixmap = new Pixmap(WIDTH, HEIGHT, Pixmap.Format.RGBA8888);
        texture = new Texture(pixmap);
        texture.setFilter(Texture.TextureFilter.Nearest, Texture.TextureFilter.Nearest);
    }

    /** Renders {@code s} and draws it with its bottom-left corner at (x, y), {@code scale} window pixels per pixel. */
    void draw(MatchState s, SpriteBatch batch, int x, int y, int scale) {
        renderer.render(s, frame, 0);
        ByteBuffer px = pixmap.getPixels();
        int plane = WIDTH * HEIGHT;
        for (int i = 0; i < plane; i++) {
            px.put(i * 4, frame[i]);
            px.put(i * 4 + 1, frame[plane + i]);
            px.put(i * 4 + 2, frame[2 * plane + i]);
            px.put(i * 4 + 3, (byte) 255);
        }
        texture.draw(pixmap, 0, 0);
        batch.begin();
        batch.draw(texture, x, y, WIDTH * scale, HEIGHT * scale);
        batch.end();
    }

    void dispose() {
        texture.dispose();
        pixmap.dispose();
    }
}
