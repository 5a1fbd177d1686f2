/**
 * The engine's public basics: {@link io.kumite.engine.FrameInput} controller bitmasks,
 * {@link io.kumite.engine.MatchConfig}, seats, the deterministic SplitMix64 {@link io.kumite.engine.Rng}
 * (the simulation never uses {@code java.util.Random}), and {@link io.kumite.engine.EngineVersion},
 * which changes whenever simulation results change.
 */
package io.kumite.engine;
