/**
 * A small strict JSON (RFC 8259) reader and writer, so the engine needs no third-party library.
 * It is stateless and thread-safe. Parse errors name the source, line and column.
 */
package io.kumite.engine.json;
