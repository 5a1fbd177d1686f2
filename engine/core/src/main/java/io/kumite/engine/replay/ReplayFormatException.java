package io.kumite.engine.replay;

/** A replay file that cannot be read: wrong magic, unknown version, truncated or corrupt. One line. */
public final class ReplayFormatException extends Exception {
    public ReplayFormatException(String message) {
        super(message);
    }
}
