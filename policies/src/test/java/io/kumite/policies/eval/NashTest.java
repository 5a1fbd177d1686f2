package io.kumite.policies.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.Rng;
import org.junit.jupiter.api.Test;

class NashTest {
    static final double EPS = 1e-7;

    @Test
    void rockPaperScissorsIsUniformWithValueZero() {
        double[][] rps = {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}};
        Nash.Equilibrium e = Nash.solve(rps);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, e.row(), EPS);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, e.column(), EPS);
        assertEquals(0, e.value(), EPS);
        assertEquals(0, Nash.nashConv(rps, e.row(), e.column()), EPS);
        // Always rock is exploited by paper: the row gains 1 by switching, the column gains 1.
        assertEquals(2, Nash.nashConv(rps, new double[] {1, 0, 0}, new double[] {1, 0, 0}), EPS);
    }

    @Test
    void matchingPenniesIsHalfHalf() {
        Nash.Equilibrium e = Nash.solve(new double[][] {{1, -1}, {-1, 1}});
        assertArrayEquals(new double[] {.5, .5}, e.row(), EPS);
        assertArrayEquals(new double[] {.5, .5}, e.column(), EPS);
        assertEquals(0, e.value(), EPS);
    }

    @Test
    void aDominatedStrategyGetsNoWeight() {
        // Row 2 is dominated by row 0; the rest is a 2x2 game with a mixed solution:
        // rows (0,1) vs columns: [[3, -1], [-2, 2]] -> x0 = 4/8 = .5, value = (3*2 - 1*2)/(3+2+1+2) = .5
        double[][] a = {{3, -1}, {-2, 2}, {2, -2}};
        Nash.Equilibrium e = Nash.solve(a);
        assertEquals(0, e.row()[2], EPS);
        assertArrayEquals(new double[] {.5, .5, 0}, e.row(), EPS);
        assertArrayEquals(new double[] {3 / 8.0, 5 / 8.0}, e.column(), EPS);
        assertEquals(0.5, e.value(), EPS);
    }

    @Test
    void randomTenByTenMeetsTheEquilibriumConditionsAndAgreesWithFictitiousPlay() {
        Rng rng = new Rng(42);
        double[][] a = new double[10][10];
        for (double[] r : a) {
            for (int j = 0; j < r.length; j++) {
                r[j] = rng.nextInt(2001) / 1000.0 - 1;
            }
        }
        Nash.Equilibrium e = Nash.solve(a);
        // Independent check 1: no pure deviation gains (the value is the max of A y and the min of x^T A).
        for (int i = 0; i < 10; i++) {
            double ay = 0;
            for (int j = 0; j < 10; j++) {
                ay += a[i][j] * e.column()[j];
            }
            assertTrue(ay <= e.value() + 1e-7, "row " + i + " gains " + (ay - e.value()));
        }
        for (int j = 0; j < 10; j++) {
            double xa = 0;
            for (int i = 0; i < 10; i++) {
                xa += e.row()[i] * a[i][j];
            }
            assertTrue(xa >= e.value() - 1e-7, "column " + j + " gains " + (e.value() - xa));
        }
        assertEquals(0, Nash.nashConv(a, e.row(), e.column()), 1e-7);
        // Independent check 2: fictitious play converges to the same value (Robinson 1951).
        double[] rowPayoff = new double[10];
        double[] colPayoff = new double[10];
        int r = 0;
        int c = 0;
        int rounds = 200_000;
        for (int t = 1; t <= rounds; t++) {
            for (int k = 0; k < 10; k++) {
                rowPayoff[k] += a[k][c];
                colPayoff[k] += a[r][k];
            }
            r = argmax(rowPayoff);
            c = argmin(colPayoff);
        }
        double upper = rowPayoff[argmax(rowPayoff)] / rounds;
        double lower = colPayoff[argmin(colPayoff)] / rounds;
        assertTrue(lower - 1e-3 <= e.value() && e.value() <= upper + 1e-3, lower + " <= " + e.value() + " <= " + upper);
        assertEquals(upper, lower, 0.02, "fictitious play's bounds close in");
    }

    private static int argmax(double[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[b]) {
                b = i;
            }
        }
        return b;
    }

    private static int argmin(double[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[b]) {
                b = i;
            }
        }
        return b;
    }
}
