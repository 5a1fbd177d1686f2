/**
 * The action spaces: how an agent's action becomes a {@link io.kumite.engine.FrameInput}.
 * {@link io.kumite.engine.action.Actions} defines the 22 discrete actions (directions, attacks,
 * special-move macros that input a whole motion) and the 10-bit multi-binary mask;
 * {@link io.kumite.engine.action.DiscreteInputs} plays discrete actions (with their macros) for each
 * seat of a match. Used by the RL environments ({@code env}) and by the scripted policies ({@code bot})
 * alike, so that a script and an agent press buttons the same way.
 */
package io.kumite.engine.action;
