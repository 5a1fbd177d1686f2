package io.kumite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.fighter.Motion;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.MotionReader;
import io.kumite.engine.sim.Rules;
import org.junit.jupiter.api.Test;

/** The input buffer reads motions relative to facing, with the usual leniency and time windows. */
class MotionReaderTest {
    /** A fighter facing {@code facing} whose last inputs (oldest first, numpad relative) end at frame 100. */
    static FighterState history(int facing, int... numpad) {
        FighterState f = new FighterState();
        f.facing = facing;
        int frame = 100 - numpad.length + 1;
        for (int d : numpad) {
            f.inputs[Math.floorMod(frame++, Rules.INPUT_HISTORY)] = FrameInput.fromNumpad(d, facing);
        }
        return f;
    }

    @Test
    void quarterCircleBothFacings() {
        assertTrue(MotionReader.matches(Motion.QCF, history(1, 5, 2, 3, 6), 100));
        assertTrue(MotionReader.matches(Motion.QCF, history(-1, 5, 2, 3, 6), 100));
        assertFalse(MotionReader.matches(Motion.QCB, history(1, 5, 2, 3, 6), 100));
        assertTrue(MotionReader.matches(Motion.QCB, history(1, 2, 1, 4), 100));
    }

    @Test
    void diagonalMayBeSkippedButOrderMatters() {
        assertTrue(MotionReader.matches(Motion.QCF, history(1, 2, 2, 6), 100));
        assertFalse(MotionReader.matches(Motion.QCF, history(1, 6, 3, 2), 100));
        assertTrue(MotionReader.matches(Motion.HCF, history(1, 4, 2, 6), 100));
        assertFalse(MotionReader.matches(Motion.HCF, history(1, 2, 3, 6), 100));
    }

    @Test
    void dragonPunchNeedsAllThreeSteps() {
        assertTrue(MotionReader.matches(Motion.DP, history(1, 6, 2, 3), 100));
        assertFalse(MotionReader.matches(Motion.DP, history(1, 6, 3), 100));
    }

    @Test
    void tooSlowIsNotAMotion() {
        int[] slow = new int[Rules.SHORT_MOTION_WINDOW + 3];
        java.util.Arrays.fill(slow, 5);
        slow[0] = 2;
        slow[1] = 3;
        slow[slow.length - 1] = 6;
        assertFalse(MotionReader.matches(Motion.QCF, history(1, slow), 100));
    }

    @Test
    void chargeNeedsTheChargeTimeAndAllowsAShortGrace() {
        FighterState f = history(1, 6);
        f.backCharge = Rules.CHARGE_FRAMES - 1;
        assertFalse(MotionReader.matches(Motion.CHARGE_BACK_FORWARD, f, 100));
        f.backCharge = Rules.CHARGE_FRAMES;
        assertTrue(MotionReader.matches(Motion.CHARGE_BACK_FORWARD, f, 100));
        f.backCharge = 0;
        f.backChargeGrace = 3;
        assertTrue(MotionReader.matches(Motion.CHARGE_BACK_FORWARD, f, 100));
        assertEquals(3, MotionReader.inputsFor(Motion.QCF).length);
    }
}
