package io.kumite.policies.play;

import java.util.Locale;

/**
 * Prioritised fictitious self-play (AlphaStar): opponents are drawn with probability proportional to
 * f(p), p being the learner's win rate against each. {@code squared} (1 - p)^2 focuses on the hardest;
 * {@code variance} p (1 - p) on the even ones; {@code linear_capped} min(0.5, 1 - p); {@code linear}
 * 1 - p; {@code uniform} is plain fictitious self-play. When every weight is zero, uniform.
 */
public final class Pfsp {
    private Pfsp() {}

    public enum Weighting {
        UNIFORM, LINEAR, LINEAR_CAPPED, SQUARED, VARIANCE;

        public static Weighting parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown PFSP weighting \"" + s + "\"; expected squared, variance, linear_capped, linear"
                        + " or uniform");
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        double apply(double p) {
            switch (this) {
                case LINEAR:
                    return 1 - p;
                case LINEAR_CAPPED:
                    return Math.min(0.5, 1 - p);
                case SQUARED:
                    return (1 - p) * (1 - p);
                case VARIANCE:
                    return p * (1 - p);
                default:
                    return 1;
            }
        }
    }

    public static double[] probabilities(double[] winRates, Weighting w) {
        double[] p = new double[winRates.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = w.apply(winRates[i]);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = sum < 1e-10 ? 1.0 / p.length : p[i] / sum;
        }
        return p;
    }

    /** Index drawn from {@code probabilities} with a uniform {@code u} in [0, 1). */
    public static int draw(double[] probabilities, double u) {
        double acc = 0;
        for (int i = 0; i < probabilities.length; i++) {
            acc += probabilities[i];
            if (u < acc) {
                return i;
            }
        }
        return probabilities.length - 1;
    }
}
