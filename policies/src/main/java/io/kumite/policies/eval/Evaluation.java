package io.kumite.policies.eval;

import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.Info;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.nn.Categorical;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.play.Opponent;

/**
 * Plays a fixed number of vs_cpu episodes with a network's policy (sampled, as trained) or with
 * uniformly random actions, on seeds of the caller's choosing, and counts returns, match and round
 * results. Each environment plays its own share of the episodes, so short episodes are not favoured.
 */
public final class Evaluation {
    private Evaluation() {}

    /** Totals over the episodes. */
    public record Result(int episodes, double meanReturn, int wins, int losses, int draws, int roundsWon, int roundsLost) {
        public double winRate() {
            return episodes == 0 ? Double.NaN : (double) wins / episodes;
        }

        public double roundWinRate() {
            int d = roundsWon + roundsLost;
            return d == 0 ? Double.NaN : (double) roundsWon / d;
        }
    }

    /** Evaluates {@code net} (null: random actions) for {@code episodes} episodes of {@code config} (vs_cpu). */
    public static Result run(EnvConfig config, PolicyNet net, int episodes, int numEnvs, int threads, long seed) {
        return run(config, net, null, episodes, numEnvs, threads, seed);
    }

    /**
     * Evaluates {@code net} as seat 0; in two_player environments {@code opponent} (prepared for the
     * config) plays seat 1, in vs_cpu ones the config's bot does and {@code opponent} is null.
     */
    public static Result run(EnvConfig config, PolicyNet net, Opponent opponent, int episodes, int numEnvs, int threads, long seed) {
        if ((config.mode() == EnvConfig.Mode.TWO_PLAYER) != (opponent != null)) {
            throw new IllegalArgumentException("two_player evaluation needs an opponent for seat 1, vs_cpu evaluation none");
        }
        int n = Math.max(1, Math.min(numEnvs, episodes));
        try (VecEnv env = new LocalVecEnv(Roster.builtIn(), config, n, threads)) {
            return run(env, net, opponent, episodes, seed);
        }
    }

    public static Result run(VecEnv env, PolicyNet net, int episodes, long seed) {
        return run(env, net, null, episodes, seed);
    }

    public static Result run(VecEnv env, PolicyNet net, Opponent opponent, int episodes, long seed) {
        int n = env.numEnvs();
        int agents = env.agents();
        int bytes = env.observationBytes();
        int actionsN = Actions.DISCRETE_COUNT;
        int[] quota = new int[n];
        for (int e = 0; e < n; e++) {
            quota[e] = episodes / n + (e < episodes % n ? 1 : 0);
        }
        Rng rng = new Rng(Rng.derive(seed, 77));
        float[] logits = new float[n * actionsN];
        int[] actions = new int[n * agents];
        double[] ret = new double[n];
        double totalReturn = 0;
        int done = 0;
        int wins = 0;
        int losses = 0;
        int draws = 0;
        int roundsWon = 0;
        int roundsLost = 0;
        env.reset(seed);
        while (done < episodes) {
            if (net != null) {
                net.infer(env.observations(), 0, bytes * agents, n, logits, null);
            }
            for (int e = 0; e < n; e++) {
                actions[e * agents] = net != null ? Categorical.sample(logits, e, actionsN, rng, null) : rng.nextInt(actionsN);
            }
            if (opponent != null) {
                opponent.act(env, actions, rng);
            }
            env.step(actions);
            for (int e = 0; e < n; e++) {
                if (quota[e] == 0) {
                    continue;
                }
                int slot = e * agents;
                ret[e] += env.rewards()[slot];
                if (env.terminated()[slot] || env.truncated()[slot]) {
                    Info.Outcome outcome = Info.outcome(env.infos(), slot);
                    wins += outcome == Info.Outcome.WIN ? 1 : 0;
                    losses += outcome == Info.Outcome.LOSS ? 1 : 0;
                    draws += outcome == Info.Outcome.DRAW || outcome == Info.Outcome.ONGOING ? 1 : 0;
                    roundsWon += Info.get(env.infos(), slot, Info.Field.SELF_ROUNDS);
                    roundsLost += Info.get(env.infos(), slot, Info.Field.OPPONENT_ROUNDS);
                    totalReturn += ret[e];
                    ret[e] = 0;
                    quota[e]--;
                    done++;
                }
            }
        }
        return new Result(done, totalReturn / done, wins, losses, draws, roundsWon, roundsLost);
    }
}
