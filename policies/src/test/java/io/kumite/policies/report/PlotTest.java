package io.kumite.policies.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {
    @TempDir
    Path dir;

    /** Columns of the title band (rows 4-20) with a dark pixel, from x0 to x1. */
    private static int inkedColumns(BufferedImage img, int x0, int x1) {
        int inked = 0;
        for (int x = x0; x < x1; x++) {
            for (int y = 4; y <= 20; y++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (((rgb >> 16) & 0xff) < 160 && ((rgb >> 8) & 0xff) < 160 && (rgb & 0xff) < 160) {
                    inked++;
                    break;
                }
            }
        }
        return inked;
    }

    @Test
    void aLongTitleIsShrunkOrCutInsideItsPanel() throws Exception {
        double[] x = {1, 2, 3};
        double[] y = {0.1, 0.5, 0.9};
        String longTitle = "best response's round win rate against ckpt:runs/some-rather-long-run-name/checkpoints/latest";
        Path png = dir.resolve("p.png");
        Plot.write(png, List.of(new Plot.Panel(longTitle, "steps", List.of(new Plot.Series("s", x, y))),
                new Plot.Panel("short", "steps", List.of(new Plot.Series("s", x, y)))), 2);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(840, img.getWidth());
        assertEquals(0, inkedColumns(img, 420 - 4, 420), "the title stops before the panel's edge instead of running off it");
        assertTrue(inkedColumns(img, 58, 400) > 250, "the title still spans the panel");
    }
}
