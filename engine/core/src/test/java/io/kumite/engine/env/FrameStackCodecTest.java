package io.kumite.engine.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.action.Actions;
import io.kumite.engine.fighter.Roster;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameStackCodecTest {

    @Test
    void eligibilityIsAStackMovingOneFramePerStepWithoutInterleave() {
        Roster roster = Roster.builtIn();
        assertTrue(FrameStackCodec.newestFrameAllowed(EnvConfig.preset("atari84")));
        assertFalse(FrameStackCodec.newestFrameAllowed(EnvConfig.preset("atari84").with(Map.of("frame_stack", "1"), roster)), "no stack");
        assertFalse(FrameStackCodec.newestFrameAllowed(EnvConfig.preset("atari84").with(Map.of("stack_stride", "2"), roster)),
                "two frames per agent step");
        assertFalse(FrameStackCodec.newestFrameAllowed(EnvConfig.preset("atari84").with(Map.of("interleave", "true", "grayscale", "false", "frame_stack", "3"), roster)),
                "interleaved colour channels");
    }

    /**
     * The two halves together, as a server and a client use them: the server steps lazily and codes
     * each agent's newest frame (NEWEST_FRAME as is, FRAME_DELTA against the frame below it), the
     * client rebuilds its stacks, and every step's stacks equal the full observation the environment
     * writes, over several episodes (short rounds, autoreset) and in two-player mode.
     */
    @Test
    void aClientsStacksEqualTheFullObservationsStepForStep() {
        for (String mode : new String[] {"vs_cpu", "two_player"}) {
            for (boolean delta : new boolean[] {false, true}) {
                roundTrip(mode, delta);
            }
        }
    }

    private static void roundTrip(String mode, boolean delta) {
        Roster roster = Roster.builtIn();
        EnvConfig c = EnvConfig.preset("atari84").with(Map.of("round_time", "10", "episode", "round", "mode", mode, "width", "40",
                "height", "32"), roster);
        int envs = 3;
        try (LocalVecEnv server = new LocalVecEnv(roster, c, envs, 1)) {
            for (int e = 0; e < envs; e++) {
                server.env(e).lazyObservations(true);
            }
            int agents = server.agents();
            int ob = server.observationBytes();
            int depth = c.frameStack();
            int frame = FrameStackCodec.frameBytes(c, ob);
            byte[] client = new byte[envs * agents * ob];
            byte[] wire = new byte[FrameStackCodec.maxEncodedBytes(frame)];
            boolean[] sent = new boolean[envs];
            Random r = new Random(5);
            int[] actions = new int[envs * agents];
            int starts = 0;
            server.reset(11L);
            for (int t = 0; t <= 700; t++) {
                boolean afterReset = t == 0;
                if (!afterReset) {
                    for (int k = 0; k < actions.length; k++) {
                        actions[k] = r.nextInt(Actions.DISCRETE_COUNT);
                    }
                    server.step(actions);
                }
                for (int e = 0; e < envs; e++) {
                    byte[] newest = server.env(e).frame(0);
                    byte[] previous = server.env(e).frame(1);
                    for (int a = 0; a < agents; a++) {
                        int slot = e * agents + a;
                        boolean fresh = FrameStackCodec.freshStack(afterReset, server.infos(), slot);
                        starts += fresh ? 1 : 0;
                        if (delta) {
                            int w = FrameStackCodec.encode(newest, previous, frame, sent[e], server.infos(), slot, wire, 0);
                            FrameStackCodec.apply(client, slot * ob, depth, frame, wire, 0, w, fresh);
                        } else {
                            FrameStackCodec.push(client, slot * ob, depth, frame, newest, 0, fresh);
                        }
                    }
                    sent[e] = true;
                    server.env(e).writeObservations();
                }
                assertArrayEquals(server.observations(), client, mode + (delta ? " FRAME_DELTA" : " NEWEST_FRAME") + ", step " + t);
            }
            assertTrue(starts > 3 * envs * agents, mode + ": episodes began along the way (" + starts + " stack fills)");
        }
    }

    @Test
    void aDeltaAfterTheReferenceWasLostWouldBeWrongSoTheFirstAnswerIsAKeyframe() {
        EnvConfig c = EnvConfig.preset("atari84");
        int frame = 64;
        byte[] newest = new byte[frame];
        byte[] previous = new byte[frame];
        Arrays.fill(newest, (byte) 3);
        int[] infos = new int[Info.FIELDS];
        infos[Info.index(0, Info.Field.EPISODE_FRAMES)] = 9;
        byte[] out = new byte[FrameStackCodec.maxEncodedBytes(frame)];
        int w = FrameStackCodec.encode(newest, newest, frame, false, infos, 0, out, 0);
        assertTrue(w == 1 + frame && out[0] == FrameDelta.KEYFRAME, "no reference sent yet: a keyframe even for an unchanged frame");
        w = FrameStackCodec.encode(newest, newest, frame, true, infos, 0, out, 0);
        assertTrue(w == 1 && out[0] == FrameDelta.DELTA, "an unchanged frame against a sent reference is one byte");
        infos[Info.index(0, Info.Field.EPISODE_FRAMES)] = 0;
        w = FrameStackCodec.encode(newest, previous, frame, true, infos, 0, out, 0);
        assertTrue(w == 1 + frame && out[0] == FrameDelta.KEYFRAME, "an episode's first frame: a keyframe");
        assertTrue(FrameStackCodec.newestFrameAllowed(c));
    }
}
