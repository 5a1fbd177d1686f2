package io.kumite.engine.fighter;

/** How an attack must be blocked. */
public enum Guard {
    /** Overhead: only a standing block stops it (jumping attacks are always HIGH). */
    HIGH,
    /** Either a standing or a crouching block stops it. */
    MID,
    /** Only a crouching block stops it. */
    LOW
}
