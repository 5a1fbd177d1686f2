package io.kumite.engine.render;

/**
 * Pixel primitives that write straight into a caller's byte buffer in channels-first layout: one
 * plane (luminance) for grayscale, three planes (R, G, B) for colour. Coordinates of shapes are in
 * 1/16 pixel (sub-pixel precision, integer maths only: bit-exact everywhere). Not thread-safe.
 */
final class Canvas {
    static final int SUB = 16;

    final int width;
    final int height;
    final boolean rgb;
    final int plane;
    byte[] out;
    int offset;
    /** One past the last byte of the current frame. */
    private int end;

    Canvas(int width, int height, boolean rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.plane = width * height;
    }

    /** Colour planes to write (bit 0 R, 1 G, 2 B); grayscale ignores it. */
    int planeMask = 7;

    void target(byte[] out, int offset) {
        this.out = out;
        this.offset = offset;
        this.end = offset + (rgb ? 3 : 1) * plane;
    }

    /** Luminance of a 0xRRGGBB colour (ITU-R BT.601 weights, integer). */
    static int luma(int rgb) {
        return (((rgb >> 16) & 0xFF) * 77 + ((rgb >> 8) & 0xFF) * 150 + (rgb & 0xFF) * 29) >> 8;
    }

    /** Fills pixels [x0, x1) of row y (pixel units), clipped. */
    void span(int y, int x0, int x1, int color) {
        if (y < 0 || y >= height) {
            return;
        }
        if (x0 < 0) {
            x0 = 0;
        }
        if (x1 > width) {
            x1 = width;
        }
        if (x0 >= x1) {
            return;
        }
        int base = offset + y * width;
        byte[] o = out;
        if (rgb) {
            byte r = (byte) (color >> 16);
            byte g = (byte) (color >> 8);
            byte b = (byte) color;
            if ((planeMask & 1) != 0) {
                fill(o, base + x0, x1 - x0, r);
            }
            if ((planeMask & 2) != 0) {
                fill(o, base + plane + x0, x1 - x0, g);
            }
            if ((planeMask & 4) != 0) {
                fill(o, base + 2 * plane + x0, x1 - x0, b);
            }
        } else {
            fill(o, base + x0, x1 - x0, (byte) luma(color));
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Fills {@code n >= 1} bytes. Spans are mostly a few pixels long, where a loop's set-up and mispredicted
     * branches cost more than the stores: short spans are merged into one 8-byte word with a mask, longer
     * ones are written in whole 8-byte words.
     */
    private void fill(byte[] o, int i, int n, byte v) {
        long pattern = (v & 0xFFL) * 0x0101010101010101L;
        if (n >= 8) {
            // Whole words; the last one overlaps the previous instead of going past the span.
            int last = i + n - 8;
            for (int j = i; j < last; j += 8) {
                LONGS.set(o, j, pattern);
            }
            LONGS.set(o, last, pattern);
            return;
        }
        // The word may cover up to 7 bytes past the span, rewritten unchanged; it never leaves this
        // frame's own bytes, so other threads may render into the same array elsewhere.
        if (i + 8 <= end) {
            long mask = -1L >>> (64 - (n << 3));
            long old = (long) LONGS.get(o, i);
            LONGS.set(o, i, (old & ~mask) | (pattern & mask));
            return;
        }
        for (int j = i; j < i + n; j++) {
            o[j] = v;
        }
    }

    /** Fills the pixel rectangle [x0, x1) x [y0, y1). */
    void rect(int x0, int y0, int x1, int y1, int color) {
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            span(y, x0, x1, color);
        }
    }

    /**
     * Fills a capsule: every pixel whose centre is within {@code r} of the segment a-b (1/16 px units).
     * The shape is convex, so each row is one span: the union of the two end discs and the band
     * around the segment. The band's four edges are straight lines, so they are stepped row by row;
     * square roots are taken only on the rows that cross an end disc. IEEE double maths, which Java
     * specifies exactly, so the pixels are the same on every JVM.
     */
    void capsule(int ax, int ay, int bx, int by, int r, int color) {
        // Rows whose centres (y*SUB + SUB/2) are within r of the segment's vertical extent.
        int top = Math.min(ay, by) - r - SUB / 2;
        int bottom = Math.max(ay, by) + r - SUB / 2;
        int minY = Math.max(0, Math.floorDiv(top + SUB - 1, SUB));
        int maxY = Math.min(height - 1, Math.floorDiv(bottom, SUB));
        if (minY > maxY) {
            return;
        }
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double rlen = r * Math.sqrt(len2);
        double r2 = (double) r * r;
        double rel = minY * SUB + SUB / 2 - ay; // row centre relative to a
        double invDx = dx != 0 ? 1 / dx : 0;
        double invDy = dy != 0 ? 1 / dy : 0;
        // Projection edges: (px-ax)*dx in [-rel*dy, len2 - rel*dy]; cross edges:
        // (px-ax)*dy in [rel*dx - rlen, rel*dx + rlen]. Both pairs move linearly with the row.
        double pLo = Double.NEGATIVE_INFINITY;
        double pHi = Double.POSITIVE_INFINITY;
        double pStep = 0;
        if (dx != 0) {
            double u = -rel * dy * invDx;
            double v = (len2 - rel * dy) * invDx;
            pLo = u < v ? u : v;
            pHi = u < v ? v : u;
            pStep = -SUB * dy * invDx;
        }
        double cLo = Double.NEGATIVE_INFINITY;
        double cHi = Double.POSITIVE_INFINITY;
        double cStep = 0;
        if (dy != 0) {
            double u = (rel * dx - rlen) * invDy;
            double v = (rel * dx + rlen) * invDy;
            cLo = u < v ? u : v;
            cHi = u < v ? v : u;
            cStep = SUB * dx * invDy;
        }
        boolean axisAligned = dx == 0 || dy == 0;
        for (int y = minY; y <= maxY; y++, rel += SUB, pLo += pStep, pHi += pStep, cLo += cStep, cHi += cStep) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean bandRow = len2 > 0 && (!axisAligned
                    || ((dx != 0 || (rel * dy >= 0 && rel * dy <= len2)) && (dy != 0 || (rel * dx <= rlen && -rel * dx <= rlen))));
            if (bandRow) {
                double l = pLo > cLo ? pLo : cLo;
                double h = pHi < cHi ? pHi : cHi;
                if (l <= h) {
                    lo = ax + l;
                    hi = ax + h;
                }
            }
            if (rel * rel <= r2) {
                double h = Math.sqrt(r2 - rel * rel);
                lo = lo < ax - h ? lo : ax - h;
                hi = hi > ax + h ? hi : ax + h;
            }
            double relB = rel - dy;
            if (relB * relB <= r2) {
                double h = Math.sqrt(r2 - relB * relB);
                lo = lo < bx - h ? lo : bx - h;
                hi = hi > bx + h ? hi : bx + h;
            }
            if (lo > hi) {
                continue;
            }
            // Pixels whose centres (x*SUB + SUB/2) lie in [lo, hi], clipped to the frame.
            double l = (lo - SUB / 2) * (1.0 / SUB);
            double h = (hi - SUB / 2) * (1.0 / SUB);
            l = l > -1 ? l : -1;
            h = h < width + 1 ? h : width + 1;
            int x0 = (int) l;
            if (x0 < l) {
                x0++;
            }
            int x1 = (int) h;
            if (x1 > h) {
                x1--;
            }
            if (x0 <= x1) {
                span(y, x0, x1 + 1, color);
            }
        }
    }

    // 3x5 pixel font for the timer digits, one row of 3 bits per entry.
    private static final int[][] DIGITS = {
        {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
        {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7},
    };

    /** Draws a digit in a box of pixel size w x h at (x, y), cells scaled to fit; one span per run of lit cells. */
    void digit(int d, int x, int y, int w, int h, int color) {
        int[] rows = DIGITS[d];
        for (int row = 0; row < 5; row++) {
            int y0 = y + row * h / 5;
            int y1 = Math.max(y + (row + 1) * h / 5, y0 + 1);
            int bits = rows[row];
            int col = 0;
            while (col < 3) {
                if ((bits & (4 >> col)) == 0) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < 3 && (bits & (4 >> col)) != 0) {
                    col++;
                }
                rect(x + start * w / 3, y0, x + col * w / 3, y1, color);
            }
        }
    }
}
