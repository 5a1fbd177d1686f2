package io.kumite.policies.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.policies.ckpt.Checkpoint;
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

/** A tiny-budget run end to end: metrics, curves, checkpoints, resume. */
class PpoRunTest {
    @TempDir
    Path tmp;

    static PpoConfig tiny(long steps) {
        return TinyPpo.config(steps);
    }

    static PpoRun.Options options(Path out, String opponent, boolean resume) {
        return new PpoRun.Options("atari84", Map.of("width", "32", "height", "32", "frame_stack", "2", "round_time", "10"), opponent,
                List.of(), null, 1, "cpu", out, resume, 48);
    }

    @Test
    void smokeRunWritesEverythingAndResumes() throws IOException {
        Path out = tmp.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PpoRun.Summary s = PpoRun.run(tiny(96), options(out, "bot:*:1", false), new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(96, s.steps(), "3 iterations of 2 x 16 steps");
        assertEquals(3, Files.readAllLines(out.resolve("metrics.jsonl")).size());
        assertTrue(Files.size(out.resolve("curves.png")) > 1000);
        assertEquals(2, Checkpoint.list(out).size(), "a checkpoint after 48+ steps and one at the end");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("network small"), log.toString(StandardCharsets.UTF_8));
        String line = Files.readAllLines(out.resolve("metrics.jsonl")).get(2);
        for (String key : new String[] {"global_step", "charts/SPS", "losses/value_loss", "losses/policy_loss", "losses/entropy",
            "losses/approx_kl", "losses/clipfrac", "charts/learning_rate"}) {
            assertTrue(line.contains("\"" + key + "\""), key + " in " + line);
        }

        // TensorBoard: the same scalars as metrics.jsonl, keyed by global step, read back by a parser of its own.
        List<Path> events;
        try (var files = Files.list(out)) {
            events = files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
        }
        assertEquals(1, events.size(), events.toString());
        EventFileReader.Contents tb = EventFileReader.read(events.get(0));
        assertEquals("brain.Event:2", tb.fileVersion());
        EventFileReader.Value hp = tb.values().get(0);
        assertEquals("hyperparameters", hp.tag());
        assertTrue(hp.text().startsWith("|param|value|") && hp.text().contains("|opponent|bot:*:1|"), hp.text());
        for (String jsonLine : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) io.kumite.engine.json.Json.parse(jsonLine, "metrics line");
            long step = ((Number) m.get("global_step")).longValue();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    continue;
                }
                List<EventFileReader.Value> found = tb.values().stream()
                        .filter(v -> v.step() == step && e.getKey().equals(v.tag())).toList();
                assertEquals(1, found.size(), e.getKey() + " at step " + step);
                assertEquals(n.floatValue(), found.get(0).scalar(), e.getKey() + " at step " + step);
            }
        }

        PpoRun.Summary r = PpoRun.run(tiny(160), options(out, "bot:*:1", true), new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(160, r.steps(), "resumed at 96 and trained to 160");
        assertEquals(5, Files.readAllLines(out.resolve("metrics.jsonl")).size());
        assertEquals(160, Checkpoint.manifest(out).steps());
        assertEquals(5, ((Number) Checkpoint.manifest(out).extra().get("iteration")).intValue());
        long withOptimizer = Checkpoint.list(out).stream().filter(p -> Files.exists(p.resolve(Checkpoint.OPTIMIZER))).count();
        assertEquals(1, withOptimizer, "only the newest checkpoint keeps optimizer moments");
    }

    /** Same seed, same run: bit for bit, also when garbage collections fall anywhere in the updates. */
    @Test
    void theSameSeedTrainsTheSameWeightsWhileGarbageIsCollected() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PpoRun.Summary calm = PpoRun.run(tiny(256), options(tmp.resolve("calm"), "bot:*:1", false), quiet);
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        collector.setDaemon(true);
        collector.start();
        PpoRun.Summary collected;
        try {
            collected = PpoRun.run(tiny(256), options(tmp.resolve("collected"), "bot:*:1", false), quiet);
        } finally {
            collector.interrupt();
            collector.join();
        }
        List<String> expected = untimed(tmp.resolve("calm"));
        List<String> got = untimed(tmp.resolve("collected"));
        assertEquals(expected.size(), got.size(), "iterations");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), got.get(i), "metrics of iteration " + (i + 1));
        }
        assertEquals(calm.sha256(), collected.sha256(), "the final weights");
    }

    /** A run's metrics without the wall-clock figures. */
    private static List<String> untimed(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll("\"(charts/SPS|time/[a-z_]+)\":[0-9.eE+-]+,?", "")).toList();
    }

    @Test
    void refusesToOverwriteARun() throws IOException {
        Path out = tmp.resolve("run");
        PpoRun.run(tiny(32), options(out, "noop", false), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PpoRun.run(tiny(32), options(out, "noop", false), System.err));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void againstAFrozenCheckpointInTwoPlayerArenas() throws IOException {
        Path first = tmp.resolve("first");
        PpoRun.run(tiny(32), options(first, "random", false), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path second = tmp.resolve("second");
        PpoRun.Summary s = PpoRun.run(tiny(32), options(second, "ckpt:" + first, false),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(32, s.steps());
        assertEquals("ckpt:" + first, Checkpoint.manifest(second).extra().get("opponent"));
    }

    @Test
    void fineTuningStartsFromACheckpointsWeights() throws IOException {
        Path first = tmp.resolve("first");
        PpoRun.run(tiny(32), options(first, "bot:*:1", false), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path second = tmp.resolve("second");
        PpoRun.Options o = options(second, "ladder:1-2", false);
        PpoRun.Options init = new PpoRun.Options(o.preset(), o.settings(), o.opponent(), o.servers(), o.token(), o.envThreads(), o.device(),
                o.out(), false, o.saveEvery(), 0, first);
        PpoRun.run(tiny(32), init, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String from = (String) Checkpoint.manifest(second).extra().get("init");
        assertTrue(from != null && from.contains(Checkpoint.manifest(first).sha256()), "the manifest names its starting point: " + from);
        PpoRun.Options wrong = new PpoRun.Options("atari84", Map.of("width", "40"), "noop", List.of(), null, 1, "cpu", tmp.resolve("third"),
                false, 48, 0, first);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PpoRun.run(tiny(32), wrong, System.err));
        assertTrue(e.getMessage().contains("same observation settings"), e.getMessage());
    }
}
