package io.kumite.engine.bot;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.MoveKind;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.MotionReader;
import io.kumite.engine.sim.Rules;

/**
 * The base of the named scripted patterns ({@link Scripts}): a controller that reads the true match
 * state every frame (no reaction delay: an exploit script is as sharp as a script can be) and, when
 * it has no plan running, asks its pattern for the next one. Plans are short lists of absolute
 * frame inputs made with the helpers here (press a normal, input a special's motion, hold a
 * direction), so a pattern reads as the few lines a player would say out loud. Deterministic: the
 * only randomness is a PRNG seeded from the match seed. Not thread-safe.
 */
abstract class Script implements Controller {
    static final int PX = Rules.SUB;

    protected final int seat;
    protected final Rng rng;
    private final Roster roster;
    private final MoveBook[] books;
    protected MoveBook mine;
    protected MoveBook theirs;
    protected FighterState me;
    protected FighterState op;
    protected MatchState state;
    /** Absolute direction bits toward and away from the opponent, valid during {@link #decide}. */
    protected int fwd;
    protected int back;
    /** Horizontal gap between the two bodies, subpixels (negative when they overlap). */
    protected int gap;

    private final int[] plan = new int[64];
    private int planLength;
    private int planPos;

    Script(Roster roster, Player seat, long matchSeed) {
        this.roster = roster;
        this.seat = seat.index();
        this.rng = new Rng(Rng.derive(matchSeed, 200 + seat.index()));
        this.books = new MoveBook[roster.size()];
    }

    /**
     * Standing or crouching, with no plan running: sets a plan (via the helpers) or returns an input
     * for this frame. (In blockstun a script keeps the guard that fits; see {@link #inAir} and
     * {@link #whileBusy} for the other modes.)
     */
    protected abstract int decide();

    @Override
    public final int act(MatchState s) {
        state = s;
        me = s.fighters[seat];
        op = s.fighters[1 - seat];
        mine = book(me.character);
        theirs = book(op.character);
        if (s.phase != MatchPhase.FIGHT) {
            clearPlan();
            return 0;
        }
        switch (me.mode) {
            case HITSTUN:
            case AIR_HIT:
            case KNOCKDOWN:
            case KO:
                clearPlan();
                break;
            default:
                break;
        }
        if (planPos < planLength) {
            return plan[planPos++];
        }
        clearPlan();
        int toward = op.x >= me.x ? 1 : -1;
        fwd = toward > 0 ? FrameInput.RIGHT : FrameInput.LEFT;
        back = toward > 0 ? FrameInput.LEFT : FrameInput.RIGHT;
        gap = Math.abs(op.x - me.x) - mine.def.width / 2 - theirs.def.width / 2;
        switch (me.mode) {
            case STAND:
            case CROUCH:
                return decide();
            case AIR:
                return inAir();
            case PREJUMP:
                return 0;
            case BLOCKSTUN:
                return guard();
            default:
                return whileBusy();
        }
    }

    /** The input while airborne from a jump: nothing by default. */
    protected int inAir() {
        return 0;
    }

    /**
     * The input while the fighter cannot act (in a move, landing, stunned, knocked down, getting up):
     * nothing by default. A pattern may start a plan here, e.g. a reversal's motion during wake-up.
     */
    protected int whileBusy() {
        return 0;
    }

    /** Whether a motion of {@code steps} inputs started now ends on the first frame after wake-up. */
    protected boolean reversalTiming(int steps) {
        return me.mode == FighterMode.WAKEUP && me.modeFrame == Rules.WAKEUP_FRAMES - (steps - 1);
    }

    private MoveBook book(int character) {
        MoveBook b = books[character];
        if (b == null) {
            b = new MoveBook(roster.get(character));
            books[character] = b;
        }
        return b;
    }

    private void clearPlan() {
        planLength = 0;
        planPos = 0;
    }

    // ------------------------------------------------------------------ what the pattern sees

    protected boolean opAirborne() {
        return op.airborne() || op.mode == FighterMode.AIR || op.mode == FighterMode.PREJUMP;
    }

    protected boolean opAttacking() {
        return op.mode == FighterMode.ATTACK;
    }

    /** Frames the opponent's current move has left, 0 when it is not in a move. */
    protected int opRecoveryLeft() {
        return theirs.recoveryLeft(op);
    }

    protected boolean opDown() {
        return op.mode == FighterMode.KNOCKDOWN || op.mode == FighterMode.WAKEUP || op.mode == FighterMode.AIR_HIT
                || op.mode == FighterMode.KO;
    }

    protected boolean myProjectileOut() {
        return state.projectiles[seat].active;
    }

    /** The opponent's projectile, when it is on screen and flying toward this fighter. */
    protected boolean incomingProjectile() {
        var pr = state.projectiles[1 - seat];
        return pr.active && Integer.signum(me.x - pr.x) == pr.direction;
    }

    protected int incomingProjectileDistance() {
        return Math.abs(state.projectiles[1 - seat].x - me.x);
    }

    /** Whether normal {@code id}'s hitbox overlaps the opponent's body across the current gap (with 2 px to spare). */
    protected boolean reaches(int normalId) {
        return normalId >= 0 && mine.def.move(normalId).reach > gap + mine.def.width / 2 + 2 * PX;
    }

    protected boolean specialReaches(int special) {
        return special >= 0 && mine.specialRange(special) >= gap + mine.def.width / 2;
    }

    protected int throwRange() {
        return mine.throwRange;
    }

    protected boolean specialReady(int special) {
        return mine.ready(me, special);
    }

    /** The first-active frame of special {@code special} (startup as the opponent sees it). */
    protected int specialStartup(int special) {
        return mine.special(special).firstActiveFrame;
    }

    /**
     * The strongest move that lands on an opponent left open in recovery (more than 2 frames of it
     * left), or {@code Integer.MIN_VALUE} when there is none.
     */
    protected int punishRecovery() {
        int left = opRecoveryLeft();
        return left > 2 ? bestPunish(left) : Integer.MIN_VALUE;
    }

    /** The fastest grounded normal or special that reaches now and is active within {@code frames}. */
    protected int bestPunish(int frames) {
        int bestInput = Integer.MIN_VALUE;
        int bestDamage = -1;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            MoveData m = mine.def.move(id);
            if (m.firstActiveFrame < frames && reaches(id) && m.damage > bestDamage) {
                bestDamage = m.damage;
                bestInput = id;
            }
        }
        for (int i = 0; i < mine.def.specials().size(); i++) {
            MoveData m = mine.special(i);
            if (m.projectile == null && m.kind != MoveKind.THROW && m.firstActiveFrame + 3 < frames && specialReaches(i)
                    && specialReady(i) && m.damage > bestDamage) {
                bestDamage = m.damage;
                bestInput = -1 - i;
            }
        }
        if (bestInput == Integer.MIN_VALUE) {
            return Integer.MIN_VALUE;
        }
        return bestInput >= 0 ? normal(bestInput) : special(-1 - bestInput);
    }

    // ------------------------------------------------------------------ plans

    /** Presses normal {@code id} (crouching ones with down held), then lets go. */
    protected int normal(int id) {
        int button = FrameInput.button(id % 6);
        int dir = id >= CharacterDef.CROUCHING_BASE && id < CharacterDef.JUMPING_BASE ? FrameInput.DOWN : 0;
        return press(dir | button, 2);
    }

    /** Inputs special {@code index}'s motion and button (charge specials: the release). */
    protected int special(int index) {
        SpecialDef sd = mine.def.special(index);
        int facing = back == FrameInput.LEFT ? 1 : -1;
        int button = Integer.highestOneBit(sd.buttons());
        clearPlan();
        int[] steps = MotionReader.inputsFor(sd.motion());
        for (int i = 0; i < steps.length; i++) {
            int in = FrameInput.fromNumpad(steps[i], facing);
            plan[planLength++] = i == steps.length - 1 ? in | button : in;
        }
        plan[planLength++] = 0;
        return plan[planPos++];
    }

    /** A throw attempt (forward + HP). */
    protected int throwAttempt() {
        return press(fwd | FrameInput.HP, 1);
    }

    /** Presses {@code input} for one frame, then holds its directions (minus up) for {@code release} frames. */
    protected int press(int input, int release) {
        clearPlan();
        plan[planLength++] = input;
        for (int i = 0; i < release; i++) {
            plan[planLength++] = input & FrameInput.DIRECTIONS & ~FrameInput.UP;
        }
        return plan[planPos++];
    }

    /** Holds {@code input} for {@code frames} frames. */
    protected int hold(int input, int frames) {
        clearPlan();
        for (int i = 0; i < frames; i++) {
            plan[planLength++] = input;
        }
        return plan[planPos++];
    }

    /** {@code first} for one frame, then {@code then} for {@code frames} frames. */
    protected int step(int first, int then, int frames) {
        clearPlan();
        plan[planLength++] = first;
        for (int i = 0; i < frames; i++) {
            plan[planLength++] = then;
        }
        return plan[planPos++];
    }

    /** A jump toward ({@code direction} 1), straight up (0) or away (-1). */
    protected int jump(int direction) {
        int d = direction > 0 ? fwd : (direction < 0 ? back : 0);
        return hold(FrameInput.UP | d, 2);
    }

    /** Crouching guard (stops everything but overheads and jump-ins). */
    protected int blockLow() {
        return back | FrameInput.DOWN;
    }

    /** The guard that fits what the opponent is doing now: standing against jumps and overheads. */
    protected int guard() {
        if (opAirborne()) {
            return back;
        }
        if (op.mode == FighterMode.ATTACK && theirs.def.move(op.move).guard == io.kumite.engine.fighter.Guard.HIGH) {
            return back;
        }
        return back | FrameInput.DOWN;
    }
}
