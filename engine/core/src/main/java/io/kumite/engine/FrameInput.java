package io.kumite.engine;

/**
 * One frame of one player's controller, as an int bitmask (GGPO-style fixed-size input).
 *
 * <p>Directions are absolute (screen left/right); the simulation turns them into forward/back from
 * the fighter's facing. Opposite directions pressed together cancel out (SOCD: neutral).
 */
public final class FrameInput {
    private FrameInput() {}

    public static final int UP = 1;
    public static final int DOWN = 1 << 1;
    public static final int LEFT = 1 << 2;
    public static final int RIGHT = 1 << 3;
    public static final int LP = 1 << 4;
    public static final int MP = 1 << 5;
    public static final int HP = 1 << 6;
    public static final int LK = 1 << 7;
    public static final int MK = 1 << 8;
    public static final int HK = 1 << 9;

    public static final int NONE = 0;
    public static final int DIRECTIONS = UP | DOWN | LEFT | RIGHT;
    public static final int PUNCHES = LP | MP | HP;
    public static final int KICKS = LK | MK | HK;
    public static final int BUTTONS = PUNCHES | KICKS;
    /** Every valid bit; inputs with other bits set are rejected by {@link #validate}. */
    public static final int ALL = DIRECTIONS | BUTTONS;

    /** Attack buttons: indices 0..5 of {@link #button} and {@link #buttonName}. */
    public static final int BUTTON_COUNT = 6;
    private static final int[] BUTTON_BITS = {LP, MP, HP, LK, MK, HK};
    private static final String[] BUTTON_NAMES = {"LP", "MP", "HP", "LK", "MK", "HK"};

    /** The bit of attack button {@code index} (0..5: LP MP HP LK MK HK), as used by move tables. */
    public static int button(int index) {
        return BUTTON_BITS[index];
    }

    /** The name of attack button {@code index} (0..5): {@code LP} ... {@code HK}. */
    public static String buttonName(int index) {
        return BUTTON_NAMES[index];
    }

    /** Throws if {@code input} has bits outside {@link #ALL}. */
    public static int validate(int input) {
        if ((input & ~ALL) != 0) {
            throw new IllegalArgumentException(
                    "input bitmask must only use bits 0..9 (UP DOWN LEFT RIGHT LP MP HP LK MK HK), got 0x"
                            + Integer.toHexString(input));
        }
        return input;
    }

    /** Resolves opposite directions to neutral on each axis. */
    public static int cleanDirections(int input) {
        if ((input & (LEFT | RIGHT)) == (LEFT | RIGHT)) {
            input &= ~(LEFT | RIGHT);
        }
        if ((input & (UP | DOWN)) == (UP | DOWN)) {
            input &= ~(UP | DOWN);
        }
        return input;
    }

    /**
     * The direction as a numpad digit relative to facing (6 = forward, 4 = back, 2 = down, 8 = up,
     * 5 = neutral) for a fighter facing right when {@code facing > 0}.
     */
    public static int numpad(int input, int facing) {
        input = cleanDirections(input);
        int h = 0;
        if ((input & RIGHT) != 0) {
            h = 1;
        } else if ((input & LEFT) != 0) {
            h = -1;
        }
        if (facing < 0) {
            h = -h;
        }
        int v = 0;
        if ((input & UP) != 0) {
            v = 1;
        } else if ((input & DOWN) != 0) {
            v = -1;
        }
        return 5 + h + 3 * v;
    }

    /** The absolute input for a numpad direction relative to {@code facing}, no buttons. */
    public static int fromNumpad(int numpad, int facing) {
        if (numpad < 1 || numpad > 9) {
            throw new IllegalArgumentException("numpad direction must be 1..9, got " + numpad);
        }
        int h = (numpad - 1) % 3 - 1;
        int v = (numpad - 1) / 3 - 1;
        if (facing < 0) {
            h = -h;
        }
        int in = 0;
        if (h > 0) {
            in |= RIGHT;
        } else if (h < 0) {
            in |= LEFT;
        }
        if (v > 0) {
            in |= UP;
        } else if (v < 0) {
            in |= DOWN;
        }
        return in;
    }

    /** Human-readable form, e.g. {@code "DOWN+RIGHT+HP"} or {@code "-"} for nothing. */
    public static String toString(int input) {
        StringBuilder b = new StringBuilder();
        String[] names = {"UP", "DOWN", "LEFT", "RIGHT", "LP", "MP", "HP", "LK", "MK", "HK"};
        for (int i = 0; i < names.length; i++) {
            if ((input & (1 << i)) != 0) {
                if (b.length() > 0) {
                    b.append('+');
                }
                b.append(names[i]);
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }
}
