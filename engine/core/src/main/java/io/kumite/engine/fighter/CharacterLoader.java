package io.kumite.engine.fighter;

import io.kumite.engine.FrameInput;
import io.kumite.engine.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and validates one character JSON file (the schema is documented in docs/characters.md).
 * Every rejection names the file, the field and the reason.
 */
public final class CharacterLoader {
    private static final int MAX_FRAMES = 120;
    private static final int MAX_PX = 400;
    private static final String[] STANCE_FIELDS = {"standing", "crouching", "jumping"};

    private CharacterLoader() {}

    public static CharacterDef parse(String json, String file) {
        Object parsed;
        try {
            parsed = Json.parse(json, file);
        } catch (Json.ParseException e) {
            throw new CharacterDataException(e.getMessage());
        }
        DataReader r = DataReader.root(file, parsed);
        String name = r.string("name");
        if (!name.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw r.error("name", "must be 1-32 lower-case letters, digits, '-' or '_' starting with a letter, got \"" + name + "\"");
        }
        String displayName = r.string("displayName");
        String archetype = r.string("archetype");
        String description = r.string("description", "");
        int health = r.integer("health", 100, 5000);
        int walkForward = px(r.number("walkForward", 0.5, 10));
        int walkBack = px(r.number("walkBack", 0.5, 10));
        int jumpUp = px(r.number("jumpUp", 4, 30));
        int jumpForward = px(r.number("jumpForward", 0, 10));
        int gravity = px(r.number("gravity", 0.1, 3));
        int jumpSquat = r.integer("jumpSquat", 4, 1, 10);

        DataReader body = r.object("body");
        int width = px(body.integer("width", 10, 200));
        int height = px(body.integer("height", 20, 300));
        int crouchHeight = px(body.integer("crouchHeight", 10, 300));
        int airHeight = px(body.integer("airHeight", 10, 300));
        body.done();
        if (crouchHeight >= height) {
            throw body.error("crouchHeight", "must be less than height");
        }

        DataReader palette = r.object("palette");
        int skin = color(palette, "skin");
        int primary = color(palette, "primary");
        int secondary = color(palette, "secondary");
        palette.done();

        MoveData[] moves = new MoveData[CharacterDef.FIRST_SPECIAL_ID];
        DataReader normals = r.object("normals");
        for (int s = 0; s < 3; s++) {
            Stance stance = Stance.values()[s];
            DataReader table = normals.object(STANCE_FIELDS[s]);
            for (int b = 0; b < FrameInput.BUTTON_COUNT; b++) {
                String button = FrameInput.buttonName(b);
                moves[CharacterDef.normalId(stance, b)] =
                        move(table.object(button), prefix(stance) + button, MoveKind.NORMAL, stance);
            }
            table.done();
        }
        normals.done();
        moves[CharacterDef.THROW_ID] = move(r.object("throw"), "throw", MoveKind.THROW, Stance.STANDING);

        List<SpecialDef> specials = new ArrayList<>();
        List<MoveData> all = new ArrayList<>(List.of(moves));
        for (DataReader sr : r.objects("specials", 2, 8)) {
            String sname = sr.string("name");
            String motionName = sr.string("motion");
            Motion motion = null;
            for (Motion m : Motion.values()) {
                if (m.jsonName().equals(motionName)) {
                    motion = m;
                }
            }
            if (motion == null) {
                throw sr.error("motion", "must be one of qcf, qcb, dp, hcf, hcb, charge_back_forward, charge_down_up; got \"" + motionName + "\"");
            }
            int buttons = buttons(sr, "button");
            boolean grab = sr.bool("grab", false);
            MoveData m = move(sr.object("move"), sname, grab ? MoveKind.THROW : MoveKind.SPECIAL, Stance.STANDING);
            for (SpecialDef other : specials) {
                if (other.motion() == motion && (other.buttons() & buttons) != 0) {
                    throw sr.error("motion", "the same motion and button as special \"" + other.name() + "\"");
                }
            }
            specials.add(new SpecialDef(sname, motion, buttons, m));
            all.add(m);
            sr.done();
        }
        r.done();
        return new CharacterDef(name, displayName, archetype, description, health, walkForward, walkBack,
                jumpUp, jumpForward, gravity, jumpSquat, width, height, crouchHeight, airHeight,
                skin, primary, secondary, all.toArray(new MoveData[0]), specials);
    }

    private static String prefix(Stance s) {
        switch (s) {
            case STANDING:
                return "st.";
            case CROUCHING:
                return "cr.";
            default:
                return "j.";
        }
    }

    private static int buttons(DataReader r, String field) {
        String b = r.string(field);
        switch (b) {
            case "P":
                return FrameInput.PUNCHES;
            case "K":
                return FrameInput.KICKS;
            default:
                for (int i = 0; i < FrameInput.BUTTON_COUNT; i++) {
                    if (FrameInput.buttonName(i).equals(b)) {
                        return FrameInput.button(i);
                    }
                }
                throw r.error(field, "must be P, K, LP, MP, HP, LK, MK or HK; got \"" + b + "\"");
        }
    }

    private static int color(DataReader r, String field) {
        String c = r.string(field);
        if (!c.matches("#[0-9a-fA-F]{6}")) {
            throw r.error(field, "must be a colour like \"#c03020\", got \"" + c + "\"");
        }
        return Integer.parseInt(c.substring(1), 16);
    }

    /** Pixels (possibly fractional) to fixed-point subpixels, rounded half away from zero. */
    static int px(double pixels) {
        return (int) Math.round(pixels * Box.SUB);
    }

    static MoveData move(DataReader m, String name, MoveKind kind, Stance stance) {
        int startup = m.integer("startup", 0, 60);
        int active = m.integer("active", 1, 60);
        int recovery = m.integer("recovery", 0, 90);
        int total = startup + active + recovery;
        if (total > MAX_FRAMES) {
            throw m.error("recovery", "startup + active + recovery must be at most " + MAX_FRAMES + " frames, got " + total);
        }
        int damage = m.integer("damage", 0, 1000);
        int chip = m.integer("chip", 0, 0, 1000);
        int hitstun = m.integer("hitstun", 0, 120);
        int blockstun = m.integer("blockstun", 0, 0, 120);
        String guardName = m.string("guard", stance == Stance.JUMPING ? "high" : (stance == Stance.CROUCHING ? "low" : "mid"));
        Guard guard;
        try {
            guard = Guard.valueOf(guardName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw m.error("guard", "must be high, mid or low; got \"" + guardName + "\"");
        }
        if (stance == Stance.JUMPING && guard != Guard.HIGH) {
            throw m.error("guard", "jumping attacks are blocked standing: must be high, got " + guardName);
        }
        int pushback = px(m.number("pushback", 3, 0, 20));
        boolean knockdown = m.bool("knockdown", kind == MoveKind.THROW);
        int launch = px(m.number("launch", knockdown ? MoveData.DEFAULT_LAUNCH / (double) Box.SUB : 0, 0, 20));
        boolean cancelable = m.bool("cancel", false);
        int throwRange = kind == MoveKind.THROW ? px(m.integer("range", 4, 200)) : 0;
        if (kind == MoveKind.THROW && active != 1) {
            throw m.error("active", "a throw checks its range on exactly one frame: active must be 1, got " + active);
        }

        HitBox[][] hitboxes = new HitBox[total][];
        Box[][] hurtboxes = new Box[total][];
        int[] vx = new int[total];
        int[] vy = new int[total];
        boolean[] invincible = new boolean[total];
        java.util.Arrays.fill(vx, MoveData.KEEP_VELOCITY);
        java.util.Arrays.fill(vy, MoveData.KEEP_VELOCITY);
        List<List<HitBox>> hbs = new ArrayList<>();
        List<List<Box>> hus = new ArrayList<>();
        for (int f = 0; f < total; f++) {
            hbs.add(new ArrayList<>());
            hus.add(new ArrayList<>());
        }

        List<DataReader> hitboxList = m.objects("hitboxes", 0, 16);
        if (kind == MoveKind.NORMAL && hitboxList.isEmpty()) {
            throw m.error("hitboxes", "a normal needs at least one hitbox");
        }
        for (DataReader h : hitboxList) {
            int[] fr = h.has("frames") ? h.range("frames", 1, total) : new int[] {startup + 1, startup + active};
            Box box = box(h);
            int hit = h.integer("hit", 0, 0, 7);
            h.done();
            for (int f = fr[0] - 1; f < fr[1]; f++) {
                hbs.get(f).add(new HitBox(box, hit));
            }
        }
        for (DataReader h : m.objects("hurtboxes", 0, 16)) {
            int[] fr = h.range("frames", 1, total);
            Box box = box(h);
            h.done();
            for (int f = fr[0] - 1; f < fr[1]; f++) {
                hus.get(f).add(box);
            }
        }
        for (DataReader v : m.objects("velocity", 0, 16)) {
            int[] fr = v.range("frames", 1, total);
            int sx = v.has("vx") ? px(v.number("vx", -30, 30)) : MoveData.KEEP_VELOCITY;
            int sy = v.has("vy") ? px(v.number("vy", -30, 30)) : MoveData.KEEP_VELOCITY;
            v.done();
            // An entry sets only the components it names; later entries win on shared frames.
            for (int f = fr[0] - 1; f < fr[1]; f++) {
                if (sx != MoveData.KEEP_VELOCITY) {
                    vx[f] = sx;
                }
                if (sy != MoveData.KEEP_VELOCITY) {
                    vy[f] = sy;
                }
            }
        }
        if (m.has("invincible")) {
            int[] fr = m.range("invincible", 1, total);
            for (int f = fr[0] - 1; f < fr[1]; f++) {
                invincible[f] = true;
            }
        }
        ProjectileDef projectile = null;
        DataReader p = m.object("projectile", true);
        if (p != null) {
            if (kind != MoveKind.SPECIAL) {
                throw m.error("projectile", "only special moves can launch projectiles");
            }
            int spawn = p.integer("frame", 1, total) - 1;
            Box box = box(p);
            int speed = px(p.number("speed", 0.5, 30));
            int lifetime = p.integer("lifetime", 1, 600);
            int pd = p.integer("damage", 0, 1000);
            int pc = p.integer("chip", 0, 0, 1000);
            int phs = p.integer("hitstun", 0, 120);
            int pbs = p.integer("blockstun", 0, 120);
            int ppb = px(p.number("pushback", 3, 0, 20));
            boolean pkd = p.bool("knockdown", false);
            p.done();
            projectile = new ProjectileDef(spawn, box, speed, lifetime, pd, pc, phs, pbs, ppb, pkd);
        }
        if (kind == MoveKind.SPECIAL && hitboxList.isEmpty() && projectile == null) {
            throw m.error("hitboxes", "a special move needs a hitbox or a projectile");
        }
        m.done();
        for (int f = 0; f < total; f++) {
            hitboxes[f] = hbs.get(f).isEmpty() ? MoveData.noHitboxes() : hbs.get(f).toArray(new HitBox[0]);
            hurtboxes[f] = hus.get(f).isEmpty() ? MoveData.noBoxes() : hus.get(f).toArray(new Box[0]);
        }
        return new MoveData(name, kind, stance, startup, active, recovery, damage, chip, hitstun, blockstun,
                guard, pushback, knockdown, launch, cancelable, throwRange, projectile,
                hitboxes, hurtboxes, vx, vy, invincible);
    }

    private static Box box(DataReader b) {
        int x = b.integer("x", -MAX_PX, MAX_PX);
        int y = b.integer("y", -MAX_PX, MAX_PX);
        int w = b.integer("w", 1, MAX_PX);
        int h = b.integer("h", 1, MAX_PX);
        return new Box(px(x), px(y), px(w), px(h));
    }
}
