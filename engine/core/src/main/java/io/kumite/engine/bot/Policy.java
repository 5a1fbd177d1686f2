package io.kumite.engine.bot;

import io.kumite.engine.Player;
import io.kumite.engine.fighter.Roster;

/**
 * Something that can play a seat: a built-in CPU bot, random or idle play, or (in the policies module)
 * a trained checkpoint. Written on the command line as a string, see {@link Policies#parse}.
 * Immutable and thread-safe; {@link #newController} makes the per-match, stateful part.
 */
public interface Policy {
    /** The canonical string form, e.g. {@code bot:kenta:8}. */
    String spec();

    /** Roster index of the character this policy plays. */
    int character();

    /** A controller for one match; {@code matchSeed} makes any randomness reproducible. */
    Controller newController(Roster roster, Player seat, long matchSeed);
}
