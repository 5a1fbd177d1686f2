package io.kumite.engine.bot;

import io.kumite.engine.Player;
import io.kumite.engine.fighter.Roster;
import java.util.ServiceLoader;

/**
 * Parses policy strings as written on the command line:
 * <ul>
 *   <li>{@code bot:<character>:<level>} a built-in CPU bot (level 1..8);</li>
 *   <li>{@code random[:<character>]} random buttons and directions;</li>
 *   <li>{@code noop[:<character>]} never presses anything;</li>
 *   <li>{@code script:<pattern>[:<character>]} and {@code script:const:<action>[:<character>]} the
 *       scripted exploit policies of the audit ({@link Scripts});</li>
 *   <li>{@code ckpt:<path>} a trained checkpoint and {@code torchscript:<file.pt>} a TorchScript
 *       module (handled by the policies module, found as {@link PolicyProvider}s).</li>
 * </ul>
 * The character defaults to the first of the roster.
 */
public final class Policies {
    private Policies() {}

    private static final String EXPECTED = "bot:<character>:<level>, random[:<character>], noop[:<character>], script:<pattern>[:<character>],"
            + " script:const:<action>[:<character>], ckpt:<path> or torchscript:<file.pt>";

    public static Policy parse(String spec, Roster roster) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty policy; expected " + EXPECTED);
        }
        String[] parts = spec.trim().split(":", -1);
        switch (parts[0]) {
            case "bot": {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("bad policy \"" + spec + "\": expected bot:<character>:<level>, e.g. bot:"
                            + roster.get(0).name + ":4");
                }
                int character = roster.indexOf(parts[1]);
                int level;
                try {
                    level = Integer.parseInt(parts[2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad policy \"" + spec + "\": the level must be a number in 1..8, got \"" + parts[2] + "\"");
                }
                BotLevel.of(level);
                return new Bot(character, level, "bot:" + roster.get(character).name + ":" + level);
            }
            case "random":
            case "noop": {
                if (parts.length > 2) {
                    throw new IllegalArgumentException("bad policy \"" + spec + "\": expected " + parts[0] + " or " + parts[0] + ":<character>");
                }
                int character = parts.length == 2 ? roster.indexOf(parts[1]) : 0;
                String canonical = parts[0] + ":" + roster.get(character).name;
                return parts[0].equals("random") ? new SimplePolicies.RandomPlay(character, canonical)
                        : new SimplePolicies.Noop(character, canonical);
            }
            case "script":
                return Scripts.parse(spec.trim(), parts, roster);
            default:
                for (PolicyProvider p : ServiceLoader.load(PolicyProvider.class)) {
                    if (p.scheme().equals(parts[0])) {
                        return p.load(spec.trim().substring(parts[0].length() + 1), roster);
                    }
                }
                if (parts[0].equals("ckpt") || parts[0].equals("torchscript")) {
                    throw new IllegalArgumentException("policy \"" + spec + "\": " + parts[0] + ": policies need the policies module"
                            + " (kumite-policies) on the class path; the kumite command has it");
                }
                throw new IllegalArgumentException("unknown policy \"" + spec + "\"; expected " + EXPECTED);
        }
    }

    /** A built-in CPU bot of a character and level. */
    public record Bot(int character, int level, String spec) implements Policy {
        @Override
        public Controller newController(Roster roster, Player seat, long matchSeed) {
            return new CpuBot(roster, seat, level, matchSeed);
        }
    }
}
