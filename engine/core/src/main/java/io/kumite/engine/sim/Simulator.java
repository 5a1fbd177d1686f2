package io.kumite.engine.sim;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Rng;
import io.kumite.engine.fighter.Box;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Guard;
import io.kumite.engine.fighter.HitBox;
import io.kumite.engine.fighter.Motion;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.MoveKind;
import io.kumite.engine.fighter.ProjectileDef;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.engine.fighter.Stance;
import java.util.List;

/**
 * Advances a {@link MatchState} by one frame given both players' raw inputs.
 *
 * <p>One frame is a fixed list of phases, always in this order (changing it changes results, so it
 * bumps {@link io.kumite.engine.EngineVersion#SIMULATION}):
 * <ol>
 *   <li>{@code input}: record inputs into the history, update charges, find newly pressed buttons;</li>
 *   <li>{@code control}: start moves, specials, throws, jumps, walking, crouching (only while fighting);</li>
 *   <li>{@code movement}: scripted move velocities, gravity, landing, walls, body pushing, the camera
 *       limit, projectiles;</li>
 *   <li>{@code hit detection}: hitboxes against hurtboxes, throws, projectiles (both sides at once);</li>
 *   <li>{@code damage/state}: blocking, damage, stun, knockdown and juggles, applied for both sides;</li>
 *   <li>{@code timers}: move frames, stun, jump squat, landing, knockdown, wake-up, facing;</li>
 *   <li>{@code round end}: KO, time-out, next round, match end.</li>
 * </ol>
 *
 * <p>Allocation-free per step. Not thread-safe (it owns a small scratch area and the returned
 * {@link FrameEvents}): use one simulator per thread; they are cheap and share the immutable roster.
 */
public final class Simulator {
    private static final int NONE = 0;
    private static final int STRIKE = 1;
    private static final int THROW = 2;
    /** Normal-button priority when several are pressed on one frame: heavy first. */
    private static final int[] BUTTON_PRIORITY = {2, 5, 1, 4, 0, 3};
    private static final Motion[] MOTION_PRIORITY = {
        Motion.HCF, Motion.HCB, Motion.DP, Motion.CHARGE_DOWN_UP, Motion.CHARGE_BACK_FORWARD, Motion.QCF, Motion.QCB
    };

    private final Roster roster;
    /** Per character: special indices in the order their motions are tested. */
    private final int[][] specialOrder;
    private final FrameEvents events = new FrameEvents();
    // scratch, valid during one step
    private final int[] pressed = new int[2];
    private final int[] hitKind = new int[2];
    private final int[] hitIndex = new int[2];
    /** The move that hit, captured at detection: a trade interrupts both attackers' moves. */
    private final int[] hitMove = new int[2];
    private final boolean[] projectileHit = new boolean[2];
    private final int[] wallOverflow = new int[2];
    private final CharacterDef[] chars = new CharacterDef[2];

    public Simulator(Roster roster) {
        this.roster = roster;
        this.specialOrder = new int[roster.size()][];
        for (int c = 0; c < roster.size(); c++) {
            List<SpecialDef> specials = roster.get(c).specials();
            int[] order = new int[specials.size()];
            int n = 0;
            for (Motion m : MOTION_PRIORITY) {
                for (int i = 0; i < specials.size(); i++) {
                    if (specials.get(i).motion() == m) {
                        order[n++] = i;
                    }
                }
            }
            specialOrder[c] = order;
        }
    }

    public Roster roster() {
        return roster;
    }

    /** A new match at the start of round 1; {@code seed} seeds the match PRNG. */
    public MatchState newMatch(MatchConfig config, long seed) {
        return restartMatch(new MatchState(), config, seed);
    }

    /**
     * Resets an existing state object to the start of a new match: the result is identical to
     * {@link #newMatch} (every field is rewritten), without allocating.
     */
    public MatchState restartMatch(MatchState s, MatchConfig config, long seed) {
        config.validate(roster);
        s.clear();
        s.bestOf = config.bestOf();
        s.roundCounts = config.roundCounts();
        s.fighters[0].character = config.p1Character();
        s.fighters[1].character = config.p2Character();
        s.rng = Rng.mix(seed ^ 0x4B554D4954455345L);
        startRound(s, 1);
        return s;
    }

    /**
     * Advances {@code s} one frame. Inputs are {@link FrameInput} bitmasks of seats 0 and 1. Returns this
     * simulator's events object (overwritten by the next call).
     *
     * @throws IllegalStateException    if the match is already over
     * @throws IllegalArgumentException if an input has unknown bits
     */
    public FrameEvents step(MatchState s, int input0, int input1) {
        if (s.phase == MatchPhase.MATCH_OVER) {
            throw new IllegalStateException("the match is over (frame " + s.frame + "); start a new match");
        }
        FrameInput.validate(input0);
        FrameInput.validate(input1);
        events.clear();
        chars[0] = roster.get(s.fighters[0].character);
        chars[1] = roster.get(s.fighters[1].character);
        s.frame++;

        // 1. input
        readInput(s, 0, input0);
        readInput(s, 1, input1);
        boolean fighting = s.phase == MatchPhase.FIGHT;
        // 2. control
        if (fighting) {
            control(s, 0);
            control(s, 1);
        }
        // 3. movement
        movement(s, 0, fighting);
        movement(s, 1, fighting);
        resolveBodies(s);
        moveProjectiles(s);
        // 4. hit detection and 5. damage/state
        if (fighting) {
            detectHits(s);
            applyHits(s);
        }
        // 6. timers
        advance(s, 0);
        advance(s, 1);
        // 7. round end
        roundPhase(s);
        return events;
    }

    // ------------------------------------------------------------------ 1. input

    private void readInput(MatchState s, int p, int input) {
        FighterState f = s.fighters[p];
        int in = FrameInput.cleanDirections(input);
        int previous = f.inputAt(s.frame - 1);
        f.inputs[Math.floorMod(s.frame, Rules.INPUT_HISTORY)] = in;
        pressed[p] = in & ~previous & FrameInput.BUTTONS;
        int d = FrameInput.numpad(in, f.facing);
        if (d == 1 || d == 4 || d == 7) {
            f.backCharge = Math.min(f.backCharge + 1, 10_000);
        } else {
            f.backChargeGrace = f.backCharge >= Rules.CHARGE_FRAMES ? Rules.CHARGE_GRACE_FRAMES : Math.max(0, f.backChargeGrace - 1);
            f.backCharge = 0;
        }
        if (d <= 3) {
            f.downCharge = Math.min(f.downCharge + 1, 10_000);
        } else {
            f.downChargeGrace = f.downCharge >= Rules.CHARGE_FRAMES ? Rules.CHARGE_GRACE_FRAMES : Math.max(0, f.downChargeGrace - 1);
            f.downCharge = 0;
        }
    }

    // ------------------------------------------------------------------ 2. control

    private void control(MatchState s, int p) {
        FighterState f = s.fighters[p];
        CharacterDef c = chars[p];
        int d = FrameInput.numpad(f.inputAt(s.frame), f.facing);
        int press = pressed[p];
        switch (f.mode) {
            case STAND:
            case CROUCH:
                if (press != 0) {
                    if (trySpecial(s, p, press) || tryThrow(s, p, press, d)) {
                        return;
                    }
                    startMove(s, p, CharacterDef.normalId(d <= 3 ? Stance.CROUCHING : Stance.STANDING, pickButton(press)));
                    return;
                }
                if (d >= 7) {
                    setMode(f, FighterMode.PREJUMP);
                    f.jumpDirection = d == 7 ? -1 : (d == 9 ? 1 : 0);
                    f.vx = 0;
                } else if (d <= 3) {
                    if (f.mode != FighterMode.CROUCH) {
                        setMode(f, FighterMode.CROUCH);
                    }
                    f.vx = 0;
                } else {
                    if (f.mode != FighterMode.STAND) {
                        setMode(f, FighterMode.STAND);
                    }
                    f.vx = d == 6 ? c.walkForward * f.facing : (d == 4 ? -c.walkBack * f.facing : 0);
                }
                return;
            case PREJUMP:
                if (press != 0) {
                    trySpecial(s, p, press);
                }
                return;
            case THROWN:
                if ((press & (FrameInput.HP | FrameInput.HK)) != 0) {
                    breakThrow(s, p);
                }
                return;
            case AIR:
                if (press != 0 && !f.airAttackUsed) {
                    f.airAttackUsed = true;
                    startMove(s, p, CharacterDef.normalId(Stance.JUMPING, pickButton(press)));
                }
                return;
            case ATTACK: {
                MoveData md = c.move(f.move);
                if (press != 0 && md.cancelable && f.connected && md.kind == MoveKind.NORMAL && !f.airborne()) {
                    trySpecial(s, p, press);
                }
                return;
            }
            default:
                return;
        }
    }

    private static int pickButton(int press) {
        for (int b : BUTTON_PRIORITY) {
            if ((press & FrameInput.button(b)) != 0) {
                return b;
            }
        }
        throw new IllegalStateException("no button pressed");
    }

    private boolean trySpecial(MatchState s, int p, int press) {
        FighterState f = s.fighters[p];
        CharacterDef c = chars[p];
        for (int i : specialOrder[f.character]) {
            SpecialDef sd = c.special(i);
            if ((press & sd.buttons()) == 0 || !MotionReader.matches(sd.motion(), f, s.frame)) {
                continue;
            }
            if (sd.move().projectile != null && s.projectiles[p].active) {
                continue; // one projectile on screen per fighter
            }
            startMove(s, p, CharacterDef.specialMoveId(i));
            events.specialsStarted[p]++;
            return true;
        }
        return false;
    }

    private boolean tryThrow(MatchState s, int p, int press, int d) {
        if ((press & (FrameInput.HP | FrameInput.HK)) == 0 || (d != 4 && d != 6)) {
            return false;
        }
        MoveData md = chars[p].move(CharacterDef.THROW_ID);
        if (!throwable(s, 1 - p) || gap(s) > md.throwRange) {
            return false;
        }
        startMove(s, p, CharacterDef.THROW_ID);
        return true;
    }

    private void startMove(MatchState s, int p, int moveId) {
        FighterState f = s.fighters[p];
        setMode(f, FighterMode.ATTACK);
        f.move = moveId;
        f.moveFrame = 0;
        f.hitMask = 0;
        f.connected = false;
        if (!f.airborne()) {
            f.vx = 0;
        }
    }

    private static void setMode(FighterState f, FighterMode mode) {
        f.mode = mode;
        f.modeFrame = 0;
        if (mode != FighterMode.ATTACK) {
            f.move = -1;
            f.moveFrame = 0;
        }
    }

    // ------------------------------------------------------------------ 3. movement

    private void movement(MatchState s, int p, boolean fighting) {
        FighterState f = s.fighters[p];
        CharacterDef c = chars[p];
        boolean wasAirborne = f.airborne();
        MoveData md = f.mode == FighterMode.ATTACK ? c.move(f.move) : null;
        if (md != null) {
            int mvx = md.vx(f.moveFrame);
            int mvy = md.vy(f.moveFrame);
            if (mvx != MoveData.KEEP_VELOCITY) {
                f.vx = mvx * f.facing;
            } else if (!wasAirborne) {
                f.vx = 0;
            }
            if (mvy != MoveData.KEEP_VELOCITY) {
                f.vy = mvy;
                wasAirborne |= mvy > 0;
            }
        } else if (!wasAirborne && (f.mode != FighterMode.STAND || !fighting)) {
            f.vx = friction(f.vx);
        }
        f.x += f.vx;
        if (wasAirborne) {
            f.y += f.vy;
            f.vy -= c.gravity;
            if (f.y <= 0) {
                land(f);
            }
        }
        wallOverflow[p] = clampToStage(f, c);
        if (md != null && md.projectile != null && f.moveFrame == md.projectile.spawnFrame() && !s.projectiles[p].active) {
            spawnProjectile(s, p, md.projectile);
        }
    }

    private static int friction(int vx) {
        if (vx > 0) {
            return Math.max(0, vx - Rules.FRICTION);
        }
        return Math.min(0, vx + Rules.FRICTION);
    }

    private void land(FighterState f) {
        f.y = 0;
        f.vy = 0;
        switch (f.mode) {
            case AIR:
                setMode(f, FighterMode.LANDING);
                f.vx = 0;
                break;
            case ATTACK:
                // Jumping normals end on landing; grounded specials that rose keep running.
                if (moveOf(f).stance == Stance.JUMPING) {
                    setMode(f, FighterMode.LANDING);
                }
                f.vx = 0;
                break;
            case AIR_HIT:
                setMode(f, f.health <= 0 ? FighterMode.KO : FighterMode.KNOCKDOWN);
                f.vx = 0;
                f.juggle = 0;
                break;
            default:
                break;
        }
    }

    private MoveData moveOf(FighterState f) {
        return roster.get(f.character).move(f.move);
    }

    /** Clamps to the stage; returns how far past the wall the fighter tried to go (subpixels, signed). */
    private static int clampToStage(FighterState f, CharacterDef c) {
        int half = c.width / 2;
        if (f.x < half) {
            int over = f.x - half;
            f.x = half;
            return over;
        }
        if (f.x > Rules.STAGE_WIDTH - half) {
            int over = f.x - (Rules.STAGE_WIDTH - half);
            f.x = Rules.STAGE_WIDTH - half;
            return over;
        }
        return 0;
    }

    private void spawnProjectile(MatchState s, int p, ProjectileDef def) {
        FighterState f = s.fighters[p];
        ProjectileState pr = s.projectiles[p];
        pr.active = true;
        pr.move = f.move;
        pr.direction = f.facing;
        pr.x = f.x + f.facing * (def.box().x() + def.box().w() / 2);
        pr.y = f.y + def.box().y();
        pr.framesLeft = def.lifetime();
        pr.age = 0;
        events.projectilesLaunched[p]++;
    }

    private void resolveBodies(MatchState s) {
        FighterState a = s.fighters[0];
        FighterState b = s.fighters[1];
        // A fighter pushed into the wall while reeling pushes the attacker back instead.
        for (int p = 0; p < 2; p++) {
            FighterState f = s.fighters[p];
            FighterState o = s.fighters[1 - p];
            if (wallOverflow[p] != 0 && (f.mode == FighterMode.HITSTUN || f.mode == FighterMode.BLOCKSTUN) && !o.airborne()) {
                o.x -= wallOverflow[p];
                clampToStage(o, chars[1 - p]);
            }
        }
        // The camera limit: both fighters must fit one screen.
        int dist = b.x - a.x;
        if (Math.abs(dist) > Rules.MAX_SEPARATION) {
            int excess = Math.abs(dist) - Rules.MAX_SEPARATION;
            int dir = Integer.signum(dist);
            int half = excess / 2;
            a.x += dir * half;
            b.x -= dir * (excess - half);
        }
        // Body pushing between grounded fighters: overlapping bodies are pushed apart equally, walls
        // permitting. Airborne fighters pass over (cross-ups) and are pushed out when they land.
        int ha = chars[0].width / 2;
        int hb = chars[1].width / 2;
        int overlapX = (ha + hb) - Math.abs(b.x - a.x);
        if (overlapX > 0 && !a.airborne() && !b.airborne()) {
            int left = leftSeat(s);
            FighterState l = s.fighters[left];
            FighterState r = s.fighters[1 - left];
            int half = overlapX / 2;
            l.x -= half;
            r.x += overlapX - half;
            int lo = clampToStage(l, chars[left]);
            int ro = clampToStage(r, chars[1 - left]);
            // Whatever a wall absorbed goes to the other fighter.
            r.x -= lo;
            l.x -= ro;
            clampToStage(l, chars[left]);
            clampToStage(r, chars[1 - left]);
        }
    }

    /** Seat on the left; ties are broken by facing, then by the match PRNG (deterministically). */
    private static int leftSeat(MatchState s) {
        FighterState a = s.fighters[0];
        FighterState b = s.fighters[1];
        if (a.x != b.x) {
            return a.x < b.x ? 0 : 1;
        }
        if (a.facing != b.facing) {
            return a.facing > 0 ? 0 : 1;
        }
        Rng r = new Rng(s.rng); // rare: only when both stand on the same subpixel facing the same way
        int seat = r.nextInt(2);
        s.rng = r.state();
        return seat;
    }

    private void moveProjectiles(MatchState s) {
        for (int p = 0; p < 2; p++) {
            ProjectileState pr = s.projectiles[p];
            if (!pr.active) {
                continue;
            }
            ProjectileDef def = projectileDef(s, p);
            pr.x += pr.direction * def.speed();
            pr.age++;
            if (--pr.framesLeft <= 0 || pr.x + def.box().w() / 2 < 0 || pr.x - def.box().w() / 2 > Rules.STAGE_WIDTH) {
                pr.active = false;
            }
        }
    }

    private ProjectileDef projectileDef(MatchState s, int p) {
        return roster.get(s.fighters[p].character).move(s.projectiles[p].move).projectile;
    }

    // ------------------------------------------------------------------ 4. hit detection

    private void detectHits(MatchState s) {
        for (int p = 0; p < 2; p++) {
            hitKind[p] = NONE;
            projectileHit[p] = false;
            FighterState a = s.fighters[p];
            FighterState d = s.fighters[1 - p];
            if (a.mode != FighterMode.ATTACK) {
                continue;
            }
            MoveData md = chars[p].move(a.move);
            hitMove[p] = a.move;
            if (md.kind == MoveKind.THROW) {
                if (a.moveFrame == md.startup && throwable(s, 1 - p) && gap(s) <= md.throwRange) {
                    hitKind[p] = THROW;
                }
                continue;
            }
            if (!vulnerable(d, chars[1 - p])) {
                continue;
            }
            for (HitBox hb : md.hitboxes(a.moveFrame)) {
                if ((a.hitMask & (1 << hb.hit())) != 0) {
                    continue;
                }
                Box box = hb.box();
                int left = box.worldLeft(a.x, a.facing);
                int bottom = a.y + box.y();
                if (overlapsHurtboxes(left, left + box.w(), bottom, bottom + box.h(), d, chars[1 - p])) {
                    hitKind[p] = STRIKE;
                    hitIndex[p] = hb.hit();
                    break;
                }
            }
        }
        if (hitKind[0] == THROW && hitKind[1] == THROW) {
            // Both grabbed on the same frame: the match PRNG picks who gets the throw.
            Rng r = new Rng(s.rng);
            hitKind[r.nextInt(2)] = NONE;
            s.rng = r.state();
        }
        // Projectiles: two that meet cancel out; otherwise they hit or are blocked.
        ProjectileState p0 = s.projectiles[0];
        ProjectileState p1 = s.projectiles[1];
        if (p0.active && p1.active) {
            ProjectileDef d0 = projectileDef(s, 0);
            ProjectileDef d1 = projectileDef(s, 1);
            if (Math.abs(p0.x - p1.x) * 2 < d0.box().w() + d1.box().w()
                    && p0.y < p1.y + d1.box().h() && p1.y < p0.y + d0.box().h()) {
                p0.active = false;
                p1.active = false;
            }
        }
        for (int p = 0; p < 2; p++) {
            ProjectileState pr = s.projectiles[p];
            FighterState d = s.fighters[1 - p];
            if (!pr.active || !vulnerable(d, chars[1 - p])) {
                continue;
            }
            Box box = projectileDef(s, p).box();
            int left = pr.x - box.w() / 2;
            if (overlapsHurtboxes(left, left + box.w(), pr.y, pr.y + box.h(), d, chars[1 - p])) {
                projectileHit[p] = true;
            }
        }
    }

    private static boolean vulnerable(FighterState d, CharacterDef c) {
        switch (d.mode) {
            case KNOCKDOWN:
            case WAKEUP:
            case KO:
            case THROWN:
                return false;
            case AIR_HIT:
                return d.health > 0 && d.juggle < Rules.JUGGLE_LIMIT;
            case ATTACK:
                return !c.move(d.move).invincible(d.moveFrame);
            default:
                return d.health > 0;
        }
    }

    private boolean throwable(MatchState s, int p) {
        FighterState d = s.fighters[p];
        if (d.airborne() || d.throwProtection > 0 || d.health <= 0) {
            return false;
        }
        switch (d.mode) {
            case STAND:
            case CROUCH:
            case PREJUMP:
            case LANDING:
                return true;
            case ATTACK:
                return !chars[p].move(d.move).invincible(d.moveFrame);
            default:
                return false;
        }
    }

    /** Horizontal gap between the two bodies (negative when they overlap). */
    private int gap(MatchState s) {
        return Math.abs(s.fighters[1].x - s.fighters[0].x) - chars[0].width / 2 - chars[1].width / 2;
    }

    private static int bodyHeight(FighterState f, CharacterDef c) {
        if (f.airborne() || f.mode == FighterMode.AIR || f.mode == FighterMode.AIR_HIT) {
            return c.airHeight;
        }
        if (crouchingPosture(f, c)) {
            return c.crouchHeight;
        }
        return c.height;
    }

    /** Whether the fighter's body is low: crouching, crouch attacks, crouching stun. */
    public static boolean crouchingPosture(FighterState f, CharacterDef c) {
        switch (f.mode) {
            case CROUCH:
                return true;
            case ATTACK:
                return c.move(f.move).stance == Stance.CROUCHING;
            case HITSTUN:
            case BLOCKSTUN:
                return f.crouching;
            case KNOCKDOWN:
            case KO:
                return true;
            default:
                return false;
        }
    }

    private static boolean overlapsHurtboxes(int left, int right, int bottom, int top, FighterState d, CharacterDef c) {
        int half = c.width / 2;
        int bodyTop = d.y + bodyHeight(d, c);
        if (left < d.x + half && d.x - half < right && bottom < bodyTop && d.y < top) {
            return true;
        }
        if (d.mode == FighterMode.ATTACK) {
            for (Box hb : c.move(d.move).hurtboxes(d.moveFrame)) {
                int l = hb.worldLeft(d.x, d.facing);
                int b = d.y + hb.y();
                if (left < l + hb.w() && l < right && bottom < b + hb.h() && b < top) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ 5. damage/state

    private void applyHits(MatchState s) {
        for (int p = 0; p < 2; p++) {
            FighterState a = s.fighters[p];
            FighterState d = s.fighters[1 - p];
            if (hitKind[p] == STRIKE) {
                MoveData md = chars[p].move(hitMove[p]);
                a.hitMask |= 1 << hitIndex[p];
                a.connected = true;
                int dir = d.x != a.x ? Integer.signum(d.x - a.x) : a.facing;
                contact(s, p, dir, md.damage, md.chip, md.hitstun, md.blockstun, md.guard, md.pushback, md.knockdown, md.launch);
            } else if (hitKind[p] == THROW) {
                a.connected = true;
                if (hitMove[p] == CharacterDef.THROW_ID) {
                    // A normal throw can be broken: the opponent is held for the tech window first.
                    setMode(d, FighterMode.THROWN);
                    d.vx = 0;
                } else {
                    landThrow(s, p, chars[p].move(hitMove[p])); // command grabs cannot be broken
                }
            }
            if (projectileHit[p]) {
                ProjectileState pr = s.projectiles[p];
                ProjectileDef def = projectileDef(s, p);
                pr.active = false;
                contact(s, p, pr.direction, def.damage(), def.chip(), def.hitstun(), def.blockstun(), Guard.MID,
                        def.pushback(), def.knockdown(), 0);
            }
        }
    }

    /** Seat {@code p}'s throw {@code md} lands on the opponent: damage, and up it goes. */
    private void landThrow(MatchState s, int p, MoveData md) {
        FighterState a = s.fighters[p];
        FighterState d = s.fighters[1 - p];
        int dmg = scaled(md.damage, d.combo);
        d.combo++;
        hurt(s, p, d, dmg);
        setMode(d, FighterMode.AIR_HIT);
        d.vy = Math.max(md.launch, Rules.DEFAULT_LAUNCH);
        d.vx = a.facing * Rules.FALL_DRIFT * 2;
        d.juggle = Rules.JUGGLE_LIMIT; // no juggles after a throw
        events.hits[p]++;
        events.throwsLanded[p]++;
    }

    /** Seat {@code p}, held by a throw, breaks it: both are pushed apart and neither can be thrown at once. */
    private void breakThrow(MatchState s, int p) {
        FighterState d = s.fighters[p];
        FighterState a = s.fighters[1 - p];
        int dir = d.x != a.x ? Integer.signum(d.x - a.x) : -a.facing;
        pushedApart(d, dir);
        if (holdingThrow(a)) { // not when a trade knocked the thrower away
            pushedApart(a, -dir);
        }
        events.throwsBroken[p]++;
    }

    /** A fighter sliding away from a broken throw in direction {@code dir}, not throwable for a while. */
    private static void pushedApart(FighterState f, int dir) {
        setMode(f, FighterMode.BLOCKSTUN);
        f.stun = Rules.THROW_TECH_FRAMES;
        f.crouching = false;
        f.vx = dir * Rules.THROW_TECH_PUSH;
        f.throwProtection = Rules.THROW_PROTECTION_FRAMES + Rules.THROW_TECH_FRAMES;
    }

    /** Whether {@code f} is still in the normal throw that holds its opponent. */
    private static boolean holdingThrow(FighterState f) {
        return f.mode == FighterMode.ATTACK && f.move == CharacterDef.THROW_ID;
    }

    /** An attack of seat {@code p} travelling in direction {@code dir} reaches the opponent. */
    private void contact(MatchState s, int p, int dir, int damage, int chip, int hitstun, int blockstun,
                         Guard guard, int pushback, boolean knockdown, int launch) {
        FighterState d = s.fighters[1 - p];
        int in = d.inputAt(s.frame);
        boolean low = (in & FrameInput.DOWN) != 0;
        boolean canBlock = !d.airborne()
                && (d.mode == FighterMode.STAND || d.mode == FighterMode.CROUCH || d.mode == FighterMode.BLOCKSTUN)
                && FighterState.holdsAway(in, dir)
                && !(guard == Guard.HIGH && low)
                && !(guard == Guard.LOW && !low);
        if (canBlock) {
            hurt(s, p, d, chip);
            events.blocked[p]++;
            if (d.health <= 0) {
                knockDown(d, dir, Rules.DEFAULT_LAUNCH, false);
                return;
            }
            setMode(d, FighterMode.BLOCKSTUN);
            d.stun = Math.max(1, blockstun);
            d.crouching = low;
            d.vx = dir * pushback;
            return;
        }
        boolean wasAirborne = d.airborne() || d.mode == FighterMode.AIR || d.mode == FighterMode.AIR_HIT;
        boolean wasCrouching = crouchingPosture(d, chars[1 - p]);
        int dmg = scaled(damage, d.combo);
        d.combo++;
        hurt(s, p, d, dmg);
        events.hits[p]++;
        if (d.health <= 0 || knockdown || wasAirborne) {
            int vy = launch > 0 ? launch : (wasAirborne ? 3 * Rules.SUB : Rules.DEFAULT_LAUNCH);
            if (d.health <= 0) {
                vy = Math.max(vy, Rules.DEFAULT_LAUNCH);
            }
            knockDown(d, dir, vy, wasAirborne);
            return;
        }
        setMode(d, FighterMode.HITSTUN);
        d.stun = Math.max(1, hitstun);
        d.crouching = wasCrouching;
        d.vx = dir * pushback;
    }

    private static void knockDown(FighterState d, int dir, int vy, boolean juggled) {
        setMode(d, FighterMode.AIR_HIT);
        d.vy = vy;
        d.vx = dir * Rules.FALL_DRIFT;
        d.juggle = juggled ? d.juggle + 1 : 1;
        d.stun = 0;
    }

    private void hurt(MatchState s, int attacker, FighterState d, int amount) {
        int dealt = Math.min(amount, Math.max(0, d.health));
        d.health -= dealt;
        d.damageTaken += dealt;
        events.damage[attacker] += dealt;
    }

    private static int scaled(int damage, int comboHits) {
        if (damage <= 0) {
            return 0;
        }
        int pct = Rules.comboScaling(comboHits);
        return Math.max(1, damage * pct / 100);
    }

    // ------------------------------------------------------------------ 6. timers

    private void advance(MatchState s, int p) {
        FighterState f = s.fighters[p];
        CharacterDef c = chars[p];
        f.modeFrame++;
        if (f.throwProtection > 0) {
            f.throwProtection--;
        }
        switch (f.mode) {
            case ATTACK: {
                MoveData md = c.move(f.move);
                if (++f.moveFrame >= md.total) {
                    if (f.airborne()) {
                        setMode(f, FighterMode.AIR);
                        f.airAttackUsed = true;
                    } else {
                        setMode(f, FighterMode.STAND);
                    }
                }
                break;
            }
            case PREJUMP:
                if (f.modeFrame >= c.jumpSquat) {
                    setMode(f, FighterMode.AIR);
                    f.vy = c.jumpUp;
                    f.vx = f.jumpDirection * c.jumpForward * f.facing;
                    f.airAttackUsed = false;
                }
                break;
            case HITSTUN:
            case BLOCKSTUN:
                if (--f.stun <= 0) {
                    f.stun = 0;
                    // After hitstun a fighter cannot be thrown at once (no throw loops out of combos);
                    // after blockstun it can: a throw is the answer to a player who only blocks.
                    if (f.mode == FighterMode.HITSTUN) {
                        f.throwProtection = Rules.THROW_PROTECTION_FRAMES;
                    }
                    setMode(f, f.crouching ? FighterMode.CROUCH : FighterMode.STAND);
                    f.combo = 0;
                }
                break;
            case THROWN:
                if (f.modeFrame >= Rules.THROW_TECH_FRAMES) {
                    if (holdingThrow(s.fighters[1 - p])) {
                        landThrow(s, 1 - p, chars[1 - p].move(CharacterDef.THROW_ID));
                    } else {
                        setMode(f, FighterMode.STAND); // the thrower was interrupted
                    }
                }
                break;
            case LANDING:
                if (f.modeFrame >= Rules.LANDING_FRAMES) {
                    setMode(f, FighterMode.STAND);
                }
                break;
            case KNOCKDOWN:
                if (f.modeFrame >= Rules.KNOCKDOWN_FRAMES) {
                    setMode(f, FighterMode.WAKEUP);
                }
                break;
            case WAKEUP:
                if (f.modeFrame >= Rules.WAKEUP_FRAMES) {
                    setMode(f, FighterMode.STAND);
                    f.combo = 0;
                    f.juggle = 0;
                    f.throwProtection = Rules.THROW_PROTECTION_FRAMES;
                }
                break;
            default:
                break;
        }
        if ((f.mode == FighterMode.STAND || f.mode == FighterMode.CROUCH) && !f.airborne()) {
            FighterState o = s.fighters[1 - p];
            if (o.x != f.x) {
                f.facing = o.x > f.x ? 1 : -1;
            }
        }
    }

    // ------------------------------------------------------------------ 7. round end

    private void roundPhase(MatchState s) {
        switch (s.phase) {
            case INTRO:
                if (++s.phaseFrame >= Rules.ROUND_INTRO_FRAMES) {
                    s.phase = MatchPhase.FIGHT;
                    s.phaseFrame = 0;
                }
                break;
            case FIGHT: {
                s.phaseFrame++;
                s.timerFrames--;
                int h0 = s.fighters[0].health;
                int h1 = s.fighters[1].health;
                if (h0 <= 0 || h1 <= 0) {
                    int result = h0 <= 0 && h1 <= 0 ? MatchState.DRAW : (h0 <= 0 ? MatchState.P2_WINS : MatchState.P1_WINS);
                    endRound(s, result, result == MatchState.DRAW ? MatchState.END_DOUBLE_KO : MatchState.END_KO);
                } else if (s.timerFrames <= 0) {
                    // Characters have different health: the larger share of one's own health left wins.
                    long share0 = (long) h0 * roster.get(s.fighters[1].character).health;
                    long share1 = (long) h1 * roster.get(s.fighters[0].character).health;
                    int result = share0 == share1 ? MatchState.DRAW : (share0 > share1 ? MatchState.P1_WINS : MatchState.P2_WINS);
                    endRound(s, result, MatchState.END_TIME);
                }
                break;
            }
            case ROUND_END:
                if (++s.phaseFrame >= Rules.ROUND_END_FRAMES) {
                    int need = s.bestOf / 2 + 1;
                    if (s.roundsWon[0] >= need || s.roundsWon[1] >= need || s.roundsPlayed >= s.bestOf) {
                        s.phase = MatchPhase.MATCH_OVER;
                        s.phaseFrame = 0;
                        s.winner = s.roundsWon[0] == s.roundsWon[1] ? MatchState.DRAW
                                : (s.roundsWon[0] > s.roundsWon[1] ? MatchState.P1_WINS : MatchState.P2_WINS);
                        events.matchOver = true;
                    } else {
                        startRound(s, s.round + 1);
                    }
                }
                break;
            default:
                break;
        }
    }

    private void endRound(MatchState s, int result, int how) {
        s.roundResults[s.roundsPlayed++] = result;
        if (result != MatchState.DRAW) {
            s.roundsWon[result]++;
        }
        s.lastRoundEnd = how;
        s.phase = MatchPhase.ROUND_END;
        s.phaseFrame = 0;
        s.projectiles[0].active = false;
        s.projectiles[1].active = false;
        events.roundOver = true;
        events.roundResult = result;
    }

    private void startRound(MatchState s, int round) {
        s.round = round;
        s.phase = MatchPhase.INTRO;
        s.phaseFrame = 0;
        s.timerFrames = s.roundCounts * Rules.FRAMES_PER_COUNT;
        for (int p = 0; p < 2; p++) {
            FighterState f = s.fighters[p];
            CharacterDef c = roster.get(f.character);
            f.x = Rules.STAGE_WIDTH / 2 + (p == 0 ? -Rules.START_OFFSET : Rules.START_OFFSET);
            f.y = 0;
            f.vx = 0;
            f.vy = 0;
            f.facing = p == 0 ? 1 : -1;
            f.health = c.health;
            setMode(f, FighterMode.STAND);
            f.stun = 0;
            f.hitMask = 0;
            f.connected = false;
            f.juggle = 0;
            f.combo = 0;
            f.crouching = false;
            f.jumpDirection = 0;
            f.airAttackUsed = false;
            f.backCharge = 0;
            f.downCharge = 0;
            f.backChargeGrace = 0;
            f.downChargeGrace = 0;
            f.throwProtection = 0;
            java.util.Arrays.fill(f.inputs, 0);
            f.damageTaken = 0;
            s.projectiles[p].active = false;
        }
    }
}
