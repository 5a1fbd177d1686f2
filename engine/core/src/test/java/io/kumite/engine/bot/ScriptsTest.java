package io.kumite.engine.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.FrameInput;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.Player;
import io.kumite.engine.TestMatches;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scripted exploit policies: parsing, the constant-action driver, and that each pattern does its job. */
class ScriptsTest {
    private static final Roster R = TestMatches.ROSTER;

    @Test
    void everyLibraryScriptParsesToItsCanonicalSpec() {
        for (String name : R.names()) {
            for (String spec : Scripts.library(name)) {
                Policy p = Policies.parse(spec, R);
                assertEquals(spec, p.spec());
                assertEquals(R.indexOf(name), p.character());
            }
        }
        assertEquals("script:const:16:" + R.get(0).name, Policies.parse("script:const:16", R).spec());
        assertEquals("script:zoning:mira", Policies.parse("script:zoning:mira", R).spec());
    }

    @Test
    void badScriptsAreRefusedWithWhatWasExpected() {
        String[] bad = {"script", "script:", "script:const", "script:const:22", "script:const:x", "script:const:1:kenta:9",
            "script:dance", "script:zoning:kenta:extra", "script:zoning:nobody"};
        for (String spec : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policies.parse(spec, R), spec);
            assertTrue(e.getMessage().length() > 20, spec + ": " + e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Policies.parse("script:dance", R)).getMessage()
                .contains("throw-loop"), "the error lists the patterns");
    }

    /** Inputs of seat 0 for the first {@code n} fight frames of a match against an idle opponent. */
    private static int[] inputs(Policy p, int n) {
        Simulator sim = new Simulator(R);
        MatchState s = sim.newMatch(new MatchConfig(p.character(), 1, 1, 99), 5);
        Controller c = p.newController(R, Player.P1, 5);
        int[] out = new int[n];
        int k = 0;
        while (k < n) {
            int in = c.act(s);
            if (s.phase == MatchPhase.FIGHT) {
                out[k++] = in;
            }
            sim.step(s, in, 0);
        }
        return out;
    }

    @Test
    void aConstantMacroIsInputOnEveryAgentStepOfFourFramesAsAnEnvironmentDoes() {
        // kenta's action 16 is Kiai Fireball (236+P): the motion, then the button on its last frame.
        int qcf0 = FrameInput.DOWN;
        int qcf1 = FrameInput.DOWN | FrameInput.RIGHT;
        int qcf2 = FrameInput.RIGHT | FrameInput.HP;
        assertArrayEquals(new int[] {qcf0, qcf1, qcf2, 0, qcf0, qcf1, qcf2, 0}, inputs(Policies.parse("script:const:16:kenta", R), 8));
        // A direction is held on every frame.
        int[] right = inputs(Policies.parse("script:const:3:kenta", R), 6);
        for (int in : right) {
            assertEquals(FrameInput.RIGHT, in);
        }
        // A button is pressed on every frame of the step, as an environment repeats a non-macro action.
        for (int in : inputs(Policies.parse("script:const:9:kenta", R), 6)) {
            assertEquals(FrameInput.LP, in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zoning", "jump-in", "throw-loop", "sweep", "poke", "cross-up", "corner", "special-spam", "bait"})
    void everyAttackingPatternBeatsAnIdleOpponent(String pattern) {
        Policy script = Policies.parse("script:" + pattern + ":kenta", R);
        Policy idle = Policies.parse("noop:mira", R);
        double score = Audit.rounds(R, script, idle, 2, 3);
        assertEquals(1.0, score, pattern + " against noop");
    }

    @Test
    void patternsUseWhatTheirNamesSay() {
        int[] throwsLanded = new int[1];
        int[] projectiles = new int[1];
        MatchRunner runner = new MatchRunner(R);
        runner.play(Policies.parse("script:throw-loop:brakk", R), Policies.parse("noop:kenta", R), 1, 99, 1,
                (s, a, b, ev) -> throwsLanded[0] += ev.throwsLanded[0]);
        runner.play(Policies.parse("script:zoning:kenta", R), Policies.parse("noop:kenta", R), 1, 99, 1,
                (s, a, b, ev) -> projectiles[0] += ev.projectilesLaunched[0]);
        assertTrue(throwsLanded[0] >= 3, "throw-loop throws: " + throwsLanded[0]);
        assertTrue(projectiles[0] >= 3, "zoning fires: " + projectiles[0]);
    }

    @Test
    void baitMakesAReversalWhiffAndPunishesIt() {
        // Two guards alone time out level; the bait steps into the reversal's range behind its
        // guard, so the invincible special is blocked and punished.
        for (String c : new String[] {"kiri", "rook"}) {
            double score = Audit.rounds(R, Policies.parse("script:bait:" + c, R), Policies.parse("script:reversal:" + c, R), 4, 5);
            assertTrue(score >= 0.75, "bait against reversal, " + c + " mirror: " + score);
        }
    }

    @Test
    void scriptsAreDeterministicFromTheSeed() {
        MatchRunner runner = new MatchRunner(R);
        Policy a = Policies.parse("script:corner:vex", R);
        Policy b = Policies.parse("bot:kenta:8", R);
        assertEquals(runner.play(a, b, 3, 99, 11).checksum(), runner.play(a, b, 3, 99, 11).checksum());
    }
}
