package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.json.Json;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state object: copies are independent, serialisation is versioned and checked. */
class MatchStateTest {
    @Test
    void copyIsIndependentAndChecksumCoversEveryChange() {
        Simulator sim = new Simulator(TestMatches.ROSTER);
        MatchState s = sim.newMatch(new MatchConfig(2, 3, 3, 99), 11);
        MatchState c = s.copy();
        assertEquals(s.checksum(), c.checksum());
        c.fighters[1].inputs[5] = FrameInput.HK;
        assertNotEquals(s.checksum(), c.checksum(), "the input history is part of the state");
        c = s.copy();
        c.rng++;
        assertNotEquals(s.checksum(), c.checksum(), "the PRNG is part of the state");
        sim.step(s, FrameInput.RIGHT, 0);
        assertNotEquals(s.checksum(), c.checksum());
    }

    @Test
    void copyFromGivesTheSameStateAndTheSameFuture() {
        Simulator sim = new Simulator(TestMatches.ROSTER);
        MatchState s = sim.newMatch(new MatchConfig(3, 7, 3, 99), 21);
        io.kumite.engine.bot.CpuBot b0 = new io.kumite.engine.bot.CpuBot(TestMatches.ROSTER, Player.P1, 8, 21);
        io.kumite.engine.bot.CpuBot b1 = new io.kumite.engine.bot.CpuBot(TestMatches.ROSTER, Player.P2, 6, 21);
        MatchState target = sim.newMatch(new MatchConfig(0, 0, 1, 30), 99); // different in every field that matters
        for (int f = 0; f < 1500; f++) {
            sim.step(s, b0.act(s), b1.act(s));
            if (f % 250 == 0) {
                target.copyFrom(s);
                assertEquals(s.checksum(), target.checksum(), "copyFrom at frame " + s.frame);
                assertArrayEquals(s.toBytes(), target.toBytes());
                sim.step(target, FrameInput.RIGHT | FrameInput.HP, FrameInput.LEFT);
                MatchState again = s.copy();
                sim.step(again, FrameInput.RIGHT | FrameInput.HP, FrameInput.LEFT);
                assertEquals(again.checksum(), target.checksum(), "the copy steps like the original");
            }
        }
    }

    @Test
    void corruptOrForeignBytesAreAnErrorNotACrash() throws IOException {
        MatchState s = new Simulator(TestMatches.ROSTER).newMatch(new MatchConfig(0, 0, 3, 99), 1);
        byte[] bytes = s.toBytes();
        byte[] badMagic = bytes.clone();
        badMagic[0] ^= 0x55;
        assertTrue(assertThrows(IOException.class, () -> MatchState.fromBytes(badMagic)).getMessage().contains("bad magic"));
        byte[] future = bytes.clone();
        future[7] = 99;
        assertTrue(assertThrows(IOException.class, () -> MatchState.fromBytes(future)).getMessage().contains("simulation version 99"));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(IOException.class, () -> MatchState.fromBytes(truncated));
        assertEquals(s.checksum(), MatchState.fromBytes(bytes).checksum());
    }

    @Test
    void jsonRoundTrip() {
        Object v = Json.parse("{\"a\": [1, 2.5, \"x\\n\", true, null], \"b\": {}}", "t");
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, 2.5, "x\n", true, null), "b", Map.of()), v);
        assertEquals("{\"k\":[1,\"q\\\"\"]}", Json.write(Json.object("k", List.of(1, "q\""))));
        assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\":1,\"a\":2}", "t"));
        assertThrows(Json.ParseException.class, () -> Json.parse("[1,]", "t"));
    }
}
