package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.sim.FrameEvents;
import io.kumite.engine.sim.Invariants;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's conformance suite (OpenSpiel's RandomSimTest, GGPO's SyncTest), run for every ordered
 * pair of characters: bot-vs-bot rollouts with invariants checked on every frame and state
 * write/read round trips; and, for one rollout per character, copy-advance-restore-advance on every frame.
 */
class ConformanceTest {
    private static final int MIN_FRAMES = 2_000;

    static Stream<Arguments> orderedPairs() {
        int n = TestMatches.ROSTER.size();
        return IntStream.range(0, n * n).mapToObj(k -> Arguments.of(
                TestMatches.ROSTER.get(k / n).name, TestMatches.ROSTER.get(k % n).name, k));
    }

    static Stream<Arguments> characters() {
        return TestMatches.ROSTER.names().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @MethodSource("orderedPairs")
    void rolloutKeepsInvariantsAndRoundTrips(String p1, String p2, int index) throws IOException {
        Simulator sim = new Simulator(TestMatches.ROSTER);
        // Levels vary with the pair so that weak and strong play both get covered.
        int level0 = 1 + index % 8;
        int level1 = 1 + (index * 3 + 5) % 8;
        int frames = 0;
        int matches = 0;
        int hits = 0;
        while (frames < MIN_FRAMES) {
            long seed = 1000L * index + matches;
            MatchState s = sim.newMatch(MatchConfig.of(TestMatches.ROSTER, p1, p2), seed);
            CpuBot b0 = new CpuBot(TestMatches.ROSTER, Player.P1, level0, seed);
            CpuBot b1 = new CpuBot(TestMatches.ROSTER, Player.P2, level1, seed);
            while (!s.isOver()) {
                FrameEvents ev = sim.step(s, b0.act(s), b1.act(s));
                hits += ev.hits[0] + ev.hits[1];
                frames++;
                String problem = Invariants.check(s, TestMatches.ROSTER);
                if (problem != null) {
                    fail(p1 + " vs " + p2 + " seed " + seed + " frame " + s.frame + ": " + problem);
                }
                if (s.frame % 97 == 0) {
                    byte[] bytes = s.toBytes();
                    MatchState back = MatchState.fromBytes(bytes);
                    assertEquals(s.checksum(), back.checksum(), "checksum after write/read at frame " + s.frame);
                    assertTrue(Arrays.equals(bytes, back.toBytes()), "bytes after write/read at frame " + s.frame);
                }
            }
            matches++;
        }
        assertTrue(hits > 0, "a rollout of " + frames + " frames without a single hit means the bots never fight");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("characters")
    void syncTestEveryFrame(String character) {
        Simulator sim = new Simulator(TestMatches.ROSTER);
        Simulator shadow = new Simulator(TestMatches.ROSTER);
        int c = TestMatches.ROSTER.indexOf(character);
        int opponent = (c + 5) % TestMatches.ROSTER.size();
        MatchState s = sim.newMatch(new MatchConfig(c, opponent, 3, 99), 77 + c);
        CpuBot b0 = new CpuBot(TestMatches.ROSTER, Player.P1, 8, 77 + c);
        CpuBot b1 = new CpuBot(TestMatches.ROSTER, Player.P2, 6, 77 + c);
        int frames = 0;
        while (!s.isOver() || frames < MIN_FRAMES) {
            if (s.isOver()) {
                s = sim.newMatch(new MatchConfig(c, opponent, 3, 99), 78 + c + frames);
                b0 = new CpuBot(TestMatches.ROSTER, Player.P1, 8, 78 + c + frames);
                b1 = new CpuBot(TestMatches.ROSTER, Player.P2, 6, 78 + c + frames);
            }
            int in0 = b0.act(s);
            int in1 = b1.act(s);
            MatchState saved = s.copy();
            assertEquals(s.checksum(), saved.checksum(), "copy differs at frame " + s.frame);
            sim.step(s, in0, in1);
            // Restore the saved state and advance it again (on another simulator): the same result.
            shadow.step(saved, in0, in1);
            assertEquals(s.checksum(), saved.checksum(), character + ": re-simulated frame " + s.frame + " differs");
            assertNull(Invariants.check(saved, TestMatches.ROSTER));
            frames++;
        }
    }
}
