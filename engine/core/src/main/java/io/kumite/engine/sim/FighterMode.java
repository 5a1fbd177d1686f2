package io.kumite.engine.sim;

/** The state machine of one fighter. Stored as its ordinal; reordering changes the state layout. */
public enum FighterMode {
    /** Standing or walking; can act. */
    STAND,
    /** Crouching; can act. */
    CROUCH,
    /** Jump squat: about to leave the ground; can cancel into a special. */
    PREJUMP,
    /** Airborne from a jump (or falling after an airborne move); may do one air normal. */
    AIR,
    /** Brief recovery after landing from a jump. */
    LANDING,
    /** Doing a move (normal, special or throw); see {@code move} and {@code moveFrame}. */
    ATTACK,
    /** Reeling from a grounded hit for {@code stun} more frames. */
    HITSTUN,
    /** Blocking an attack for {@code stun} more frames. */
    BLOCKSTUN,
    /** Knocked into the air (launched, thrown, air-hit or KO'd); juggleable until the limit. */
    AIR_HIT,
    /** Lying on the floor; invulnerable. */
    KNOCKDOWN,
    /** Getting up; invulnerable. */
    WAKEUP,
    /** Defeated (health 0) and lying down. */
    KO,
    /**
     * Caught by a throw: for {@code Rules.THROW_TECH_FRAMES} frames pressing HP or HK breaks it
     * (a throw tech); then the throw lands. Invulnerable.
     */
    THROWN;

    static final FighterMode[] VALUES = values();

    /** Whether the fighter may start moves, walk, jump or block. */
    public boolean actionable() {
        return this == STAND || this == CROUCH;
    }
}
