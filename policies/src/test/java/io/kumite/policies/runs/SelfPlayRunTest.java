package io.kumite.policies.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.eval.Nash;
import io.kumite.policies.play.Pfsp;
import io.kumite.policies.ppo.PpoConfig;
import io.kumite.policies.ppo.TinyPpo;
import io.kumite.policies.report.EventFileReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfPlayRunTest {
    @TempDir
    Path tmp;

    static PpoConfig tiny(long steps) {
        return TinyPpo.config(steps);
    }

    static SelfPlayRun.Options options(SelfPlayRun.Algo algo, Path out, boolean resume) {
        return new SelfPlayRun.Options(algo, "atari84", Map.of("width", "32", "height", "32", "frame_stack", "2", "round_time", "10",
                "opponent_character", "mira"), 1, out, resume, 32, 0.1, Pfsp.Weighting.SQUARED, 0.99);
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void pfspGrowsItsPoolAndResumes() throws IOException {
        Path out = tmp.resolve("pfsp");
        SelfPlayRun.Summary s = SelfPlayRun.run(tiny(64), options(SelfPlayRun.Algo.PFSP, out, false), quiet());
        // The initial snapshot plus one every 32 steps.
        assertEquals(List.of("seat0-000000000000", "seat0-000000000032", "seat0-000000000064"), s.snapshots());
        assertTrue(Files.isRegularFile(out.resolve("snapshots/seat0-000000000032/manifest.json")));
        assertTrue(Files.readString(out.resolve("selfplay.json")).contains("\"cells\""), "the payoff table is saved");
        assertThrows(IllegalArgumentException.class, () -> SelfPlayRun.run(tiny(64), options(SelfPlayRun.Algo.PFSP, out, false), quiet()));
        SelfPlayRun.Summary r = SelfPlayRun.run(tiny(128), options(SelfPlayRun.Algo.PFSP, out, true), quiet());
        assertEquals(128, r.steps());
        assertEquals(5, r.snapshots().size());
        assertEquals(4, Files.readAllLines(out.resolve("metrics.jsonl")).size());
        // TensorBoard: one event file per process (the run and its resume), one SPS scalar per iteration.
        List<Path> events;
        try (var files = Files.list(out)) {
            events = files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
        assertEquals(2, events.size(), events.toString());
        long sps = 0;
        for (Path e : events) {
            EventFileReader.Contents c = EventFileReader.read(e);
            assertEquals("hyperparameters", c.values().get(0).tag());
            assertTrue(c.values().get(0).text().contains("|algo|pfsp|"), c.values().get(0).text());
            sps += c.values().stream().filter(v -> "charts/SPS".equals(v.tag())).count();
        }
        assertEquals(4, sps);
    }

    @Test
    void ippoSnapshotsBothSeatsFromTheirOwnSide() throws IOException {
        Path out = tmp.resolve("ippo");
        SelfPlayRun.Summary s = SelfPlayRun.run(tiny(32), options(SelfPlayRun.Algo.TWO_TIMESCALE, out, false), quiet());
        assertEquals(List.of("seat0-000000000032", "seat1-000000000032"), s.snapshots());
        Checkpoint.Manifest seat1 = Checkpoint.manifest(out.resolve("snapshots/seat1-000000000032"));
        assertEquals(1, seat1.envConfig().agentCharacter(), "seat 1 plays mira and sees the game as mira");
        assertTrue(Files.isRegularFile(out.resolve("seat1/latest/manifest.json")));
    }

    @Test
    void psroAddsBestResponsesAndSolvesTheMetaGame() throws Exception {
        Path out = tmp.resolve("psro");
        PsroRun.Options o = new PsroRun.Options("atari84", Map.of("width", "32", "height", "32", "frame_stack", "2", "round_time", "10"), 1,
                out, false, 32, 2, 2);
        PsroRun.Summary s = PsroRun.run(tiny(32), o, quiet());
        assertEquals(List.of("psro-00", "psro-01", "psro-02"), s.population());
        assertEquals(3, s.payoff().length);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, s.payoff()[i][i], 0);
            for (int j = 0; j < 3; j++) {
                assertEquals(-s.payoff()[j][i], s.payoff()[i][j], 1e-12, "zero-sum");
            }
        }
        double[] meta = s.metaStrategies().get(2);
        assertEquals(1, java.util.Arrays.stream(meta).sum(), 1e-9);
        assertEquals(0, io.kumite.policies.eval.Nash.nashConv(s.payoff(), meta, meta), 1e-7, "the meta-strategy is the matrix's Nash");
        // Resuming a finished run with one more iteration adds one member.
        for (String br : new String[] {"br-1", "br-2"}) {
            try (var files = Files.list(out.resolve("tensorboard").resolve(br))) {
                Path e = files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).findFirst().orElseThrow();
                assertTrue(EventFileReader.read(e).values().stream().anyMatch(v -> "losses/value_loss".equals(v.tag())), br);
            }
        }
        PsroRun.Summary r = PsroRun.run(tiny(32), new PsroRun.Options("atari84", Map.of(), 1, out, true, 32, 3, 2), quiet());
        assertEquals(4, r.population().size());
    }
}
