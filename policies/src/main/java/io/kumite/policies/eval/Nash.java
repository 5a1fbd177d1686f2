package io.kumite.policies.eval;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.linear.LinearConstraint;
import org.hipparchus.optim.linear.LinearConstraintSet;
import org.hipparchus.optim.linear.LinearObjectiveFunction;
import org.hipparchus.optim.linear.NonNegativeConstraint;
import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.linear.SimplexSolver;
import org.hipparchus.optim.nonlinear.scalar.GoalType;

/**
 * Nash equilibria of two-player zero-sum matrix games by linear programming (Hipparchus' Simplex),
 * and the NashConv of a pair of mixed strategies. The row player receives {@code a[i][j]}, the
 * column player {@code -a[i][j]}.
 */
public final class Nash {
    private Nash() {}

    /** An equilibrium: mixed strategies of both players and the game's value for the row player. */
    public record Equilibrium(double[] row, double[] column, double value) {}

    public static Equilibrium solve(double[][] a) {
        int m = a.length;
        if (m == 0 || a[0].length == 0) {
            throw new IllegalArgumentException("the payoff matrix is empty");
        }
        int n = a[0].length;
        for (double[] r : a) {
            if (r.length != n) {
                throw new IllegalArgumentException("the payoff matrix is not rectangular");
            }
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the payoff matrix has a missing or infinite entry: fill every cell");
                }
            }
        }
        double[] row = rowStrategy(a);
        double[][] t = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = -a[i][j];
            }
        }
        double[] column = rowStrategy(t);
        double value = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                value += row[i] * a[i][j] * column[j];
            }
        }
        return new Equilibrium(row, column, value);
    }

    /**
     * The row player's maximin strategy: with payoffs shifted to be positive (value v > 0),
     * minimise sum(y) subject to A^T y >= 1, y >= 0; then x = y / sum(y).
     */
    private static double[] rowStrategy(double[][] a) {
        int m = a.length;
        int n = a[0].length;
        double min = Double.POSITIVE_INFINITY;
        for (double[] r : a) {
            for (double v : r) {
                min = Math.min(min, v);
            }
        }
        double shift = 1 - min;
        double[] ones = new double[m];
        java.util.Arrays.fill(ones, 1.0);
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double[] coeffs = new double[m];
            for (int i = 0; i < m; i++) {
                coeffs[i] = a[i][j] + shift;
            }
            constraints.add(new LinearConstraint(coeffs, Relationship.GEQ, 1.0));
        }
        PointValuePair p = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(100_000), new LinearObjectiveFunction(ones, 0),
                new LinearConstraintSet(constraints), GoalType.MINIMIZE, new NonNegativeConstraint(true));
        double[] y = p.getPoint();
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = Math.max(0, y[i] / sum);
        }
        return x;
    }

    /**
     * NashConv of (x, y): how much the two players together gain by best-responding,
     * {@code max_i (A y)_i - x^T A y} for the row player plus {@code x^T A y - min_j (x^T A)_j} for
     * the column player. Zero exactly at an equilibrium.
     */
    public static double nashConv(double[][] a, double[] x, double[] y) {
        int m = a.length;
        int n = a[0].length;
        double value = 0;
        double bestRow = Double.NEGATIVE_INFINITY;
        double bestCol = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double ay = 0;
            for (int j = 0; j < n; j++) {
                ay += a[i][j] * y[j];
            }
            bestRow = Math.max(bestRow, ay);
            value += x[i] * ay;
        }
        for (int j = 0; j < n; j++) {
            double xa = 0;
            for (int i = 0; i < m; i++) {
                xa += x[i] * a[i][j];
            }
            bestCol = Math.min(bestCol, xa);
        }
        return (bestRow - value) + (value - bestCol);
    }

    /** A symmetric population's zero-sum payoffs from win rates: {@code w[i][j] - 0.5}, with 0 on the diagonal. */
    public static double[][] fromWinRates(double[][] w) {
        int n = w.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                if (Double.isNaN(w[i][j])) {
                    throw new IllegalArgumentException("win rate of " + i + " against " + j + " is missing: every pair must have played");
                }
                a[i][j] = w[i][j] - 0.5;
            }
        }
        return a;
    }
}
