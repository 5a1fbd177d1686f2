package io.kumite.engine.bot;

import io.kumite.engine.fighter.Roster;

/**
 * Policies that live outside the engine (trained checkpoints, {@code ckpt:<path>}), found with
 * {@link java.util.ServiceLoader} so the engine needs no machine-learning library: a module that
 * can load a scheme lists its provider in {@code META-INF/services/io.kumite.engine.bot.PolicyProvider}.
 */
public interface PolicyProvider {
    /** The scheme before the first colon, e.g. {@code ckpt}. */
    String scheme();

    /** The policy for the rest of the spec (after {@code scheme:}). */
    Policy load(String argument, Roster roster);
}
