package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Same seed and inputs give the same checksum: twice in one JVM, in a separate JVM process, and on a
 * newer JDK when one is installed; a different seed (with seeded CPU bots) gives a different rollout.
 */
class DeterminismTest {
    /** Frames of the long rollout; the reliability target asks for at least 10,000. */
    static final int FRAMES = 12_000;

    /** Plays {@link #FRAMES} frames of bot-vs-bot matches (new matches as needed); returns a fingerprint. */
    static String rollout(long seed) {
        Simulator sim = new Simulator(TestMatches.ROSTER);
        long combined = 0;
        int match = 0;
        MatchState s = null;
        CpuBot b0 = null;
        CpuBot b1 = null;
        for (int f = 0; f < FRAMES; f++) {
            if (s == null || s.isOver()) {
                if (s != null) {
                    combined = combined * 31 + s.checksum();
                }
                long ms = seed + match++;
                int n = TestMatches.ROSTER.size();
                s = sim.newMatch(new MatchConfig((int) Math.floorMod(ms, n), (int) Math.floorMod(ms * 7 + 3, n), 3, 99), ms);
                b0 = new CpuBot(TestMatches.ROSTER, Player.P1, 8, ms);
                b1 = new CpuBot(TestMatches.ROSTER, Player.P2, 7, ms);
            }
            sim.step(s, b0.act(s), b1.act(s));
        }
        combined = combined * 31 + s.checksum();
        return String.format("%016x", combined);
    }

    /** Entry point for the separate-process check: prints the fingerprint of {@code rollout(seed)}. */
    public static void main(String[] args) {
        System.out.println(rollout(Long.parseLong(args[0])));
    }

    @Test
    void sameSeedSameChecksumInOneJvm() {
        assertEquals(rollout(7), rollout(7));
    }

    @Test
    void differentSeedDiffers() {
        assertNotEquals(rollout(7), rollout(8));
        assertNotEquals(TestMatches.botMatch(0, 1, 8, 8, 7, 3), TestMatches.botMatch(0, 1, 8, 8, 8, 3));
    }

    @Test
    void sameChecksumInASeparateJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(rollout(7), runIn(java, 7));
    }

    @Test
    void sameChecksumOnANewerJdk() throws Exception {
        Path newer = newerJdk();
        Assumptions.assumeTrue(newer != null, "no second, newer JDK under /usr/lib/jvm: skipped");
        System.out.println("determinism also checked on " + newer);
        assertEquals(rollout(7), runIn(newer.resolve("bin/java").toString(), 7));
    }

    private static String runIn(String java, long seed) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                DeterminismTest.class.getName(), Long.toString(seed)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), "child JVM failed: " + out);
        String[] lines = out.split("\\R");
        return lines[lines.length - 1];
    }

    private static Path newerJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        int current = Runtime.version().feature();
        try (var dirs = Files.list(jvms)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Path release = d.resolve("release");
                if (!Files.isRegularFile(release) || !new File(d.toFile(), "bin/java").canExecute()) {
                    continue;
                }
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        String v = line.substring(line.indexOf('"') + 1).split("[.\"]")[0];
                        if (v.matches("\\d+") && Integer.parseInt(v) > current) {
                            return d;
                        }
                    }
                }
            }
        }
        return null;
    }
}
