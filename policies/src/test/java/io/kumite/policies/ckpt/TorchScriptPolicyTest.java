package io.kumite.policies.ckpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.nn.ActorCritic;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.nn.Torch;
import io.kumite.policies.ppo.PpoConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TorchScriptPolicyTest {
    /** The repository's root, from policies/ where Surefire runs. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** A python3 that imports torch (Debian's python3-torch is for /usr/bin/python3), or null. */
    static String pythonWithTorch() throws InterruptedException {
        for (String exe : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(exe, "-c", "import torch, numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return exe;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    static byte[] observation(int bytes, int salt) {
        byte[] obs = new byte[bytes];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (byte) (i * 31 + salt * 7 + (i >> 5));
        }
        return obs;
    }

    /** ckpt → kumite export → PyTorch module (Python) → TorchScript → torchscript: policy gives the checkpoint's logits. */
    @ParameterizedTest
    @EnumSource(ActorCritic.Arch.class)
    void aCheckpointExportedToPyTorchPlaysTheSame(ActorCritic.Arch arch) throws Exception {
        String python = pythonWithTorch();
        assumeTrue(python != null, "no python3 with torch and numpy here (Debian: apt-get install python3-torch); CI installs it");
        Torch.engine();
        int side = arch == ActorCritic.Arch.NATURE ? 44 : 32;
        EnvConfig env = EnvConfig.preset("atari84").with("width", Integer.toString(side)).with("height", Integer.toString(side))
                .with("frame_stack", "2").with("agent_character", "3");
        Path run = tmp.resolve("run");
        try (PolicyNet net = new PolicyNet(arch, env.observationShape(), 22, Device.cpu(), 5)) {
            Checkpoint.save(run, net, null, new Checkpoint.Manifest(arch, 22, env.observationShape(), env.toMap(), 1234,
                    PpoConfig.defaults(), null, null, Map.of()));
        }
        Path npz = tmp.resolve("agent.npz");
        Map<String, Object> meta = CheckpointExport.write(run, npz, Roster.builtIn());
        assertEquals(arch.id(), meta.get("architecture"));
        Path pt = tmp.resolve("agent.pt");
        String script = String.join("\n",
                "import importlib.util, sys",
                "spec = importlib.util.spec_from_file_location('torch_agents', sys.argv[1])",
                "ta = importlib.util.module_from_spec(spec); spec.loader.exec_module(ta)",
                "m = ta.load_kumite_export(sys.argv[2])",
                "ta.save_torchscript(m, sys.argv[3], m.kumite_meta['env'], m.kumite_meta['observation']['shape'])");
        Process p = new ProcessBuilder(python, "-c", script, ROOT.resolve("clients/python/kumite/torch_agents.py").toString(),
                npz.toString(), pt.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "the Python side failed:\n" + out);

        Roster roster = Roster.builtIn();
        CheckpointPolicy ckpt = new CheckpointPolicy(run, roster);
        TorchScriptPolicy ts = (TorchScriptPolicy) Policies.parse("torchscript:" + pt, roster);
        assertEquals(3, ts.character(), "the sidecar carries the character");
        assertArrayEquals(env.observationShape(), ts.env().observationShape());
        try (PolicyNet loaded = Checkpoint.loadNet(run, Checkpoint.manifest(run), Device.cpu())) {
            for (int salt = 0; salt < 3; salt++) {
                byte[] obs = observation(env.observationBytes(), salt);
                float[] expected = new float[22];
                loaded.infer(obs, 0, obs.length, 1, expected, null);
                assertArrayEquals(expected, ts.logits(obs), 1e-4f, "logits of observation " + salt);
            }
        }
        // Both play the same round, action for action: the same sampling from the same logits and seed (both
        // networks run in DJL's libtorch, so their logits agree far closer than any sampling boundary here).
        Policy bot = Policies.parse("bot:mira:2", roster);
        MatchRunner.Result a = new MatchRunner(roster).play(ckpt, bot, 1, 20, 77);
        MatchRunner.Result b = new MatchRunner(roster).play(ts, bot, 1, 20, 77);
        assertEquals(a.checksum(), b.checksum());
    }

    @Test
    void theShippedExampleModelPlays() {
        Path pt = ROOT.resolve("examples/torchscript/tiny.pt");
        assertTrue(Files.isRegularFile(pt), pt + " is shipped (made by clients/python/examples/train_torch.py --model tiny --export)");
        Roster roster = Roster.builtIn();
        Policy p = Policies.parse("torchscript:" + pt, roster);
        int[] pressed = new int[1];
        MatchRunner.Result r = new MatchRunner(roster).play(p, Policies.parse("bot:kenta:1", roster), 1, 20, 3,
                (s, in0, in1, ev) -> pressed[0] |= in0);
        assertTrue(r.frames() > 0);
        assertTrue(pressed[0] != 0, "the TorchScript seat gave inputs");
    }

    @Test
    void sidecarMistakesSayWhatToFix() throws IOException {
        Roster roster = Roster.builtIn();
        Path pt = tmp.resolve("m.pt");
        Files.write(pt, new byte[] {1, 2, 3});
        var missing = assertThrows(IllegalArgumentException.class, () -> Policies.parse("torchscript:" + pt, roster));
        assertTrue(missing.getMessage().contains("m.json is missing"), missing.getMessage());
        Path json = tmp.resolve("m.json");
        Files.writeString(json, "{\"format\": \"other/1\"}");
        var format = assertThrows(IllegalArgumentException.class, () -> Policies.parse("torchscript:" + pt, roster));
        assertTrue(format.getMessage().contains("expected \"kumite-torchscript/1\""), format.getMessage());
        Files.writeString(json, "{\"format\": \"kumite-torchscript/1\", \"env\": {\"width\": 48, \"height\": 48},"
                + " \"observation\": {\"shape\": [4, 84, 84]}}");
        var shape = assertThrows(IllegalArgumentException.class, () -> Policies.parse("torchscript:" + pt, roster));
        assertTrue(shape.getMessage().contains("[4, 84, 84] does not match its env settings, which give [4, 48, 48]"), shape.getMessage());
        Files.writeString(json, "{\"format\": \"kumite-torchscript/1\", \"env\": {\"width\": 4}}");
        var env = assertThrows(IllegalArgumentException.class, () -> Policies.parse("torchscript:" + pt, roster));
        assertTrue(env.getMessage().contains("width must be in 16..512"), env.getMessage());
        Files.writeString(json, "{\"format\": \"kumite-torchscript/1\"}");
        var notTorchScript = assertThrows(IllegalArgumentException.class, () -> Policies.parse("torchscript:" + pt, roster));
        assertTrue(notTorchScript.getMessage().contains("could not be loaded as TorchScript"), notTorchScript.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Policies.parse("torchscript:" + tmp.resolve("nope.pt"), roster));
        assertTrue(none.getMessage().contains("no such file"), none.getMessage());
    }
}
