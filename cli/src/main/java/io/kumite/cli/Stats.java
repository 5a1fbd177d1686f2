package io.kumite.cli;

import java.util.Arrays;

/** Small statistics for benchmark reports. */
final class Stats {
    private Stats() {}

    /** The median of {@code values} (the mean of the two middle ones for an even count). */
    static double median(double[] values) {
        double[] c = values.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
