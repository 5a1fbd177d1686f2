package io.kumite.policies.ppo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.env.EnvConfig;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.eval.Evaluation;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.runs.PpoRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learning is real: a short PPO run (about two minutes on two cores) on a 48x48 observation against
 * level-1 bots of random characters, then the trained policy and a uniformly random policy play the
 * same 96 seeded rounds. The trained policy's mean return must clearly beat the random one's.
 */
class PpoLearningTest {
    static final long STEPS = 120_000;
    static final int EPISODES = 96;

    @TempDir
    Path tmp;

    @Test
    void ppoBeatsRandomAgainstLevelOneBots() throws IOException {
        PpoConfig cfg = PpoConfig.shortRunDefaults().withRollout(8, 128).withMinibatch(256).withTotalSteps(STEPS);
        Map<String, String> env = Map.of("width", "48", "height", "48", "frame_stack", "2", "agent_character", "kenta");
        Path out = tmp.resolve("run");
        PpoRun.Summary s = PpoRun.run(cfg, new PpoRun.Options("atari84", env, "bot:*:1", List.of(), null, 2, "cpu", out, false, STEPS),
                System.out);
        Checkpoint.Manifest m = Checkpoint.manifest(out);
        EnvConfig evalEnv = m.envConfig();
        Evaluation.Result trained;
        try (PolicyNet net = Checkpoint.loadNet(out, m, ai.djl.Device.cpu())) {
            trained = Evaluation.run(evalEnv, net, EPISODES, 8, 2, 12345);
        }
        Evaluation.Result random = Evaluation.run(evalEnv, null, EPISODES, 8, 2, 12345);
        String report = String.format(Locale.ROOT,
                "PPO learning check: %d steps in %.0f s (%.0f steps/s); over the same %d rounds vs bot:*:1:"
                        + " trained mean return %.3f (round win rate %.2f), random %.3f (round win rate %.2f)",
                s.steps(), s.seconds(), s.stepsPerSecond(), EPISODES, trained.meanReturn(), trained.roundWinRate(), random.meanReturn(),
                random.roundWinRate());
        System.out.println(report);
        assertTrue(trained.meanReturn() >= random.meanReturn() + 0.1, report);
    }
}
