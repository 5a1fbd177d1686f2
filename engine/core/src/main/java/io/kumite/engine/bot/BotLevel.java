package io.kumite.engine.bot;

/**
 * How well a CPU bot plays at each of the 8 levels. Every knob improves with the level: a shorter
 * reaction delay, more reliable motion inputs, and better choices (blocking, anti-airs, punishes,
 * combos) instead of random ones. Probabilities are per mille.
 *
 * @param level          1..8
 * @param reactionFrames frames between something happening and the bot seeing it
 * @param block          chance to block an attack it sees coming
 * @param antiAir        chance to anti-air a jump-in it sees
 * @param punish         chance to punish a whiffed or blocked move
 * @param execution      chance a special-move motion is input correctly
 * @param combo          chance to cancel a connected normal into a special
 * @param randomness     chance a neutral decision is random instead of considered
 * @param decisionFrames frames between neutral decisions
 * @param read           chance a neutral decision is a read: the bot's options tried on a copy of the
 *                       state against what the opponent did last time in the same spot ({@link Lookahead})
 */
public record BotLevel(int level, int reactionFrames, int block, int antiAir, int punish, int execution,
                       int combo, int randomness, int decisionFrames, int read) {
    public static final int MIN = 1;
    public static final int MAX = 8;

    private static final BotLevel[] LEVELS = {
        new BotLevel(1, 28, 40, 20, 40, 400, 0, 750, 22, 0),
        new BotLevel(2, 24, 130, 80, 110, 550, 50, 600, 18, 0),
        new BotLevel(3, 20, 260, 180, 220, 670, 150, 470, 15, 100),
        new BotLevel(4, 16, 400, 320, 360, 770, 280, 360, 12, 250),
        new BotLevel(5, 13, 540, 470, 500, 850, 420, 260, 10, 400),
        new BotLevel(6, 10, 680, 620, 650, 910, 570, 170, 8, 600),
        new BotLevel(7, 7, 820, 780, 800, 960, 730, 90, 6, 800),
        new BotLevel(8, 4, 940, 920, 940, 990, 900, 30, 5, 1000),
    };

    public static BotLevel of(int level) {
        if (level < MIN || level > MAX) {
            throw new IllegalArgumentException("bot level must be in " + MIN + ".." + MAX + ", got " + level);
        }
        return LEVELS[level - 1];
    }
}
