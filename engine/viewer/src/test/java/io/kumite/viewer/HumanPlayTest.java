package io.kumite.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayVerifier;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Human play without a window: key bindings, and a whole match recorded as a replay that verifies. */
class HumanPlayTest {
    static final Roster ROSTER = Roster.builtIn();
    /** A stand-in for libGDX's key names. */
    static final Map<String, Integer> CODES = Map.ofEntries(Map.entry("Up", 19), Map.entry("Down", 20), Map.entry("Left", 21),
            Map.entry("Right", 22), Map.entry("A", 29), Map.entry("S", 47), Map.entry("D", 32), Map.entry("Z", 54),
            Map.entry("X", 52), Map.entry("C", 31), Map.entry("W", 51), Map.entry("J", 38));

    static int code(String name) {
        return CODES.getOrDefault(name, -1);
    }

    @Test
    void defaultAndCustomKeyBindings() {
        KeyMap defaults = KeyMap.parse(null, HumanPlayTest::code);
        assertEquals(FrameInput.RIGHT | FrameInput.LP, defaults.input(Set.of(22, 29)::contains));
        assertEquals(FrameInput.HK, defaults.input(Set.of(21, 22, 31)::contains), "left + right cancel out");
        KeyMap custom = KeyMap.parse("UP=W, LP=J", HumanPlayTest::code);
        assertEquals(FrameInput.UP | FrameInput.LP, custom.input(Set.of(51, 38)::contains));
        assertEquals(0, custom.input(Set.of(19, 29)::contains), "Up and A are no longer bound");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyMap.parse("PUNCH=J", HumanPlayTest::code))
                .getMessage().contains("NAME one of UP DOWN LEFT RIGHT LP MP HP LK MK HK"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyMap.parse("LP=Nope", HumanPlayTest::code))
                .getMessage().contains("unknown key \"Nope\" for LP"));
    }

    @Test
    void aWholeMatchIsRecordedAndVerifies() {
        for (int seat = 0; seat < 2; seat++) {
            HumanMatch match = new HumanMatch(ROSTER, ROSTER.indexOf("vex"), seat, Policies.parse("bot:mira:3", ROSTER), 3, 9);
            // A level-6 bot stands in for the person's hands.
            CpuBot hands = new CpuBot(ROSTER, Player.ofIndex(seat), 6, 9);
            int frames = 0;
            while (!match.over() && frames++ < 100_000) {
                match.frame(hands.act(match.state()));
            }
            Replay r = match.replay();
            assertTrue(match.over());
            assertEquals(seat == 0 ? "human:vex" : "bot:mira:3", r.header().p1Policy());
            assertEquals("vex", seat == 0 ? r.header().p1Character() : r.header().p2Character());
            ReplayVerifier.Outcome o = ReplayVerifier.verify(r, ROSTER);
            assertTrue(o.ok(), o.message());
        }
        assertThrows(IllegalArgumentException.class, () -> new HumanMatch(ROSTER, 0, 2, Policies.parse("noop", ROSTER), 3, 1));
    }
}
