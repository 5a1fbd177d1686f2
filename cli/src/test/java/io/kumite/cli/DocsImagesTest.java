package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.Player;
import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.FrameImages;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The frames shown in the README (docs/images) are what the engine renders today, pixel for pixel. */
class DocsImagesTest {
    @Test
    void readmeFramesAreCurrent() throws Exception {
        Map<Integer, String> shots = Map.of(1302, "special.png", 52, "projectile.png", 2194, "ko.png");
        Roster roster = Roster.builtIn();
        Simulator sim = new Simulator(roster);
        // ./kumite play --p1 bot:kenta:8 --p2 bot:mira:8 --seed 12
        MatchState s = sim.newMatch(MatchConfig.of(roster, "kenta", "mira"), 12);
        CpuBot p1 = new CpuBot(roster, Player.P1, 8, 12);
        CpuBot p2 = new CpuBot(roster, Player.P2, 8, 12);
        Renderer renderer = new Renderer(roster, 384, 240, true);
        byte[] frame = new byte[renderer.frameBytes()];
        Path images = ArchitectureTest.root().resolve("docs/images");
        int checked = 0;
        while (!s.isOver() && s.frame < 2194) {
            sim.step(s, p1.act(s), p2.act(s));
            String file = shots.get(s.frame);
            if (file != null) {
                renderer.render(s, frame, 0);
                BufferedImage now = FrameImages.toImage(frame, 0, 384, 240, 3);
                BufferedImage doc = ImageIO.read(images.resolve(file).toFile());
                for (int y = 0; y < 240; y++) {
                    for (int x = 0; x < 384; x++) {
                        assertEquals(now.getRGB(x, y) & 0xFFFFFF, doc.getRGB(x, y) & 0xFFFFFF, file + " pixel " + x + "," + y
                                + " is stale: re-export with ./kumite replay export m.kreplay --frames 52,1302,2194 (see README)");
                    }
                }
                checked++;
            }
        }
        assertEquals(3, checked);
    }
}
