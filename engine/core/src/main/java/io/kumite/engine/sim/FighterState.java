package io.kumite.engine.sim;

import io.kumite.engine.FrameInput;

/**
 * Everything about one fighter that affects the future: position and speed (fixed-point), health,
 * the state machine, the current move and its frame, combo and juggle counters, charge counters and
 * the input history used to read motion inputs. Mutable; owned by one {@link MatchState}.
 */
public final class FighterState {
    /** Index of the character in the roster. */
    public int character;
    public int x;
    public int y;
    public int vx;
    public int vy;
    /** +1 facing right, -1 facing left. */
    public int facing;
    public int health;
    public FighterMode mode = FighterMode.STAND;
    /** Frames spent in the current mode. */
    public int modeFrame;
    /** Remaining hitstun or blockstun frames. */
    public int stun;
    /** Current move id (see {@code CharacterDef}), -1 when none. */
    public int move = -1;
    /** 0-based frame of the current move being executed. */
    public int moveFrame;
    /** Bit i set when hit index i of the current move has connected. */
    public int hitMask;
    /** Whether the current move has connected (hit or blocked): enables special cancels. */
    public boolean connected;
    /** Hits taken since last airborne-reset (juggle limit). */
    public int juggle;
    /** Hits taken in the current combo (damage scaling). */
    public int combo;
    /** Whether the fighter is in a crouching posture during hitstun or blockstun. */
    public boolean crouching;
    /** -1 back, 0 up, +1 forward: the direction of the pending jump. */
    public int jumpDirection;
    public boolean airAttackUsed;
    /** Consecutive frames the back (down) direction has been held. */
    public int backCharge;
    public int downCharge;
    /** Frames left during which a completed back (down) charge may still be released. */
    public int backChargeGrace;
    public int downChargeGrace;
    public int throwProtection;
    /** Raw inputs of the last {@link Rules#INPUT_HISTORY} frames, indexed by match frame modulo size. */
    public final int[] inputs = new int[Rules.INPUT_HISTORY];
    /** Total damage taken this round (for statistics and rewards). */
    public int damageTaken;

    /** The raw input at {@code frame} (valid for the last {@link Rules#INPUT_HISTORY} frames). */
    public int inputAt(int frame) {
        return inputs[Math.floorMod(frame, Rules.INPUT_HISTORY)];
    }

    public boolean airborne() {
        return y > 0 || vy > 0;
    }

    /** Whether the fighter is holding a direction away from {@code threatDirection} (+1 right, -1 left). */
    static boolean holdsAway(int input, int threatDirection) {
        int in = FrameInput.cleanDirections(input);
        return threatDirection > 0 ? (in & FrameInput.RIGHT) != 0 : (in & FrameInput.LEFT) != 0;
    }

    void copyFrom(FighterState o) {
        character = o.character;
        x = o.x;
        y = o.y;
        vx = o.vx;
        vy = o.vy;
        facing = o.facing;
        health = o.health;
        mode = o.mode;
        modeFrame = o.modeFrame;
        stun = o.stun;
        move = o.move;
        moveFrame = o.moveFrame;
        hitMask = o.hitMask;
        connected = o.connected;
        juggle = o.juggle;
        combo = o.combo;
        crouching = o.crouching;
        jumpDirection = o.jumpDirection;
        airAttackUsed = o.airAttackUsed;
        backCharge = o.backCharge;
        downCharge = o.downCharge;
        backChargeGrace = o.backChargeGrace;
        downChargeGrace = o.downChargeGrace;
        throwProtection = o.throwProtection;
        System.arraycopy(o.inputs, 0, inputs, 0, inputs.length);
        damageTaken = o.damageTaken;
    }

    void visit(StateCodec c) {
        character = c.io(character);
        x = c.io(x);
        y = c.io(y);
        vx = c.io(vx);
        vy = c.io(vy);
        facing = c.io(facing);
        health = c.io(health);
        mode = FighterMode.VALUES[checkedOrdinal(c.io(mode.ordinal()), FighterMode.VALUES.length, "fighter mode")];
        modeFrame = c.io(modeFrame);
        stun = c.io(stun);
        move = c.io(move);
        moveFrame = c.io(moveFrame);
        hitMask = c.io(hitMask);
        connected = c.io(connected);
        juggle = c.io(juggle);
        combo = c.io(combo);
        crouching = c.io(crouching);
        jumpDirection = c.io(jumpDirection);
        airAttackUsed = c.io(airAttackUsed);
        backCharge = c.io(backCharge);
        downCharge = c.io(downCharge);
        backChargeGrace = c.io(backChargeGrace);
        downChargeGrace = c.io(downChargeGrace);
        throwProtection = c.io(throwProtection);
        c.io(inputs);
        damageTaken = c.io(damageTaken);
    }

    static int checkedOrdinal(int v, int count, String what) {
        if (v < 0 || v >= count) {
            throw new IllegalArgumentException("corrupt state: " + what + " " + v + " is not in 0.." + (count - 1));
        }
        return v;
    }
}
