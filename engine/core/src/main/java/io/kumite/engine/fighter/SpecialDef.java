package io.kumite.engine.fighter;

import io.kumite.engine.FrameInput;

/**
 * A special move: a motion, the buttons that finish it ({@code buttons} is a mask of
 * {@link FrameInput} button bits, e.g. all punches) and its move data.
 */
public record SpecialDef(String name, Motion motion, int buttons, MoveData move) {
    /** Notation such as {@code "236+P"}. */
    public String notation() {
        String b;
        if (buttons == FrameInput.PUNCHES) {
            b = "P";
        } else if (buttons == FrameInput.KICKS) {
            b = "K";
        } else {
            b = FrameInput.toString(buttons);
        }
        return motion.notation() + "+" + b;
    }
}
