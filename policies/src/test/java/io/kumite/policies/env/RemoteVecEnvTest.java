package io.kumite.policies.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kumite.arena.ArenaServer;
import io.kumite.arena.ArenaServerConfig;
import io.kumite.engine.Rng;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arenas spread over two servers on loopback give exactly what the same environments give in process
 * (stacked configs travel as FRAME_DELTA, the others in full).
 */
class RemoteVecEnvTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"atari84", "fightladder", "two_player", "ladder"})
    void sameResultsAsInProcess(String setup) throws Exception {
        String preset = setup.equals("fightladder") ? "fightladder" : "atari84";
        Map<String, String> settings = switch (setup) {
            case "two_player" -> Map.of("mode", "two_player", "width", "32", "height", "32", "state_vector", "true", "round_time", "10");
            case "fightladder" -> Map.of("width", "32", "height", "32", "round_time", "10");
            case "ladder" -> Map.of("width", "16", "height", "16", "episode", "ladder", "round_time", "10", "cpu_level", "2",
                    "sticky_actions", "0.1", "observation_delay", "4", "max_pool", "true");
            default -> Map.of("width", "48", "height", "48", "round_time", "10", "opponent_character", "random");
        };
        ArenaServer a = new ArenaServer(Roster.builtIn(), new ArenaServerConfig(0, 64, 64, 64, 16 << 20, 0, 1)).start();
        ArenaServer b = new ArenaServer(Roster.builtIn(), new ArenaServerConfig(0, 64, 64, 64, 16 << 20, 0, 1)).start();
        EnvConfig cfg = EnvConfig.preset(preset).with(settings, Roster.builtIn());
        try (VecEnv remote = new RemoteVecEnv(List.of("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port()), preset, settings, 5, null);
             LocalVecEnv local = new LocalVecEnv(Roster.builtIn(), cfg, 5, 1)) {
            remote.reset(21);
            local.reset(21);
            assertArrayEquals(local.observations(), remote.observations(), "after reset");
            Rng rng = new Rng(4);
            int[] actions = new int[5 * local.agents()];
            for (int t = 0; t < 400; t++) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = rng.nextInt(22);
                }
                if (t == 150 || t == 151) {
                    // A reset of one environment in the middle (new seed, then none): its stack starts over.
                    remote.reset(2, t == 150 ? 99L : null);
                    local.reset(2, t == 150 ? 99L : null);
                    assertArrayEquals(local.observations(), remote.observations(), "reset at " + t);
                }
                remote.step(actions);
                local.step(actions);
                assertArrayEquals(local.observations(), remote.observations(), "step " + t);
                assertArrayEquals(local.rewards(), remote.rewards(), "step " + t);
                assertArrayEquals(local.infos(), remote.infos(), "step " + t);
                assertArrayEquals(local.terminated(), remote.terminated(), "step " + t);
                assertArrayEquals(local.truncated(), remote.truncated(), "step " + t);
                assertArrayEquals(local.states(), remote.states(), "step " + t);
            }
            assertEquals(5, a.activeArenas() + b.activeArenas());
        } finally {
            a.stop(2);
            b.stop(2);
        }
    }
}
