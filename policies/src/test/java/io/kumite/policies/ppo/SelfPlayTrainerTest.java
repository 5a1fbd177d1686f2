package io.kumite.policies.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.kumite.engine.Rng;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.nn.ActorCritic;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.nn.Torch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two independent learners on the two seats of two_player arenas (IPPO), with a two-timescale learning-rate ratio. */
class SelfPlayTrainerTest {
    @Test
    void bothSeatsLearnAtTheirOwnRates() {
        Torch.engine();
        EnvConfig cfg = EnvConfig.preset("atari84").with("mode", "two_player").with("width", "32").with("height", "32")
                .with("frame_stack", "2").with("round_time", "10").with("opponent_character", "1");
        PpoConfig ppo = TinyPpo.config(96);
        try (LocalVecEnv env = new LocalVecEnv(Roster.builtIn(), cfg, 2, 1);
                PolicyNet a = new PolicyNet(ActorCritic.Arch.SMALL, cfg.observationShape(), 22, Device.cpu(), 1);
                PolicyNet b = new PolicyNet(ActorCritic.Arch.SMALL, cfg.observationShape(), 22, Device.cpu(), 2)) {
            Adam adamA = new Adam(a.parameters(), a.manager(), 0.9f, 0.999f, 1e-5f);
            Adam adamB = new Adam(b.parameters(), b.manager(), 0.9f, 0.999f, 1e-5f);
            PpoTrainer t = new PpoTrainer(ppo, env, new PolicyNet[] {a, b}, new Adam[] {adamA, adamB}, new float[] {1f, 0.1f}, new Rng(3));
            t.start(5, 0, 0);
            Map<String, Object> m = Map.of();
            while (!t.done()) {
                m = t.iterate();
            }
            assertEquals(96L, t.globalStep());
            assertTrue(m.containsKey("losses/policy_loss") && m.containsKey("seat1/losses/policy_loss"), m.toString());
            double lr0 = ((Number) m.get("charts/learning_rate")).doubleValue();
            double lr1 = ((Number) m.get("seat1/charts/learning_rate")).doubleValue();
            assertEquals(0.1, lr1 / lr0, 1e-6, "the second learner's rate is scaled");
            assertTrue(adamA.steps() > 0 && adamA.steps() == adamB.steps(), "both learners took the same number of steps");
        }
    }
}
