package io.kumite.policies.runs;

import ai.djl.Device;
import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.nn.ActorCritic;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.nn.Torch;
import io.kumite.policies.play.Opponent;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.ppo.PpoTrainer;
import java.util.Arrays;
import java.util.Map;

/**
 * PPO throughput: whole iterations (rollout + update) of a real trainer against a level-1 bot after
 * a warm-up iteration; reports the median agent steps per second and where the time went.
 */
public final class PpoBenchmark {
    private PpoBenchmark() {}

    /** Medians over the timed iterations; shares are of the timed iterations' total. */
    public record Result(String device, String network, long parameters, int[] observation, double stepsPerSecond,
            double envShare, double inferenceShare, double learnShare, double learnSamplesPerSecond, int iterations) {}

    public static Result run(String preset, Map<String, String> settings, PpoConfig cfg, String device, int envThreads, int iterations) {
        Torch.engine();
        Device dev = Torch.device(device);
        Opponent opponent = Opponent.parse("bot:*:1", Roster.builtIn());
        EnvConfig env = PpoRun.envConfig(preset, settings, opponent);
        int[] shape = env.observationShape();
        ActorCritic.Arch arch = cfg.network().equals("auto") ? ActorCritic.Arch.forObservation(shape[1], shape[2])
                : ActorCritic.Arch.parse(cfg.network());
        try (VecEnv v = PpoRun.openEnv(env, cfg.numEnvs(), null, null, envThreads);
                PolicyNet net = new PolicyNet(arch, shape, Actions.DISCRETE_COUNT, dev, cfg.seed())) {
            Adam adam = new Adam(net.parameters(), net.manager(), 0.9f, 0.999f, cfg.adamEps());
            PpoConfig budget = cfg.withTotalSteps((long) cfg.batchSize() * (iterations + 1) * 4);
            PpoTrainer trainer = new PpoTrainer(budget, v, opponent, net, adam, new Rng(cfg.seed()));
            trainer.start(cfg.seed(), 0, 0);
            trainer.iterate(); // warm-up: JIT, allocator, first native calls
            double[] before = trainer.timeShares();
            double[] sps = new double[iterations];
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                long a = System.nanoTime();
                trainer.iterate();
                sps[i] = cfg.batchSize() / ((System.nanoTime() - a) / 1e9);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double[] after = trainer.timeShares();
            Arrays.sort(sps);
            double median = iterations % 2 == 1 ? sps[iterations / 2] : (sps[iterations / 2 - 1] + sps[iterations / 2]) / 2;
            double envS = after[0] - before[0];
            double infS = after[1] - before[1];
            double learnS = after[2] - before[2];
            double samples = (double) cfg.batchSize() * cfg.epochs() * iterations;
            return new Result(Torch.describe(dev), net.block().arch().id(), net.size(), shape, median, envS / wall, infS / wall,
                    learnS / wall, samples / learnS, iterations);
        }
    }
}
