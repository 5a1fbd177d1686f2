package io.kumite.engine.fighter;

/**
 * A projectile a special move launches. Positions and speeds are fixed-point; {@code spawnFrame} is the
 * 0-based move frame on which it appears. Projectiles are always blocked as {@link Guard#MID}.
 */
public record ProjectileDef(
        int spawnFrame,
        Box box,
        int speed,
        int lifetime,
        int damage,
        int chip,
        int hitstun,
        int blockstun,
        int pushback,
        boolean knockdown) {}
