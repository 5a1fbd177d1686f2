package io.kumite.engine.env;

import io.kumite.engine.action.Actions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.fighter.Roster;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDeltaTest {
    private static final int LEN = 7056;

    /** Codes {@code next} against the encoder's reference and decodes it onto the decoder's copy. */
    private static int roundTrip(byte[] next, byte[] encRef, byte[] decFrame, boolean key) {
        byte[] out = new byte[FrameDelta.maxEncodedBytes(LEN) + 3];
        byte[] refBefore = encRef.clone();
        int w = FrameDelta.encode(next, 0, encRef, 0, LEN, key, out, 3);
        assertArrayEquals(refBefore, encRef, "the reference is only read");
        FrameDelta.decode(out, 3, w, decFrame, 0, LEN);
        assertArrayEquals(next, decFrame);
        System.arraycopy(next, 0, encRef, 0, LEN); // the receiver's frame now
        return w;
    }

    @Test
    void sparseChangesRoundTripAndShrink() {
        Random r = new Random(3);
        byte[] enc = new byte[LEN];
        byte[] dec = new byte[LEN];
        byte[] f = new byte[LEN];
        r.nextBytes(f);
        assertEquals(1 + LEN, roundTrip(f.clone(), enc, dec, true), "a keyframe is the whole frame");
        for (int t = 0; t < 200; t++) {
            int changes = r.nextInt(400);
            for (int c = 0; c < changes; c++) {
                int p = r.nextInt(LEN);
                int run = 1 + r.nextInt(8);
                for (int k = p; k < Math.min(LEN, p + run); k++) {
                    f[k] = (byte) r.nextInt(256);
                }
            }
            int w = roundTrip(f.clone(), enc, dec, false);
            assertTrue(w <= 1 + LEN, "never longer than a keyframe: " + w);
        }
        assertEquals(1, roundTrip(f.clone(), enc, dec, false), "an unchanged frame is one byte");
        f[LEN - 1]++;
        f[0]++;
        assertEquals(1 + LEN / 64 + 1 + 8 + 8, roundTrip(f.clone(), enc, dec, false), "first and last bytes: the mask and two words");
    }

    @Test
    void aWhollyNewFrameFallsBackToAKeyframe() {
        byte[] enc = new byte[LEN];
        byte[] dec = new byte[LEN];
        byte[] f = new byte[LEN];
        java.util.Arrays.fill(f, (byte) 7);
        assertEquals(1 + LEN, roundTrip(f, enc, dec, false));
    }

    @Test
    void aDeltaOneByteShorterThanAKeyframeIsKeptWhereverItsWordsAre() {
        int maskBytes = (LEN / 8 + 7) / 8;
        int most = (LEN - maskBytes - 1) / 8; // 1 + maskBytes + 8 * most < 1 + LEN
        for (boolean atEnd : new boolean[] {false, true}) {
            for (int changed : new int[] {most, most + 1}) {
                byte[] enc = new byte[LEN];
                byte[] dec = new byte[LEN];
                byte[] f = new byte[LEN];
                int first = atEnd ? LEN / 8 - changed : 0;
                for (int k = first; k < first + changed; k++) {
                    f[8 * k + 3] = 1;
                }
                int expected = changed == most ? 1 + maskBytes + 8 * most : 1 + LEN;
                assertEquals(expected, roundTrip(f, enc, dec, false), changed + " words changed, " + (atEnd ? "the last ones" : "the first ones"));
            }
        }
    }

    /**
     * As an arena server codes: each step's newest frame against the frame below it in the stack,
     * which is the previous step's newest except at an episode's first observation (a keyframe then),
     * over several episodes (short rounds).
     */
    @Test
    void realFramesCodedAgainstTheStackShrinkToAboutAThird() {
        EnvConfig c = EnvConfig.preset("atari84").with(java.util.Map.of("round_time", "10", "episode", "round"), Roster.builtIn());
        int episodeFrames = Info.index(0, Info.Field.EPISODE_FRAMES);
        int fields = Info.FIELDS;
        try (LocalVecEnv env = new LocalVecEnv(Roster.builtIn(), c, 4, 1)) {
            env.reset(1L);
            int ob = env.observationBytes();
            int frame = ob / c.frameStack();
            byte[][] dec = new byte[4][frame];
            int keyframes = 0;
            byte[] out = new byte[FrameDelta.maxEncodedBytes(frame)];
            long coded = 0;
            long raw = 0;
            Random r = new Random(1);
            int[] actions = new int[4];
            for (int t = 0; t < 500; t++) {
                for (int i = 0; i < 4; i++) {
                    actions[i] = r.nextInt(Actions.DISCRETE_COUNT);
                }
                env.step(actions);
                for (int i = 0; i < 4; i++) {
                    boolean key = t == 0 || env.infos()[i * fields + episodeFrames] == 0;
                    int w = FrameDelta.encode(env.observations(), i * ob + ob - frame, env.observations(), i * ob + ob - 2 * frame, frame, key,
                            out, 0);
                    keyframes += key ? 1 : 0;
                    FrameDelta.decode(out, 0, w, dec[i], 0, frame);
                    assertArrayEquals(java.util.Arrays.copyOfRange(env.observations(), i * ob + ob - frame, (i + 1) * ob), dec[i],
                            "step " + t + " environment " + i);
                    coded += w;
                    raw += frame;
                }
            }
            assertTrue(keyframes > 4, "episodes ended and started: " + keyframes + " keyframes");
            assertTrue(coded * 2 < raw, "coded " + coded + " of " + raw + " bytes");
        }
    }

    @Test
    void aFrameOfWholeWordsAndAPartOneRoundTrips() {
        int len = 8 * 5 + 3;
        byte[] enc = new byte[len];
        byte[] dec = new byte[len];
        byte[] f = new byte[len];
        byte[] out = new byte[FrameDelta.maxEncodedBytes(len)];
        Random r = new Random(9);
        for (int t = 0; t < 300; t++) {
            f[r.nextInt(len)] = (byte) r.nextInt(256);
            int w = FrameDelta.encode(f, 0, enc, 0, len, t == 0, out, 0);
            assertTrue(w <= 1 + len);
            FrameDelta.decode(out, 0, w, dec, 0, len);
            assertArrayEquals(f, dec);
            System.arraycopy(f, 0, enc, 0, len);
        }
        f[len - 1]++;
        int w = FrameDelta.encode(f, 0, enc, 0, len, false, out, 0);
        assertEquals(1 + 1 + 3, w, "only the 3-byte last word");
        FrameDelta.decode(out, 0, w, dec, 0, len);
        assertArrayEquals(f, dec);
    }

    @Test
    void damagedInputIsRefused() {
        byte[] frame = new byte[16];
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(new byte[] {5}, 0, 1, frame, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(new byte[] {0, 1, 2}, 0, 3, frame, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(new byte[] {1, 15, 5, 1, 2, 3, 4, 5}, 0, 8, frame, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(new byte[0], 0, 0, frame, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(new byte[] {1, 1, 1, 2, 3}, 0, 5, frame, 0, 16), "a word cut short");
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(new byte[] {1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 11, frame, 0, 16),
                "a byte after the last word");
        byte[] block = new byte[2 + 63];
        block[0] = 1;
        block[1] = (byte) 0xff;
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(block, 0, block.length, new byte[64], 0, 64),
                "a wholly changed block cut short");
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(new byte[] {1, 1, 1, 2, 3, 4, 5, 6, 7, 8}, 0, 10, frame, 10, 16),
                "a frame beyond its array");
        byte[] fresh = new byte[16];
        FrameDelta.decode(new byte[] {1, 2, 1, 2, 3, 4, 5, 6, 7, 8}, 0, 10, fresh, 0, 16);
        assertEquals(1, fresh[8], "word 1 written");
        assertEquals(0, fresh[0], "word 0 untouched");
    }
}
