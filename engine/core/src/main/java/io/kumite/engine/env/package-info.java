/**
 * The RL view of a match, in process: {@link io.kumite.engine.env.EnvConfig} (presets and validated
 * settings) and {@link io.kumite.engine.env.VecEnv} (many environments stepped as a batch into
 * preallocated arrays, optionally on worker threads). See docs/env-api.md.
 */
package io.kumite.engine.env;
