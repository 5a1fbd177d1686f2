package io.kumite.engine.bot;

/**
 * How well a CPU bot plays at each of the 8 levels. Every knob improves with the level: a shorter
 * reaction delay, more reliable motion inputs, and better choices (blocking, anti-airs, punishes,
 * combos) instead of random ones. Probabilities are per mille.
 *
 * <p>Levels 4 to 8 share a 4-frame reaction and a guard that holds (the audit's scripted patterns
 * must not beat level 4 either: a 6-frame reaction let a 7-frame low or a jump-in through before it
 * was seen); what grows from 4 to 8 is the offence: punishes, combos, execution and tempo.
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
        new BotLevel(2, 22, 150, 100, 130, 560, 60, 580, 18, 0),
        new BotLevel(3, 14, 400, 300, 330, 720, 200, 380, 14, 400),
        new BotLevel(4, 4, 920, 900, 600, 860, 400, 60, 9, 1000),
        new BotLevel(5, 4, 925, 905, 660, 880, 480, 55, 9, 1000),
        new BotLevel(6, 4, 940, 920, 800, 940, 680, 40, 7, 1000),
        new BotLevel(7, 4, 950, 930, 880, 975, 820, 30, 6, 1000),
        new BotLevel(8, 4, 970, 950, 960, 995, 930, 20, 5, 1000),
    };

    public static BotLevel of(int level) {
        if (level < MIN || level > MAX) {
            throw new IllegalArgumentException("bot level must be in " + MIN + ".." + MAX + ", got " + level);
        }
        return LEVELS[level - 1];
    }
}
