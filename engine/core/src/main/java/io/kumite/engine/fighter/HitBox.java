package io.kumite.engine.fighter;

/** A hitbox plus the index (0..7) of the hit it belongs to: a move hits at most once per index. */
public record HitBox(Box box, int hit) {}
