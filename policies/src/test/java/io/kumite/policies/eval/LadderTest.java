package io.kumite.policies.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.fighter.Roster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small ladder over built-in bots: higher levels rank higher; a stopped ladder resumes to the same table. */
class LadderTest {
    @TempDir
    Path tmp;

    static final List<String> BOTS = List.of("bot:mira:1", "bot:mira:4", "bot:mira:8");

    static Ladder.Options options(Path out, boolean resume) {
        return new Ladder.Options(BOTS, 8, 1, 60, 5, 2, out, resume, null, 1000, 200, true);
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void higherLevelsRankHigherAndEverythingIsWritten() throws Exception {
        Path out = tmp.resolve("l");
        Ladder.Outcome o = Ladder.run(options(out, false), Roster.builtIn(), quiet());
        Map<String, Double> r = o.elo().ratings();
        assertTrue(r.get("bot:mira:8") > r.get("bot:mira:4") && r.get("bot:mira:4") > r.get("bot:mira:1"), r.toString());
        assertEquals(1000, r.get("bot:mira:1"), 1e-9, "the first bot anchors at 1000");
        assertEquals(24, o.matches());
        for (String f : new String[] {"results.csv", "elo.csv", "elo.png", "winrate.csv", "winrate.png", "report.md"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (var s = Files.list(out.resolve("replays"))) {
            assertEquals(24, s.count(), "one replay per match");
        }
        assertEquals(25, Files.readAllLines(out.resolve("results.csv")).size());
    }

    @Test
    void aStoppedLadderResumesToTheSameRatings() throws Exception {
        Path full = tmp.resolve("full");
        Ladder.Outcome whole = Ladder.run(options(full, false), Roster.builtIn(), quiet());
        Path cut = tmp.resolve("cut");
        Ladder.run(options(cut, false), Roster.builtIn(), quiet());
        // Keep the header and 10 matches: as if killed after 10 results.
        List<String> lines = Files.readAllLines(cut.resolve("results.csv"));
        Files.write(cut.resolve("results.csv"), lines.subList(0, 11));
        assertThrows(IllegalArgumentException.class, () -> Ladder.run(options(cut, false), Roster.builtIn(), quiet()),
                "refuses to overwrite without --resume");
        Ladder.Outcome resumed = Ladder.run(options(cut, true), Roster.builtIn(), quiet());
        assertEquals(14, resumed.played(), "only the missing matches are played");
        for (String p : BOTS) {
            assertEquals(whole.elo().ratings().get(p), resumed.elo().ratings().get(p), 0.0, p);
        }
    }
}
