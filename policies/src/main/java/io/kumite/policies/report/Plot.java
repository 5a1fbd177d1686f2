package io.kumite.policies.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Small PNG charts drawn with Java2D (headless, no native libraries): a grid of line-chart panels,
 * one per metric, each with optional lower/upper bands (confidence intervals).
 */
public final class Plot {
    private Plot() {}

    /** One line of a panel; {@code lo}/{@code hi} may be null (no band). */
    public record Series(String label, double[] x, double[] y, double[] lo, double[] hi) {
        public Series(String label, double[] x, double[] y) {
            this(label, x, y, null, null);
        }
    }

    /** One chart: a title, an x-axis label and its lines. */
    public record Panel(String title, String xLabel, List<Series> series) {}

    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b),
    };
    private static final int W = 420;
    private static final int H = 280;

    /** Writes the panels in a grid of {@code columns} columns to {@code png} (atomically). */
    public static void write(Path png, List<Panel> panels, int columns) throws IOException {
        int cols = Math.max(1, Math.min(columns, panels.size()));
        int rows = Math.max(1, (panels.size() + cols - 1) / cols);
        BufferedImage img = new BufferedImage(cols * W, rows * H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D p = (Graphics2D) g.create((i % cols) * W, (i / cols) * H, W, H);
            panel(p, panels.get(i));
            p.dispose();
        }
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".plot", ".png");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void panel(Graphics2D g, Panel panel) {
        int left = 58;
        int right = 12;
        int top = 26;
        int bottom = 40;
        int pw = W - left - right;
        int ph = H - top - bottom;
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : panel.series()) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    continue;
                }
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.lo() != null ? s.lo()[i] : s.y()[i]);
                y1 = Math.max(y1, s.hi() != null ? s.hi()[i] : s.y()[i]);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, 17);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(panel.xLabel(), left + pw / 2 - 20, H - 6);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, pw, ph);
        if (x0 > x1) {
            g.drawString("no data yet", left + pw / 2 - 25, top + ph / 2);
            return;
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 - y0 < 1e-9) {
            y0 -= 0.5;
            y1 += 0.5;
        }
        double pad = (y1 - y0) * 0.05;
        y0 -= pad;
        y1 += pad;
        for (int k = 0; k <= 4; k++) {
            double yv = y0 + (y1 - y0) * k / 4;
            int yy = top + ph - (int) Math.round(ph * (yv - y0) / (y1 - y0));
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(left + 1, yy, left + pw - 1, yy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(number(yv), 4, yy + 4);
            double xv = x0 + (x1 - x0) * k / 4;
            int xx = left + (int) Math.round(pw * (xv - x0) / (x1 - x0));
            g.drawString(number(xv), Math.max(left - 10, xx - 14), top + ph + 14);
        }
        int legendY = top + 14;
        for (int si = 0; si < panel.series().size(); si++) {
            Series s = panel.series().get(si);
            Color c = COLORS[si % COLORS.length];
            if (s.lo() != null && s.hi() != null) {
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
                List<int[]> poly = new ArrayList<>();
                for (int i = 0; i < s.x().length; i++) {
                    poly.add(new int[] {px(s.x()[i], x0, x1, left, pw), py(s.hi()[i], y0, y1, top, ph)});
                }
                for (int i = s.x().length - 1; i >= 0; i--) {
                    poly.add(new int[] {px(s.x()[i], x0, x1, left, pw), py(s.lo()[i], y0, y1, top, ph)});
                }
                g.fillPolygon(poly.stream().mapToInt(a -> a[0]).toArray(), poly.stream().mapToInt(a -> a[1]).toArray(), poly.size());
            }
            g.setColor(c);
            g.setStroke(new BasicStroke(1.6f));
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    prevX = -1;
                    continue;
                }
                int xx = px(s.x()[i], x0, x1, left, pw);
                int yy = py(s.y()[i], y0, y1, top, ph);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, xx, yy);
                } else if (s.x().length == 1) {
                    g.fillOval(xx - 2, yy - 2, 5, 5);
                }
                prevX = xx;
                prevY = yy;
            }
            if (s.label() != null && !s.label().isEmpty()) {
                g.drawString(s.label(), left + pw - 8 - g.getFontMetrics().stringWidth(s.label()), legendY);
                legendY += 13;
            }
        }
    }

    private static int px(double x, double x0, double x1, int left, int pw) {
        return left + (int) Math.round(pw * (x - x0) / (x1 - x0));
    }

    private static int py(double y, double y0, double y1, int top, int ph) {
        return top + ph - (int) Math.round(ph * (y - y0) / (y1 - y0));
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
