package io.kumite.engine.sim;

import io.kumite.engine.Player;
import io.kumite.engine.fighter.Roster;

/**
 * The rules of one match: both characters (roster indices), best-of-N rounds and the round timer.
 *
 * @param p1Character roster index of seat 0's character (starts on the left)
 * @param p2Character roster index of seat 1's character
 * @param bestOf      rounds in the match, odd, 1..{@link Rules#MAX_BEST_OF}; a match ends when one side
 *                    has won {@code bestOf / 2 + 1} rounds or {@code bestOf} rounds were played
 * @param roundCounts the round timer in counts of {@link Rules#FRAMES_PER_COUNT} frames, 10..999
 */
public record MatchConfig(int p1Character, int p2Character, int bestOf, int roundCounts) {
    public static final int DEFAULT_BEST_OF = 3;
    public static final int DEFAULT_ROUND_COUNTS = 99;

    public MatchConfig {
        if (p1Character < 0 || p2Character < 0) {
            throw new IllegalArgumentException("character indices must be >= 0, got " + p1Character + " and " + p2Character);
        }
        if (bestOf < 1 || bestOf > Rules.MAX_BEST_OF || bestOf % 2 == 0) {
            throw new IllegalArgumentException("bestOf must be an odd number in 1.." + Rules.MAX_BEST_OF + ", got " + bestOf);
        }
        if (roundCounts < 10 || roundCounts > 999) {
            throw new IllegalArgumentException("roundCounts (the round timer) must be in 10..999, got " + roundCounts);
        }
    }

    /** Best of 3, 99-count rounds, characters by name. */
    public static MatchConfig of(Roster roster, String p1, String p2) {
        return new MatchConfig(roster.indexOf(p1), roster.indexOf(p2), DEFAULT_BEST_OF, DEFAULT_ROUND_COUNTS);
    }

    public int winsNeeded() {
        return bestOf / 2 + 1;
    }

    public int character(Player p) {
        return p == Player.P1 ? p1Character : p2Character;
    }

    /** Throws if a character index is outside the roster. */
    public MatchConfig validate(Roster roster) {
        if (p1Character >= roster.size() || p2Character >= roster.size()) {
            throw new IllegalArgumentException("character index out of range: the roster has " + roster.size()
                    + " characters (0.." + (roster.size() - 1) + "), got " + p1Character + " and " + p2Character);
        }
        return this;
    }
}
