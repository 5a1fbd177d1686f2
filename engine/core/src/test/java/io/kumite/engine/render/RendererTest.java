package io.kumite.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.Player;
import io.kumite.engine.TestMatches;
import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Rules;
import io.kumite.engine.sim.Simulator;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden frames (hashes recorded from this renderer), one test per visible element (a frame without
 * it must differ where it stands), bit-exactness, buffer bounds and allocation.
 */
class RendererTest {
    /** A real mid-match state: kenta vs mira, level-8 bots, seed 12, after {@code frames} frames. */
    static MatchState state(int frames) {
        Simulator sim = new Simulator(TestMatches.ROSTER);
        MatchState s = sim.newMatch(new MatchConfig(0, 1, 3, 99), 12);
        CpuBot b0 = new CpuBot(TestMatches.ROSTER, Player.P1, 8, 12);
        CpuBot b1 = new CpuBot(TestMatches.ROSTER, Player.P2, 8, 12);
        while (s.frame < frames) {
            sim.step(s, b0.act(s), b1.act(s));
        }
        return s;
    }

    static byte[] render(MatchState s, int w, int h, boolean rgb) {
        Renderer r = new Renderer(TestMatches.ROSTER, w, h, rgb);
        byte[] out = new byte[r.frameBytes()];
        r.render(s, out, 0);
        return out;
    }

    static String hash(byte[] data) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append(String.format("%02x", d[i]));
        }
        return b.toString();
    }

    @ParameterizedTest(name = "frame {0} at {1}x{2} rgb={3}")
    @CsvSource({
        "52, 84, 84, false, 6d438cfa908bfba2",
        "1302, 128, 100, true, 0402d02220111161",
        "2194, 384, 240, true, 410bd05282657bdd",
        "400, 16, 16, false, 75473ae0a34e6560",
    })
    void goldenFrames(int frame, int w, int h, boolean rgb, String expected) throws Exception {
        String actual = hash(render(state(frame), w, h, rgb));
        System.out.printf("golden frame %d %dx%d rgb=%s: %s%n", frame, w, h, rgb, actual);
        assertEquals(expected, actual, "the rendered frame changed; if the change is intended, record the new hash here");
    }

    /** Pixels that differ between two frames. */
    static int differing(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }

    @Test
    void everyVisibleElementIsDrawn() {
        MatchState s = state(52); // a projectile is in flight
        assertTrue(s.projectiles[0].active || s.projectiles[1].active, "test setup: a projectile is on screen");
        byte[] base = render(s, 84, 84, false);
        for (int p = 0; p < 2; p++) {
            MatchState gone = s.copy();
            // Move the fighter to the far end of the stage, out of the camera's view.
            gone.fighters[p].x = p == 0 ? Rules.STAGE_WIDTH - 40 * Rules.SUB : 40 * Rules.SUB;
            gone.fighters[1 - p].x = p == 0 ? Rules.STAGE_WIDTH - 200 * Rules.SUB : 200 * Rules.SUB;
            assertTrue(differing(base, render(gone, 84, 84, false)) > 100, "fighter " + p + " is drawn");
        }
        MatchState noProjectile = s.copy();
        noProjectile.projectiles[0].active = false;
        noProjectile.projectiles[1].active = false;
        assertTrue(differing(base, render(noProjectile, 84, 84, false)) >= 4, "the projectile is drawn");
        for (int p = 0; p < 2; p++) {
            MatchState hurt = s.copy();
            CharacterDef c = TestMatches.ROSTER.get(hurt.fighters[p].character);
            hurt.fighters[p].health = hurt.fighters[p].health > c.health / 2 ? c.health / 10 : c.health;
            int diff = differing(base, render(hurt, 84, 84, false));
            assertTrue(diff >= 8, "health bar " + p + " is drawn (" + diff + " pixels changed)");
        }
        MatchState later = s.copy();
        later.timerFrames = 10 * Rules.FRAMES_PER_COUNT; // "10" instead of "99"
        assertTrue(differing(base, render(later, 84, 84, false)) >= 4, "the timer is drawn");
        MatchState won = s.copy();
        won.roundsWon[0] = s.roundsWon[0] == 0 ? 1 : 0;
        assertTrue(differing(base, render(won, 84, 84, false)) >= 1, "round markers are drawn");
    }

    @Test
    void bitExactAndWithinItsBytes() {
        MatchState s = state(370);
        Renderer r = new Renderer(TestMatches.ROSTER, 100, 60, true);
        byte[] a = new byte[r.frameBytes() + 300];
        Arrays.fill(a, (byte) 0x5A);
        r.render(s, a, 100);
        for (int i = 0; i < 100; i++) {
            assertEquals(0x5A, a[i], "byte " + i + " before the frame was touched");
        }
        for (int i = 100 + r.frameBytes(); i < a.length; i++) {
            assertEquals(0x5A, a[i], "byte " + i + " after the frame was touched");
        }
        byte[] b = new byte[r.frameBytes()];
        new Renderer(TestMatches.ROSTER, 100, 60, true).render(s, b, 0);
        assertArrayEquals(b, Arrays.copyOfRange(a, 100, 100 + r.frameBytes()), "two renderers, one frame");
    }

    @Test
    void noAllocationPerFrame() {
        MatchState[] states = {state(1092), state(370), state(400)};
        Renderer r = new Renderer(TestMatches.ROSTER, 84, 84, false);
        byte[] out = new byte[r.frameBytes()];
        for (int i = 0; i < 20_000; i++) {
            r.render(states[i % 3], out, 0);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 3_000; i++) {
            r.render(states[i % 3], out, 0);
        }
        long bytes = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(bytes < 3_000, bytes + " bytes allocated by 3,000 frames");
    }

    @Test
    void sizesAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Renderer(TestMatches.ROSTER, 15, 84, false));
        assertEquals("observation size must be 16..512 pixels per side, got 15x84", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Renderer(TestMatches.ROSTER, 84, 513, false));
    }
}
