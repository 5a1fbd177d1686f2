package io.kumite.engine.fighter;

/** What sort of move a {@link MoveData} is. */
public enum MoveKind {
    /** Button normal: standing, crouching or jumping. */
    NORMAL,
    /** Special move entered with a motion input. */
    SPECIAL,
    /** Unblockable grab that connects only on a grounded, throwable opponent within range. */
    THROW
}
