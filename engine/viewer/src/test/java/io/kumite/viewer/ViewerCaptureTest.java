package io.kumite.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the real viewer window (LWJGL3, under Xvfb with Mesa's software GL when there is no display),
 * seeks to a frame, captures the game area, and checks it equals the software renderer's frame for
 * that state scaled 2x. Skipped, with the reason printed, only when no display server can be started.
 */
class ViewerCaptureTest {
    static final int SEEK = 500;
    static final int SCALE = 2;

    @Test
    void theWindowShowsExactlyWhatTheAgentsSaw(@TempDir Path dir) throws Exception {
        Process xvfb = null;
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            if (!new File("/usr/bin/Xvfb").canExecute()) {
                System.out.println("ViewerCaptureTest skipped: no DISPLAY and no /usr/bin/Xvfb (apt-get install -y xvfb)");
                Assumptions.abort("no display server can be started");
            }
            int n = 90;
            while (new File("/tmp/.X11-unix/X" + n).exists() || new File("/tmp/.X" + n + "-lock").exists()) {
                n++;
            }
            display = ":" + n;
            xvfb = new ProcessBuilder("/usr/bin/Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
            for (int i = 0; i < 50 && !new File("/tmp/.X11-unix/X" + n).exists(); i++) {
                Thread.sleep(100);
            }
        }
        try {
            Replay replay = PlaybackControllerTest.match();
            Path file = dir.resolve("m.kreplay");
            replay.write(file);
            Path shot = dir.resolve("shot.png");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ViewerMain.class.getName(), file.toString(),
                    "--seek", Integer.toString(SEEK), "--screenshot", shot.toString(), "--no-overlays", "--scale", Integer.toString(SCALE)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("DISPLAY", display);
            Process viewer = pb.start();
            boolean done = viewer.waitFor(180, TimeUnit.SECONDS);
            String log = new String(viewer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                viewer.destroyForcibly();
            }
            System.out.println("viewer output:\n" + log);
            assertTrue(done, "the viewer did not finish:\n" + log);
            assertTrue(Files.isRegularFile(shot), "no screenshot; viewer output:\n" + log);

            // The same state, drawn by the software renderer.
            Roster roster = Roster.builtIn();
            Simulator sim = new Simulator(roster);
            MatchState s = sim.newMatch(replay.header().config(), replay.header().seed());
            for (int f = 0; f < SEEK; f++) {
                sim.step(s, replay.input(f, 0), replay.input(f, 1));
            }
            Renderer r = new Renderer(roster, 384, 240, true);
            byte[] frame = new byte[r.frameBytes()];
            r.render(s, frame, 0);
            BufferedImage img = ImageIO.read(shot.toFile());
            assertEquals(384 * SCALE, img.getWidth());
            assertEquals(240 * SCALE, img.getHeight());
            int plane = 384 * 240;
            int different = 0;
            int worst = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int i = (y / SCALE) * 384 + x / SCALE;
                    int want = ((frame[i] & 0xFF) << 16) | ((frame[plane + i] & 0xFF) << 8) | (frame[2 * plane + i] & 0xFF);
                    int got = img.getRGB(x, y) & 0xFFFFFF;
                    if (want != got) {
                        different++;
                        for (int shift = 0; shift <= 16; shift += 8) {
                            worst = Math.max(worst, Math.abs(((want >> shift) & 0xFF) - ((got >> shift) & 0xFF)));
                        }
                    }
                }
            }
            System.out.printf("viewer capture vs software renderer at frame %d: %d of %d pixels differ (largest channel difference %d)%n",
                    SEEK, different, img.getWidth() * img.getHeight(), worst);
            assertEquals(0, different, "the window must show the renderer's frame exactly (scaled " + SCALE + "x, nearest)");
        } finally {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
    }
}
