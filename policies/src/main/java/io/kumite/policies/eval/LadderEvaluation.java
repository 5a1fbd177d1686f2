package io.kumite.policies.eval;

import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.nn.PolicyNet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint against every character of the arcade ladder at one CPU level: {@code rounds}
 * single-round episodes per character (the checkpoint's own observation settings, its character,
 * sides as it trained), with the round win rate and its 95% Wilson interval.
 */
public final class LadderEvaluation {
    private LadderEvaluation() {}

    /** One opponent's line. */
    public record Row(String character, int level, int rounds, int won, int lost, double meanReturn) {
        public double winRate() {
            return won + lost == 0 ? Double.NaN : (double) won / (won + lost);
        }

        /** Wilson score interval at 95% over the decided rounds. */
        public double[] wilson95() {
            return wilson(won, won + lost);
        }
    }

    public static double[] wilson(int wins, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double z = 1.959964;
        double p = (double) wins / n;
        double d = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / d;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        // Exact at the ends: all won → upper 1, none won → lower 0 (rounding left 0.9999999999999999).
        return new double[] {wins == 0 ? 0 : Math.max(0, centre - half), wins == n ? 1 : Math.min(1, centre + half)};
    }

    /** {@code net} null = uniformly random actions (a reference line), with the checkpoint's settings. */
    public static List<Row> run(Path checkpoint, int level, int rounds, int numEnvs, int threads, long seed, boolean random)
            throws IOException {
        Checkpoint.Manifest m = Checkpoint.manifest(checkpoint);
        Roster roster = Roster.builtIn();
        List<Row> rows = new ArrayList<>();
        try (PolicyNet net = random ? null : Checkpoint.loadNet(checkpoint, m, ai.djl.Device.cpu())) {
            for (int c = 0; c < roster.size(); c++) {
                EnvConfig cfg = m.envConfig().with("mode", "vs_cpu").with("opponent_character", Integer.toString(c))
                        .with("cpu_level", Integer.toString(level)).with("episode", "round").with("ladder_end_level", "0")
                        .with("sticky_actions", "0").with("max_frames", "0");
                Evaluation.Result r = Evaluation.run(cfg, net, rounds, numEnvs, threads, seed + c * 1000L);
                rows.add(new Row(roster.get(c).name, level, r.episodes(), r.roundsWon(), r.roundsLost(), r.meanReturn()));
            }
        }
        return rows;
    }
}
