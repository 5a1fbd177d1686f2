package io.kumite.engine.bot;

import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Guard;
import io.kumite.engine.fighter.HitBox;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.MoveKind;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.engine.fighter.Stance;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.Rules;
import io.kumite.engine.sim.Simulator;

/**
 * A bot's reading of one character's move list: which moves serve as jab, poke, anti-air, sweep,
 * jump-in, and which specials are projectiles, anti-airs, rushes, grabs, overheads or lows. Derived
 * from the frame data alone, so a character added as a data file gets a sensible bot for free.
 */
final class MoveBook {
    final CharacterDef def;
    final int jab;
    final int poke;
    final int antiAirNormal;
    final int sweep;
    final int jumpIn;
    final int comboStarter;
    /** Special indices, -1 when the character has none of that role. */
    final int projectile;
    final int risingAntiAir;
    final int rush;
    final int grab;
    final int overhead;
    final int low;
    final int longPoke;
    /** Whether any special is a charge move (such characters wait crouching back to charge). */
    final boolean charge;
    /** The longest-reaching grounded normal that is fast (active by frame 10) and safe on block (-2 or better). */
    final int safePoke;
    /** How far past its front edge the longest of its grounded normals reaches, whatever its speed. */
    final int longestReach;
    /** The fastest grounded normal that leaves the attacker free first when blocked (for tick throws). */
    final int tick;
    /** The grounded normal that does the most damage (for punishes). */
    final int heaviest;
    /** Frames of each special's motion input (by special index). */
    final int[] motionFrames;
    /** Bit i set for each grounded normal i with a role above (jab, poke, anti-air, punish, ...). */
    final long roleNormals;
    /** Reach of the normal throw, and of the command grab (-1 without one), from body edge to body edge. */
    final int throwRange;
    final int grabRange;
    /** Bit i set for each normal i with a hitbox low enough to hit a crouching body. */
    private final long lowNormals;


    MoveBook(CharacterDef c) {
        this.def = c;
        int bestJab = -1;
        int bestPoke = -1;
        int bestAa = -1;
        int bestSweep = -1;
        int bestJump = -1;
        int bestStarter = -1;
        for (int id = 0; id < CharacterDef.THROW_ID; id++) {
            MoveData m = c.move(id);
            if (m.stance == Stance.JUMPING) {
                if (bestJump < 0 || m.damage > c.move(bestJump).damage) {
                    bestJump = id;
                }
                continue;
            }
            if (bestJab < 0 || m.firstActiveFrame < c.move(bestJab).firstActiveFrame) {
                bestJab = id;
            }
            if (m.firstActiveFrame <= 9 && (bestPoke < 0 || m.reach > c.move(bestPoke).reach)) {
                bestPoke = id;
            }
            if (m.firstActiveFrame <= 9 && (bestAa < 0 || m.top > c.move(bestAa).top)) {
                bestAa = id;
            }
            if (m.knockdown && m.guard == Guard.LOW && (bestSweep < 0 || m.reach > c.move(bestSweep).reach)) {
                bestSweep = id;
            }
            if (m.cancelable && m.firstActiveFrame <= 7 && (bestStarter < 0 || m.reach > c.move(bestStarter).reach)) {
                bestStarter = id;
            }
        }
        jab = bestJab;
        poke = bestPoke;
        antiAirNormal = bestAa;
        sweep = bestSweep;
        jumpIn = bestJump;
        comboStarter = bestStarter;

        int proj = -1;
        int rise = -1;
        int rushing = -1;
        int grabbing = -1;
        int over = -1;
        int lowSpecial = -1;
        int longP = -1;
        for (int i = 0; i < c.specials().size(); i++) {
            SpecialDef sd = c.special(i);
            MoveData m = sd.move();
            if (m.projectile != null) {
                proj = proj < 0 ? i : proj;
            } else if (m.kind == MoveKind.THROW) {
                grabbing = grabbing < 0 || m.throwRange < c.special(grabbing).move().throwRange ? i : grabbing;
            } else if (m.rises() && m.hasInvincibility) {
                rise = rise < 0 ? i : rise;
            } else if (m.guard == Guard.HIGH) {
                over = over < 0 ? i : over;
            } else if (m.guard == Guard.LOW) {
                lowSpecial = lowSpecial < 0 ? i : lowSpecial;
            } else if (m.maxForwardSpeed() >= 4 * Rules.SUB) {
                rushing = rushing < 0 ? i : rushing;
            } else if (m.reach >= 90 * Rules.SUB) {
                longP = longP < 0 ? i : longP;
            } else {
                rushing = rushing < 0 ? i : rushing;
            }
        }
        projectile = proj;
        risingAntiAir = rise;
        rush = rushing;
        grab = grabbing;
        overhead = over;
        low = lowSpecial;
        longPoke = longP;
        boolean anyCharge = false;
        for (SpecialDef sd : c.specials()) {
            anyCharge |= sd.motion().isCharge();
        }
        charge = anyCharge;
        int safe = -1;
        int fastPlus = -1;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            MoveData m = c.move(id);
            int blockAdvantage = blockAdvantage(m);
            boolean low = hitsCrouching(m); // a standing jab sails over a crouching opponent
            if (low && m.firstActiveFrame <= 10 && blockAdvantage >= -2 && (safe < 0 || m.reach > c.move(safe).reach)) {
                safe = id;
            }
            if (low && blockAdvantage >= 0 && (fastPlus < 0 || m.firstActiveFrame < c.move(fastPlus).firstActiveFrame)) {
                fastPlus = id;
            }
        }
        safePoke = safe >= 0 ? safe : poke;
        int longest = 0;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            longest = Math.max(longest, edgeReach(id));
        }
        longestReach = longest;
        tick = fastPlus >= 0 ? fastPlus : jab;
        int strongest = -1;
        for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
            if (strongest < 0 || c.move(id).damage > c.move(strongest).damage) {
                strongest = id;
            }
        }
        heaviest = strongest;
        long roles = 0;
        for (int id : new int[] {jab, poke, safePoke, tick, sweep, antiAirNormal, comboStarter, heaviest}) {
            if (id >= 0) {
                roles |= 1L << id;
            }
        }
        roleNormals = roles;
        throwRange = c.move(CharacterDef.THROW_ID).throwRange;
        grabRange = grab >= 0 ? c.special(grab).move().throwRange : -1;
        long lows = 0;
        for (int id = 0; id < CharacterDef.THROW_ID; id++) {
            if (hitsCrouching(c.move(id))) {
                lows |= 1L << id;
            }
        }
        lowNormals = lows;
        motionFrames = new int[c.specials().size()];
        for (int i = 0; i < motionFrames.length; i++) {
            motionFrames[i] = io.kumite.engine.sim.MotionReader.inputFrames(c.special(i).motion());
        }
    }

    /** Lowest hitbox bottom (pixels above the floor) that still reaches every roster's crouching bodies. */
    private static final int CROUCHING_REACH = 56 * Rules.SUB;

    /** Whether some hitbox of {@code m} is low enough to hit a crouching opponent. */
    private static boolean hitsCrouching(MoveData m) {
        for (int f = 0; f < m.total; f++) {
            for (HitBox hb : m.hitboxes(f)) {
                if (hb.box().y() < CROUCHING_REACH) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Frames the attacker is free before the defender when the move is blocked on its first active
     * frame (blockstun minus the frames it has left): at 0 or more it is safe on block.
     */
    static int blockAdvantage(MoveData m) {
        return m.blockstun - (m.total - m.firstActiveFrame);
    }

    /**
     * Whether normal {@code id} can hit {@code target} (of character {@code targetDef}) as it is now: a
     * standing jab sails over a crouching body, and over one in a crouching move.
     */
    boolean canHit(int id, FighterState target, CharacterDef targetDef) {
        return (lowNormals & (1L << id)) != 0 || target.airborne() || !Simulator.crouchingPosture(target, targetDef);
    }

    /**
     * Frames a fighter of this character has left in its move once the move's hits are over, or in
     * its landing; 0 while the move can still hit, or when it is doing something else.
     */
    int recoveryLeft(FighterState f) {
        if (f.mode == FighterMode.LANDING) {
            return Rules.LANDING_FRAMES - f.modeFrame;
        }
        if (f.mode != FighterMode.ATTACK) {
            return 0;
        }
        MoveData m = def.move(f.move);
        return f.moveFrame >= m.firstActiveFrame + m.active ? m.total - f.moveFrame : 0;
    }

    /** Whether fighter {@code f} (of this character) can do special {@code special} now: a charge move needs its charge. */
    boolean ready(FighterState f, int special) {
        switch (def.special(special).motion()) {
            case CHARGE_BACK_FORWARD:
                return f.backCharge >= Rules.CHARGE_FRAMES;
            case CHARGE_DOWN_UP:
                return f.downCharge >= Rules.CHARGE_FRAMES;
            default:
                return true;
        }
    }

    MoveData special(int index) {
        return def.special(index).move();
    }

    /** How far (subpixels) normal {@code id} reaches past the body's front edge; 0 for no move (-1). */
    int edgeReach(int id) {
        return id >= 0 ? def.move(id).reach - def.width / 2 : 0;
    }

    /**
     * The first frame (0-based) on which a hitbox of special {@code index} reaches {@code distance}
     * in front of the fighter's origin, counting only the forward speed the move itself sets up to
     * that frame; -1 when none does. Sharper than {@link #specialRange}, which adds the whole travel
     * to the longest box even when that box comes out before the travel.
     */
    int specialHitFrame(int index, int distance) {
        MoveData m = special(index);
        if (m.projectile != null || m.kind == MoveKind.THROW) {
            return specialRange(index) >= distance ? m.firstActiveFrame : -1;
        }
        long travel = 0;
        for (int f = 0; f < m.total; f++) {
            for (HitBox hb : m.hitboxes(f)) {
                if (travel + hb.box().x() + hb.box().w() >= distance) {
                    return f;
                }
            }
            int v = m.vx(f);
            if (v != MoveData.KEEP_VELOCITY && v > 0) {
                travel += v;
            }
        }
        return -1;
    }

    /** Distance (subpixels) a special travels forward before its hitboxes end, plus its reach. */
    int specialRange(int index) {
        MoveData m = special(index);
        if (m.projectile != null) {
            return Rules.STAGE_WIDTH;
        }
        if (m.kind == MoveKind.THROW) {
            return m.throwRange + def.width / 2;
        }
        long travel = 0;
        int lastActive = 0;
        for (int f = 0; f < m.total; f++) {
            if (m.hitboxes(f).length > 0) {
                lastActive = f;
            }
        }
        for (int f = 0; f <= lastActive; f++) {
            int v = m.vx(f);
            if (v != MoveData.KEEP_VELOCITY && v > 0) {
                travel += v;
            }
        }
        return (int) Math.min(Rules.STAGE_WIDTH, travel + m.reach);
    }
}
