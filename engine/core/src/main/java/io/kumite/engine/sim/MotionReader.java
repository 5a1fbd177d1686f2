package io.kumite.engine.sim;

import io.kumite.engine.FrameInput;
import io.kumite.engine.fighter.Motion;

/**
 * Reads motion inputs from a fighter's input history (the input buffer). Directions are read relative
 * to the fighter's current facing. Diagonals marked optional may be skipped (the usual leniency:
 * 2-6+P is a quarter circle); the other steps must appear in order within the motion's window.
 * Charge motions use the fighter's charge counters. Stateless.
 */
public final class MotionReader {
    private MotionReader() {}

    // Steps in numpad notation; a negative entry is an optional diagonal.
    private static final int[] QCF = {2, -3, 6};
    private static final int[] QCB = {2, -1, 4};
    private static final int[] DP = {6, 2, 3};
    private static final int[] HCF = {4, -1, 2, -3, 6};
    private static final int[] HCB = {6, -3, 2, -1, 4};

    /** Whether {@code motion} was completed by {@code f} at match frame {@code frame} (inclusive). */
    public static boolean matches(Motion motion, FighterState f, int frame) {
        switch (motion) {
            case QCF:
                return sequence(QCF, f, frame, Rules.SHORT_MOTION_WINDOW);
            case QCB:
                return sequence(QCB, f, frame, Rules.SHORT_MOTION_WINDOW);
            case DP:
                return sequence(DP, f, frame, Rules.SHORT_MOTION_WINDOW);
            case HCF:
                return sequence(HCF, f, frame, Rules.LONG_MOTION_WINDOW);
            case HCB:
                return sequence(HCB, f, frame, Rules.LONG_MOTION_WINDOW);
            case CHARGE_BACK_FORWARD: {
                int d = FrameInput.numpad(f.inputAt(frame), f.facing);
                return (d == 6 || d == 3 || d == 9) && (f.backCharge >= Rules.CHARGE_FRAMES || f.backChargeGrace > 0);
            }
            case CHARGE_DOWN_UP: {
                int d = FrameInput.numpad(f.inputAt(frame), f.facing);
                return (d == 7 || d == 8 || d == 9) && (f.downCharge >= Rules.CHARGE_FRAMES || f.downChargeGrace > 0);
            }
            default:
                throw new IllegalStateException("unhandled motion " + motion);
        }
    }

    private static boolean sequence(int[] steps, FighterState f, int frame, int window) {
        int k = steps.length - 1;
        // The motion's last direction must be held when the button goes down, or released to neutral
        // just before: a later, different direction means the player went on to another motion (two
        // quarter circles in a row are not a dragon punch).
        int last = Math.abs(steps[k]);
        int age0 = 0;
        for (; age0 <= Rules.MOTION_BUTTON_LENIENCY; age0++) {
            int d = FrameInput.numpad(f.inputAt(frame - age0), f.facing);
            if (d == last) {
                break;
            }
            if (d != 5) {
                return false;
            }
        }
        if (age0 > Rules.MOTION_BUTTON_LENIENCY) {
            return false;
        }
        for (int age = age0; age < window && k >= 0; age++) {
            int d = FrameInput.numpad(f.inputAt(frame - age), f.facing);
            int want = Math.abs(steps[k]);
            if (d == want) {
                k--;
            } else if (steps[k] < 0 && k > 0 && d == Math.abs(steps[k - 1])) {
                k -= 2; // optional diagonal skipped; this frame satisfies the step before it
            }
        }
        return k < 0;
    }

    private static final int[][] INPUTS = new int[Motion.values().length][];

    static {
        INPUTS[Motion.QCF.ordinal()] = new int[] {2, 3, 6};
        INPUTS[Motion.QCB.ordinal()] = new int[] {2, 1, 4};
        INPUTS[Motion.DP.ordinal()] = new int[] {6, 2, 3};
        INPUTS[Motion.HCF.ordinal()] = new int[] {4, 1, 2, 3, 6};
        INPUTS[Motion.HCB.ordinal()] = new int[] {6, 3, 2, 1, 4};
        INPUTS[Motion.CHARGE_BACK_FORWARD.ordinal()] = new int[] {6};
        INPUTS[Motion.CHARGE_DOWN_UP.ordinal()] = new int[] {8};
        for (Motion m : Motion.values()) {
            if (INPUTS[m.ordinal()] == null) {
                throw new IllegalStateException("unhandled motion " + m);
            }
        }
    }

    /** The numpad inputs (relative to facing) that perform {@code motion}, one per frame, button on the last. */
    public static int[] inputsFor(Motion motion) {
        return INPUTS[motion.ordinal()].clone();
    }

    /** How many frames {@link #inputsFor} has for {@code motion} (allocation-free). */
    public static int inputFrames(Motion motion) {
        return INPUTS[motion.ordinal()].length;
    }

    /** Frame {@code i} of {@link #inputsFor} for {@code motion} (allocation-free). */
    public static int inputAt(Motion motion, int i) {
        return INPUTS[motion.ordinal()][i];
    }
}
