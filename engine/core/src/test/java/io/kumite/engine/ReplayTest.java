package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayFormatException;
import io.kumite.engine.replay.ReplayRecorder;
import io.kumite.engine.replay.ReplayVerifier;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays re-simulate bit for bit; damaged files are one-line errors, never crashes or hangs. */
class ReplayTest {
    static Replay record(String p1, String p2, long seed, int bestOf, int roundCounts) {
        Policy a = Policies.parse(p1, TestMatches.ROSTER);
        Policy b = Policies.parse(p2, TestMatches.ROSTER);
        MatchConfig config = new MatchConfig(a.character(), b.character(), bestOf, roundCounts);
        ReplayRecorder rec = new ReplayRecorder(TestMatches.ROSTER, config, seed, a.spec(), b.spec());
        new MatchRunner(TestMatches.ROSTER).play(a, b, bestOf, roundCounts, seed, (s, i0, i1, ev) -> rec.frame(s, i0, i1));
        return rec.finish();
    }

    static Replay sample() {
        return record("bot:kenta:8", "bot:mira:5", 3, 3, 99);
    }

    @Test
    void recordedMatchesRoundTripThroughBytesAndVerify(@TempDir Path dir) throws Exception {
        int n = TestMatches.ROSTER.size();
        for (int i = 0; i < 60; i++) {
            String p1 = "bot:" + TestMatches.ROSTER.get(i % n).name + ":" + (1 + i % 8);
            String p2 = i % 5 == 0 ? "random:" + TestMatches.ROSTER.get((i * 7) % n).name
                    : "bot:" + TestMatches.ROSTER.get((i * 7) % n).name + ":" + (1 + (i * 3) % 8);
            Replay r = record(p1, p2, i, i % 3 == 0 ? 1 : 3, 30 + i);
            Path f = dir.resolve("m" + i + ".kreplay");
            r.write(f);
            Replay back = Replay.read(f);
            ReplayVerifier.Outcome o = ReplayVerifier.verify(back, TestMatches.ROSTER);
            assertTrue(o.ok(), p1 + " vs " + p2 + ": " + o.message());
            assertEquals(r.frames(), back.frames());
        }
    }

    @Test
    void aReplayIsCompact() {
        Replay r = sample();
        int bytes = r.toBytes().length;
        assertTrue(bytes < r.frames(), "a " + r.frames() + "-frame match took " + bytes + " bytes");
    }

    static String failure(byte[] data) {
        ReplayFormatException e = assertThrows(ReplayFormatException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Replay.fromBytes(data)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    /** Offsets of the sections: magic(8) + version(4), then [length, body, crc] x 4. */
    static int[] sectionBodies(byte[] data) {
        int[] starts = new int[4];
        int pos = 12;
        for (int i = 0; i < 4; i++) {
            int len = ByteBuffer.wrap(data, pos, 4).getInt();
            starts[i] = pos + 4;
            pos += 4 + len + 4;
        }
        return starts;
    }

    @Test
    void everyKindOfDamageIsNamed() {
        byte[] good = sample().toBytes();
        int[] body = sectionBodies(good);
        String[] names = {"header", "inputs", "checksums", "result"};
        for (int i = 0; i < 4; i++) {
            byte[] bad = good.clone();
            bad[body[i] + 3] ^= 0x10;
            String m = failure(bad);
            assertTrue(m.startsWith("corrupt " + names[i] + " section"), names[i] + ": " + m);
        }
        byte[] magic = good.clone();
        magic[1] = 'X';
        assertTrue(failure(magic).startsWith("not a Kumite replay"));
        byte[] future = good.clone();
        future[9] = 2;
        assertTrue(failure(future).contains("version 2.0 is not readable"), failure(future));
        for (int cut : new int[] {0, 5, 10, 13, body[0] + 2, body[1] + 5, body[2] + 1, body[3] + 3, good.length - 1}) {
            String m = failure(Arrays.copyOf(good, cut));
            assertTrue(m.startsWith("truncated") || m.startsWith("not a Kumite replay"), "cut at " + cut + ": " + m);
        }
        byte[] extra = Arrays.copyOf(good, good.length + 3);
        assertTrue(failure(extra).contains("unexpected bytes"));
    }

    @Test
    void aDesyncNamesTheFirstBadFrame() {
        Replay good = sample();
        // Change one input at frame 700 (a valid file: the change is in the data, not damage).
        int[] inputs = new int[good.frames()];
        for (int f = 0; f < inputs.length; f++) {
            inputs[f] = good.input(f, 0) | (good.input(f, 1) << 16);
        }
        inputs[699] ^= FrameInput.HP;
        inputs[700] ^= FrameInput.HP;
        long[] checksums = new long[good.checksumCount()];
        for (int k = 0; k < checksums.length; k++) {
            checksums[k] = good.checksum(k);
        }
        Replay tampered = new Replay(good.header(), inputs, checksums, good.result());
        ReplayVerifier.Outcome o = ReplayVerifier.verify(tampered, TestMatches.ROSTER);
        assertFalse(o.ok());
        assertEquals(720, o.firstBadFrame(), o.message());
        assertTrue(o.message().startsWith("desync at frame 720"), o.message());
    }

    @Test
    void replaysFromAnotherSimulationOrOtherDataAreRefused() {
        Replay good = sample();
        Replay.Header h = good.header();
        Replay other = new Replay(new Replay.Header(h.engineVersion(), h.simulationVersion() + 1, h.rosterHash(), h.p1Character(),
                h.p2Character(), h.config(), h.seed(), h.p1Policy(), "", h.p2Policy(), "", 0, 0, h.checksumInterval()),
                new int[0], new long[0], new Replay.Result(-1, 0, 0, 0, 0, 0));
        assertTrue(ReplayVerifier.verify(other, TestMatches.ROSTER).message().startsWith("recorded with simulation version"));
        Replay data = new Replay(new Replay.Header(h.engineVersion(), h.simulationVersion(), "00ff", h.p1Character(),
                h.p2Character(), h.config(), h.seed(), h.p1Policy(), "", h.p2Policy(), "", 0, 0, h.checksumInterval()),
                new int[0], new long[0], new Replay.Result(-1, 0, 0, 0, 0, 0));
        assertTrue(ReplayVerifier.verify(data, TestMatches.ROSTER).message().startsWith("recorded with other character data"));
    }

    @Test
    void writesAreAtomic(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.kreplay");
        sample().write(f);
        record("bot:brakk:2", "bot:ogun:2", 9, 1, 20).write(f);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
        assertEquals("brakk", Replay.read(f).header().p1Character());
    }
}
