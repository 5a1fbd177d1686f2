/**
 * Players and matches: {@link io.kumite.engine.bot.Policy} (immutable, parsed from command-line strings)
 * makes one stateful, non-thread-safe {@link io.kumite.engine.bot.Controller} per match. The scripted
 * {@link io.kumite.engine.bot.CpuBot} plays at 8 levels, reads move lists from frame data, and is
 * deterministic given the match seed. This package also has headless match running and the arcade ladder.
 */
package io.kumite.engine.bot;
