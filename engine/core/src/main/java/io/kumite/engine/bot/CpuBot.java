package io.kumite.engine.bot;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Guard;
import io.kumite.engine.fighter.HitBox;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.MoveKind;
import io.kumite.engine.fighter.ProjectileDef;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.engine.fighter.Stance;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.MotionReader;
import io.kumite.engine.sim.ProjectileState;
import io.kumite.engine.sim.Rules;
import io.kumite.engine.sim.Simulator;

/**
 * The built-in scripted CPU opponent. It reads the match state, but sees the opponent only after its
 * level's reaction delay (a ring of past observations). It plays the fundamentals a fighting-game
 * player learns first, each gated by a {@link BotLevel} chance: guard with the right height against
 * what it sees coming, anti-air jumps, jump over or trade projectiles (checked by simulating the jump
 * a few frames ahead on a copy of the state), punish moves left open in recovery with the strongest
 * move that lands in time (frame data from {@link MoveBook}), confirm combos on hit only, press a
 * blocking opponent with moves that are safe on block and tick throws, and stuff an opponent who
 * walks into its pokes. It also keeps a few per-match habit counts of the opponent (reversals on
 * wake-up, throws and attacks up close) and stops walking into what has hit it. All randomness comes
 * from its own PRNG seeded from the match seed, so a match between bots is a pure function of the
 * seed. Allocation-free per frame. Not thread-safe.
 */
public final class CpuBot implements Controller {
    private static final int RING = 64;
    private static final int PX = Rules.SUB;
    private static final FighterMode[] MODES = FighterMode.values();

    private int seat;
    private BotLevel level;
    private final Rng rng;
    private final Roster roster;
    private MoveBook mine;
    private MoveBook theirs;

    // What the bot has seen of the opponent, by frame (index frame % RING).
    private final int[] seenX = new int[RING];
    private final int[] seenY = new int[RING];
    private final int[] seenVx = new int[RING];
    private final int[] seenVy = new int[RING];
    private final int[] seenMode = new int[RING];
    private final int[] seenMove = new int[RING];
    private final int[] seenMoveFrame = new int[RING];
    private final int[] seenProjX = new int[RING];
    private final int[] seenProjDir = new int[RING];

    // The current plan: absolute inputs, one per frame.
    private final int[] plan = new int[64];
    private int planLength;
    private int planPos;
    /** Whether the current plan only moves or blocks, so a new threat may interrupt it. */
    private boolean planInterruptible;
    private int nextDecision;
    /** The distance band (0 close, 1 poke range, 2 far) of the last neutral decision. */
    private int heldBand;
    /** How fast the opponent is seen walking away (sub-pixels a frame, 0 when it is not). */
    private int retreat;
    private int held;
    private boolean comboTried;

    // Habits of the opponent this match: counts by kind, cleared at a restart and halved now and then
    // so recent play weighs most.
    private static final int REVERSALS = 0; // invincible moves the opponent started as soon as it could act (after wake-up or stun)
    private static final int FRAME_TRAPS = 1; // attacks it started just as the bot came out of stun (frame traps, meaty attacks)
    private static final int CLOSE_THROWS = 2; // throws up close (a throw is seen only once it has caught the bot)
    private static final int CLOSE_ATTACKS = 3; // attacks up close while the bot was free to act
    private static final int POKES = 4; // grounded buttons from poke range while the bot was free to act
    private static final int GRABS = 5; // command grabs (special-move throws) up close
    private static final int ANTI_AIRS = 6; // the bot's jumps hit in the air
    private static final int PUNISHES = 7; // times the bot was hit in the recovery of one of its grounded moves
    private static final int PROJECTILES = 8; // projectiles thrown
    private static final int COUNTERED = 9; // times the bot was hit in the start-up of one of its grounded moves
    private static final int WHIFFS = 10; // grounded buttons pressed well out of their reach (a masher, not a spacer)
    private static final int HABITS = 11;
    private final int[] habit = new int[HABITS];
    /** The frame the bot last came out of blockstun or hitstun. */
    private int myFreeFrame = -1000;
    private boolean wasAirborne;
    private boolean opProjectilePrev;
    private int recoveringFrom = -1;
    private boolean startingUp;
    private int opModePrev;
    private int opFreeFrames;
    private int lastHabitDecay;
    /** The longest reach (past its front edge) of the grounded buttons the opponent has poked with. */
    private int pokeReach;

    /** The reads of the upper levels (null below them). */
    private Lookahead lookahead;
    // Look-ahead on a copy of the state (for jumps over projectiles).
    private Simulator simulator;
    private final MatchState scratch = new MatchState();

    public CpuBot(Roster roster, Player seat, int level, long matchSeed) {
        this.roster = roster;
        this.seat = seat.index();
        this.level = BotLevel.of(level);
        this.rng = new Rng(Rng.derive(matchSeed, 1 + seat.index()));
    }

    /**
     * Makes this bot a fresh one for a new match (as if newly constructed with these arguments),
     * reusing its buffers.
     */
    public void restart(Player seat, int level, long matchSeed) {
        this.seat = seat.index();
        this.level = BotLevel.of(level);
        this.rng.setState(Rng.derive(matchSeed, 1 + seat.index()));
        java.util.Arrays.fill(seenX, 0);
        java.util.Arrays.fill(seenY, 0);
        java.util.Arrays.fill(seenVx, 0);
        java.util.Arrays.fill(seenVy, 0);
        java.util.Arrays.fill(seenMode, 0);
        java.util.Arrays.fill(seenMove, 0);
        java.util.Arrays.fill(seenMoveFrame, 0);
        java.util.Arrays.fill(seenProjX, 0);
        java.util.Arrays.fill(seenProjDir, 0);
        planLength = 0;
        planPos = 0;
        planInterruptible = false;
        nextDecision = 0;
        heldBand = 2;
        held = 0;
        comboTried = false;
        myFreeFrame = -1000;
        java.util.Arrays.fill(habit, 0);
        pokeReach = 0;
        wasAirborne = false;
        opProjectilePrev = false;
        recoveringFrom = -1;
        startingUp = false;
        opModePrev = 0;
        opFreeFrames = 0;
        lastHabitDecay = 0;
        actionableBefore = false;
        wasDown = false;
        wasStunned = false;
        wasBlocking = false;
        if (lookahead != null) {
            lookahead.reset();
        }
    }

    public BotLevel level() {
        return level;
    }

    /** The reads of this bot (null below the levels that read, or before its first frame). */
    Lookahead lookahead() {
        return lookahead;
    }

    @Override
    public int act(MatchState s) {
        current = s;
        FighterState me = s.fighters[seat];
        FighterState op = s.fighters[1 - seat];
        mine = book(me.character);
        theirs = book(op.character);
        observe(s, op);
        learnHabits(s, me);
        if (level.read() > 0) {
            if (lookahead == null) {
                lookahead = new Lookahead(roster);
                lookahead.reset();
            }
            lookahead.observe(s, seat);
        }
        if (me.mode != FighterMode.ATTACK) {
            comboTried = false;
        }
        if (me.mode == FighterMode.AIR_HIT && wasAirborne) {
            habit[ANTI_AIRS] += 2;
        }
        wasAirborne = me.airborne() && me.mode != FighterMode.AIR_HIT;
        if ((me.mode == FighterMode.HITSTUN || me.mode == FighterMode.AIR_HIT) && recoveringFrom >= 0) {
            habit[PUNISHES] += 2; // hit while still recovering from a grounded move of its own
        }
        if ((me.mode == FighterMode.HITSTUN || me.mode == FighterMode.AIR_HIT) && startingUp) {
            habit[COUNTERED] += 2; // hit before a grounded move of its own came out
        }
        boolean grounded = me.move < CharacterDef.JUMPING_BASE || me.move >= CharacterDef.FIRST_SPECIAL_ID && !me.airborne();
        recoveringFrom = me.mode == FighterMode.ATTACK && grounded
                && me.moveFrame >= mine.def.move(me.move).startup + mine.def.move(me.move).active ? me.move : -1;
        // (a normal throw's two start-up frames aside)
        startingUp = me.move != CharacterDef.THROW_ID && Lookahead.startupLeft(me, mine.def) > 0;
        switch (me.mode) {
            case HITSTUN:
            case AIR_HIT:
            case KNOCKDOWN:
            case KO:
            case THROWN: // a plan must not keep the bot from breaking the throw
                planLength = 0;
                break;
            default:
                break;
        }
        boolean recovered = me.mode.actionable() && !actionableBefore;
        actionableBefore = me.mode.actionable();
        if (planPos < planLength && !(planInterruptible && me.mode.actionable() && threatSeen(s, me))) {
            return plan[planPos++];
        }
        if (recovered && (wasStunned || wasDown)) {
            myFreeFrame = s.frame;
        }
        if (recovered && wasBlocking) {
            wasBlocking = false;
            // Out of blockstun: the bot knows what it just blocked and how long that move has left,
            // without waiting to see it (frame data, not reaction). Punish what is unsafe.
            int left = op.airborne() ? 0 : theirs.recoveryLeft(op);
            if (left > 1 && rng.chance(level.punish())) {
                int gap = gapTo(op.x, me);
                int back = back(s, me);
                int fwd = back == FrameInput.LEFT ? FrameInput.RIGHT : FrameInput.LEFT;
                int punish = punisher(me, gap, left, back);
                if (punish != Integer.MIN_VALUE) {
                    wasStunned = false;
                    return punish;
                }
                if (gap <= mine.throwRange) {
                    // Too little time for a strike, but the opponent is still recovering next to
                    // the bot: the throw (its start-up is short) takes the turn it would otherwise
                    // spend pressing a button into the bot's jab.
                    wasStunned = false;
                    return throwAt(me, fwd, back);
                }
                int trap = frameTrap(gap, left);
                if (trap >= 0) {
                    // Free first, out of throw range, against one who attacks again right away: a
                    // longer poke out before its next button reaches (it beats a walk in too).
                    wasStunned = false;
                    return startNormal(trap);
                }
                if (left >= 6 && gap > mine.throwRange) {
                    // Nothing lands in time from here: use the frames to close in, so the next
                    // exchange starts in throw range with the bot free first.
                    wasStunned = false;
                    return hold(fwd, Math.min(left - 2, 10), true);
                }
            }
        }
        if (recovered && (wasDown || wasStunned && habit[FRAME_TRAPS] >= 2) && level.level() >= 3 && closeTo(op, me, 90 * PX)
                && rng.chance(level.block())) {
            // Getting up (or out of stun, against an opponent who has been attacking right then) next to
            // the opponent: what it started in the last few frames is not seen yet, so guard until it is.
            wasDown = false;
            wasStunned = false;
            planLength = 0;
            planPos = 0;
            if (theirs.grab >= 0 && habit[GRABS] >= 2
                    && gapTo(op.x, me) <= theirs.grabRange + 8 * PX) {
                // A guard loses to the grappler's command grab: reverse through it, or jump out.
                if (mine.risingAntiAir >= 0 && specialReady(me, mine.risingAntiAir)) {
                    return startSpecial(me, mine.risingAntiAir, back(s, me));
                }
                return press(FrameInput.UP | back(s, me), 2);
            }
            // Until an attack started on the first free frame would be seen (and then blocked).
            return hold(back(s, me) | FrameInput.DOWN, level.reactionFrames() + 2, false);
        }
        if (me.mode == FighterMode.KNOCKDOWN || me.mode == FighterMode.WAKEUP) {
            wasDown = true;
        } else if (me.mode == FighterMode.BLOCKSTUN || me.mode == FighterMode.HITSTUN) {
            wasStunned = true;
            wasBlocking = me.mode == FighterMode.BLOCKSTUN;
        } else if (me.mode.actionable()) {
            wasDown = false;
            wasStunned = false;
        }
        planLength = 0;
        planPos = 0;
        return decide(s, me, op);
    }

    private boolean actionableBefore;
    private boolean wasDown;
    private boolean wasStunned;
    private boolean wasBlocking;

    /** The absolute direction away from the opponent's true position (its side is never in doubt). */
    private static int back(MatchState s, FighterState me) {
        FighterState op = s.fighters[0] == me ? s.fighters[1] : s.fighters[0];
        return op.x >= me.x ? FrameInput.LEFT : FrameInput.RIGHT;
    }

    /** Whether the bot has under 20 pixels of stage behind it (walking {@code back}). */
    private boolean nearWall(FighterState me, int back) {
        int room = back == FrameInput.LEFT ? me.x - mine.def.width / 2 : Rules.STAGE_WIDTH - mine.def.width / 2 - me.x;
        return room < 20 * PX;
    }

    /** The gap between the bodies with the opponent's origin at {@code x} (negative when they overlap). */
    private int gapTo(int x, FighterState me) {
        return Math.abs(x - me.x) - mine.def.width / 2 - theirs.def.width / 2;
    }

    private boolean closeTo(FighterState op, FighterState me, int within) {
        return gapTo(op.x, me) < within;
    }

    /** Move books by roster index, made once per character this bot meets. */
    private MoveBook[] books;

    private MoveBook book(int character) {
        if (books == null) {
            books = new MoveBook[roster.size()];
        }
        MoveBook b = books[character];
        if (b == null) {
            b = new MoveBook(roster.get(character));
            books[character] = b;
        }
        return b;
    }

    // ------------------------------------------------------------------ perception

    private void observe(MatchState s, FighterState op) {
        int i = Math.floorMod(s.frame, RING);
        seenX[i] = op.x;
        seenY[i] = op.y;
        seenVx[i] = op.vx;
        seenVy[i] = op.vy;
        seenMode[i] = op.mode.ordinal();
        seenMove[i] = op.move;
        seenMoveFrame[i] = op.moveFrame;
        ProjectileState pr = s.projectiles[1 - seat];
        seenProjX[i] = pr.x;
        seenProjDir[i] = pr.active ? pr.direction : 0;
    }

    /** Ring index of what the bot perceives now: the opponent as of {@code reactionFrames} ago. */
    private int perceived(MatchState s) {
        int lag = Math.min(level.reactionFrames(), Math.max(0, s.frame - 1));
        return Math.floorMod(s.frame - lag, RING);
    }

    /**
     * Where the opponent is now, as far as the bot can tell: where it was seen, moved on at the speed
     * it was seen moving for the frames since (so a fighter sliding back from a blocked hit is not
     * taken to still stand in range).
     */
    private int expectedX(MatchState s, int v) {
        int lag = Math.floorMod(s.frame - v, RING);
        // Only a steady movement is carried on: a one-frame step (a bait creeping in) is not a walk.
        int before = Math.floorMod(v - 1, RING);
        int earlier = Math.floorMod(v - 2, RING);
        int dir = Integer.signum(seenVx[v]);
        if (dir != Integer.signum(seenVx[before]) || dir != Integer.signum(seenVx[earlier])) {
            return seenX[v];
        }
        return Math.max(0, Math.min(Rules.STAGE_WIDTH, seenX[v] + seenVx[v] * lag));
    }

    /** Updates the habit counts from what the bot perceives (so they lag like everything else). */
    private void learnHabits(MatchState s, FighterState me) {
        int v = perceived(s);
        int mode = seenMode[v];
        int gap = gapTo(seenX[v], me);
        if (mode == FighterMode.WAKEUP.ordinal() || mode == FighterMode.BLOCKSTUN.ordinal()
                || mode == FighterMode.HITSTUN.ordinal()) {
            opFreeFrames = 0;
        } else {
            opFreeFrames++;
        }
        if (mode == FighterMode.ATTACK.ordinal() && opModePrev != FighterMode.ATTACK.ordinal() && seenMove[v] >= 0) {
            MoveData m = theirs.def.move(seenMove[v]);
            int started = s.frame - Math.min(level.reactionFrames(), s.frame);
            // An invincible move out of its own recovery, or onto the bot's first free frames
            // (whatever the bot presses as it gets up or out of stun loses to it).
            boolean ontoMine = gap < 60 * PX && started - myFreeFrame <= 12;
            if (m.hasInvincibility && (opFreeFrames < 6 || ontoMine)) {
                habit[REVERSALS] += 2;
            }
            if (gap < 60 * PX && m.kind != MoveKind.THROW && started - myFreeFrame >= 0 && started - myFreeFrame <= 10) {
                habit[FRAME_TRAPS] += 2;
            }
            // Up close, while the bot was free to act (an attack on a bot in its recovery is a punish,
            // not a habit of pressing buttons up close). A throw is seen starting only once it has
            // caught the bot, so it counts whatever the bot is doing by then.
            if (gap < 40 * PX && m.kind == MoveKind.THROW) {
                habit[CLOSE_THROWS]++;
                if (seenMove[v] >= CharacterDef.FIRST_SPECIAL_ID) {
                    habit[GRABS]++;
                }
            } else if (me.mode.actionable()) {
                if (gap < 40 * PX) {
                    habit[CLOSE_ATTACKS]++;
                }
                // A grounded button from poke range, the bot free to act (a long one pressed from
                // further than a jab reaches counts as a poke too).
                if (gap >= 30 * PX && gap < 90 * PX && m.kind == MoveKind.NORMAL && seenMove[v] < CharacterDef.JUMPING_BASE) {
                    habit[POKES]++;
                    pokeReach = Math.max(pokeReach, theirs.edgeReach(seenMove[v]));
                }
            }
        }
        if (mode == FighterMode.ATTACK.ordinal() && seenMove[v] >= 0 && seenMove[v] < CharacterDef.JUMPING_BASE) {
            MoveData m = theirs.def.move(seenMove[v]);
            if (seenMoveFrame[v] == m.firstActiveFrame + m.active && gap > theirs.edgeReach(seenMove[v]) + 10 * PX) {
                habit[WHIFFS]++;
            }
        }
        opModePrev = mode;
        boolean projectileOut = seenProjDir[v] != 0;
        if (projectileOut && !opProjectilePrev) {
            habit[PROJECTILES]++;
        }
        opProjectilePrev = projectileOut;
        if (s.frame - lastHabitDecay > 600) {
            lastHabitDecay = s.frame;
            for (int i = 0; i < HABITS; i++) {
                habit[i] /= 2;
            }
            if (habit[POKES] == 0) {
                pokeReach = 0;
            }
        }
    }

    // ------------------------------------------------------------------ decisions

    private int decide(MatchState s, FighterState me, FighterState op) {
        int v = perceived(s);
        int x = expectedX(s, v);
        int toward = x >= me.x ? 1 : -1;
        int fwd = toward > 0 ? FrameInput.RIGHT : FrameInput.LEFT;
        int back = toward > 0 ? FrameInput.LEFT : FrameInput.RIGHT;
        int gap = gapTo(x, me);
        retreat = Math.max(0, seenVx[v] * toward);
        FighterMode seenMode = MODES[this.seenMode[v]];

        switch (me.mode) {
            case BLOCKSTUN:
                return guardInput(v, me, gap, toward, back);
            case ATTACK:
                return whileAttacking(me, op, gap, back);
            case AIR:
                return inAir(me, op, gap);
            case KNOCKDOWN:
            case WAKEUP:
                return level.level() >= 3 ? back | FrameInput.DOWN : 0;
            case THROWN:
                // Break the throw once the grab is felt (the reaction delay), if it still can be.
                return me.modeFrame == Math.max(1, level.reactionFrames()) && me.modeFrame < Rules.THROW_TECH_FRAMES
                        && rng.chance(level.block()) ? FrameInput.HP : 0;
            case STAND:
            case CROUCH:
                break;
            default:
                return 0;
        }

        // 1. Defence against what the bot has seen coming.
        boolean seenAirborne = seenY[v] > 0 || seenMode == FighterMode.AIR;
        int projectile = incomingProjectile(v, me, toward);
        if (projectile >= 0 && projectile < 200 * PX) {
            int answer = answerProjectile(s, me, projectile, gap, back);
            if (answer != Integer.MIN_VALUE) {
                return answer;
            }
        }
        boolean approaching = seenVx[v] * toward < 0 || gap < 30 * PX;
        // A jump (not a rising special, which lands on its own) is what an anti-air is for.
        boolean seenJump = seenMode == FighterMode.AIR
                || seenMode == FighterMode.ATTACK && seenMove[v] >= CharacterDef.JUMPING_BASE && seenMove[v] < CharacterDef.THROW_ID;
        if (seenJump && approaching && gap < 90 * PX && rng.chance(level.antiAir())) {
            int aa = antiAir(s, me, op, v, gap, back);
            if (aa != Integer.MIN_VALUE) {
                return aa;
            }
        }
        // A projectile's wind-up seen from jump range: over it and onto the thrower's recovery, when
        // the jump clears it and jumps are not being anti-aired (a guard only buys chip damage and
        // no ground).
        if (theirs.projectile >= 0 && seenMode == FighterMode.ATTACK
                && seenMove[v] == CharacterDef.FIRST_SPECIAL_ID + theirs.projectile && !s.projectiles[1 - seat].active
                && gap > 30 * PX && gap < 140 * PX && habit[ANTI_AIRS] < 2 && rng.chance(level.antiAir())
                && jumpClears(s, FrameInput.UP | fwd)) {
            return press(FrameInput.UP | fwd, 2);
        }
        // A command grab seen winding up: a guard loses to it. Strike first if a jab lands before it
        // catches, else walk out of its range, else jump.
        if (seenMode == FighterMode.ATTACK && seenMove[v] >= CharacterDef.FIRST_SPECIAL_ID
                && theirs.def.move(seenMove[v]).kind == MoveKind.THROW && rng.chance(level.block())) {
            MoveData gm = theirs.def.move(seenMove[v]);
            int left = gm.startup - seenMoveFrame[v] - level.reactionFrames();
            if (left > 0 && gap > gm.throwRange + 2 * PX && gap <= gm.throwRange + 40 * PX) {
                return hold(back, left + 1, false); // out of its reach: stay out, and punish the whiff
            }
            if (left > 0 && gap <= gm.throwRange + 2 * PX) {
                if (mine.tick >= 0 && mine.def.move(mine.tick).firstActiveFrame < left && reaches(mine.tick, gap)) {
                    return startNormal(mine.tick);
                }
                if (gap + left * mine.def.walkBack > gm.throwRange + 2 * PX) {
                    return hold(back, left + 1, false);
                }
                return press(FrameInput.UP | back, 2);
            }
        }
        int threat = threat(v, me, gap, toward);
        if (threat != 0 && rng.chance(level.block())) {
            planInterruptible = false; // keep guarding through the attack
            return hold(threat == 1 ? back : back | FrameInput.DOWN, 4, false);
        }
        // 2. Punish a move the opponent is stuck recovering from.
        if (seenMode == FighterMode.ATTACK || seenMode == FighterMode.LANDING) {
            int recoveryLeft = recoveryLeft(v, seenMode);
            if (recoveryLeft > 3 && rng.chance(level.punish())) {
                int punish = punisher(me, gap, recoveryLeft, back);
                if (punish != Integer.MIN_VALUE) {
                    return punish;
                }
            }
        }
        // 3. A grappler that grabs up close, free to act and walking in (or grabbing often) at the
        // edge of its command grab's range: a guard loses to the grab, so strike first with the
        // jab, or jump out.
        if (theirs.grab >= 0 && (seenMode == FighterMode.STAND || seenMode == FighterMode.CROUCH) && !seenAirborne
                && habit[GRABS] >= 2 && (seenVx[v] * toward < 0 || gap <= theirs.grabRange + 4 * PX)
                && gap <= theirs.grabRange + 16 * PX && rng.chance(level.block())) {
            if (seenVx[v] * toward >= 0 && !nearWall(me, back)) {
                return hold(back, 6, true); // standing in its range: step out of it (its grab is quicker than a reaction)
            }
            if (mine.tick >= 0 && mine.def.move(mine.tick).firstActiveFrame <= 5 && reaches(mine.tick, gap)
                    && gap > theirs.grabRange + 2 * PX) {
                return startNormal(mine.tick);
            }
            return press(FrameInput.UP | back, 2);
        }
        // A grappler getting up grabs whoever waits next to it: a jab timed to be out on its first
        // free frame (the wake-up's length is known) beats that grab.
        if (theirs.grab >= 0 && habit[CLOSE_THROWS] >= 1 && op.mode == FighterMode.WAKEUP && habit[REVERSALS] < 2 && reaches(mine.tick, gap)) {
            int left = Rules.WAKEUP_FRAMES - op.modeFrame;
            int startup = mine.def.move(mine.tick).firstActiveFrame - 1;
            if (left <= startup && left >= startup - 1 && rng.chance(level.punish())) {
                return startNormal(mine.tick); // low enough to hit it crouching
            }
        }
        // 4. Against an opponent who reverses as soon as it can act, let it: guard and punish the whiff.
        if (habit[REVERSALS] >= 2 && (opFreeFrames < 8 || s.frame - myFreeFrame < 12) && gap < 60 * PX
                && rng.chance(level.block())) {
            return hold(back | FrameInput.DOWN, 4, true);
        }
        // 5. Neutral: a read of the opponent (upper levels), else a considered (or, at low levels,
        // random) choice now and then.
        if (level.read() > 0 && s.frame >= nextDecision && rng.chance(level.read())) {
            // The model hits a slow start-up once the opponent has done so, or pokes all the time
            // (a poke pressed blindly catches a projectile's wind-up in its reach just the same).
            int n = lookahead.read(s, seat, mine, habit[REVERSALS] > 0, habit[COUNTERED] >= 2 || habit[POKES] >= 3, plan);
            if (n != 0) {
                nextDecision = s.frame + level.decisionFrames() + rng.nextInt(3);
                planLength = Math.abs(n);
                planPos = 0;
                planInterruptible = n > 0;
                if (n > 0) {
                    // The look-ahead scored the move with the bot guarding after it: so it does, for
                    // as long as an attack started meanwhile would go unseen (a walk in does not
                    // walk on into a reversal that the next read, cached, would walk into again).
                    for (int i = 0; i < level.reactionFrames() && planLength < plan.length; i++) {
                        plan[planLength++] = back | FrameInput.DOWN;
                    }
                }
                held = waiting(back);
                return plan[planPos++];
            }
        }
        int throwRange = mine.throwRange;
        boolean opIdle = (seenMode == FighterMode.STAND || seenMode == FighterMode.CROUCH) && !seenAirborne;
        if (gap <= throwRange && opIdle && !op.airborne() && op.throwProtection == 0 && habit[CLOSE_ATTACKS] < 2
                && rng.chance(level.punish())) {
            // Up close to a fighter that is only standing or blocking: the throw beats the guard.
            return throwAt(me, fwd, back);
        }
        boolean midReach = reaches(mine.safePoke, gap + 16 * PX) || reaches(mine.comboStarter, gap);
        int band = gap <= throwRange + 10 * PX && !seenAirborne ? 0 : midReach ? 1 : 2;
        // A walk in toward an opponent who walks in too is reconsidered as soon as it crosses into a
        // nearer band: together they cross poke range in fewer frames than a decision lasts.
        boolean meeting = held == fwd && band < heldBand && seenVx[v] * toward < 0;
        if (s.frame < nextDecision && !meeting) {
            return held;
        }
        heldBand = band;
        nextDecision = s.frame + level.decisionFrames() + rng.nextInt(3);
        if (rng.chance(level.randomness())) {
            held = FrameInput.fromNumpad(1 + rng.nextInt(9), 1);
            return held | (rng.chance(400) ? FrameInput.button(rng.nextInt(6)) : 0);
        }
        held = waiting(back);
        boolean opDown = seenMode == FighterMode.KNOCKDOWN || seenMode == FighterMode.WAKEUP || seenMode == FighterMode.AIR_HIT;
        if (opDown) {
            return okizeme(me, gap, fwd, back);
        }
        if (opIdle && throwOutranged() && gap > theirs.throwRange && gap <= theirs.throwRange + 40 * PX
                && rng.chance(level.block())) {
            return throwBait(s, gap, fwd, back);
        }
        if (band == 0) {
            return close(me, gap, fwd, back);
        }
        if (band == 1) {
            return midRange(me, v, gap, toward, fwd, back);
        }
        return far(me, s, gap, fwd, back);
    }

    /** The input while guarding (in blockstun or holding a block): the right height for what is seen. */
    private int guardInput(int v, FighterState me, int gap, int toward, int back) {
        int threat = threat(v, me, gap, toward);
        if (threat == 1) {
            return back;
        }
        return back | FrameInput.DOWN;
    }

    /** During its own move: cancel into a special when a hit is confirmed. */
    private int whileAttacking(FighterState me, FighterState op, int gap, int back) {
        MoveData md = mine.def.move(me.move);
        if (md.cancelable && me.connected && !comboTried && md.kind == MoveKind.NORMAL) {
            boolean hit = op.mode == FighterMode.HITSTUN || op.mode == FighterMode.AIR_HIT;
            comboTried = true;
            if (hit && rng.chance(level.combo())) {
                int special = comboFinisher(me, op, gap, op.stun);
                if (special >= 0) {
                    return startSpecial(me, special, back);
                }
            }
        }
        return 0;
    }

    private int inAir(FighterState me, FighterState op, int gap) {
        if (!me.airAttackUsed && me.vy < 0 && gap < 40 * PX && op.mode != FighterMode.AIR
                && rng.chance(500 + 60 * level.level())) {
            return FrameInput.button(mine.jumpIn % 6);
        }
        return 0;
    }

    /** What to hold while waiting: charge characters crouch back (charging and blocking low). */
    private int waiting(int back) {
        if (mine.charge) {
            return back | FrameInput.DOWN;
        }
        return 0;
    }

    /** The opponent is down: come close, but guard through its wake-up if it likes to reverse. */
    private int okizeme(FighterState me, int gap, int fwd, int back) {
        if (theirs.grab >= 0 && habit[GRABS] >= 2 && rng.chance(level.block())) {
            // A grappler grabs whoever waits next to it as it gets up (a guard loses to that): wait
            // outside its command grab's range instead.
            int range = theirs.grabRange;
            held = gap < range + 12 * PX ? back : (gap > range + 30 * PX ? fwd : back | FrameInput.DOWN);
            return held;
        }
        if (habit[REVERSALS] >= 2 && rng.chance(level.block())) {
            // Stay just outside the reversal and block; punish the whiff.
            held = gap < 50 * PX ? back | FrameInput.DOWN : (gap > 70 * PX ? fwd : back | FrameInput.DOWN);
            return held;
        }
        held = gap > 12 * PX ? fwd : back | FrameInput.DOWN;
        return held;
    }

    private int close(FighterState me, int gap, int fwd, int back) {
        int throwRange = mine.throwRange;
        int r = rng.nextInt(100);
        // Against a player who throws or attacks up close, a jab comes first (its active frames
        // beat the throw's start-up); against one who only blocks, the throw.
        int attackBias = Math.min(40, 10 * (habit[CLOSE_THROWS] + habit[CLOSE_ATTACKS]));
        // A slow jab loses to the buttons of one who attacks up close all the time (theirs is out
        // first): guard them instead, and punish what is left open.
        if (habit[CLOSE_ATTACKS] >= 3 && (mine.tick < 0 || mine.def.move(mine.tick).firstActiveFrame > 4) && r < 60) {
            return hold(back | FrameInput.DOWN, 8, true);
        }
        if (r < 30 - attackBias / 2 && gap <= throwRange) {
            return throwAt(me, fwd, back);
        }
        if (r < 60 + attackBias / 2 && reaches(mine.tick, gap)) {
            return startNormal(mine.tick);
        }
        // Against an opponent who punishes what it blocks, the unsafe sweep and overhead give way to
        // the throw, which a guard cannot stop.
        boolean careful = habit[PUNISHES] >= 2;
        if (r < 82 && careful && gap <= throwRange) {
            return throwAt(me, fwd, back);
        }
        if (r < 75 && mine.sweep >= 0 && reaches(mine.sweep, gap)
                && (!careful || MoveBook.blockAdvantage(mine.def.move(mine.sweep)) >= -2)) {
            // Not into one whose buttons keep hitting the bot's as they start: the sweep is slow.
            return habit[COUNTERED] >= 2 ? hold(back | FrameInput.DOWN, 8, true) : startNormal(mine.sweep);
        }
        if (r < 82 && mine.overhead >= 0 && (!careful || MoveBook.blockAdvantage(mine.special(mine.overhead)) >= -2)) {
            return startSpecial(me, mine.overhead, back);
        }
        if (r < 92) {
            return hold(back, 8, true); // step out of throw range
        }
        return hold(back | FrameInput.DOWN, 8, true);
    }

    private int midRange(FighterState me, int v, int gap, int toward, int fwd, int back) {
        boolean walkingIn = seenVx[v] * toward < 0;
        int r = rng.nextInt(100);
        int theirReach = theirs.edgeReach(theirs.poke);
        int myReach = mine.edgeReach(mine.safePoke);
        if (habit[WHIFFS] >= 3 && pokeReach > myReach + 4 * PX) {
            // A masher of a button that out-reaches ours, pressing it whether it reaches or not:
            // stand just outside its reach and let it whiff (the punish of its recovery follows),
            // instead of trading into it.
            if (gap <= pokeReach + 2 * PX && !nearWall(me, back)) {
                return hold(back, 4, true);
            }
            if (gap > pokeReach + 14 * PX) {
                return hold(fwd, 3, true);
            }
            return hold(waiting(back), 4, true);
        }
        if (walkingIn && mine.poke >= 0 && mine.edgeReach(mine.poke) > theirReach + 8 * PX && reaches(mine.poke, gap)
                && gap > theirReach + 2 * PX && r < 85) {
            // Walking in from outside its own poke's reach into ours: the longer poke meets it there.
            return startNormal(mine.poke);
        }
        if (habit[POKES] >= 2 && mine.safePoke >= 0 && theirReach >= myReach - 4 * PX && theirReach <= myReach + 20 * PX) {
            // Against a poker whose reach matches ours (a far longer one is for walking in under),
            // a poke of our own trades at best: go over the next one (unless jumps get anti-aired),
            // fire from outside its reach, or guard low and make it whiff.
            if (r < 45 && gap > 30 * PX && habit[ANTI_AIRS] < 2) {
                return press(FrameInput.UP | fwd, 2);
            }
            if (r < 70 && mine.projectile >= 0 && !current.projectiles[seat].active && specialReady(me, mine.projectile)
                    && outOfPokeReach(gap, mine.projectile)) {
                return startSpecial(me, mine.projectile, back);
            }
            return hold(back | FrameInput.DOWN, 8, true);
        }
        if (walkingIn && reaches(mine.safePoke, gap) && r < 80) {
            return startNormal(mine.safePoke); // stuff the approach
        }
        if (r < 30 && reaches(mine.safePoke, gap)) {
            return startNormal(mine.safePoke);
        }
        // The combo starter is for an opponent on the move; into the guard of one who punishes, only
        // if it is safe there.
        if (r < 40 && reaches(mine.comboStarter, gap)
                && (habit[PUNISHES] < 2 || walkingIn || MoveBook.blockAdvantage(mine.def.move(mine.comboStarter)) >= -2)) {
            return startNormal(mine.comboStarter);
        }
        if (r < 55 && mine.projectile >= 0 && gap > 40 * PX) {
            return hold(back | FrameInput.DOWN, 6, true);
        }
        if (r < 75) {
            return approach(me, gap, fwd, back); // walk in toward throw range
        }
        if (r < 88) {
            return hold(back, 6, true); // bait a whiff
        }
        return hold(back | FrameInput.DOWN, 6, true);
    }

    /**
     * Whether the opponent throws whoever comes close, with a throw that reaches further than the
     * bot's: walking in then only gets the bot thrown before its own throw reaches.
     */
    private boolean throwOutranged() {
        return habit[CLOSE_THROWS] >= 2 && theirs.throwRange > mine.throwRange;
    }

    /**
     * Against {@link #throwOutranged() a longer throw}: walk up to just outside its range, then step
     * into it and straight out again, so the throw it starts on sight whiffs (and the punish of its
     * recovery follows), instead of walking on into it.
     */
    private int throwBait(MatchState s, int gap, int fwd, int back) {
        int walk = Math.max(1, mine.def.walkForward);
        int outside = gap - theirs.throwRange;
        int in = outside / walk + 1; // frames forward until just inside its range
        held = waiting(back);
        if (in > 2) {
            int frames = Math.min(level.decisionFrames(), in - 2);
            nextDecision = s.frame + frames;
            return hold(fwd, frames, true);
        }
        nextDecision = s.frame + in + 6;
        return stepInAndOut(fwd, in, back, 6);
    }

    /**
     * Whether special {@code index} started at {@code gap} comes out before the opponent's poke,
     * walked in meanwhile, could reach its start-up.
     */
    private boolean outOfPokeReach(int gap, int index) {
        int frames = mine.motionFrames[index] + mine.special(index).firstActiveFrame + level.reactionFrames();
        return theirs.poke < 0 || gap > theirs.edgeReach(theirs.poke) + theirs.def.walkForward * frames + 4 * PX;
    }

    private int far(FighterState me, MatchState s, int gap, int fwd, int back) {
        int r = rng.nextInt(100);
        boolean projectileReady = mine.projectile >= 0 && !s.projectiles[seat].active && specialReady(me, mine.projectile);
        if (projectileReady && r < 45 && gap > 80 * PX && outOfPokeReach(gap, mine.projectile)) {
            return startSpecial(me, mine.projectile, back);
        }
        if (r < 8 - level.level() && gap < 150 * PX && gap > 60 * PX) {
            return press(FrameInput.UP | fwd, 2); // the occasional jump-in, rarer at the top
        }
        if (mine.charge && r < 50 && habit[PROJECTILES] < 4) { // a zoner is not waited out: it chips
            held = back | FrameInput.DOWN;
            return held;
        }
        return approach(me, gap, fwd, back);
    }

    /**
     * Walks in; against an opponent known to reverse with its invincible special (and able to now),
     * in short steps with the guard up once near its reach, to bait the special and punish it.
     */
    private int approach(FighterState me, int gap, int fwd, int back) {
        FighterState op = current.fighters[1 - seat];
        int dp = theirs.risingAntiAir;
        boolean reverses = habit[REVERSALS] > 0 || lookahead != null && lookahead.reversals() >= 2;
        if (reverses && dp >= 0 && theirs.ready(op, dp) && gap < theirs.specialRange(dp) + 30 * PX) {
            held = back | FrameInput.DOWN;
            return stepInAndOut(fwd, 3, back | FrameInput.DOWN, 8);
        }
        held = fwd;
        return fwd;
    }

    // ------------------------------------------------------------------ defence

    /** Distance of the opponent's projectile flying at this fighter, or -1. */
    private int incomingProjectile(int v, FighterState me, int toward) {
        int projDir = seenProjDir[v];
        if (projDir == 0 || projDir != -toward) {
            return -1;
        }
        int d = (me.x - seenProjX[v]) * projDir;
        return d >= 0 ? d : -1;
    }

    /** Trade it with a projectile, jump over it when a look-ahead says the jump clears it, or guard. */
    private int answerProjectile(MatchState s, FighterState me, int distance, int gap, int back) {
        boolean mineReady = mine.projectile >= 0 && !s.projectiles[seat].active && specialReady(me, mine.projectile);
        if (mineReady && distance > 60 * PX && framesToArrive(s, me, distance) > projectileWindup() + 2
                && rng.chance(level.block())) {
            return startSpecial(me, mine.projectile, back); // it comes out before theirs arrives: they cancel
        }
        int fwd = back == FrameInput.LEFT ? FrameInput.RIGHT : FrameInput.LEFT;
        if (distance < 150 * PX && gap < 180 * PX && rng.chance(level.antiAir())) {
            // Forward over it, unless that lands in reach of an opponent who anti-airs.
            CharacterDef my = mine.def;
            int landingGap = gap - my.jumpForward * (2 * my.jumpUp / Math.max(1, my.gravity) + my.jumpSquat);
            boolean intoAntiAir = habit[ANTI_AIRS] >= 2 && landingGap < 100 * PX;
            if (!intoAntiAir && jumpClears(s, FrameInput.UP | fwd)) {
                return press(FrameInput.UP | fwd, 2);
            }
            if (jumpClears(s, FrameInput.UP)) {
                return press(FrameInput.UP, 2);
            }
        }
        if (distance < 90 * PX && rng.chance(level.block())) {
            return hold(back | FrameInput.DOWN, 4, false);
        }
        return Integer.MIN_VALUE;
    }

    /** Frames until the opponent's projectile, {@code distance} from this fighter's centre, reaches its body. */
    private int framesToArrive(MatchState s, FighterState me, int distance) {
        ProjectileState pr = s.projectiles[1 - seat];
        ProjectileDef def = theirs.def.move(pr.move).projectile;
        return Math.max(0, distance - mine.def.width / 2 - def.box().w() / 2) / Math.max(1, def.speed());
    }

    /** Frames from the first input of this fighter's projectile special to its projectile on screen. */
    private int projectileWindup() {
        MoveData m = mine.special(mine.projectile);
        return mine.motionFrames[mine.projectile] + m.projectile.spawnFrame();
    }

    /**
     * Whether jumping with {@code input} now avoids the opponent's projectile: simulates up to 40
     * frames on a copy of the state (the opponent standing still) and checks the bot is not hit.
     */
    private boolean jumpClears(MatchState s, int input) {
        if (simulator == null) {
            simulator = new Simulator(roster);
        }
        scratch.copyFrom(s);
        int health = scratch.fighters[seat].health;
        boolean out = scratch.projectiles[1 - seat].active;
        for (int f = 0; f < 40; f++) {
            int mineIn = f < 2 ? input : 0;
            if (seat == 0) {
                simulator.step(scratch, mineIn, 0);
            } else {
                simulator.step(scratch, 0, mineIn);
            }
            if (scratch.fighters[seat].health < health || scratch.phase != s.phase) {
                return false;
            }
            // Gone after it flew (one still in its thrower's wind-up has not come out yet).
            boolean flying = scratch.projectiles[1 - seat].active;
            if (!flying && out) {
                return true;
            }
            out |= flying;
        }
        return true;
    }

    private int antiAir(MatchState s, FighterState me, FighterState op, int v, int gap, int back) {
        if (mine.risingAntiAir >= 0 && specialReady(me, mine.risingAntiAir) && gap < 60 * PX && seenY[v] < 110 * PX) {
            return startSpecial(me, mine.risingAntiAir, back);
        }
        // The arc of a jump is fixed: the bot sees where the jumper will be, when its button could
        // first reach the bot, and which of its own buttons meets the jumper before that.
        int airborne = arc(s, v);
        int threat = jumpThreat(me, op, v, Math.floorMod(s.frame - v, RING), airborne);
        int best = -1;
        int bestFrame = threat;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            int f = meetsJumper(me, id, airborne);
            if (f >= 0 && (f < bestFrame || f == bestFrame && best >= 0 && mine.def.move(id).damage > mine.def.move(best).damage)) {
                best = id;
                bestFrame = f;
            }
        }
        if (best >= 0) {
            return startNormal(best);
        }
        if (threat < airborne) {
            // Guard away from where the jumper will be when it could hit (a cross-up lands behind).
            return hold(arcX[threat] >= me.x ? FrameInput.LEFT : FrameInput.RIGHT, 3, false);
        }
        return Integer.MIN_VALUE;
    }

    // The seen jumper's arc from the current frame on (index t: t frames from now), while airborne.
    private static final int ARC = 60;
    private final int[] arcX = new int[ARC];
    private final int[] arcY = new int[ARC];

    /** Fills the arc of the jumper seen at {@code v}; returns how many frames from now it stays airborne. */
    private int arc(MatchState s, int v) {
        int lag = Math.floorMod(s.frame - v, RING);
        int x = seenX[v];
        int y = seenY[v];
        int vx = seenVx[v];
        int vy = seenVy[v];
        arcX[0] = x;
        arcY[0] = y;
        for (int step = 1; step < lag + ARC; step++) {
            x = Math.max(0, Math.min(Rules.STAGE_WIDTH, x + vx));
            y += vy;
            vy -= theirs.def.gravity;
            if (y <= 0) {
                return Math.max(0, step - lag);
            }
            if (step >= lag) {
                arcX[step - lag] = x;
                arcY[step - lag] = y;
            }
        }
        return ARC;
    }

    /**
     * The first frame from now on which the jumper's attack (the one seen under way, or its jump-in
     * button pressed at the worst moment) could reach the bot's standing body; {@code airborne} when
     * none can before it lands.
     */
    private int jumpThreat(FighterState me, FighterState op, int v, int lag, int airborne) {
        boolean started = MODES[seenMode[v]] == FighterMode.ATTACK && seenMove[v] >= CharacterDef.JUMPING_BASE
                && seenMove[v] < CharacterDef.THROW_ID;
        int id = started ? seenMove[v] : theirs.jumpIn;
        if (id < 0) {
            return airborne;
        }
        MoveData m = theirs.def.move(id);
        for (int t = 1; t < airborne; t++) {
            int from = started ? seenMoveFrame[v] + lag + t : m.firstActiveFrame;
            int to = started ? from : Math.min(t, m.firstActiveFrame + m.active - 1);
            for (int f = from; f <= to; f++) {
                for (HitBox hb : m.hitboxes(f)) {
                    int left = hb.box().worldLeft(arcX[t], op.facing);
                    int bottom = arcY[t] + hb.box().y();
                    if (left < me.x + mine.def.width / 2 && me.x - mine.def.width / 2 < left + hb.box().w()
                            && bottom < mine.def.height) {
                        return t;
                    }
                }
            }
        }
        return airborne;
    }

    /** The first frame from now on which normal {@code id}, started now, hits the jumper's body; -1 if none does. */
    private int meetsJumper(FighterState me, int id, int airborne) {
        MoveData m = mine.def.move(id);
        int half = theirs.def.width / 2;
        for (int f = m.firstActiveFrame; f < m.firstActiveFrame + m.active && f < airborne; f++) {
            for (HitBox hb : m.hitboxes(f)) {
                int left = hb.box().worldLeft(me.x, me.facing);
                int bottom = hb.box().y();
                if (left < arcX[f] + half && arcX[f] - half < left + hb.box().w()
                        && bottom < arcY[f] + theirs.def.airHeight && arcY[f] < bottom + hb.box().h()) {
                    return f;
                }
            }
        }
        return -1;
    }

    private boolean threatSeen(MatchState s, FighterState me) {
        int v = perceived(s);
        int toward = seenX[v] >= me.x ? 1 : -1;
        int gap = gapTo(seenX[v], me);
        return threat(v, me, gap, toward) != 0 || (seenY[v] > 0 && gap < 80 * PX) || incomingProjectile(v, me, toward) >= 0;
    }

    /** 0 none, 1 must block standing (overhead, jump-in), 2 block crouching (mid, low, projectile). */
    private int threat(int v, FighterState me, int gap, int toward) {
        int projDir = seenProjDir[v];
        if (projDir != 0 && projDir == -toward && Math.abs(seenProjX[v] - me.x) < 90 * PX) {
            return 2;
        }
        if (seenMode[v] != FighterMode.ATTACK.ordinal() || seenMove[v] < 0) {
            return 0;
        }
        MoveData om = theirs.def.move(seenMove[v]);
        if (om.kind == MoveKind.THROW || seenMoveFrame[v] > om.firstActiveFrame + om.active) {
            return 0;
        }
        if (om.projectile != null && seenMoveFrame[v] <= om.firstActiveFrame) {
            // A projectile on its way out: the projectile itself is the threat, unless it would reach
            // this fighter before it could be seen (thrown from close by): then the wind-up is.
            ProjectileDef pd = om.projectile;
            int ahead = gap + theirs.def.width / 2 - (pd.box().x() + pd.box().w());
            return ahead <= pd.speed() * (level.reactionFrames() + 2) ? 2 : 0;
        }
        int range = om.reach;
        if (seenMove[v] >= CharacterDef.FIRST_SPECIAL_ID) {
            range = theirs.specialRange(seenMove[v] - CharacterDef.FIRST_SPECIAL_ID);
        }
        if (gap + theirs.def.width / 2 > range + 16 * PX) {
            return 0;
        }
        boolean airborneAttacker = seenY[v] > 0 || om.stance == Stance.JUMPING;
        return om.guard == Guard.HIGH || airborneAttacker ? 1 : 2;
    }

    private int recoveryLeft(int v, FighterMode seenMode) {
        if (seenMode == FighterMode.LANDING) {
            return Rules.LANDING_FRAMES - level.reactionFrames();
        }
        if (seenMove[v] < 0) {
            return 0;
        }
        MoveData om = theirs.def.move(seenMove[v]);
        int f = seenMoveFrame[v];
        int activeEnd = om.firstActiveFrame + om.active;
        if (om.kind == MoveKind.THROW) {
            return f > om.startup ? om.total - f - level.reactionFrames() : 0;
        }
        return f >= activeEnd ? om.total - f - level.reactionFrames() : 0;
    }

    /**
     * After blocking, free first: against an opponent out-reached by the bot's longest poke that
     * attacks again as the bot comes out of blockstun, the strongest of the bot's pokes (its
     * longest, its combo starter, its safe one) that is not punishable on block, reaches across
     * {@code gap} and is out before any grounded normal the opponent starts in {@code framesLeft}
     * frames could reach the bot from there; -1 if none (or against anyone else: a trap into one who
     * just guards is a blocked poke).
     */
    private int frameTrap(int gap, int framesLeft) {
        if (mine.poke < 0 || mine.edgeReach(mine.poke) <= theirs.longestReach + 2 * PX || habit[FRAME_TRAPS] < 2) {
            return -1;
        }
        int theirFirst = 60;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            MoveData m = theirs.def.move(id);
            if (m.reach > gap + theirs.def.width / 2) {
                theirFirst = Math.min(theirFirst, m.firstActiveFrame);
            }
        }
        int best = -1;
        for (int id : new int[] {mine.poke, mine.comboStarter, mine.safePoke}) {
            MoveData m = id >= 0 ? mine.def.move(id) : null;
            if (m != null && reaches(id, gap) && m.firstActiveFrame + 1 < framesLeft + theirFirst
                    && MoveBook.blockAdvantage(m) >= -4 && (best < 0 || m.damage > mine.def.move(best).damage)) {
                best = id;
            }
        }
        return best;
    }

    /** The strongest move that lands within {@code framesLeft} frames from here, as a plan. */
    private int punisher(FighterState me, int gap, int framesLeft, int back) {
        int best = -1;
        int bestDamage = 0;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            MoveData m = mine.def.move(id);
            if (m.firstActiveFrame + 1 < framesLeft && reaches(id, gap) && m.damage > bestDamage
                    && mine.canHit(id, current.fighters[1 - seat], theirs.def)) {
                best = id;
                bestDamage = m.damage;
            }
        }
        int bestSpecial = -1;
        for (int i = 0; i < mine.def.specials().size(); i++) {
            MoveData m = mine.special(i);
            int motionFrames = mine.motionFrames[i];
            int hitFrame = m.projectile == null && m.kind != MoveKind.THROW ? mine.specialHitFrame(i, gap + mine.def.width / 2) : -1;
            if (hitFrame >= 0 && hitFrame + motionFrames < framesLeft && specialReady(me, i) && m.damage > bestDamage) {
                bestSpecial = i;
                bestDamage = m.damage;
            }
        }
        if (bestSpecial >= 0) {
            return startSpecial(me, bestSpecial, back);
        }
        return best >= 0 ? startNormal(best) : Integer.MIN_VALUE;
    }

    /**
     * The character's combo special (the first of its rush, rising, low and projectile specials that
     * reaches), or -1; -1 too when that one would not hit before {@code stunLeft} frames of hitstun
     * run out (a slow special cancelled into leaves the bot open).
     */
    private int comboFinisher(FighterState me, FighterState op, int gap, int stunLeft) {
        int away = op.x >= me.x ? op.vx : -op.vx; // the hit's pushback, sliding the opponent away
        int[] candidates = {mine.rush, mine.risingAntiAir, mine.low, mine.projectile};
        for (int c : candidates) {
            if (c < 0 || mine.def.special(c).motion().isCharge()) {
                continue;
            }
            int hitFrame = mine.specialHitFrame(c, gap + mine.def.width / 2);
            if (hitFrame >= 0) {
                // Where the opponent will have slid to by then.
                hitFrame = mine.specialHitFrame(c, gap + mine.def.width / 2 + slide(away, mine.motionFrames[c] + hitFrame));
            }
            if (hitFrame >= 0) {
                return mine.motionFrames[c] + hitFrame <= stunLeft + 1 ? c : -1;
            }
        }
        return -1;
    }

    /** How far a grounded fighter moving at {@code vx} (slowed by friction) goes in {@code frames} frames. */
    private static int slide(int vx, int frames) {
        int d = 0;
        for (int t = 0; t < frames && vx > 0; t++) {
            d += vx;
            vx -= Rules.FRICTION;
        }
        return d;
    }

    private boolean reaches(int normalId, int gap) {
        if (normalId < 0) {
            return false;
        }
        // The hitbox must overlap the body when it comes out (an opponent walking away is further
        // by then), with 2 px to spare for what the bot cannot see exactly.
        MoveData m = mine.def.move(normalId);
        return m.reach > gap + retreat * m.firstActiveFrame + mine.def.width / 2 + 2 * PX;
    }

    private boolean specialReady(FighterState me, int special) {
        return mine.ready(me, special);
    }

    // ------------------------------------------------------------------ plans

    private int throwAt(FighterState me, int fwd, int back) {
        int protection = current.fighters[1 - seat].throwProtection;
        if (protection > 0) {
            // Just up or out of hitstun, the opponent cannot be thrown yet: the throw would come out
            // as a heavy normal into its guard. Wait guarding for the moment it can.
            return hold(back | FrameInput.DOWN, protection, true);
        }
        if (mine.grab >= 0 && rng.nextInt(2) == 0) {
            return startSpecial(me, mine.grab, back);
        }
        // Either heavy button throws: the one that does not finish a special (a charge held back
        // turns forward + punch into the charge move).
        int button = strayMotion(fwd | FrameInput.HP) && !strayMotion(fwd | FrameInput.HK) ? FrameInput.HK : FrameInput.HP;
        return press(fwd | button, 2);
    }

    private int startNormal(int id) {
        planInterruptible = false;
        int button = FrameInput.button(id % 6);
        int dir = id >= CharacterDef.CROUCHING_BASE && id < CharacterDef.JUMPING_BASE ? FrameInput.DOWN : 0;
        return press(dir | button, 2);
    }

    /** Inputs a special's motion then its button; a fumbled motion turns into a plain button press. */
    private int startSpecial(FighterState me, int special, int back) {
        SpecialDef sd = mine.def.special(special);
        int facing = back == FrameInput.LEFT ? 1 : -1;
        int button = lowestBit(sd.buttons() & (FrameInput.HP | FrameInput.HK)) != 0
                ? lowestBit(sd.buttons() & (FrameInput.HP | FrameInput.HK)) : lowestBit(sd.buttons());
        if (!specialReady(me, special)) {
            return startNormal(mine.poke);
        }
        planLength = 0;
        planPos = 0;
        planInterruptible = false;
        int steps = MotionReader.inputFrames(sd.motion());
        boolean fumble = !rng.chance(level.execution());
        for (int i = fumble ? steps - 1 : 0; i < steps; i++) {
            int in = FrameInput.fromNumpad(MotionReader.inputAt(sd.motion(), i), facing);
            plan[planLength++] = i == steps - 1 ? in | button : in;
        }
        plan[planLength++] = 0;
        plan[planLength++] = 0;
        return plan[planPos++];
    }

    private int press(int input, int releaseFrames) {
        planInterruptible = false;
        planLength = 0;
        planPos = 0;
        if (strayMotion(input)) {
            // What was just held would turn this button into a special: let go for a moment first.
            for (int i = 0; i <= Rules.MOTION_BUTTON_LENIENCY; i++) {
                plan[planLength++] = 0;
            }
        }
        plan[planLength++] = input;
        for (int i = 0; i < releaseFrames; i++) {
            plan[planLength++] = input & FrameInput.DIRECTIONS & ~FrameInput.UP;
        }
        return plan[planPos++];
    }

    /** Whether pressing {@code input} on the next frame would complete one of the bot's special motions. */
    private boolean strayMotion(int input) {
        int buttons = input & FrameInput.BUTTONS;
        if (buttons == 0 || current == null) {
            return false;
        }
        FighterState me = current.fighters[seat];
        System.arraycopy(me.inputs, 0, probe.inputs, 0, probe.inputs.length);
        probe.facing = me.facing;
        probe.backCharge = me.backCharge;
        probe.downCharge = me.downCharge;
        probe.backChargeGrace = me.backChargeGrace;
        probe.downChargeGrace = me.downChargeGrace;
        int frame = current.frame + 1;
        probe.inputs[Math.floorMod(frame, Rules.INPUT_HISTORY)] = FrameInput.cleanDirections(input);
        for (int i = 0; i < mine.def.specials().size(); i++) {
            SpecialDef sd = mine.def.special(i);
            if ((sd.buttons() & buttons) != 0 && MotionReader.matches(sd.motion(), probe, frame)) {
                return true;
            }
        }
        return false;
    }

    private final FighterState probe = new FighterState();
    /** The state of the frame being decided (for {@link #strayMotion}). */
    private MatchState current;

    /** A plan of {@code fwd} for {@code in} frames, then {@code out} for {@code outFrames}, that a threat may interrupt. */
    private int stepInAndOut(int fwd, int in, int out, int outFrames) {
        hold(fwd, in, true);
        for (int i = 0; i < outFrames; i++) {
            plan[planLength++] = out;
        }
        return plan[0];
    }

    private int hold(int input, int frames, boolean interruptible) {
        planLength = 0;
        planPos = 0;
        for (int i = 0; i < frames; i++) {
            plan[planLength++] = input;
        }
        planInterruptible = interruptible;
        return plan[planPos++];
    }

    private static int lowestBit(int mask) {
        return Integer.lowestOneBit(mask);
    }
}
