package io.kumite.engine.render;

import io.kumite.engine.fighter.Box;
import io.kumite.engine.fighter.CharacterDef;
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
import io.kumite.engine.sim.ProjectileState;
import io.kumite.engine.sim.Rules;

/**
 * Draws a match state straight into a caller-owned byte buffer at the requested size: no
 * render-then-downscale. The output is channels-first uint8: {@code [H, W]} luminance for grayscale,
 * {@code [3, H, W]} (R, G, B planes) for colour. What is drawn: the stage (scrolling with a camera that
 * follows both fighters), both fighters as procedural bodies whose pose shows the move, its phase
 * (the striking fist or foot lights up on active frames) and the facing, their shadows, projectiles,
 * both health bars, the round timer and round markers.
 *
 * <p>A pure function of the state: the same state gives the same bytes on any JVM (integer maths,
 * {@code StrictMath} tables). Allocation-free after construction. Not thread-safe: one per thread.
 */
public final class Renderer {
    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 512;
    /** World pixels visible across the screen, and from the floor margin to the top. */
    public static final int VIEW_WIDTH = 384;
    public static final int VIEW_HEIGHT = 240;
    /** World pixels of floor shown below the fighters' feet. */
    public static final int FLOOR_MARGIN = 22;
    /** From this output height up, limbs have elbows and knees and the belt is drawn. */
    public static final int DETAIL_HEIGHT = 128;

    private static final int S = Canvas.SUB;
    private static final int STAGE_PX = Rules.STAGE_WIDTH / Rules.SUB;
    private static final int HIGHLIGHT = 0xFFFFF0;
    private static final int SHADOW = 0x140C08;
    private static final int BAR_BACK = 0x601010;
    private static final int BAR_HEALTH = 0xF0D020;
    private static final int HUD_TEXT = 0xFFFFFF;
    private static final int MARKER_OFF = 0x383838;
    private static final int[] SIN = new int[361];

    static {
        for (int d = 0; d <= 360; d++) {
            SIN[d] = (int) Math.round(StrictMath.sin(StrictMath.toRadians(d)) * 1024);
        }
    }

    private final Roster roster;
    private final Canvas canvas;
    private final int width;
    private final int height;
    private final int channels;
    private final int backgroundWidth;
    private final byte[] background;
    /** Per character and move: limb used (0 punch, 1 kick, 2 both hands) and target point (world px * 16). */
    private final int[][] limb;
    private final int[][] targetX;
    private final int[][] targetY;
    // Scratch pose, world px * 16 relative to the fighter's feet, facing right; then in screen 1/16 px.
    private final int[] jx = new int[JOINTS];
    private final int[] jy = new int[JOINTS];
    private final int[] sx = new int[JOINTS];
    private final int[] sy = new int[JOINTS];
    /** Base poses per character: standing, crouching, airborne (x then y per joint, world px * 16). */
    private final int[][] standPose;
    private final int[][] crouchPose;
    private final int[][] airPose;
    /** Per character and palette (0 normal, 1 mirror-match alternate): the colours of {@link #PRIMARY}... */
    private final int[][][] colors;
    /** Per character: radii in screen 1/16 px of arm, leg, torso, head, fist, foot, belt, headband. */
    private final int[][] radii;
    /** World (px * 16) to screen (1/16 px) scale, 16.16 fixed point. */
    private final long kx;
    private final long ky;
    private static final int PRIMARY = 0;
    private static final int BACK = 1;
    private static final int SKIN = 2;
    private static final int BACK_SKIN = 3;
    private static final int TRIM = 4;
    private static final int FOOT = 5;

    private static final int HIP = 0;
    private static final int NECK = 1;
    private static final int HEAD = 2;
    private static final int F_HAND = 3;
    private static final int F_ELBOW = 4;
    private static final int B_HAND = 5;
    private static final int B_ELBOW = 6;
    private static final int F_FOOT = 7;
    private static final int F_KNEE = 8;
    private static final int B_FOOT = 9;
    private static final int B_KNEE = 10;
    private static final int JOINTS = 11;

    /**
     * @param width  output width in pixels, 16..512
     * @param height output height in pixels, 16..512
     * @param rgb    three planes (R, G, B) when true, one luminance plane when false
     */
    public Renderer(Roster roster, int width, int height, boolean rgb) {
        if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("observation size must be " + MIN_SIZE + ".." + MAX_SIZE
                    + " pixels per side, got " + width + "x" + height);
        }
        this.roster = roster;
        this.width = width;
        this.height = height;
        this.channels = rgb ? 3 : 1;
        this.canvas = new Canvas(width, height, rgb);
        this.kx = ((long) width << 16) / VIEW_WIDTH;
        this.ky = ((long) height << 16) / VIEW_HEIGHT;
        this.backgroundWidth = (int) ((long) STAGE_PX * width / VIEW_WIDTH) + 2;
        this.background = new byte[channels * height * backgroundWidth];
        drawBackground();
        int n = roster.size();
        standPose = new int[n][];
        crouchPose = new int[n][];
        airPose = new int[n][];
        colors = new int[n][2][];
        radii = new int[n][];
        for (int c = 0; c < n; c++) {
            prepareCharacter(roster.get(c), c);
        }
        limb = new int[n][];
        targetX = new int[n][];
        targetY = new int[n][];
        for (int c = 0; c < n; c++) {
            CharacterDef def = roster.get(c);
            limb[c] = new int[def.moveCount()];
            targetX[c] = new int[def.moveCount()];
            targetY[c] = new int[def.moveCount()];
            for (int m = 0; m < def.moveCount(); m++) {
                prepareMove(def, c, m);
            }
        }
    }

    /**
     * A renderer of the same size and kind that shares this one's read-only tables (background, poses,
     * colours): many environments then keep one background in the cache instead of one each. The new
     * renderer has its own scratch state, so each may be used by a different thread.
     */
    public Renderer copy() {
        return new Renderer(this);
    }

    private Renderer(Renderer t) {
        this.roster = t.roster;
        this.width = t.width;
        this.height = t.height;
        this.channels = t.channels;
        this.canvas = new Canvas(width, height, channels == 3);
        this.backgroundWidth = t.backgroundWidth;
        this.background = t.background;
        this.limb = t.limb;
        this.targetX = t.targetX;
        this.targetY = t.targetY;
        this.standPose = t.standPose;
        this.crouchPose = t.crouchPose;
        this.airPose = t.airPose;
        this.colors = t.colors;
        this.radii = t.radii;
        this.kx = t.kx;
        this.ky = t.ky;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /** Bytes one frame takes: channels * height * width. */
    public int frameBytes() {
        return channels * height * width;
    }

    private void prepareCharacter(CharacterDef def, int c) {
        int h = def.height / Rules.SUB * S;
        int w = def.width / Rules.SUB * S;
        standPose[c] = pose(w, h, new int[][] {
            {0, 52}, {4, 84}, {6, 92}, {46, 74}, {30, 66}, {22, 70}, {0, 64}, {32, 0}, {28, 27}, {-30, 0}, {-20, 27}});
        crouchPose[c] = pose(w, h, new int[][] {
            {0, 30}, {14, 56}, {18, 64}, {48, 48}, {34, 40}, {26, 44}, {6, 38}, {40, 0}, {55, 22}, {-34, 0}, {-8, 16}});
        airPose[c] = pose(w, h, new int[][] {
            {0, 46}, {6, 78}, {8, 86}, {40, 70}, {26, 62}, {12, 68}, {-6, 62}, {22, 14}, {40, 32}, {-18, 18}, {4, 30}});
        for (int alt = 0; alt < 2; alt++) {
            int primary = alt == 1 ? 0xFFFFFF ^ def.primaryColor : def.primaryColor;
            int[] col = {primary, shade(primary, 72), def.skinColor, shade(def.skinColor, 80),
                def.secondaryColor, shade(def.skinColor, 90)};
            if (channels == 1) {
                // In grayscale the fighters live in the bright half of the range and the stage in the
                // dark half, so a fighter never melts into the background whatever its colours.
                for (int k = 0; k < col.length; k++) {
                    int v = 110 + Canvas.luma(col[k]) * 145 / 255;
                    col[k] = (v << 16) | (v << 8) | v;
                }
            }
            colors[c][alt] = col;
        }
        int limbR = Math.max(S / 2, (int) ((long) h * 5 / 100 * height / VIEW_HEIGHT));
        int legR = Math.max(S / 2, (int) ((long) h * 6 / 100 * height / VIEW_HEIGHT));
        int torsoR = Math.max(S / 2, (int) ((long) w * 24 / 100 * height / VIEW_HEIGHT));
        int headR = Math.max(S / 2, (int) ((long) h * 9 / 100 * height / VIEW_HEIGHT));
        radii[c] = new int[] {limbR, legR, torsoR, headR, Math.max(S / 2, limbR * 3 / 2), Math.max(S / 2, legR * 3 / 4),
            Math.max(S / 2, torsoR / 3), Math.max(S / 2, headR / 2)};
    }

    /** A pose from joint positions given in percent of body width (x) and height (y). */
    private static int[] pose(int w, int h, int[][] percent) {
        int[] p = new int[2 * JOINTS];
        for (int j = 0; j < JOINTS; j++) {
            p[2 * j] = w * percent[j][0] / 100;
            p[2 * j + 1] = h * percent[j][1] / 100;
        }
        return p;
    }

    private void prepareMove(CharacterDef def, int c, int m) {
        MoveData md = def.move(m);
        boolean kick;
        if (m < CharacterDef.THROW_ID) {
            kick = m % 6 >= 3;
        } else if (m == CharacterDef.THROW_ID) {
            kick = false;
        } else {
            SpecialDef sd = def.special(m - CharacterDef.FIRST_SPECIAL_ID);
            kick = (sd.buttons() & io.kumite.engine.FrameInput.KICKS) != 0;
        }
        int tx = def.width / Rules.SUB * S;
        int ty = def.height / Rules.SUB * S * 2 / 3;
        boolean both = md.kind == MoveKind.THROW || md.projectile != null;
        for (int f = 0; f < md.total; f++) {
            HitBox[] hbs = md.hitboxes(f);
            if (hbs.length > 0) {
                Box b = hbs[0].box();
                tx = (b.x() + b.w() / 2) * S / Rules.SUB;
                ty = (b.y() + b.h() / 2) * S / Rules.SUB;
                break;
            }
        }
        if (md.projectile != null) {
            Box b = md.projectile.box();
            tx = (b.x()) * S / Rules.SUB;
            ty = (b.y() + b.h() / 2) * S / Rules.SUB;
        } else if (md.kind == MoveKind.THROW) {
            tx = (def.width / 2 + md.throwRange) * S / Rules.SUB;
            ty = def.height * S / Rules.SUB * 6 / 10;
        }
        limb[c][m] = both ? 2 : (kick ? 1 : 0);
        targetX[c][m] = tx;
        targetY[c][m] = ty;
    }

    // ------------------------------------------------------------------ background

    private void drawBackground() {
        int floorRow = screenY(0) / S;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < backgroundWidth; x++) {
                int worldX = (int) ((long) x * VIEW_WIDTH / width);
                int color;
                if (y >= floorRow) {
                    // Floor: planks with seams every 64 world pixels, darker toward the viewer.
                    int depth = (y - floorRow) * 255 / Math.max(1, height - floorRow);
                    boolean seam = worldX % 64 < Math.max(1, 64 * 2 / Math.max(1, width / 8)) && worldX % 64 < 2;
                    color = seam ? 0x402818 : mix(0x9A7048, 0x6A4828, depth);
                } else {
                    int sky = mix(0x203868, 0x98B0D0, y * 255 / Math.max(1, floorRow));
                    // Pillars of a dojo hall every 96 world pixels; a banded wall behind them.
                    int wallTop = floorRow * 45 / 100;
                    if (y > wallTop) {
                        sky = (worldX / 48) % 2 == 0 ? 0x7A6A58 : 0x6E5E4E;
                    }
                    if (worldX % 96 < 10) {
                        sky = 0x4A3020;
                    }
                    color = sky;
                }
                for (int c = 0; c < channels; c++) {
                    byte v = (byte) (channels == 1 ? Canvas.luma(color) * 100 / 255 : (color >> (16 - 8 * c)));
                    background[(c * height + y) * backgroundWidth + x] = v;
                }
            }
        }
    }

    private static int mix(int a, int b, int t) {
        int r = (((a >> 16) & 0xFF) * (255 - t) + ((b >> 16) & 0xFF) * t) / 255;
        int g = (((a >> 8) & 0xFF) * (255 - t) + ((b >> 8) & 0xFF) * t) / 255;
        int bl = ((a & 0xFF) * (255 - t) + (b & 0xFF) * t) / 255;
        return (r << 16) | (g << 8) | bl;
    }

    private static int shade(int color, int percent) {
        int r = Math.min(255, ((color >> 16) & 0xFF) * percent / 100);
        int g = Math.min(255, ((color >> 8) & 0xFF) * percent / 100);
        int b = Math.min(255, (color & 0xFF) * percent / 100);
        return (r << 16) | (g << 8) | b;
    }

    // ------------------------------------------------------------------ frame

    private int cameraLeftPx;

    /**
     * Where a world point (subpixels) was drawn in the last rendered frame, in output pixels from the
     * top-left corner (for overlays such as hit boxes).
     */
    public double pixelX(int worldX) {
        return screenX(worldX) / (double) S;
    }

    /** As {@link #pixelX} for a height above the floor in subpixels (down = larger). */
    public double pixelY(int worldY) {
        return screenY((int) ((long) worldY * S / Rules.SUB)) / (double) S;
    }

    /** Output pixels per world subpixel horizontally. */
    public double pixelsPerSubX() {
        return (double) width / (VIEW_WIDTH * Rules.SUB);
    }

    /** Output pixels per world subpixel vertically. */
    public double pixelsPerSubY() {
        return (double) height / (VIEW_HEIGHT * Rules.SUB);
    }

    /** Screen x (1/16 px) of a world x in subpixels, for the current camera. */
    private int screenX(int worldSub) {
        return (int) ((long) worldSub * width * S / (VIEW_WIDTH * (long) Rules.SUB)) - cameraLeftPx * S;
    }

    /** Screen y (1/16 px, top = 0) of a world height in world pixels * 16. */
    private int screenY(int worldY16) {
        return height * S - FLOOR_MARGIN * height * S / VIEW_HEIGHT - (int) ((long) worldY16 * height / VIEW_HEIGHT);
    }

    /** Length in screen 1/16 px of a horizontal world length in world px * 16. */
    private int scaleX(int world16) {
        return (int) ((long) world16 * width / VIEW_WIDTH);
    }

    /** Renders {@code s} into {@code out[offset .. offset + frameBytes())}. */
    public void render(MatchState s, byte[] out, int offset) {
        render(s, out, offset, 7);
    }

    /**
     * Renders only the colour planes in {@code planeMask} (bit 0 R, 1 G, 2 B; ignored for grayscale);
     * the other planes of the frame are left as they were. For observations that use one channel of a frame.
     */
    public void render(MatchState s, byte[] out, int offset, int planeMask) {
        if (offset < 0 || offset + frameBytes() > out.length) {
            throw new IllegalArgumentException("output buffer too small: need " + frameBytes() + " bytes at offset " + offset
                    + ", have " + (out.length - offset));
        }
        canvas.target(out, offset);
        canvas.planeMask = planeMask;
        int mid = (s.fighters[0].x + s.fighters[1].x) / 2;
        int viewSub = VIEW_WIDTH * Rules.SUB;
        int left = Math.max(0, Math.min(Rules.STAGE_WIDTH - viewSub, mid - viewSub / 2));
        cameraLeftPx = (int) ((long) left * width / viewSub);
        for (int c = 0; c < channels; c++) {
            if (channels == 3 && (planeMask & (1 << c)) == 0) {
                continue;
            }
            for (int y = 0; y < height; y++) {
                System.arraycopy(background, (c * height + y) * backgroundWidth + cameraLeftPx, out,
                        offset + (c * height + y) * width, width);
            }
        }
        boolean mirror = s.fighters[0].character == s.fighters[1].character;
        for (int p = 0; p < 2; p++) {
            drawShadow(s.fighters[p]);
        }
        // The fighter who is attacking is drawn in front.
        int front = s.fighters[1].mode == FighterMode.ATTACK && s.fighters[0].mode != FighterMode.ATTACK ? 1 : 0;
        drawFighter(s.fighters[1 - front], mirror && 1 - front == 1);
        drawFighter(s.fighters[front], mirror && front == 1);
        for (int p = 0; p < 2; p++) {
            drawProjectile(s, p);
        }
        drawHud(s);
    }

    private void drawShadow(FighterState f) {
        CharacterDef c = roster.get(f.character);
        int half = scaleX(c.width / Rules.SUB * S) / 2;
        int sx = screenX(f.x);
        int floor = screenY(0) / S;
        int rows = Math.max(1, height * 4 / VIEW_HEIGHT);
        canvas.rect((sx - half) / S, floor - rows / 2, (sx + half) / S + 1, floor - rows / 2 + rows, SHADOW);
    }

    private void drawProjectile(MatchState s, int p) {
        ProjectileState pr = s.projectiles[p];
        if (!pr.active) {
            return;
        }
        CharacterDef c = roster.get(s.fighters[p].character);
        ProjectileDef def = c.move(pr.move).projectile;
        int halfW = scaleX(def.box().w() / Rules.SUB * S) / 2;
        int h16 = def.box().h() / Rules.SUB * S;
        int cy = screenY(pr.y * S / Rules.SUB + h16 / 2);
        int r = Math.max(S, (int) ((long) h16 / 2 * height / VIEW_HEIGHT));
        int cx = screenX(pr.x);
        int tail = pr.direction > 0 ? -halfW : halfW;
        int trim = colors[s.fighters[p].character][0][TRIM];
        canvas.capsule(cx + tail, cy, cx + tail / 3, cy, Math.max(S / 2, r / 2), shade(trim, 80));
        canvas.capsule(cx - halfW / 3, cy, cx + halfW / 3, cy, r, trim);
        int pulse = (pr.age / 4) % 2 == 0 ? r / 2 : r / 3;
        canvas.capsule(cx, cy, cx, cy, Math.max(S / 2, pulse), HIGHLIGHT);
    }

    // ------------------------------------------------------------------ fighters

    private void drawFighter(FighterState f, boolean alternatePalette) {
        int c = f.character;
        CharacterDef def = roster.get(c);
        boolean strikeActive = pose(f, def);
        // Joints to screen: one origin per fighter, then a multiply and shift per coordinate.
        int ox = screenX(f.x);
        int oy = screenY(f.y * S / Rules.SUB);
        for (int j = 0; j < JOINTS; j++) {
            sx[j] = ox + f.facing * (int) ((jx[j] * kx) >> 16);
            sy[j] = oy - (int) ((jy[j] * ky) >> 16);
        }
        int[] col = colors[c][alternatePalette ? 1 : 0];
        int[] r = radii[c];
        // Back limbs first, then the body, then the front limbs. Small frames draw each limb as one
        // segment and skip the belt: the elbows and knees would be under a pixel anyway.
        boolean detailed = height >= DETAIL_HEIGHT;
        if (detailed) {
            bone(B_KNEE, B_FOOT, r[1], col[BACK]);
            bone(HIP, B_KNEE, r[1], col[BACK]);
            bone(NECK, B_ELBOW, r[0], col[BACK_SKIN]);
            bone(B_ELBOW, B_HAND, r[0], col[BACK_SKIN]);
        } else {
            bone(HIP, B_FOOT, r[1], col[BACK]);
            bone(NECK, B_HAND, r[0], col[BACK_SKIN]);
        }
        bone(HIP, NECK, r[2], col[PRIMARY]);
        if (detailed) {
            int beltX = sx[HIP] + (sx[NECK] - sx[HIP]) / 8;
            int beltY = sy[HIP] + (sy[NECK] - sy[HIP]) / 8;
            int beltHalf = (int) ((24 * kx) >> 16);
            canvas.capsule(beltX - beltHalf, beltY, beltX + beltHalf, beltY, r[6], col[TRIM]);
        }
        canvas.capsule(sx[HEAD], sy[HEAD], sx[HEAD], sy[HEAD], r[3], col[SKIN]);
        // A headband in the trim colour, tied at the back: shows which way the head faces.
        int bandBack = f.facing * (int) ((40 * kx) >> 16);
        int bandUp = (int) ((48 * ky) >> 16);
        canvas.capsule(sx[HEAD] - bandBack, sy[HEAD] - bandUp + bandUp / 4, sx[HEAD], sy[HEAD] - bandUp, r[7], col[TRIM]);
        if (detailed) {
            bone(HIP, F_KNEE, r[1], col[PRIMARY]);
            bone(F_KNEE, F_FOOT, r[1], col[PRIMARY]);
            bone(NECK, F_ELBOW, r[0], col[SKIN]);
            bone(F_ELBOW, F_HAND, r[0], col[SKIN]);
        } else {
            bone(HIP, F_FOOT, r[1], col[PRIMARY]);
            bone(NECK, F_HAND, r[0], col[SKIN]);
        }
        int striking = f.mode == FighterMode.ATTACK ? limb[c][f.move] : -1;
        int handColor = strikeActive && striking != 1 ? HIGHLIGHT : col[TRIM];
        int footColor = strikeActive && striking == 1 ? HIGHLIGHT : col[FOOT];
        canvas.capsule(sx[F_HAND], sy[F_HAND], sx[F_HAND], sy[F_HAND], r[4], handColor);
        int toe = f.facing * (int) ((48 * kx) >> 16);
        canvas.capsule(sx[F_FOOT], sy[F_FOOT], sx[F_FOOT] + toe, sy[F_FOOT], r[5], footColor);
        if (striking == 2) {
            canvas.capsule(sx[B_HAND], sy[B_HAND], sx[B_HAND], sy[B_HAND], r[4], handColor);
        }
    }

    private void bone(int a, int b, int r, int color) {
        canvas.capsule(sx[a], sy[a], sx[b], sy[b], r, color);
    }

    /**
     * Fills the scratch joints with the pose for the fighter's state (world px * 16, relative to the
     * feet, facing right). Returns whether a strike is on its active frames (the limb lights up).
     */
    private boolean pose(FighterState f, CharacterDef c) {
        int h = c.height / Rules.SUB * S;
        int w = c.width / Rules.SUB * S;
        boolean crouch = f.mode == FighterMode.CROUCH || f.mode == FighterMode.PREJUMP || f.mode == FighterMode.LANDING
                || ((f.mode == FighterMode.HITSTUN || f.mode == FighterMode.BLOCKSTUN) && f.crouching);
        boolean air = f.mode == FighterMode.AIR;
        MoveData md = f.mode == FighterMode.ATTACK ? c.move(f.move) : null;
        if (md != null) {
            crouch = md.stance == Stance.CROUCHING;
            air = md.stance == Stance.JUMPING;
        }
        int[] base = crouch ? crouchPose[f.character] : (air ? airPose[f.character] : standPose[f.character]);
        for (int j = 0; j < JOINTS; j++) {
            jx[j] = base[2 * j];
            jy[j] = base[2 * j + 1];
        }
        if (!crouch && !air && f.mode == FighterMode.STAND && f.vx != 0) {
            // Walking swings the feet with the distance walked.
            int phase = Math.floorMod(f.x / Rules.SUB, 32);
            int swing = (Math.abs(phase - 16) - 8) * w / 50;
            jx[F_FOOT] += swing;
            jx[F_KNEE] += swing / 2;
            jx[B_FOOT] -= swing;
            jx[B_KNEE] -= swing / 2;
        }
        boolean active = false;
        switch (f.mode) {
            case ATTACK:
                active = strike(f, c, md);
                break;
            case BLOCKSTUN:
                // Forearms raised in guard in front of the body.
                set(F_HAND, w * 40 / 100, jy[NECK] - h * 2 / 100);
                set(B_HAND, w * 34 / 100, jy[NECK] - h * 10 / 100);
                set(F_ELBOW, w * 30 / 100, jy[NECK] - h * 16 / 100);
                set(B_ELBOW, w * 24 / 100, jy[NECK] - h * 22 / 100);
                break;
            case HITSTUN:
                rotate(jx[HIP], jy[HIP], 18);
                break;
            case AIR_HIT:
                rotate(jx[HIP], jy[HIP], 60);
                break;
            case KNOCKDOWN:
            case KO:
                lieDown(h, 90);
                break;
            case WAKEUP:
                lieDown(h, 90 - 90 * Math.min(f.modeFrame, Rules.WAKEUP_FRAMES) / Rules.WAKEUP_FRAMES);
                break;
            default:
                break;
        }
        return active;
    }

    private void lieDown(int h, int angle) {
        rotate(jx[HIP], jy[HIP], angle);
        int lowest = Integer.MAX_VALUE;
        for (int j = 0; j < JOINTS; j++) {
            lowest = Math.min(lowest, jy[j]);
        }
        int lift = h * 6 / 100 - lowest;
        for (int j = 0; j < JOINTS; j++) {
            jy[j] += lift;
        }
    }

    /** Moves the striking limb toward the move's target: winding out on startup, back on recovery. */
    private boolean strike(FighterState f, CharacterDef c, MoveData md) {
        int frame = f.moveFrame;
        int tx = targetX[f.character][f.move];
        int ty = targetY[f.character][f.move];
        HitBox[] now = md.hitboxes(frame);
        if (now.length > 0) {
            Box b = now[0].box();
            tx = (b.x() + b.w() / 2) * S / Rules.SUB;
            ty = (b.y() + b.h() / 2) * S / Rules.SUB;
        }
        int activeStart = md.firstActiveFrame;
        int activeEnd = md.startup + md.active;
        int e; // extension in 1/1024
        if (frame < activeStart) {
            e = activeStart == 0 ? 1024 : 1024 * (frame + 1) / (activeStart + 1);
        } else if (frame < activeEnd) {
            e = 1024;
        } else {
            e = 1024 - 1024 * (frame - activeEnd + 1) / (md.total - activeEnd + 1);
        }
        int kind = limb[f.character][f.move];
        if (kind == 1) {
            extend(F_FOOT, F_KNEE, HIP, tx, ty, e, true);
        } else {
            extend(F_HAND, F_ELBOW, NECK, tx, ty, e, false);
            if (kind == 2) {
                extend(B_HAND, B_ELBOW, NECK, tx - 64, ty - 48, e, false);
            }
        }
        return frame >= activeStart && frame < activeEnd && (now.length > 0 || md.projectile != null || md.kind == MoveKind.THROW);
    }

    private void extend(int end, int mid, int root, int tx, int ty, int e, boolean kick) {
        int ex = jx[end] + (int) ((long) (tx - jx[end]) * e / 1024);
        int ey = jy[end] + (int) ((long) (ty - jy[end]) * e / 1024);
        set(end, ex, ey);
        int mx = (jx[root] + ex) / 2;
        int my = (jy[root] + ey) / 2;
        set(mid, mx + (kick ? 40 : -24), my + (kick ? 48 : -32));
    }

    private void set(int joint, int x, int y) {
        jx[joint] = x;
        jy[joint] = y;
    }

    /** Rotates every joint about (cx, cy) by {@code degrees}, leaning back (counter-clockwise facing right). */
    private void rotate(int cx, int cy, int degrees) {
        int d = Math.floorMod(degrees, 360);
        int sin = SIN[d];
        int cos = SIN[(d + 90) % 360];
        for (int j = 0; j < JOINTS; j++) {
            int x = jx[j] - cx;
            int y = jy[j] - cy;
            jx[j] = cx + (x * cos - y * sin) / 1024;
            jy[j] = cy + (x * sin + y * cos) / 1024;
        }
    }

    // ------------------------------------------------------------------ HUD

    private void drawHud(MatchState s) {
        int barH = Math.max(1, height * 5 / 100);
        int top = Math.max(1, height * 3 / 100);
        int barLen = width * 38 / 100;
        int leftX0 = width * 4 / 100;
        int rightX1 = width - width * 4 / 100;
        for (int p = 0; p < 2; p++) {
            FighterState f = s.fighters[p];
            int max = roster.get(f.character).health;
            int filled = (int) ((long) barLen * Math.max(0, f.health) / max);
            int x0 = p == 0 ? leftX0 : rightX1 - barLen;
            canvas.rect(x0, top, x0 + barLen, top + barH, BAR_BACK);
            if (p == 0) {
                canvas.rect(x0, top, x0 + filled, top + barH, BAR_HEALTH);
            } else {
                canvas.rect(rightX1 - filled, top, rightX1, top + barH, BAR_HEALTH);
            }
            // Round markers under the bar: one per round needed to win, lit when won.
            int need = s.bestOf / 2 + 1;
            int size = Math.max(1, height * 3 / 100);
            for (int i = 0; i < need; i++) {
                int color = i < s.roundsWon[p] ? HUD_TEXT : MARKER_OFF;
                int mx = p == 0 ? x0 + barLen - (i + 1) * size * 2 : x0 + i * size * 2;
                canvas.rect(mx, top + barH + 1, mx + size, top + barH + 1 + size, color);
            }
        }
        int counts = Math.min(99, s.timerCounts());
        int dw = Math.max(3, width * 4 / 100);
        int dh = Math.max(5, height * 8 / 100);
        int cx = width / 2;
        canvas.digit(counts / 10, cx - dw - 1, top, dw, dh, HUD_TEXT);
        canvas.digit(counts % 10, cx + 1, top, dw, dh, HUD_TEXT);
    }
}
