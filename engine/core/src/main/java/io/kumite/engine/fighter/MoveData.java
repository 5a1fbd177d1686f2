package io.kumite.engine.fighter;

/**
 * The frame data of one move, expanded per frame at load time so the simulation only indexes arrays.
 *
 * <p>Frames are 0-based move frames: the move runs {@code total = startup + active + recovery} frames,
 * with hitboxes normally on {@code [startup, startup + active)}. All distances and speeds are fixed-point
 * subpixels (per frame for speeds). Immutable and thread-safe.
 */
public final class MoveData {
    /**
     * Upward speed of a knocked-down or air-hit fighter when the move gives none (the loader's default
     * for knockdowns; {@code sim.Rules.DEFAULT_LAUNCH} is this).
     */
    public static final int DEFAULT_LAUNCH = 5 * Box.SUB;
    /** Marks a frame without a velocity override. */
    public static final int KEEP_VELOCITY = Integer.MIN_VALUE;

    private static final HitBox[] NO_HITBOXES = {};
    private static final Box[] NO_BOXES = {};

    public final String name;
    public final MoveKind kind;
    public final Stance stance;
    public final int startup;
    public final int active;
    public final int recovery;
    public final int total;
    public final int damage;
    public final int chip;
    public final int hitstun;
    public final int blockstun;
    public final Guard guard;
    /** Initial slide speed given to the opponent on hit or block (fixed-point per frame). */
    public final int pushback;
    public final boolean knockdown;
    /** Upward speed given to an opponent knocked down or hit in the air (fixed-point per frame). */
    public final int launch;
    /** Whether, once it has connected (hit or block), it can be cancelled into a special move. */
    public final boolean cancelable;
    /** For throws: the largest gap between the two bodies at which it connects (fixed-point). */
    public final int throwRange;
    /** May be null. */
    public final ProjectileDef projectile;

    private final HitBox[][] hitboxes;
    private final Box[][] hurtboxes;
    private final int[] vx;
    private final int[] vy;
    private final boolean[] invincible;

    /** Farthest forward reach of any hitbox (or the throw range), from the origin; for bots. */
    public final int reach;
    /** Highest top of any hitbox (for anti-air choice by bots). */
    public final int top;
    /** First frame that has a hitbox (or the throw check / projectile spawn frame). */
    public final int firstActiveFrame;
    public final boolean hasInvincibility;

    MoveData(String name, MoveKind kind, Stance stance, int startup, int active, int recovery,
             int damage, int chip, int hitstun, int blockstun, Guard guard, int pushback,
             boolean knockdown, int launch, boolean cancelable, int throwRange, ProjectileDef projectile,
             HitBox[][] hitboxes, Box[][] hurtboxes, int[] vx, int[] vy, boolean[] invincible) {
        this.name = name;
        this.kind = kind;
        this.stance = stance;
        this.startup = startup;
        this.active = active;
        this.recovery = recovery;
        this.total = startup + active + recovery;
        this.damage = damage;
        this.chip = chip;
        this.hitstun = hitstun;
        this.blockstun = blockstun;
        this.guard = guard;
        this.pushback = pushback;
        this.knockdown = knockdown;
        this.launch = launch;
        this.cancelable = cancelable;
        this.throwRange = throwRange;
        this.projectile = projectile;
        this.hitboxes = hitboxes;
        this.hurtboxes = hurtboxes;
        this.vx = vx;
        this.vy = vy;
        this.invincible = invincible;
        int r = kind == MoveKind.THROW ? throwRange : 0;
        int t = 0;
        int first = kind == MoveKind.THROW ? startup : Integer.MAX_VALUE;
        boolean inv = false;
        for (int f = 0; f < total; f++) {
            for (HitBox hb : hitboxes[f]) {
                r = Math.max(r, hb.box().x() + hb.box().w());
                t = Math.max(t, hb.box().y() + hb.box().h());
                first = Math.min(first, f);
            }
            inv |= invincible[f];
        }
        if (projectile != null) {
            first = Math.min(first, projectile.spawnFrame());
        }
        this.reach = r;
        this.top = t;
        this.firstActiveFrame = first == Integer.MAX_VALUE ? startup : first;
        this.hasInvincibility = inv;
    }

    static HitBox[] noHitboxes() {
        return NO_HITBOXES;
    }

    static Box[] noBoxes() {
        return NO_BOXES;
    }

    /** Hitboxes on move frame {@code f} (0-based); empty outside the move. Do not modify. */
    public HitBox[] hitboxes(int f) {
        return f >= 0 && f < total ? hitboxes[f] : NO_HITBOXES;
    }

    /** Extra hurtboxes (extended limbs) on move frame {@code f}; the body box is added by the sim. */
    public Box[] hurtboxes(int f) {
        return f >= 0 && f < total ? hurtboxes[f] : NO_BOXES;
    }

    /** Forward speed set on frame {@code f}, or {@link #KEEP_VELOCITY}. */
    public int vx(int f) {
        return f >= 0 && f < total ? vx[f] : KEEP_VELOCITY;
    }

    /** Upward speed set on frame {@code f}, or {@link #KEEP_VELOCITY}. */
    public int vy(int f) {
        return f >= 0 && f < total ? vy[f] : KEEP_VELOCITY;
    }

    public boolean invincible(int f) {
        return f >= 0 && f < total && invincible[f];
    }

    /** Whether this move sends the fighter upward at some point (rising anti-airs). */
    public boolean rises() {
        for (int v : vy) {
            if (v != KEEP_VELOCITY && v > 0) {
                return true;
            }
        }
        return false;
    }

    /** Largest forward speed the move sets (rushing moves). */
    public int maxForwardSpeed() {
        int m = 0;
        for (int v : vx) {
            if (v != KEEP_VELOCITY) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return name + " (" + startup + "/" + active + "/" + recovery + ", " + damage + " dmg)";
    }
}
