package io.kumite.engine.sim;

/**
 * The fixed rules of the game: units, stage size and timings. All distances are fixed-point
 * subpixels ({@link #SUB} per pixel), all times are frames at 60 logical frames per second.
 * Changing any of these changes results: bump {@link io.kumite.engine.EngineVersion}.
 */
public final class Rules {
    private Rules() {}

    /** Subpixels per pixel (the unit of character data, {@link io.kumite.engine.fighter.Box#SUB}). */
    public static final int SUB = io.kumite.engine.fighter.Box.SUB;
    public static final int FRAMES_PER_SECOND = 60;

    /** Stage width in subpixels; x runs 0..STAGE_WIDTH, the floor is y = 0. */
    public static final int STAGE_WIDTH = 768 * SUB;
    /** Largest distance between the two fighters' origins (both must fit one screen). */
    public static final int MAX_SEPARATION = 300 * SUB;
    /** Each fighter starts this far from the stage centre. */
    public static final int START_OFFSET = 70 * SUB;

    /** Frames before control is given at the start of each round. */
    public static final int ROUND_INTRO_FRAMES = 30;
    /** Frames after a KO or time-out before the next round (or the end of the match). */
    public static final int ROUND_END_FRAMES = 60;
    /** Frames per count of the round timer. */
    public static final int FRAMES_PER_COUNT = 60;

    public static final int LANDING_FRAMES = 3;
    public static final int KNOCKDOWN_FRAMES = 36;
    public static final int WAKEUP_FRAMES = 16;
    /** Frames after hitstun or wake-up during which a fighter cannot be thrown (not after blockstun: tick throws work). */
    public static final int THROW_PROTECTION_FRAMES = 8;
    /** Frames a thrown fighter has to break the throw (press HP or HK) before it lands. */
    public static final int THROW_TECH_FRAMES = 8;
    /** Horizontal speed at which a broken throw pushes both fighters apart. */
    public static final int THROW_TECH_PUSH = 4 * SUB;
    /** Horizontal slowdown per frame of a sliding (pushed back) grounded fighter. */
    public static final int FRICTION = SUB / 2;
    /** Hits an airborne fighter can take before it is invulnerable until it lands. */
    public static final int JUGGLE_LIMIT = 3;
    /** Frames a direction must be held to charge a charge move. */
    public static final int CHARGE_FRAMES = 40;
    /** A charge stays usable for this many frames after the charged direction is released. */
    public static final int CHARGE_GRACE_FRAMES = 8;
    /** Frames of input history kept per player (motion inputs must fit into this). */
    public static final int INPUT_HISTORY = 32;
    /** Frames allowed from the first direction of a 3-step motion to the button. */
    public static final int SHORT_MOTION_WINDOW = 15;
    /**
     * Frames a motion's last direction may be released to neutral before its button is pressed; any
     * other direction in between cancels the motion.
     */
    public static final int MOTION_BUTTON_LENIENCY = 2;
    /** Frames allowed from the first direction of a 5-step motion to the button. */
    public static final int LONG_MOTION_WINDOW = 24;
    /** Upward speed of a knocked-down or air-hit fighter when the move gives none. */
    public static final int DEFAULT_LAUNCH = io.kumite.engine.fighter.MoveData.DEFAULT_LAUNCH;
    /** Backward drift of a fighter falling after an air hit or knockdown. */
    public static final int FALL_DRIFT = 2 * SUB;
    /** Damage scaling in a combo, percent by hit number (last value repeats). */
    private static final int[] COMBO_SCALING = {100, 100, 85, 75, 65, 55, 50};

    /** The damage of hit {@code hits} of a combo (0 = the first), in percent: 100, 100, 85, ... down to 50. */
    public static int comboScaling(int hits) {
        return COMBO_SCALING[Math.min(hits, COMBO_SCALING.length - 1)];
    }
    /** Most rounds a match can be configured for. */
    public static final int MAX_BEST_OF = 9;
}
