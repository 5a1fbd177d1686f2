package io.kumite.engine.fighter;

import java.util.List;

/**
 * One character, as loaded and validated from its JSON data file. Immutable and thread-safe.
 *
 * <p>Moves are addressed by a small integer id (stored in the match state): ids 0..5 are the standing
 * normals LP MP HP LK MK HK, 6..11 crouching, 12..17 jumping, 18 the throw, 19.. the specials in
 * file order.
 */
public final class CharacterDef {
    public static final int STANDING_BASE = 0;
    public static final int CROUCHING_BASE = 6;
    public static final int JUMPING_BASE = 12;
    public static final int THROW_ID = 18;
    public static final int FIRST_SPECIAL_ID = 19;

    public final String name;
    public final String displayName;
    public final String archetype;
    public final String description;
    public final int health;
    public final int walkForward;
    public final int walkBack;
    public final int jumpUp;
    public final int jumpForward;
    public final int gravity;
    public final int jumpSquat;
    /** Body (push and hurt) box width and heights, fixed-point. */
    public final int width;
    public final int height;
    public final int crouchHeight;
    public final int airHeight;
    /** Colours for renderers as 0xRRGGBB: skin, primary (clothes), secondary (belt, trim). */
    public final int skinColor;
    public final int primaryColor;
    public final int secondaryColor;
    private final MoveData[] moves;
    private final List<SpecialDef> specials;

    CharacterDef(String name, String displayName, String archetype, String description, int health,
                 int walkForward, int walkBack, int jumpUp, int jumpForward, int gravity, int jumpSquat,
                 int width, int height, int crouchHeight, int airHeight,
                 int skinColor, int primaryColor, int secondaryColor,
                 MoveData[] moves, List<SpecialDef> specials) {
        this.name = name;
        this.displayName = displayName;
        this.archetype = archetype;
        this.description = description;
        this.health = health;
        this.walkForward = walkForward;
        this.walkBack = walkBack;
        this.jumpUp = jumpUp;
        this.jumpForward = jumpForward;
        this.gravity = gravity;
        this.jumpSquat = jumpSquat;
        this.width = width;
        this.height = height;
        this.crouchHeight = crouchHeight;
        this.airHeight = airHeight;
        this.skinColor = skinColor;
        this.primaryColor = primaryColor;
        this.secondaryColor = secondaryColor;
        this.moves = moves;
        this.specials = List.copyOf(specials);
    }

    public MoveData move(int id) {
        return moves[id];
    }

    public int moveCount() {
        return moves.length;
    }

    public List<SpecialDef> specials() {
        return specials;
    }

    public SpecialDef special(int index) {
        return specials.get(index);
    }

    public static int specialMoveId(int specialIndex) {
        return FIRST_SPECIAL_ID + specialIndex;
    }

    /** Id of the normal for a stance and button index (0..5 = LP MP HP LK MK HK). */
    public static int normalId(Stance stance, int button) {
        switch (stance) {
            case STANDING:
                return STANDING_BASE + button;
            case CROUCHING:
                return CROUCHING_BASE + button;
            default:
                return JUMPING_BASE + button;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
