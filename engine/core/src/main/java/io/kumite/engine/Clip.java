package io.kumite.engine;

/**
 * Shortens user-supplied text before it is echoed in an error message: a 100 KB setting name must
 * not become a 100 KB gRPC status (clients drop trailers over 8 KB). Stateless.
 */
public final class Clip {
    /** Characters of an echoed value kept. */
    public static final int VALUE_CHARS = 100;

    private Clip() {}

    /** {@code s} itself when short, else its first {@value #VALUE_CHARS} characters and its length. */
    public static String value(String s) {
        return clip(s, VALUE_CHARS);
    }

    /** {@code s} in double quotes, clipped like {@link #value}. */
    public static String quoted(String s) {
        return "\"" + value(s) + "\"";
    }

    /** {@code s} itself when at most {@code max} characters, else its first {@code max} and its length. */
    public static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "... (" + s.length() + " characters)";
    }
}
