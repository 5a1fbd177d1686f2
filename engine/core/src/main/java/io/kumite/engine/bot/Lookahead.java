package io.kumite.engine.bot;

import io.kumite.engine.FrameInput;
import io.kumite.engine.action.Actions;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Guard;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.MoveKind;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Rules;
import io.kumite.engine.sim.Simulator;

/**
 * The upper levels' reads. The bot remembers what the opponent did the last time it came into each
 * situation (how far apart in 8 px steps; whether it stood, jumped, was about to act or was busy;
 * whether the bot was in the air): the opponent's inputs over the {@value #HORIZON} frames that
 * followed, relative to its facing. At a neutral decision it plays each of its options (walk, step,
 * guard, jumps, the normals with a role, throw, ready specials, step and poke) on a copy of the
 * state, the deterministic simulator doing the rest: the opponent replays its memory of each
 * situation it comes into and defends perfectly where it has none; the bot, after the option,
 * defends perfectly too (guards at the right height, anti-airs, punishes). Each option is also
 * played against a perfect defender throughout (who reverses once the opponent has been seen to);
 * its score is the worse of the two, damage first, then who is free to act first. An exchange under
 * way at the horizon is played out to its end.
 *
 * <p>A player who does the same thing in the same spot is read and answered; one who mixes up is
 * not, and the bot falls back on its judgement. Searches are paid for from a budget of
 * {@value #BUDGET_PER_FRAME} simulated frames earned per real frame, so a bot never costs more than
 * that on average. An answer is remembered per situation and reused while the memory of that
 * situation is unchanged and few others have changed. Allocation-free after construction.
 */
final class Lookahead {
    /** Frames the opponent is remembered for after each situation, and simulated per option. */
    static final int HORIZON = 32;
    private static final int PX = Rules.SUB;
    private static final int BUCKET = 8 * PX;
    private static final int BUCKETS = 28;
    private static final int KEYS = BUCKETS * 4 * 2;
    /** Cached answers per situation: one per combination of the five flags of the cache key. */
    private static final int CACHE_VARIANTS = 32;
    private static final int RING = 64;
    private static final int BUDGET_PER_FRAME = 2;
    private static final int BUDGET_MAX = 4000;
    private static final int MAX_OPTIONS = 28;
    private static final int PREFIX = 12;
    /** Score below which no option is worth preferring over the bot's own judgement. */
    private static final int MEANINGFUL = 8;

    private final Roster roster;
    private final Simulator simulator;
    private final MatchState copy = new MatchState();

    private final int[] ringInput = new int[RING];
    private final int[] ringKey = new int[RING];
    /** Per situation: the opponent's relative inputs after it, and a version bumped on every change. */
    private final int[][] memory = new int[KEYS][HORIZON];
    private final int[] version = new int[KEYS];
    private final int[] cacheVersion = new int[KEYS * CACHE_VARIANTS];
    private final int[] cacheChoice = new int[KEYS * CACHE_VARIANTS];
    private int budget;
    /** Frames simulated and searches made since the last reset (for tests and tuning). */
    private long simulated;
    private int searches;
    /** The situation now and the frame it began (where the replay of its memory stands). */
    private int currentKey = -1;
    private int enteredAt;
    /** Bumped whenever any memory changes. */
    private int epoch;
    private final int[] cacheEpoch = new int[KEYS * CACHE_VARIANTS];

    // The options of the current search: relative prefix inputs, then guard.
    private final int[][] options = new int[MAX_OPTIONS][PREFIX];
    private final int[] optionLength = new int[MAX_OPTIONS];
    private final int[] optionJumpIn = new int[MAX_OPTIONS];
    private final int[] macro = new int[8];
    private int optionCount;

    Lookahead(Roster roster) {
        this.roster = roster;
        this.simulator = new Simulator(roster);
    }

    void reset() {
        java.util.Arrays.fill(ringKey, -1);
        java.util.Arrays.fill(ringInput, 0);
        java.util.Arrays.fill(version, 0);
        java.util.Arrays.fill(cacheVersion, 0);
        budget = BUDGET_MAX;
        simulated = 0;
        searches = 0;
        invincibleStarts = 0;
        currentKey = -1;
        enteredAt = 0;
        epoch = 0;
        java.util.Arrays.fill(cacheEpoch, 0);
    }

    /** A relative input: the numpad direction (low 4 bits) and the buttons. */
    static int relative(int input, int facing) {
        return FrameInput.numpad(input, facing) | (input & FrameInput.BUTTONS);
    }

    static int absolute(int relative, int facing) {
        int d = relative & 15;
        return (d >= 1 && d <= 9 ? FrameInput.fromNumpad(d, facing) : 0) | (relative & FrameInput.BUTTONS);
    }

    private int key(MatchState s, int seat) {
        if (s.phase != MatchPhase.FIGHT) {
            return -1;
        }
        FighterState me = s.fighters[seat];
        FighterState op = s.fighters[1 - seat];
        int bucket = Math.min(BUCKETS - 1, Math.abs(op.x - me.x) / BUCKET);
        int busy = busy(op);
        int phase = op.airborne() ? 1 : busy == 0 ? 0 : busy <= 10 ? 2 : 3;
        return (bucket * 4 + phase) * 2 + (me.airborne() ? 1 : 0);
    }

    /** Records the frame just simulated; call once per frame before deciding. */
    void observe(MatchState s, int seat) {
        budget = Math.min(BUDGET_MAX, budget + BUDGET_PER_FRAME);
        FighterState op = s.fighters[1 - seat];
        FighterState me = s.fighters[seat];
        if (op.mode == FighterMode.ATTACK && op.moveFrame == 1 && op.move >= CharacterDef.FIRST_SPECIAL_ID
                && roster.get(op.character).move(op.move).hasInvincibility
                && me.mode != FighterMode.ATTACK && busy(me) == 0) {
            invincibleStarts++; // not a punish: a reversal on approach, a jump or a whiff
        }
        int f = s.frame;
        int i = Math.floorMod(f, RING);
        ringInput[i] = relative(op.inputAt(f), op.facing);
        int now = key(s, seat);
        if (now != currentKey) {
            currentKey = now;
            enteredAt = f;
        }
        ringKey[i] = now;
        // The situation HORIZON frames ago, if the opponent had just entered it, is now followed in full.
        int start = f - HORIZON;
        int k = ringKey[Math.floorMod(start, RING)];
        if (start < 1 || k < 0 || ringKey[Math.floorMod(start - 1, RING)] == k) {
            return;
        }
        int[] m = memory[k];
        boolean changed = version[k] == 0;
        for (int t = 0; t < HORIZON; t++) {
            int in = ringInput[Math.floorMod(start + 1 + t, RING)];
            changed |= m[t] != in;
            m[t] = in;
        }
        if (changed) {
            version[k]++;
            epoch++;
        }
    }

    /**
     * The best option against the remembered opponent in this situation, written as absolute inputs
     * into {@code plan}; returns its length, 0 when there is no read (nothing remembered, no budget,
     * or no option better than another), negative (minus the length) when the plan is an attack.
     */
    int read(MatchState s, int seat, MoveBook mine, boolean reverses, boolean counters, int[] plan) {
        this.reverses = reverses || invincibleStarts >= 2;
        this.counters = counters;
        int k = key(s, seat);
        if (k < 0) {
            return 0;
        }
        FighterState me = s.fighters[seat];
        FighterState op = s.fighters[1 - seat];
        int cacheKey = k * CACHE_VARIANTS + (counters ? 16 : 0) + (this.reverses ? 8 : 0) + (nearWall(me) ? 4 : 0) + (nearWall(op) ? 2 : 0)
                + (s.projectiles[0].active || s.projectiles[1].active ? 1 : 0);
        buildOptions(s, seat, mine);
        int choice;
        // A remembered answer holds while this situation's memory is unchanged and the others have
        // not changed much since.
        if (cacheVersion[cacheKey] == version[k] + 1 && epoch - cacheEpoch[cacheKey] < 8) {
            choice = find(cacheChoice[cacheKey]);
        } else {
            if (budget < optionCount * (HORIZON + EXTENSION)) {
                return 0;
            }
            choice = search(s, seat, mine);
            searches++;
            cacheVersion[cacheKey] = version[k] + 1;
            cacheEpoch[cacheKey] = epoch;
            cacheChoice[cacheKey] = choice < 0 ? NO_CHOICE : signature(choice);
        }
        if (choice < 0 || choice >= optionCount) {
            return 0;
        }
        int n = optionLength[choice];
        for (int t = 0; t < n; t++) {
            plan[t] = absolute(options[choice][t], me.facing);
        }
        boolean attack = false;
        for (int t = 0; t < n; t++) {
            attack |= (options[choice][t] & FrameInput.BUTTONS) != 0 || (options[choice][t] & 15) >= 7;
        }
        return attack ? -n : n;
    }

    /** Frames simulated since the last reset. */
    long simulated() {
        return simulated;
    }

    /** Searches made since the last reset. */
    int searches() {
        return searches;
    }

    /** The most a bot may have simulated after {@code frames} real frames: its budget and one search's overdraw. */
    static long maxSimulated(long frames) {
        return BUDGET_MAX + BUDGET_PER_FRAME * frames + 3L * MAX_OPTIONS * (HORIZON + EXTENSION);
    }

    private static final int NO_CHOICE = -1;

    /** Invincible specials the opponent has started this match while the bot was free (not punishes). */
    int reversals() {
        return invincibleStarts;
    }

    /** What identifies an option across searches (its list is rebuilt each time). */
    private int signature(int o) {
        int n = optionLength[o];
        return options[o][0] | n << 10 | options[o][n - 1] << 15;
    }

    /** The option of the current list with this signature, or -1. */
    private int find(int signature) {
        for (int o = 0; signature != NO_CHOICE && o < optionCount; o++) {
            if (signature(o) == signature) {
                return o;
            }
        }
        return -1;
    }

    private static boolean nearWall(FighterState f) {
        return f.x < 48 * PX || f.x > Rules.STAGE_WIDTH - 48 * PX;
    }

    private void buildOptions(MatchState s, int seat, MoveBook mine) {
        optionCount = 0;
        FighterState me = s.fighters[seat];
        FighterState op = s.fighters[1 - seat];
        CharacterDef c = mine.def;
        int gap = Math.abs(op.x - me.x);
        add(6, 10, -1);                      // walk in
        add(6, 4, -1);                       // a step in (then guard: the bait)
        add(1, 2, -1);                       // guard (crouching; the look-ahead stands up to a jump)
        add(4, 10, -1);                      // walk back
        add(9, 2, mine.jumpIn);              // jump in
        add(8, 2, mine.jumpIn);              // neutral jump
        add(7, 2, -1);                       // jump back
        // The normals with a role (the rest rarely do better than one of these).
        long roles = mine.roleNormals;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            MoveData m = c.move(id);
            if ((roles & (1L << id)) == 0 || m.reach + c.width / 2 + 24 * PX < gap) {
                continue;
            }
            int dir = id >= CharacterDef.CROUCHING_BASE ? 2 : 5;
            options[optionCount][0] = dir | FrameInput.button(id % 6);
            options[optionCount][1] = dir == 2 ? 2 : 5;
            optionLength[optionCount] = 2;
            optionJumpIn[optionCount] = -1;
            optionCount++;
        }
        if (gap <= c.move(CharacterDef.THROW_ID).throwRange + c.width / 2 + 24 * PX) {
            options[optionCount][0] = 6 | FrameInput.HP;
            options[optionCount][1] = 6;
            optionLength[optionCount] = 2;
            optionJumpIn[optionCount] = -1;
            optionCount++;
        }
        for (int k = 0; k < c.specials().size() && optionCount < MAX_OPTIONS; k++) {
            if (!mine.ready(me, k)) {
                continue;
            }
            int n = Actions.discrete(Actions.FIRST_MACRO + k, c, 1, 1, macro);
            for (int t = 0; t < n; t++) {
                options[optionCount][t] = relative(macro[t], 1);
            }
            optionLength[optionCount] = n;
            optionJumpIn[optionCount] = -1;
            optionCount++;
        }
        // Step in (or out) and poke: the whiff punish and the spacing trap.
        if (mine.safePoke >= 0 && optionCount + 2 <= MAX_OPTIONS) {
            int button = FrameInput.button(mine.safePoke % 6);
            int dir = mine.safePoke >= CharacterDef.CROUCHING_BASE && mine.safePoke < CharacterDef.JUMPING_BASE ? 2 : 5;
            for (int way = 4; way <= 6; way += 2) {
                for (int t = 0; t < 6; t++) {
                    options[optionCount][t] = way;
                }
                options[optionCount][6] = dir | button;
                options[optionCount][7] = dir;
                optionLength[optionCount] = 8;
                optionJumpIn[optionCount] = -1;
                optionCount++;
            }
        }
    }

    private void add(int numpad, int frames, int jumpIn) {
        for (int t = 0; t < frames; t++) {
            options[optionCount][t] = numpad;
        }
        optionLength[optionCount] = frames;
        optionJumpIn[optionCount] = jumpIn;
        optionCount++;
    }

    private int search(MatchState s, int seat, MoveBook mine) {
        int best = -1;
        int bestScore = Integer.MIN_VALUE;
        int worst = Integer.MAX_VALUE;
        for (int o = 0; o < optionCount; o++) {
            int score = play(s, seat, o, true);
            if (score > bestScore) {
                // Only an option that beats the habits is checked against a perfect defender too.
                score = Math.min(score, play(s, seat, o, false));
            }
            if (score > bestScore) {
                bestScore = score;
                best = o;
            }
            worst = Math.min(worst, score);
        }
        return bestScore - worst < MEANINGFUL ? -1 : best;
    }

    /**
     * Plays option {@code o} on a copy of {@code s}; the bot's score. With {@code remembered}, the
     * opponent replays its memory of each situation it comes into (from where it is in the current
     * one), and defends perfectly where it has none; without, it defends perfectly throughout.
     */
    private int play(MatchState s, int seat, int o, boolean remembered) {
        MatchState c = copy;
        c.copyFrom(s);
        FighterState me = c.fighters[seat];
        FighterState op = c.fighters[1 - seat];
        int myHealth = me.health;
        int opHealth = op.health;
        int[] prefix = options[o];
        int n = optionLength[o];
        int jumpIn = optionJumpIn[o];
        boolean pressed = false;
        defenderLength[0] = 0;
        defenderLength[1] = 0;
        int replayKey = currentKey;
        int replayPos = s.frame - enteredAt;
        for (int t = 0; t < HORIZON + EXTENSION; t++) {
            if (t >= HORIZON && settled(c)) {
                break;
            }
            budget--;
            simulated++;
            int mineIn;
            if (t < n) {
                mineIn = absolute(prefix[t], me.facing);
            } else if (me.airborne()) {
                mineIn = 0;
                if (jumpIn >= 0 && !pressed && me.vy < 0 && Math.abs(op.x - me.x) < 60 * PX) {
                    mineIn = FrameInput.button(jumpIn % 6);
                    pressed = true;
                }
            } else {
                mineIn = defend(me, op, seat, false, false); // after the option: guard, anti-air, punish
            }
            int opIn;
            if (remembered) {
                int k = key(c, seat);
                if (k != replayKey) {
                    replayKey = k;
                    replayPos = 0;
                }
                opIn = k >= 0 && version[k] > 0 && replayPos < HORIZON
                        ? absolute(memory[k][replayPos++], op.facing) : defend(op, me, 1 - seat, reverses, counters);
            } else {
                opIn = defend(op, me, 1 - seat, reverses, counters);
            }
            if (seat == 0) {
                simulator.step(c, mineIn, opIn);
            } else {
                simulator.step(c, opIn, mineIn);
            }
            if (c.phase != MatchPhase.FIGHT) {
                break;
            }
        }
        int dealt = opHealth - Math.max(0, op.health);
        int taken = myHealth - Math.max(0, me.health);
        // In shares of each fighter's own health (what a KO and the time-out decide), scaled so a
        // 1000-health fighter's point is 2: a trade between unequal health bars is not even.
        int score = 2000 * dealt / roster.get(op.character).health - 2000 * taken / roster.get(me.character).health;
        if (op.health <= 0 && me.health > 0) {
            score += 5000;
        } else if (me.health <= 0 && op.health > 0) {
            score -= 5000;
        }
        int advantage = Math.max(-25, Math.min(25, busy(op) - busy(me)));
        // Being free first is worth something only within reach of a punish.
        int gap = Math.abs(op.x - me.x) - roster.get(me.character).width / 2 - roster.get(op.character).width / 2;
        score += advantage * (gap < 40 * PX ? 4 : gap < 80 * PX ? 2 : 0);
        return score;
    }

    // The defenders' running macros, by seat.
    private final int[][] defenderPlan = new int[2][8];
    private final int[] defenderLength = new int[2];
    private final int[] defenderPos = new int[2];

    /**
     * The perfect defender's input: it blocks everything at the right height, anti-airs a jump that
     * comes close, and punishes with its strongest normal (or a special) whatever leaves the attacker
     * busy for longer than that move takes to land.
     */
    private int defend(FighterState d, FighterState a, int side, boolean mayReverse, boolean counters) {
        if (defenderPos[side] < defenderLength[side]) {
            return defenderPlan[side][defenderPos[side]++];
        }
        CharacterDef dc = roster.get(d.character);
        CharacterDef ac = roster.get(a.character);
        int toward = a.x >= d.x ? 1 : -1;
        int back = toward > 0 ? FrameInput.LEFT : FrameInput.RIGHT;
        int dx = Math.abs(a.x - d.x);
        boolean high = a.airborne() || a.mode == FighterMode.ATTACK && ac.move(a.move).guard == Guard.HIGH;
        int guard = high ? back : back | FrameInput.DOWN;
        MoveBook book = book(d, dc);
        if (mayReverse && book.risingAntiAir >= 0 && book.ready(d, book.risingAntiAir) && dx < 70 * PX) {
            int steps = book.motionFrames[book.risingAntiAir];
            boolean wakingUp = d.mode == FighterMode.WAKEUP && Rules.WAKEUP_FRAMES - d.modeFrame <= steps;
            // Up close: when the one coming in will be in the reversal's reach as it comes out (a
            // reversal thrown from further out only whiffs).
            int closing = Math.max(0, -a.vx * toward);
            int frames = steps + book.special(book.risingAntiAir).firstActiveFrame;
            boolean inReach = book.specialHitFrame(book.risingAntiAir, dx - ac.width / 2 - closing * frames) >= 0;
            boolean attacked = d.mode.actionable() && !d.airborne() && (a.mode == FighterMode.ATTACK
                    && a.moveFrame < ac.move(a.move).firstActiveFrame + ac.move(a.move).active
                    || inReach);
            if (wakingUp || attacked) {
                return startMacro(book.risingAntiAir, dc, d, toward, side);
            }
        }
        if (d.mode == FighterMode.AIR && !d.airAttackUsed && d.vy < 0 && book.jumpIn >= 0 && dx < 60 * PX) {
            return FrameInput.button(book.jumpIn % 6); // a jump comes in with its button, as the bot's own does
        }
        if (!d.mode.actionable() || d.airborne()) {
            return guard;
        }
        int free = busy(a);
        if (counters && free == 0 && a.mode == FighterMode.ATTACK && a.moveFrame >= 1) {
            // The opponent as the bot's model of it also hits a slow start-up before it comes out
            // (a grab or a heavy button started in its reach): one who pokes all the time has its
            // button out already, so from the move's first frame, not once it could have seen it.
            free = startupLeft(a, ac);
        }
        if (free > 2 && !a.airborne()) {
            int best = -1;
            int bestDamage = 0;
            for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
                MoveData m = dc.move(id);
                if (m.firstActiveFrame + 1 < free && m.reach > dx - ac.width / 2 + 2 * PX && m.damage > bestDamage
                        && book.canHit(id, a, ac)) {
                    best = id;
                    bestDamage = m.damage;
                }
            }
            int bestSpecial = -1;
            for (int i = 0; i < dc.specials().size(); i++) {
                MoveData m = dc.special(i).move();
                int steps = book.motionFrames[i];
                if (m.projectile == null && m.kind != MoveKind.THROW
                        && m.firstActiveFrame + steps < free && book.ready(d, i) && m.damage > bestDamage
                        && m.reach > dx - ac.width / 2 + 2 * PX) {
                    bestSpecial = i;
                    bestDamage = m.damage;
                }
            }
            if (bestSpecial >= 0) {
                return startMacro(bestSpecial, dc, d, toward, side);
            }
            if (best >= 0) {
                int dir = best >= CharacterDef.CROUCHING_BASE ? FrameInput.DOWN : 0;
                return dir | FrameInput.button(best % 6);
            }
        }
        if (a.airborne() && a.vy <= 0 && dx < 70 * PX) {
            if (book.risingAntiAir >= 0 && book.ready(d, book.risingAntiAir) && dx < 60 * PX) {
                return startMacro(book.risingAntiAir, dc, d, toward, side);
            }
            if (dx < 50 * PX && book.antiAirNormal >= 0) {
                int id = book.antiAirNormal;
                int dir = id >= CharacterDef.CROUCHING_BASE && id < CharacterDef.JUMPING_BASE ? FrameInput.DOWN : 0;
                return dir | FrameInput.button(id % 6);
            }
        }
        return guard;
    }

    private final MoveBook[] books = new MoveBook[64];
    /** Whether the opponent has been seen reversing: the perfect defender then does too. */
    private boolean reverses;
    /**
     * Whether the opponent has been seen hitting the bot's slow start-ups: the modelled opponent then
     * does too (a model that always did would keep the bot from walking in on a turtle that never does).
     */
    private boolean counters;
    /** Invincible specials the opponent has started this match while the bot was not busy. */
    private int invincibleStarts;

    private MoveBook book(FighterState f, CharacterDef c) {
        MoveBook b = books[f.character];
        if (b == null) {
            b = books[f.character] = new MoveBook(c);
        }
        return b;
    }

    private int startMacro(int special, CharacterDef c, FighterState d, int toward, int side) {
        defenderLength[side] = Actions.discrete(Actions.FIRST_MACRO + special, c, d.facing, toward, defenderPlan[side]);
        defenderPos[side] = 1;
        return defenderPlan[side][0];
    }

    /** Frames a look-ahead may run past its horizon to see an exchange that is under way to its end. */
    private static final int EXTENSION = 24;

    /**
     * Whether the exchange is over: both fighters free to act (no move, stun, recovery or jump under
     * way) and no projectile in flight. An opening left at the horizon is played out, punish and all.
     */
    private boolean settled(MatchState c) {
        if (c.projectiles[0].active || c.projectiles[1].active) {
            return false;
        }
        for (FighterState f : c.fighters) {
            if (f.airborne() || f.mode == FighterMode.ATTACK || f.mode == FighterMode.THROWN || busy(f) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Frames before a grounded move under way can hurt, grab or throw its projectile (0 once it can, or when there is none). */
    static int startupLeft(FighterState f, CharacterDef c) {
        if (f.mode != FighterMode.ATTACK || f.move < 0 || f.airborne()) {
            return 0;
        }
        MoveData m = c.move(f.move);
        int first = m.kind == MoveKind.THROW ? m.startup : m.firstActiveFrame;
        return Math.max(0, first - f.moveFrame);
    }

    /** Frames before this fighter can act again (an estimate for the states that end a look-ahead). */
    private int busy(FighterState f) {
        switch (f.mode) {
            case ATTACK:
            case LANDING:
                // Only recovery counts: a move still to hit is no opening.
                return book(f, roster.get(f.character)).recoveryLeft(f);
            case HITSTUN:
            case BLOCKSTUN:
                return f.stun;
            case KNOCKDOWN:
                return Math.max(0, Rules.KNOCKDOWN_FRAMES - f.modeFrame) + Rules.WAKEUP_FRAMES;
            case WAKEUP:
                return Math.max(0, Rules.WAKEUP_FRAMES - f.modeFrame);
            case AIR_HIT:
            case THROWN:
                return 25;
            default:
                return 0;
        }
    }
}
