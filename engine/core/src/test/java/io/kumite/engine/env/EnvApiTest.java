package io.kumite.engine.env;

import io.kumite.engine.action.Actions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.TestMatches;
import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayVerifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The environment API in the spirit of PettingZoo's api and seed tests: determinism by seed, seeds
 * base + i, terminated vs truncated, next-step autoreset, wrong-order calls, config validation, and
 * replays of every episode.
 */
class EnvApiTest {
    static EnvConfig config(String preset, Map<String, String> overrides) {
        return EnvConfig.preset(preset).with(overrides, TestMatches.ROSTER);
    }

    /** Steps {@code steps} times with seeded random actions; returns a fingerprint of everything returned. */
    static long rollout(EnvConfig cfg, int envs, long seed, int steps) {
        return rollout(cfg, envs, seed, steps, 1);
    }

    /** As above, stepped on {@code threads} threads. */
    static long rollout(EnvConfig cfg, int envs, long seed, int steps, int threads) {
        try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, envs, threads)) {
            v.reset(seed);
            Rng rng = new Rng(99);
            int[] actions = new int[envs * v.agents()];
            long h = 17;
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = cfg.actions() == EnvConfig.ActionType.DISCRETE ? rng.nextInt(Actions.DISCRETE_COUNT) : rng.nextInt(1024);
                }
                v.step(actions);
                h = h * 31 + Arrays.hashCode(v.observations);
                h = h * 31 + Arrays.hashCode(v.rewards);
                h = h * 31 + Arrays.hashCode(v.infos);
                h = h * 31 + Arrays.hashCode(v.terminated) + Arrays.hashCode(v.truncated);
                h = h * 31 + Arrays.hashCode(v.states);
            }
            return h;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"atari84", "fightladder", "two_player", "knobs"})
    void sameSeedSameEverythingAndAnotherSeedDiffers(String name) {
        EnvConfig cfg = switch (name) {
            case "two_player" -> config("atari84", Map.of("mode", "two_player", "state_vector", "true", "opponent_character", "random",
                    "reward", "sparse", "episode", "match", "side", "random"));
            case "knobs" -> config("atari84", Map.of("sticky_actions", "0.25", "observation_delay", "15", "max_pool", "true",
                    "actions", "multi_binary", "side", "random", "agent_character", "random", "width", "64", "height", "48"));
            default -> EnvConfig.preset(name);
        };
        int steps = name.equals("fightladder") ? 400 : 1000;
        long a = rollout(cfg, 2, 5, steps);
        assertEquals(a, rollout(cfg, 2, 5, steps), "same seed, same observations, rewards, infos and flags");
        assertTrue(a != rollout(cfg, 2, 6, steps), "another seed gives another rollout");
    }

    /** Which thread steps an environment never shows: one thread and three give the same rollout; a worker's failure reaches the caller. */
    @Test
    void threadsDoNotChangeResultsAndAWorkersFailureReachesTheCaller() {
        EnvConfig cfg = config("atari84", Map.of("width", "32", "height", "32", "round_time", "10", "opponent_character", "random"));
        assertEquals(rollout(cfg, 7, 4, 400, 1), rollout(cfg, 7, 4, 400, 3));
        try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, 6, 3)) {
            v.reset(1);
            for (int bad = 0; bad < 6; bad++) {
                int[] actions = new int[6];
                actions[bad] = 99;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.step(actions));
                assertTrue(e.getMessage().contains("environment " + bad), e.getMessage());
            }
        }
    }

    @Test
    void environmentIGetsSeedBasePlusI() {
        EnvConfig cfg = config("atari84", Map.of("width", "32", "height", "32", "opponent_character", "random"));
        try (LocalVecEnv three = new LocalVecEnv(TestMatches.ROSTER, cfg, 3, 1); LocalVecEnv one = new LocalVecEnv(TestMatches.ROSTER, cfg, 1, 1)) {
            three.reset(10);
            one.reset(12);
            for (int t = 0; t < 300; t++) {
                three.step(new int[] {t % 22, (t * 5) % 22, (t * 7) % 22});
                one.step(new int[] {(t * 7) % 22});
                int n = three.observationBytes();
                assertArrayEquals(Arrays.copyOfRange(three.observations, 2 * n, 3 * n), one.observations, "step " + t);
                assertEquals(one.rewards[0], three.rewards[2]);
            }
        }
    }

    @Test
    void perEnvironmentOpponentAppliesFromTheNextEpisode() {
        EnvConfig cfg = config("atari84", Map.of("width", "32", "height", "32", "opponent_character", "kenta", "round_time", "10"));
        try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, 2, 1)) {
            v.reset(3);
            assertEquals(0, v.infos[Info.index(0, Info.Field.OPPONENT_CHARACTER)], "the config's opponent first");
            v.setOpponent(1, 5, 8);
            assertEquals(0, v.infos[Info.index(1, Info.Field.OPPONENT_CHARACTER)], "unchanged within the running episode");
            boolean sawNew = false;
            for (int t = 0; t < 2000 && !sawNew; t++) {
                boolean ended = v.terminated[1] || v.truncated[1];
                v.step(new int[] {0, 0});
                if (ended) {
                    assertEquals(5, v.infos[Info.index(1, Info.Field.OPPONENT_CHARACTER)], "environment 1 fights character 5 from its next episode");
                    assertEquals(0, v.infos[Info.index(0, Info.Field.OPPONENT_CHARACTER)], "environment 0 keeps the config's opponent");
                    sawNew = true;
                }
            }
            assertTrue(sawNew, "an episode ended");
            assertThrows(IllegalArgumentException.class, () -> v.setOpponent(0, 99, 1));
            assertThrows(IllegalArgumentException.class, () -> v.setOpponent(0, 1, 9));
        }
    }

    @Test
    void terminatedThenNextStepAutoreset() {
        EnvConfig cfg = config("atari84", Map.of("width", "32", "height", "32", "round_time", "10", "reward", "sparse"));
        try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, 1, 1)) {
            v.reset(1);
            int fields = Info.FIELDS;
            int outcome = Info.index(0, Info.Field.OUTCOME);
            int frames = Info.index(0, Info.Field.EPISODE_FRAMES);
            int steps = 0;
            while (!v.terminated[0]) {
                v.step(new int[] {0});
                assertFalse(v.truncated[0]);
                assertTrue(steps++ < 1000, "a 10-count round must end");
            }
            assertTrue(v.infos[outcome] >= 1 && v.infos[outcome] <= 3, "the outcome is set on the last step");
            assertTrue(Math.abs(v.rewards[0]) <= 1);
            // Next step: the action is ignored, a new episode starts, reward 0, no flags.
            v.step(new int[] {5});
            assertFalse(v.terminated[0] || v.truncated[0]);
            assertEquals(0f, v.rewards[0]);
            assertEquals(0, v.infos[frames]);
            assertEquals(0, v.infos[outcome]);
            assertEquals(fields, v.infos.length);
        }
    }

    @Test
    void truncatedAtMaxFramesAndAutoresetCanBeDisabled() {
        EnvConfig cfg = config("atari84", Map.of("width", "32", "height", "32", "max_frames", "40", "autoreset", "disabled"));
        try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, 1, 1)) {
            v.reset(1);
            for (int t = 0; t < 9; t++) {
                v.step(new int[] {0});
                assertFalse(v.truncated[0]);
            }
            v.step(new int[] {0});
            assertTrue(v.truncated[0], "40 frames = 10 steps of 4");
            assertFalse(v.terminated[0]);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.step(new int[] {0}));
            assertTrue(e.getMessage().contains("call reset"), e.getMessage());
            v.reset(0, null);
            v.step(new int[] {0});
        }
    }

    @Test
    void wrongOrderAndBadActionsAreClearErrors() {
        EnvConfig cfg = config("atari84", Map.of("width", "32", "height", "32"));
        try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, 2, 1)) {
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> v.step(new int[] {0, 0}));
            assertTrue(early.getMessage().contains("call reset before step"), early.getMessage());
            v.reset(1);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> v.step(new int[] {0})).getMessage()
                    .startsWith("expected 2 actions"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> v.step(new int[] {0, 22})).getMessage()
                    .contains("discrete action must be in 0..21, got 22"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> v.reset(5, 1L)).getMessage().contains("out of range"));
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "width, 8, width must be in 16..512",
        "height, 600, height must be in 16..512",
        "frame_skip, 0, frame_skip must be in 1..32",
        "frame_stack, 17, frame_stack must be in 1..16",
        "stack_stride, 3, stack_stride (3) must divide frame_skip",
        "cpu_level, 9, cpu_level must be in 1..8",
        "mode, solo, mode must be one of vs_cpu, two_player",
        "actions, analog, actions must be one of discrete, multi_binary",
        "reward, dense, reward must be one of zero_sum, fightladder, sparse",
        "episode, forever, episode must be one of round, match, ladder",
        "side, up, side must be one of left, right, random",
        "sticky_actions, 1.5, sticky_actions must be a probability in 0..1",
        "sticky_actions, NaN, sticky_actions must be a finite number",
        "sticky_actions, Infinity, sticky_actions must be a finite number",
        "sticky_actions, -Infinity, sticky_actions must be a finite number",
        "sticky_actions, 1e999, sticky_actions must be a finite number",
        "observation_delay, 61, observation_delay must be in 0..60",
        "best_of, 4, best_of must be an odd number",
        "round_time, 5, round_time must be in 10..999",
        "grayscale, maybe, grayscale must be true or false",
        "max_frames, -1, max_frames must be >= 0",
        "interleave, true, interleave needs RGB observations and frame_stack 3",
        "agent_character, nobody, unknown character \"nobody\"",
        "autoreset, sometimes, autoreset must be one of next_step, disabled",
        "colour, red, unknown environment setting \"colour\"",
    })
    void everyConfigFieldIsValidatedWithTheFix(String key, String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnvConfig.preset("atari84").with(key, value, TestMatches.ROSTER));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A value or name echoed in a refusal is clipped: a megabyte setting does not become a megabyte message. */
    @Test
    void echoedValuesAreClipped() {
        String huge = "y".repeat(1_000_000);
        for (String key : List.of("width", "grayscale", "actions", "agent_character", "sticky_actions")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EnvConfig.preset("atari84").with(key, huge, TestMatches.ROSTER));
            assertTrue(e.getMessage().length() < 1000 && e.getMessage().contains("(1000000 characters)"), key + ": " + e.getMessage().length());
        }
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> EnvConfig.preset("atari84").with(huge, "1", TestMatches.ROSTER));
        assertTrue(name.getMessage().length() < 1000, "setting name: " + name.getMessage().length());
        IllegalArgumentException preset = assertThrows(IllegalArgumentException.class, () -> EnvConfig.preset(huge));
        assertTrue(preset.getMessage().length() < 1000, "preset: " + preset.getMessage().length());
    }

    /** Several settings are checked together: an order whose first step alone is invalid still works. */
    @Test
    void settingsAppliedTogetherDoNotDependOnTheirOrder() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("interleave", "true"); // alone on atari84 (grayscale, 4 frames): refused
        m.put("grayscale", "false");
        m.put("frame_stack", "3");
        EnvConfig c = EnvConfig.preset("atari84").with(m, TestMatches.ROSTER);
        assertTrue(c.interleave());
        assertArrayEquals(new int[] {3, 84, 84}, c.observationShape());
        m.put("frame_stack", "4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvConfig.preset("atari84").with(m, TestMatches.ROSTER));
        assertTrue(e.getMessage().contains("interleave needs RGB observations and frame_stack 3"), e.getMessage());
    }

    @Test
    void presetsMatchTheirDocumentation() {
        EnvConfig a = EnvConfig.preset("atari84");
        assertArrayEquals(new int[] {4, 84, 84}, a.observationShape());
        assertEquals(4, a.frameSkip());
        EnvConfig f = EnvConfig.preset("fightladder");
        assertArrayEquals(new int[] {3, 100, 128}, f.observationShape());
        assertEquals(8, f.frameSkip());
        assertEquals(EnvConfig.RewardType.FIGHTLADDER, f.reward());
        assertEquals(f, EnvConfig.preset("atari84").with(f.toMap(), TestMatches.ROSTER), "toMap/with round-trips");
    }

    @Test
    void aLevelEightAgentClimbsTheLadder() {
        // The agent is driven by a level-8 bot through multi_binary actions, one frame per step.
        EnvConfig cfg = config("atari84", Map.of("width", "16", "height", "16", "frame_stack", "1", "frame_skip", "1",
                "stack_stride", "1", "actions", "multi_binary", "episode", "ladder", "cpu_level", "1", "round_time", "30"));
        try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, 1, 1)) {
            v.reset(3);
            CpuBot pilot = new CpuBot(TestMatches.ROSTER, Player.P1, 8, 3);
            int stage = Info.index(0, Info.Field.LADDER_STAGE);
            int opponent = Info.index(0, Info.Field.OPPONENT_CHARACTER);
            int best = 1;
            for (int t = 0; t < 200_000 && !v.terminated[0]; t++) {
                v.step(new int[] {pilot.act(v.env(0).state())});
                best = Math.max(best, v.infos[stage]);
                assertEquals(v.infos[stage] - 1, v.infos[opponent], "stage k is the k-th character of the roster");
            }
            assertTrue(best >= 3, "a level-8 agent beats level-1 stages; reached stage " + best);
        }
    }

    /**
     * The frame stack gains one frame per agent step and is refilled only when an episode starts
     * (episode_frames 0), ladder stages included: the rule clients that receive only each step's
     * newest frame (NEWEST_FRAME, FRAME_DELTA) rebuild their stacks by.
     */
    @Test
    void theStackShiftsByOneFramePerStepAcrossLadderStages() {
        EnvConfig cfg = config("atari84", Map.of("width", "16", "height", "16", "actions", "multi_binary", "episode", "ladder",
                "cpu_level", "1", "round_time", "30"));
        int frame = 16 * 16;
        int ob = 4 * frame;
        try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, 1, 1)) {
            v.reset(3);
            CpuBot pilot = new CpuBot(TestMatches.ROSTER, Player.P1, 8, 3);
            int stage = Info.index(0, Info.Field.LADDER_STAGE);
            int frames = Info.index(0, Info.Field.EPISODE_FRAMES);
            byte[] before = Arrays.copyOf(v.observations, ob);
            int stageChanges = 0;
            int episodes = 0;
            int lastStage = v.infos[stage];
            for (int t = 0; t < 20_000 && (stageChanges < 2 || episodes < 1); t++) {
                v.step(new int[] {pilot.act(v.env(0).state())});
                byte[] now = Arrays.copyOf(v.observations, ob);
                if (v.infos[frames] == 0) {
                    episodes++;
                    for (int k = 1; k < 4; k++) {
                        assertArrayEquals(Arrays.copyOfRange(now, 0, frame), Arrays.copyOfRange(now, k * frame, (k + 1) * frame),
                                "a new episode's stack is its first frame, four times (step " + t + ")");
                    }
                } else {
                    assertArrayEquals(Arrays.copyOfRange(before, frame, ob), Arrays.copyOfRange(now, 0, ob - frame),
                            "step " + t + " (stage " + v.infos[stage] + "): the stack shifted by one frame");
                    if (v.infos[stage] != lastStage) {
                        stageChanges++;
                    }
                }
                lastStage = v.infos[stage];
                before = now;
            }
            assertTrue(stageChanges >= 2, "stage changes inside an episode seen: " + stageChanges);
        }
    }

    @Test
    void everyEpisodeIsRecordedAndVerifies() {
        List<Replay> replays = new ArrayList<>();
        String[][] setups = {
            {"mode", "vs_cpu", "episode", "round"},
            {"mode", "vs_cpu", "episode", "match"},
            {"mode", "two_player", "episode", "round"},
            {"mode", "two_player", "episode", "match"},
        };
        for (String[] kv : setups) {
            EnvConfig cfg = config("atari84", Map.of(kv[0], kv[1], kv[2], kv[3], "width", "16", "height", "16",
                    "record_replays", "true", "round_time", "15", "agent_character", "random", "opponent_character", "random",
                    "sticky_actions", "0.1"));
            try (LocalVecEnv v = new LocalVecEnv(TestMatches.ROSTER, cfg, 8, 1)) {
                v.reset(41);
                Rng rng = new Rng(7);
                int[] actions = new int[8 * v.agents()];
                for (int t = 0; t < 4_000 && replays.size() < 50 * (Arrays.asList(setups).indexOf(kv) + 1); t++) {
                    for (int i = 0; i < actions.length; i++) {
                        actions[i] = rng.nextInt(Actions.DISCRETE_COUNT);
                    }
                    v.step(actions);
                    replays.addAll(v.drainReplays());
                }
            }
        }
        assertTrue(replays.size() >= 200, "recorded " + replays.size() + " episodes");
        java.util.Set<String> characters = new java.util.HashSet<>();
        for (Replay r : replays) {
            ReplayVerifier.Outcome o = ReplayVerifier.verify(r, TestMatches.ROSTER);
            assertTrue(o.ok(), o.message());
            characters.add(r.header().p1Character());
        }
        assertTrue(characters.size() >= 10, "episodes across characters: " + characters);
    }

    @Test
    void discreteActionsMapToInputsAndMacrosRunTheirMotion() {
        var c = TestMatches.ROSTER.get(0);
        int[] out = new int[8];
        assertEquals(1, Actions.discrete(3, c, 1, 1, out));
        assertEquals(FrameInput.RIGHT, out[0]);
        assertEquals(1, Actions.discrete(Actions.THROW, c, 1, -1, out));
        assertEquals(FrameInput.LEFT | FrameInput.HP, out[0]);
        int n = Actions.discrete(Actions.FIRST_MACRO, c, -1, -1, out); // kenta's fireball, facing left
        assertEquals(3, n);
        assertArrayEquals(new int[] {FrameInput.DOWN, FrameInput.DOWN | FrameInput.LEFT, FrameInput.LEFT | FrameInput.HP},
                Arrays.copyOf(out, 3));
        assertEquals(22, Actions.discreteNames(c).size());
    }
}
