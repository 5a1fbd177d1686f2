package io.kumite.engine.bot;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Guard;
import io.kumite.engine.fighter.Motion;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.MoveKind;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.engine.fighter.Stance;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.MotionReader;
import io.kumite.engine.sim.ProjectileState;
import io.kumite.engine.sim.Rules;

/**
 * The built-in scripted CPU opponent. It reads the match state, but sees the opponent only after its
 * level's reaction delay (a ring of past observations), and then blocks, anti-airs, punishes, pokes,
 * throws, zones or rushes according to its character's move list ({@link MoveBook}) and its
 * {@link BotLevel}. All randomness comes from its own PRNG seeded from the match seed, so a match
 * between bots is a pure function of the seed. Allocation-free per frame. Not thread-safe.
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
    private int held;
    private boolean comboTried;

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
        java.util.Arrays.fill(seenMode, 0);
        java.util.Arrays.fill(seenMove, 0);
        java.util.Arrays.fill(seenMoveFrame, 0);
        java.util.Arrays.fill(seenProjX, 0);
        java.util.Arrays.fill(seenProjDir, 0);
        planLength = 0;
        planPos = 0;
        planInterruptible = false;
        nextDecision = 0;
        held = 0;
        comboTried = false;
    }

    public BotLevel level() {
        return level;
    }

    @Override
    public int act(MatchState s) {
        FighterState me = s.fighters[seat];
        FighterState op = s.fighters[1 - seat];
        mine = book(me.character);
        theirs = book(op.character);
        observe(s, op);
        if (me.mode != FighterMode.ATTACK) {
            comboTried = false;
        }
        switch (me.mode) {
            case HITSTUN:
            case AIR_HIT:
            case KNOCKDOWN:
            case KO:
                planLength = 0;
                break;
            default:
                break;
        }
        if (planPos < planLength && !(planInterruptible && me.mode.actionable() && threatSeen(s, me))) {
            return plan[planPos++];
        }
        planLength = 0;
        planPos = 0;
        return decide(s, me, op);
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

    // ------------------------------------------------------------------ decisions

    private int decide(MatchState s, FighterState me, FighterState op) {
        int v = perceived(s);
        CharacterDef my = mine.def;
        int toward = seenX[v] >= me.x ? 1 : -1;
        int fwd = toward > 0 ? FrameInput.RIGHT : FrameInput.LEFT;
        int back = toward > 0 ? FrameInput.LEFT : FrameInput.RIGHT;
        int gap = Math.abs(seenX[v] - me.x) - my.width / 2 - theirs.def.width / 2;
        FighterMode seenMode = MODES[this.seenMode[v]];

        switch (me.mode) {
            case BLOCKSTUN:
                return back | (me.crouching ? FrameInput.DOWN : 0);
            case ATTACK: {
                MoveData md = my.move(me.move);
                if (md.cancelable && me.connected && !comboTried && md.kind == MoveKind.NORMAL) {
                    comboTried = true;
                    if (rng.chance(level.combo())) {
                        int special = comboFinisher(gap);
                        if (special >= 0) {
                            return startSpecial(me, special, back);
                        }
                    }
                }
                return 0;
            }
            case AIR:
                if (!me.airAttackUsed && me.vy < 0 && gap < 56 * PX && rng.chance(500 + 60 * level.level())) {
                    return FrameInput.BUTTON_BITS[mine.jumpIn % 6];
                }
                return 0;
            case KNOCKDOWN:
            case WAKEUP:
                return level.level() >= 3 ? back | FrameInput.DOWN : 0;
            case STAND:
            case CROUCH:
                break;
            default:
                return 0;
        }

        // 1. Defence against what the bot has seen coming.
        boolean seenAirborne = seenY[v] > 0 || seenMode == FighterMode.AIR;
        boolean approaching = seenVx[v] * toward < 0 || gap < 30 * PX;
        if (seenAirborne && approaching && gap < 80 * PX && seenY[v] < 120 * PX && rng.chance(level.antiAir())) {
            if (mine.risingAntiAir >= 0 && specialReady(me, mine.risingAntiAir)) {
                return startSpecial(me, mine.risingAntiAir, back);
            }
            return startNormal(mine.antiAirNormal);
        }
        int threat = threat(v, me, gap, toward);
        if (threat != 0 && rng.chance(level.block())) {
            int hold = threat == 1 ? back : back | FrameInput.DOWN;
            int input = hold(hold, 8);
            planInterruptible = false; // keep guarding through the attack
            return input;
        }
        // 2. Punish a move the opponent is stuck recovering from.
        if (seenMode == FighterMode.ATTACK || seenMode == FighterMode.LANDING) {
            int recoveryLeft = recoveryLeft(v, seenMode);
            if (recoveryLeft > 6 && rng.chance(level.punish())) {
                int punish = punisher(me, gap, recoveryLeft, back);
                if (punish != Integer.MIN_VALUE) {
                    return punish;
                }
            }
        }
        // 3. Neutral: a considered (or, at low levels, random) choice now and then.
        if (s.frame < nextDecision) {
            return held;
        }
        nextDecision = s.frame + level.decisionFrames() + rng.nextInt(3);
        if (rng.chance(level.randomness())) {
            held = FrameInput.fromNumpad(1 + rng.nextInt(9), 1);
            return held | (rng.chance(400) ? FrameInput.BUTTON_BITS[rng.nextInt(6)] : 0);
        }
        held = waiting(me, back);
        boolean opDown = seenMode == FighterMode.KNOCKDOWN || seenMode == FighterMode.WAKEUP || seenMode == FighterMode.AIR_HIT;
        if (opDown) {
            held = gap > 20 * PX ? fwd : waiting(me, back);
            return held;
        }
        int throwRange = my.move(CharacterDef.THROW_ID).throwRange;
        if (gap <= throwRange && !seenAirborne) {
            return close(me, fwd, back);
        }
        if (reaches(mine.comboStarter, gap) || reaches(mine.poke, gap)) {
            return midClose(me, gap, fwd, back);
        }
        return far(me, op, s, gap, fwd, back);
    }

    /** What to hold while waiting: charge characters crouch back (charging and blocking low). */
    private int waiting(FighterState me, int back) {
        if (chargeCharacter()) {
            return back | FrameInput.DOWN;
        }
        return 0;
    }

    private boolean chargeCharacter() {
        return mine.charge;
    }

    private int close(FighterState me, int fwd, int back) {
        int r = rng.nextInt(100);
        if (mine.grab >= 0 && r < 45) {
            return startSpecial(me, mine.grab, back);
        }
        if (r < 45) {
            return press(fwd | FrameInput.HP, 2);
        }
        if (r < 75 && mine.comboStarter >= 0) {
            return startNormal(mine.comboStarter);
        }
        if (r < 85) {
            return startNormal(mine.jab);
        }
        return hold(back | FrameInput.DOWN, 10);
    }

    private int midClose(FighterState me, int gap, int fwd, int back) {
        int r = rng.nextInt(100);
        if (r < 35 && reaches(mine.comboStarter, gap)) {
            return startNormal(mine.comboStarter);
        }
        if (r < 55) {
            return startNormal(mine.poke);
        }
        if (r < 65 && mine.sweep >= 0 && reaches(mine.sweep, gap)) {
            return startNormal(mine.sweep);
        }
        if (r < 72 && mine.overhead >= 0) {
            return startSpecial(me, mine.overhead, back);
        }
        if (r < 79 && mine.low >= 0) {
            return startSpecial(me, mine.low, back);
        }
        if (r < 86 && mine.projectile >= 0) {
            return hold(back, 10);
        }
        if (r < 93) {
            return hold(back | FrameInput.DOWN, 8);
        }
        held = fwd;
        return fwd;
    }

    private int far(FighterState me, FighterState op, MatchState s, int gap, int fwd, int back) {
        int r = rng.nextInt(100);
        boolean projectileReady = mine.projectile >= 0 && !s.projectiles[seat].active && specialReady(me, mine.projectile);
        if (projectileReady && r < 55) {
            return startSpecial(me, mine.projectile, back);
        }
        if (mine.longPoke >= 0 && r < 35 && mine.specialRange(mine.longPoke) >= gap + mine.def.width / 2) {
            return startSpecial(me, mine.longPoke, back);
        }
        if (mine.rush >= 0 && r < 30 && specialReady(me, mine.rush)
                && mine.specialRange(mine.rush) >= gap + mine.def.width / 2 && gap < 140 * PX) {
            return startSpecial(me, mine.rush, back);
        }
        if (r < 78 && gap < 150 * PX && gap > 60 * PX) {
            return press(FrameInput.UP | fwd, 2);
        }
        if (chargeCharacter() && r < 88) {
            held = back | FrameInput.DOWN;
            return held;
        }
        held = fwd;
        return fwd;
    }

    private boolean threatSeen(MatchState s, FighterState me) {
        int v = perceived(s);
        int toward = seenX[v] >= me.x ? 1 : -1;
        int gap = Math.abs(seenX[v] - me.x) - mine.def.width / 2 - theirs.def.width / 2;
        return threat(v, me, gap, toward) != 0 || (seenY[v] > 0 && gap < 80 * PX);
    }

    /** 0 none, 1 must block standing (overhead, jump-in), 2 block crouching (mid, low, projectile). */
    private int threat(int v, FighterState me, int gap, int toward) {
        int projDir = seenProjDir[v];
        if (projDir != 0 && projDir == -toward && Math.abs(seenProjX[v] - me.x) < 150 * PX) {
            return 2;
        }
        if (seenMode[v] != FighterMode.ATTACK.ordinal() || seenMove[v] < 0) {
            return 0;
        }
        MoveData om = theirs.def.move(seenMove[v]);
        if (om.kind == MoveKind.THROW || seenMoveFrame[v] > om.firstActiveFrame + om.active) {
            return 0;
        }
        int range = om.reach;
        if (seenMove[v] >= CharacterDef.FIRST_SPECIAL_ID) {
            range = theirs.specialRange(seenMove[v] - CharacterDef.FIRST_SPECIAL_ID);
        }
        if (gap + theirs.def.width / 2 > range + 16 * PX) {
            return 0;
        }
        return om.guard == Guard.HIGH || om.stance == Stance.JUMPING ? 1 : 2;
    }

    private int recoveryLeft(int v, FighterMode seenMode) {
        if (seenMode == FighterMode.LANDING) {
            return Rules.LANDING_FRAMES;
        }
        if (seenMove[v] < 0) {
            return 0;
        }
        MoveData om = theirs.def.move(seenMove[v]);
        int f = seenMoveFrame[v];
        int activeEnd = om.firstActiveFrame + om.active;
        return f >= activeEnd ? om.total - f - level.reactionFrames() : 0;
    }

    private int punisher(FighterState me, int gap, int framesLeft, int back) {
        if (reaches(mine.comboStarter, gap) && mine.def.move(mine.comboStarter).firstActiveFrame < framesLeft) {
            return startNormal(mine.comboStarter);
        }
        if (mine.rush >= 0 && mine.special(mine.rush).firstActiveFrame < framesLeft
                && mine.specialRange(mine.rush) >= gap + mine.def.width / 2 && specialReady(me, mine.rush)) {
            return startSpecial(me, mine.rush, back);
        }
        int best = -1;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            MoveData m = mine.def.move(id);
            if (m.firstActiveFrame < framesLeft && reaches(id, gap) && (best < 0 || m.damage > mine.def.move(best).damage)) {
                best = id;
            }
        }
        return best >= 0 ? startNormal(best) : Integer.MIN_VALUE;
    }

    private int comboFinisher(int gap) {
        int[] candidates = {mine.rush, mine.projectile, mine.low, mine.risingAntiAir};
        for (int c : candidates) {
            if (c >= 0 && !mine.def.special(c).motion().isCharge() && mine.specialRange(c) >= gap + mine.def.width / 2) {
                return c;
            }
        }
        return -1;
    }

    private boolean reaches(int normalId, int gap) {
        return normalId >= 0 && mine.def.move(normalId).reach >= gap + mine.def.width / 2 - 2 * PX;
    }

    private boolean specialReady(FighterState me, int special) {
        Motion m = mine.def.special(special).motion();
        if (m == Motion.CHARGE_BACK_FORWARD) {
            return me.backCharge >= Rules.CHARGE_FRAMES;
        }
        if (m == Motion.CHARGE_DOWN_UP) {
            return me.downCharge >= Rules.CHARGE_FRAMES;
        }
        return true;
    }

    // ------------------------------------------------------------------ plans

    private int startNormal(int id) {
        planInterruptible = false;
        int button = FrameInput.BUTTON_BITS[id % 6];
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
        int[] steps = MotionReader.inputsFor(sd.motion());
        boolean fumble = !rng.chance(level.execution());
        for (int i = fumble ? steps.length - 1 : 0; i < steps.length; i++) {
            int in = FrameInput.fromNumpad(steps[i], facing);
            plan[planLength++] = i == steps.length - 1 ? in | button : in;
        }
        plan[planLength++] = 0;
        plan[planLength++] = 0;
        return plan[planPos++];
    }

    private int press(int input, int releaseFrames) {
        planInterruptible = false;
        planLength = 0;
        planPos = 0;
        plan[planLength++] = input;
        for (int i = 0; i < releaseFrames; i++) {
            plan[planLength++] = input & FrameInput.DIRECTIONS & ~FrameInput.UP;
        }
        return plan[planPos++];
    }

    private int hold(int input, int frames) {
        planInterruptible = true;
        planLength = 0;
        planPos = 0;
        for (int i = 0; i < frames; i++) {
            plan[planLength++] = input;
        }
        return plan[planPos++];
    }

    private static int lowestBit(int mask) {
        return Integer.lowestOneBit(mask);
    }
}
