/**
 * The deterministic simulation. {@link io.kumite.engine.sim.Simulator} advances a
 * {@link io.kumite.engine.sim.MatchState} one frame through a fixed phase order, in fixed-point units
 * ({@link io.kumite.engine.sim.Rules}). Each step allocates nothing. The same state and inputs always give
 * bit-identical results. {@link io.kumite.engine.sim.MatchConfig} is what a match is played to. Simulators and states are not thread-safe: use one per thread.
 */
package io.kumite.engine.sim;
