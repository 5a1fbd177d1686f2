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
        save(img, png);
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
        g.setColor(Color.BLACK);
        drawFitted(g, panel.title(), left, 17, W - left - 4);
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

    /**
     * A square heat map of {@code values[row][col]} in 0..1 (NaN = no games) with the numbers printed
     * in the cells; rows and columns are labelled. Written atomically.
     */
    /** A bold title, in a smaller font when it is too wide, and cut with an ellipsis when even that is too wide. */
    private static void drawFitted(Graphics2D g, String text, int x, int y, int width) {
        for (int size = 13; ; size--) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            if (g.getFontMetrics().stringWidth(text) <= width) {
                break;
            }
            if (size == 9) {
                while (text.length() > 1 && g.getFontMetrics().stringWidth(text + "…") > width) {
                    text = text.substring(0, text.length() - 1);
                }
                text += "…";
                break;
            }
        }
        g.drawString(text, x, y);
    }

    public static void heatmap(Path png, String title, List<String> labels, double[][] values) throws IOException {
        int n = labels.size();
        int cell = Math.max(34, Math.min(64, 900 / Math.max(1, n)));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int labelW = 0;
        for (String l : labels) {
            labelW = Math.max(labelW, pg.getFontMetrics().stringWidth(l));
        }
        pg.dispose();
        int left = labelW + 12;
        int top = 40;
        int width = Math.max(left + n * cell + 20, 7 * title.length() + 30);
        BufferedImage img = new BufferedImage(width, top + n * cell + labelW + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, 8, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int r = 0; r < n; r++) {
            g.setColor(Color.BLACK);
            g.drawString(labels.get(r), left - 6 - g.getFontMetrics().stringWidth(labels.get(r)), top + r * cell + cell / 2 + 4);
            for (int c = 0; c < n; c++) {
                double v = values[r][c];
                int x = left + c * cell;
                int y = top + r * cell;
                if (Double.isNaN(v)) {
                    g.setColor(new Color(0xEEEEEE));
                } else {
                    // Blue (0) through white (0.5) to red (1).
                    double t = Math.max(0, Math.min(1, v));
                    int fade = (int) Math.round(255 - 165 * Math.abs(t - 0.5) * 2);
                    g.setColor(t >= 0.5 ? new Color(255, fade, fade) : new Color(fade, fade, 255));
                }
                g.fillRect(x, y, cell, cell);
                g.setColor(Color.GRAY);
                g.drawRect(x, y, cell, cell);
                if (!Double.isNaN(v)) {
                    String txt = String.format(Locale.ROOT, "%.2f", v);
                    g.setColor(Color.BLACK);
                    g.drawString(txt, x + (cell - g.getFontMetrics().stringWidth(txt)) / 2, y + cell / 2 + 4);
                }
            }
        }
        for (int c = 0; c < n; c++) {
            Graphics2D rg = (Graphics2D) g.create();
            rg.translate(left + c * cell + cell / 2 + 4, top + n * cell + 6);
            rg.rotate(Math.PI / 2);
            rg.setColor(Color.BLACK);
            rg.drawString(labels.get(c), 0, 0);
            rg.dispose();
        }
        g.dispose();
        save(img, png);
    }

    /** Horizontal bars (e.g. Elo) with optional whiskers {@code lo..hi}, one per label, top to bottom. */
    public static void bars(Path png, String title, List<String> labels, double[] values, double[] lo, double[] hi) throws IOException {
        int n = labels.size();
        int rowH = 24;
        BufferedImage img = new BufferedImage(760, 50 + n * rowH + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, 8, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int labelW = 0;
        for (String l : labels) {
            labelW = Math.max(labelW, g.getFontMetrics().stringWidth(l));
        }
        int left = labelW + 16;
        int right = img.getWidth() - 20;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, lo != null ? lo[i] : values[i]);
            max = Math.max(max, hi != null ? hi[i] : values[i]);
        }
        double pad = Math.max(10, (max - min) * 0.05);
        min -= pad;
        max += pad;
        for (int i = 0; i < n; i++) {
            int y = 40 + i * rowH;
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), left - 8 - g.getFontMetrics().stringWidth(labels.get(i)), y + 15);
            int x0 = left;
            int x1 = left + (int) Math.round((right - left) * (values[i] - min) / (max - min));
            g.setColor(COLORS[0]);
            g.fillRect(x0, y + 4, Math.max(1, x1 - x0), rowH - 8);
            if (lo != null && hi != null) {
                int a = left + (int) Math.round((right - left) * (lo[i] - min) / (max - min));
                int b = left + (int) Math.round((right - left) * (hi[i] - min) / (max - min));
                g.setColor(Color.BLACK);
                g.drawLine(a, y + rowH / 2, b, y + rowH / 2);
                g.drawLine(a, y + 6, a, y + rowH - 6);
                g.drawLine(b, y + 6, b, y + rowH - 6);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", values[i]), Math.min(right - 30, x1 + 4), y + 15);
        }
        g.dispose();
        save(img, png);
    }

    private static void save(BufferedImage img, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".plot", ".png");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
        if (a >= 100 || (v == Math.rint(v) && a < 1e4)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
