package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PyTorch-made agent (the shipped examples/torchscript/tiny.pt) in play and ladder, as a user would run them. */
class TorchScriptCommandsTest {
    static final String TINY = "torchscript:" + Path.of("..", "examples", "torchscript", "tiny.pt");

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void theExampleAgentPlaysAndEntersALadder() throws Exception {
        MainTest.Run play = MainTest.run("play", "--p1", TINY, "--p2", "bot:kenta:1", "--seed", "7", "--round-time", "20");
        assertEquals(0, play.code(), play.err());
        Map<String, Object> match = (Map<String, Object>) Json.parse(play.lastLine(), "play");
        assertEquals(TINY, match.get("p1"));
        assertTrue(((Number) match.get("frames")).intValue() > 0);

        Path out = tmp.resolve("ladder");
        MainTest.Run ladder = MainTest.run("ladder", "--policies", TINY + ",bot:kenta:1,random:mira", "--games", "2",
                "--bootstrap", "50", "--round-time", "20", "--threads", "1", "--out", out.toString());
        assertEquals(0, ladder.code(), ladder.err());
        Map<String, Object> result = (Map<String, Object>) Json.parse(ladder.lastLine(), "ladder");
        assertTrue(((Map<String, Object>) result.get("ratings")).containsKey(TINY), ladder.lastLine());
        assertEquals(6, ((Number) result.get("matches")).intValue());
        assertTrue(Files.readString(out.resolve("results.csv")).contains(TINY));

        // A best response trains against it on seat 1 of two_player environments with its observation settings.
        MainTest.Run exploit = MainTest.run("exploit", "--target", TINY, "--budget", "512", "--seeds", "1", "--checkpoints", "1",
                "--eval-rounds", "2", "--num-envs", "4", "--n-steps", "64", "--out", tmp.resolve("exploit").toString());
        assertEquals(0, exploit.code(), exploit.err());
        Map<String, Object> br = (Map<String, Object>) Json.parse(exploit.lastLine(), "exploit");
        assertEquals(TINY, br.get("target"));
        assertEquals(1, ((java.util.List<?>) br.get("curve")).size());
    }

    @Test
    void aMissingSidecarIsOneClearLine() throws Exception {
        Path pt = tmp.resolve("agent.pt");
        Files.write(pt, new byte[] {0});
        MainTest.Run r = MainTest.run("play", "--p1", "torchscript:" + pt, "--p2", "bot:kenta:1");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("agent.json is missing"), r.err());
    }
}
