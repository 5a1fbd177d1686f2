package io.kumite.engine.fighter;

/** The posture a move is done from; decides the body hurtbox and how it can be blocked. */
public enum Stance {
    STANDING,
    CROUCHING,
    JUMPING
}
