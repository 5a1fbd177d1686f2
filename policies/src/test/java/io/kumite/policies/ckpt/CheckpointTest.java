package io.kumite.policies.ckpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.kumite.engine.Player;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.nn.ActorCritic;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.nn.Torch;
import io.kumite.policies.ppo.PpoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path tmp;

    static EnvConfig smallEnv() {
        return EnvConfig.preset("atari84").with("width", "32").with("height", "32").with("frame_stack", "2").with("agent_character", "1");
    }

    static Path write(Path run, long steps, long seed) throws IOException {
        Torch.engine();
        EnvConfig env = smallEnv();
        try (PolicyNet net = new PolicyNet(ActorCritic.Arch.SMALL, env.observationShape(), 22, Device.cpu(), seed)) {
            Adam adam = new Adam(net.parameters(), net.manager(), 0.9f, 0.999f, 1e-5f);
            Checkpoint.Manifest m = new Checkpoint.Manifest(ActorCritic.Arch.SMALL, 22, env.observationShape(), env.toMap(), steps,
                    PpoConfig.defaults(), null, null, Map.of("iteration", 3, "opponent", "bot:*:1", "rng_state", 42L));
            return Checkpoint.save(run, net, adam, m);
        }
    }

    @Test
    void roundTripAndLatestLink() throws IOException {
        Path run = tmp.resolve("run");
        Path first = write(run, 1000, 1);
        Path second = write(run, 2000, 2);
        assertEquals(second.toRealPath(), run.resolve("latest").toRealPath(), "latest points at the newest checkpoint");
        assertEquals(2, Checkpoint.list(run).size());
        Checkpoint.Manifest m = Checkpoint.manifest(run);
        assertEquals(2000, m.steps());
        assertArrayEquals(new int[] {2, 32, 32}, m.observationShape());
        assertEquals(ActorCritic.Arch.SMALL, m.arch());
        assertEquals(1, m.envConfig().agentCharacter());
        assertEquals(Checkpoint.sha256(second.resolve(Checkpoint.PARAMS)), m.sha256());
        // The same parameters come back: identical outputs on the same observation.
        byte[] obs = new byte[2 * 32 * 32];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (byte) (i * 31);
        }
        float[] a = new float[22];
        float[] b = new float[22];
        try (PolicyNet original = new PolicyNet(ActorCritic.Arch.SMALL, new int[] {2, 32, 32}, 22, Device.cpu(), 2);
                PolicyNet loaded = Checkpoint.loadNet(run, m, Device.cpu())) {
            original.infer(obs, 0, obs.length, 1, a, null);
            loaded.infer(obs, 0, obs.length, 1, b, null);
        }
        assertArrayEquals(a, b, 0f);
        assertTrue(Files.isDirectory(first));
        assertTrue(Files.list(run).noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary files are left");
    }

    @Test
    void corruptParametersAreRefused() throws IOException {
        Path dir = write(tmp.resolve("run"), 1000, 1);
        byte[] bytes = Files.readAllBytes(dir.resolve(Checkpoint.PARAMS));
        bytes[bytes.length - 1] ^= 1;
        Files.write(dir.resolve(Checkpoint.PARAMS), bytes);
        Checkpoint.Manifest m = Checkpoint.manifest(dir);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.loadNet(dir, m, Device.cpu()));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void missingCheckpointSaysWhatToGive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Policies.parse("ckpt:" + tmp.resolve("nothing"), Roster.builtIn()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aCheckpointPlaysAMatchReproducibly() throws IOException {
        Path run = tmp.resolve("run");
        write(run, 1000, 7);
        Roster roster = Roster.builtIn();
        Policy p = Policies.parse("ckpt:" + run, roster);
        assertEquals(1, p.character(), "plays the character it was trained as");
        Policy bot = Policies.parse("bot:kenta:3", roster);
        MatchRunner.Result r1 = new MatchRunner(roster).play(p, bot, 1, 20, 5);
        MatchRunner.Result r2 = new MatchRunner(roster).play(p, bot, 1, 20, 5);
        assertEquals(r1.checksum(), r2.checksum(), "same seed, same match");
        assertTrue(r1.frames() > 0);
        // It really acts: over a round it presses something.
        int[] pressed = new int[1];
        new MatchRunner(roster).play(p, bot, 1, 20, 5, (s, in0, in1, ev) -> pressed[0] |= in0);
        assertTrue(pressed[0] != 0, "the checkpoint's seat gave inputs");
        assertEquals(Player.P1.index(), 0);
    }
}
