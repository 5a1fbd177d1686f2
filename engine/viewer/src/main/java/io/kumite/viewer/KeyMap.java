package io.kumite.viewer;

import io.kumite.engine.FrameInput;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

/**
 * Which keyboard keys play which controller bits. Defaults: arrow keys for the directions, A S D for
 * LP MP HP and Z X C for LK MK HK. Override with {@code "UP=W,LEFT=A,...,HK=PERIOD"} using libGDX key
 * names ({@code Input.Keys.toString}, e.g. "W", "Space", "Period").
 */
public final class KeyMap {
    public static final String DEFAULTS = "UP=Up,DOWN=Down,LEFT=Left,RIGHT=Right,LP=A,MP=S,HP=D,LK=Z,MK=X,HK=C";
    private static final String[] BITS = {"UP", "DOWN", "LEFT", "RIGHT", "LP", "MP", "HP", "LK", "MK", "HK"};

    private final int[] keys = new int[BITS.length];

    private KeyMap() {}

    /**
     * Parses {@code spec} over the defaults. {@code keyCode} turns a key name into a code (libGDX's
     * {@code Input.Keys.valueOf}), returning -1 for unknown names.
     */
    public static KeyMap parse(String spec, ToIntFunction<String> keyCode) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String s : new String[] {DEFAULTS, spec == null ? "" : spec}) {
            for (String part : s.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] kv = part.split("=", 2);
                String bit = kv[0].trim().toUpperCase(Locale.ROOT);
                if (kv.length != 2 || java.util.Arrays.asList(BITS).indexOf(bit) < 0) {
                    throw new IllegalArgumentException("bad key binding \"" + part.trim() + "\": expected NAME=KEY with NAME one of "
                            + String.join(" ", BITS) + ", e.g. LP=J");
                }
                names.put(bit, kv[1].trim());
            }
        }
        KeyMap m = new KeyMap();
        for (int i = 0; i < BITS.length; i++) {
            String key = names.get(BITS[i]);
            int code = keyCode.applyAsInt(key);
            if (code < 0) {
                throw new IllegalArgumentException("unknown key \"" + key + "\" for " + BITS[i] + " (use libGDX key names, e.g. A, Space, Left)");
            }
            m.keys[i] = code;
        }
        return m;
    }

    /** The controller bits of the keys held now ({@code pressed} tells whether a key code is down). */
    public int input(IntPredicate pressed) {
        int in = 0;
        for (int i = 0; i < BITS.length; i++) {
            if (pressed.test(keys[i])) {
                in |= 1 << i;
            }
        }
        return FrameInput.cleanDirections(in);
    }
}
