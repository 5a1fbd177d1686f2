package io.kumite.engine.action;

import io.kumite.engine.FrameInput;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Motion;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.engine.sim.MotionReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The action spaces. {@code discrete}: 22 actions built like FightLadder's — 9 directions (absolute),
 * 7 attacks (the six buttons and a throw), 6 special-move macros (the character's specials in data
 * order; a missing slot is neutral). A macro inputs the whole motion over the next frames, relative
 * to the facing when it starts, and cannot be interrupted. {@code multi_binary}: the action is the
 * 10-bit {@link FrameInput} mask (UP DOWN LEFT RIGHT LP MP HP LK MK HK).
 */
public final class Actions {
    private Actions() {}

    public static final int DISCRETE_COUNT = 22;
    public static final int MULTI_BINARY_BITS = 10;
    public static final int FIRST_ATTACK = 9;
    public static final int THROW = 15;
    public static final int FIRST_MACRO = 16;
    /** Directions of actions 0..8: neutral, up, up-right, right, down-right, down, down-left, left, up-left. */
    private static final int[] DIRECTIONS = {
        0, FrameInput.UP, FrameInput.UP | FrameInput.RIGHT, FrameInput.RIGHT, FrameInput.DOWN | FrameInput.RIGHT,
        FrameInput.DOWN, FrameInput.DOWN | FrameInput.LEFT, FrameInput.LEFT, FrameInput.UP | FrameInput.LEFT,
    };

    /** Human-readable names of the 22 discrete actions for a character. */
    public static List<String> discreteNames(CharacterDef c) {
        List<String> names = new ArrayList<>(List.of("neutral", "up", "up-right", "right", "down-right", "down", "down-left",
                "left", "up-left", "LP", "MP", "HP", "LK", "MK", "HK", "throw"));
        for (int k = 0; k < 6; k++) {
            names.add(k < c.specials().size() ? c.special(k).name() + " (" + c.special(k).notation() + ")" : "neutral");
        }
        return names;
    }

    /**
     * Writes the frames of a discrete action into {@code out} (absolute inputs, first frame first) and
     * returns how many frames it takes (1, or the length of a macro's motion). {@code facing} is the
     * fighter's facing, {@code toward} the absolute direction of the opponent (+1 right). {@code out}
     * needs room for 5 frames (the longest motion).
     */
    public static int discrete(int action, CharacterDef c, int facing, int toward, int[] out) {
        if (action < FIRST_ATTACK) {
            out[0] = DIRECTIONS[action];
            return 1;
        }
        if (action < THROW) {
            out[0] = FrameInput.button(action - FIRST_ATTACK);
            return 1;
        }
        if (action == THROW) {
            out[0] = (toward > 0 ? FrameInput.RIGHT : FrameInput.LEFT) | FrameInput.HP;
            return 1;
        }
        int k = action - FIRST_MACRO;
        if (k >= c.specials().size()) {
            out[0] = 0;
            return 1;
        }
        SpecialDef sd = c.special(k);
        int button = Integer.highestOneBit(sd.buttons());
        if (sd.motion().isCharge()) {
            // The charge must already be held; the macro is the release.
            int dir = sd.motion() == Motion.CHARGE_BACK_FORWARD ? FrameInput.fromNumpad(6, facing) : FrameInput.UP;
            out[0] = dir | button;
            return 1;
        }
        int n = MotionReader.inputFrames(sd.motion());
        for (int i = 0; i < n; i++) {
            out[i] = FrameInput.fromNumpad(MotionReader.inputAt(sd.motion(), i), facing) | (i == n - 1 ? button : 0);
        }
        return n;
    }
}
