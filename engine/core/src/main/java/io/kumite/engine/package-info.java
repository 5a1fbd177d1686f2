/**
 * The engine's public basics, which depend on nothing else of the engine: {@link io.kumite.engine.FrameInput}
 * controller bitmasks, seats ({@link io.kumite.engine.Player}), the deterministic SplitMix64
 * {@link io.kumite.engine.Rng} (the simulation never uses {@code java.util.Random}), and
 * {@link io.kumite.engine.EngineVersion}, which changes whenever simulation results change.
 *
 * <p>The packages of the engine, each using only those before it: this one; {@code fighter} (character
 * data and its loader); {@code sim} (the rules, {@code MatchConfig}, the simulator); {@code action}
 * (the discrete and macro action spaces); {@code bot} (CPU opponents, scripts, the ladder);
 * {@code replay}, {@code render}; {@code env} (the RL environments, which hold all of these).
 */
package io.kumite.engine;
