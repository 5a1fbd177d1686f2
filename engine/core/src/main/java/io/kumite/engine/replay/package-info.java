/**
 * Replays: the {@code .kreplay} format (a versioned header, the per-frame inputs of both seats, a state
 * checksum every N frames, the result; every section length-prefixed and CRC-checked), recording, and
 * verification by re-simulation. See docs/replay-format.md.
 */
package io.kumite.engine.replay;
