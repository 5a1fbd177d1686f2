package io.kumite.policies.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for long work: redrawn in place on a terminal, one line at most every
 * {@code intervalSeconds} otherwise (logs, CI).
 */
public final class Progress {
    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final double intervalSeconds;
    private final long start = System.nanoTime();
    private long lastPrint;
    private boolean drewInPlace;

    public Progress(PrintStream out, String label, long total, double intervalSeconds) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = System.console() != null && System.getenv("CI") == null;
        this.intervalSeconds = intervalSeconds;
    }

    /** Shows {@code done} of the total with a free-form {@code detail}; {@code force} prints even between intervals. */
    public void update(long done, long baseline, String detail, boolean force) {
        long now = System.nanoTime();
        if (!force && !terminal && (now - lastPrint) / 1e9 < intervalSeconds) {
            return;
        }
        lastPrint = now;
        double frac = Math.min(1.0, (double) done / total);
        double elapsed = (now - start) / 1e9;
        double rate = (done - baseline) / Math.max(1e-9, elapsed);
        String eta = rate > 0 && done < total ? clock((total - done) / rate) : "--:--";
        int width = 24;
        int filled = (int) Math.round(frac * width);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String line = String.format(Locale.ROOT, "%s [%s] %3.0f%% %s/%s  %s  elapsed %s eta %s", label, bar, frac * 100,
                Plot.number(done), Plot.number(total), detail, clock(elapsed), eta);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            drewInPlace = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the bar's line. */
    public void finish() {
        if (drewInPlace) {
            out.println();
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
