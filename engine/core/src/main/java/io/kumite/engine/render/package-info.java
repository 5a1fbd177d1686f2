/**
 * The software renderer: a match state drawn straight into a caller-owned byte buffer at the requested
 * size, channels-first, grayscale or RGB. Pure functions of the state (integer and IEEE-exact maths),
 * allocation-free per frame; one renderer per thread ({@link io.kumite.engine.render.Renderer#copy()}
 * shares the read-only tables). PNG and GIF export for people.
 */
package io.kumite.engine.render;
