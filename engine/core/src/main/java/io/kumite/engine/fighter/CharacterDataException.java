package io.kumite.engine.fighter;

/** A character data file that is not valid; the message names the file, the field and the reason. */
public final class CharacterDataException extends RuntimeException {
    public CharacterDataException(String message) {
        super(message);
    }
}
