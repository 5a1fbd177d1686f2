package io.kumite.engine.env;

import io.kumite.engine.Clip;
import io.kumite.engine.bot.BotLevel;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.Rules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that defines an environment (docs/env-api.md has each field with its default). Build one
 * from a preset ({@link #preset}) and override fields by name ({@link #with}); every value is checked
 * when set, with an error that says what was expected.
 *
 * @param mode              {@code vs_cpu}: agent 0 against a built-in bot; {@code two_player}: the caller acts for both seats
 * @param agentCharacter    roster index of the agent's (vs_cpu) or seat 0's (two_player) character, -1 = random per episode
 * @param opponentCharacter roster index of the CPU's or seat 1's character, -1 = random per episode
 * @param cpuLevel          CPU bot level 1..8 (vs_cpu; in ladder episodes the level of the first stage)
 * @param ladderEndLevel    ladder episodes: the CPU level of the last stage (climbs linearly); 0 = same as cpuLevel
 * @param side              {@code left}, {@code right} or {@code random}: where the agent (seat 0 in two_player) starts
 * @param width             observation width, 16..512
 * @param height            observation height, 16..512
 * @param grayscale         one luminance channel instead of RGB
 * @param frameSkip         frames per agent step (action repeat), 1..32
 * @param frameStack        frames stacked into one observation, 1..16
 * @param stackStride       frames between stacked frames; divides frameSkip or is a multiple of it (default = frameSkip)
 * @param maxPool           each stacked frame is the pixel-wise max of two consecutive frames (Atari flicker fix)
 * @param interleave        FightLadder-style: colour channel k of the observation comes from stacked frame k (needs RGB, stack 3)
 * @param stateVector       also return a float state vector (positions, health, facing, move state, timer)
 * @param actions           {@code discrete} (22 actions) or {@code multi_binary} (10 buttons as a bitmask)
 * @param reward            {@code zero_sum}, {@code fightladder} or {@code sparse}
 * @param episode           {@code round}, {@code match} or {@code ladder} (vs_cpu only)
 * @param maxFrames         truncate an episode after this many frames, 0 = never
 * @param stickyPerMille    chance (per mille) each frame that an agent's previous input repeats
 * @param observationDelay  frames by which observations lag the game (0..60)
 * @param bestOf            rounds per match (odd)
 * @param roundCounts       round timer in counts of 60 frames
 * @param autoreset         {@code next_step}: the step after an episode ends starts the next one; {@code disabled}: call reset
 * @param recordReplays     keep a replay of each finished episode
 */
public record EnvConfig(
        Mode mode, int agentCharacter, int opponentCharacter, int cpuLevel, int ladderEndLevel, Side side,
        int width, int height, boolean grayscale, int frameSkip, int frameStack, int stackStride, boolean maxPool,
        boolean interleave, boolean stateVector, ActionType actions, RewardType reward, EpisodeType episode,
        int maxFrames, int stickyPerMille, int observationDelay, int bestOf, int roundCounts, Autoreset autoreset,
        boolean recordReplays) {

    public enum Mode { VS_CPU, TWO_PLAYER }

    public enum Side { LEFT, RIGHT, RANDOM }

    public enum ActionType { DISCRETE, MULTI_BINARY }

    public enum RewardType { ZERO_SUM, FIGHTLADDER, SPARSE }

    public enum EpisodeType { ROUND, MATCH, LADDER }

    public enum Autoreset { NEXT_STEP, DISABLED }

    /** The preset names, in the order {@code GetServerInfo} lists them. */
    public static final List<String> PRESETS = List.of("atari84", "fightladder", "default");

    public EnvConfig {
        check(width >= Renderer.MIN_SIZE && width <= Renderer.MAX_SIZE, "width must be in 16..512, got " + width);
        check(height >= Renderer.MIN_SIZE && height <= Renderer.MAX_SIZE, "height must be in 16..512, got " + height);
        check(frameSkip >= 1 && frameSkip <= 32, "frame_skip must be in 1..32, got " + frameSkip);
        check(frameStack >= 1 && frameStack <= 16, "frame_stack must be in 1..16, got " + frameStack);
        check(stackStride >= 1 && stackStride <= 32, "stack_stride must be in 1..32, got " + stackStride);
        check(frameSkip % stackStride == 0 || stackStride % frameSkip == 0,
                "stack_stride (" + stackStride + ") must divide frame_skip (" + frameSkip + ") or be a multiple of it");
        check(cpuLevel >= BotLevel.MIN && cpuLevel <= BotLevel.MAX, "cpu_level must be in 1..8, got " + cpuLevel);
        check(ladderEndLevel == 0 || (ladderEndLevel >= cpuLevel && ladderEndLevel <= BotLevel.MAX),
                "ladder_end_level must be 0 (same as cpu_level) or in cpu_level..8, got " + ladderEndLevel);
        check(agentCharacter >= -1 && opponentCharacter >= -1, "character indices must be >= 0, or -1 for random");
        check(!interleave || (!grayscale && frameStack == 3), "interleave needs RGB observations and frame_stack 3");
        check(maxFrames >= 0, "max_frames must be >= 0 (0 = no limit), got " + maxFrames);
        check(stickyPerMille >= 0 && stickyPerMille <= 1000, "sticky_actions must be in 0..1 (per mille 0..1000)");
        check(observationDelay >= 0 && observationDelay <= 60, "observation_delay must be in 0..60 frames, got " + observationDelay);
        check(episode != EpisodeType.LADDER || mode == Mode.VS_CPU, "episode=ladder needs mode=vs_cpu");
        check(bestOf >= 1 && bestOf <= Rules.MAX_BEST_OF && bestOf % 2 == 1, "best_of must be an odd number in 1..9, got " + bestOf);
        check(roundCounts >= 10 && roundCounts <= 999, "round_time must be in 10..999 counts, got " + roundCounts);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Named presets: {@code atari84} (84x84 grayscale, stack 4, frame skip 4), {@code fightladder}
     * (FightLadder's 100x128 observation: 3 channels = the R, G, B channels of 3 frames 4 apart in a
     * 12-frame window, frame skip 8, their 3x-damage reward), {@code default} (same as atari84).
     */
    public static EnvConfig preset(String name) {
        EnvConfig atari = new EnvConfig(Mode.VS_CPU, 0, -1, 1, 0, Side.LEFT, 84, 84, true, 4, 4, 4, false, false, false,
                ActionType.DISCRETE, RewardType.ZERO_SUM, EpisodeType.ROUND, 0, 0, 0, MatchConfig.DEFAULT_BEST_OF,
                MatchConfig.DEFAULT_ROUND_COUNTS, Autoreset.NEXT_STEP, false);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "atari84":
            case "default":
                return atari;
            case "fightladder":
                return atari.with("width", "128").with("height", "100").with("grayscale", "false").with("frame_skip", "8")
                        .with("frame_stack", "3").with("stack_stride", "4").with("interleave", "true").with("reward", "fightladder");
            default:
                throw new IllegalArgumentException("unknown preset " + Clip.quoted(name) + "; expected one of " + PRESETS);
        }
    }

    /** The config as name = value pairs (the names {@link #with} accepts), for logs and replay headers. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", lower(mode));
        m.put("agent_character", Integer.toString(agentCharacter));
        m.put("opponent_character", Integer.toString(opponentCharacter));
        m.put("cpu_level", Integer.toString(cpuLevel));
        m.put("ladder_end_level", Integer.toString(ladderEndLevel));
        m.put("side", lower(side));
        m.put("width", Integer.toString(width));
        m.put("height", Integer.toString(height));
        m.put("grayscale", Boolean.toString(grayscale));
        m.put("frame_skip", Integer.toString(frameSkip));
        m.put("frame_stack", Integer.toString(frameStack));
        m.put("stack_stride", Integer.toString(stackStride));
        m.put("max_pool", Boolean.toString(maxPool));
        m.put("interleave", Boolean.toString(interleave));
        m.put("state_vector", Boolean.toString(stateVector));
        m.put("actions", lower(actions));
        m.put("reward", lower(reward));
        m.put("episode", lower(episode));
        m.put("max_frames", Integer.toString(maxFrames));
        m.put("sticky_actions", Double.toString(stickyPerMille / 1000.0));
        m.put("observation_delay", Integer.toString(observationDelay));
        m.put("best_of", Integer.toString(bestOf));
        m.put("round_time", Integer.toString(roundCounts));
        m.put("autoreset", lower(autoreset));
        m.put("record_replays", Boolean.toString(recordReplays));
        return m;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A copy with one field set from text; characters may be given by name when a roster is known. */
    public EnvConfig with(String key, String value) {
        return with(key, value, null);
    }

    public EnvConfig with(String key, String value, Roster roster) {
        Map<String, String> m = toMap();
        put(m, key, value, roster);
        return fromMap(m);
    }

    /**
     * A copy with several fields set, checked together once all are set: the order does not matter
     * (interleave=true with grayscale=false and frame_stack=3 is valid however a map orders them,
     * while a one-at-a-time check would refuse the first of them on an atari84 base).
     */
    public EnvConfig with(Map<String, String> settings, Roster roster) {
        Map<String, String> m = toMap();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            put(m, e.getKey(), e.getValue(), roster);
        }
        return fromMap(m);
    }

    /** Puts one setting, normalised (names, character names, probabilities), into {@code m}. */
    private static void put(Map<String, String> m, String key, String value, Roster roster) {
        String k = key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!m.containsKey(k)) {
            throw new IllegalArgumentException("unknown environment setting " + Clip.quoted(key) + "; known: " + String.join(", ", m.keySet()));
        }
        String v = value.trim();
        if ((k.equals("agent_character") || k.equals("opponent_character")) && !v.matches("-?\\d+")) {
            if (v.equalsIgnoreCase("random")) {
                v = "-1";
            } else if (roster != null) {
                v = Integer.toString(roster.indexOf(v));
            } else {
                throw new IllegalArgumentException(k + " must be a roster index or -1 (random), got " + Clip.quoted(value));
            }
        }
        if (k.equals("sticky_actions")) {
            double p = number(k, v);
            if (!(p >= 0 && p <= 1)) { // NaN fails both comparisons
                throw new IllegalArgumentException("sticky_actions must be a probability in 0..1, got " + Clip.value(v));
            }
            v = Long.toString(Math.round(p * 1000));
        }
        m.put(k, v);
    }

    private static EnvConfig fromMap(Map<String, String> m) {
        return new EnvConfig(
                enumValue(Mode.class, "mode", m.get("mode")),
                integer("agent_character", m.get("agent_character")),
                integer("opponent_character", m.get("opponent_character")),
                integer("cpu_level", m.get("cpu_level")),
                integer("ladder_end_level", m.get("ladder_end_level")),
                enumValue(Side.class, "side", m.get("side")),
                integer("width", m.get("width")),
                integer("height", m.get("height")),
                bool("grayscale", m.get("grayscale")),
                integer("frame_skip", m.get("frame_skip")),
                integer("frame_stack", m.get("frame_stack")),
                integer("stack_stride", m.get("stack_stride")),
                bool("max_pool", m.get("max_pool")),
                bool("interleave", m.get("interleave")),
                bool("state_vector", m.get("state_vector")),
                enumValue(ActionType.class, "actions", m.get("actions")),
                enumValue(RewardType.class, "reward", m.get("reward")),
                enumValue(EpisodeType.class, "episode", m.get("episode")),
                integer("max_frames", m.get("max_frames")),
                m.get("sticky_actions").contains(".") ? (int) Math.round(number("sticky_actions", m.get("sticky_actions")) * 1000)
                        : integer("sticky_actions", m.get("sticky_actions")),
                integer("observation_delay", m.get("observation_delay")),
                integer("best_of", m.get("best_of")),
                integer("round_time", m.get("round_time")),
                enumValue(Autoreset.class, "autoreset", m.get("autoreset")),
                bool("record_replays", m.get("record_replays")));
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got " + Clip.quoted(v));
        }
    }

    /** A finite decimal number: NaN and the infinities are refused like any other non-number. */
    private static double number(String key, String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got " + Clip.quoted(v));
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(key + " must be a finite number, got " + Clip.quoted(v));
        }
        return d;
    }

    private static boolean bool(String key, String v) {
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, got " + Clip.quoted(v));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String v) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder options = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                options.append(options.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(key + " must be one of " + options + "; got " + Clip.quoted(v));
        }
    }

    /** Agents per environment: 1 in vs_cpu, 2 in two_player. */
    public int agents() {
        return mode == Mode.TWO_PLAYER ? 2 : 1;
    }

    public int channels() {
        return grayscale ? 1 : 3;
    }

    /** Observation shape, channels-first: [channels * stack, height, width] (interleave: [3, height, width]). */
    public int[] observationShape() {
        int c = interleave ? 3 : channels() * frameStack;
        return new int[] {c, height, width};
    }

    public int observationBytes() {
        int[] s = observationShape();
        return s[0] * s[1] * s[2];
    }

    /** Checks the character indices against a roster. */
    public EnvConfig validate(Roster roster) {
        check(agentCharacter < roster.size() && opponentCharacter < roster.size(),
                "character index out of range: the roster has " + roster.size() + " characters (0.." + (roster.size() - 1) + ")");
        return this;
    }
}
