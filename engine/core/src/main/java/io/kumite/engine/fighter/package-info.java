/**
 * Character data: the JSON character files and {@code roster.json} are loaded and validated into
 * immutable, thread-safe {@link io.kumite.engine.fighter.CharacterDef}s, expanded to per-frame arrays,
 * inside a {@link io.kumite.engine.fighter.Roster} that has a content hash. Bad data raises
 * {@link io.kumite.engine.fighter.CharacterDataException}, naming the file, field and reason
 * (see docs/characters.md).
 */
package io.kumite.engine.fighter;
