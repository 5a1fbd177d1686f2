package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command-line contract: help everywhere, one clear line and exit 2 on bad arguments, JSON last. */
class MainTest {
    record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "characters", "play", "arcade", "balance", "botlevels", "bench", "bench env"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");
        Run r = run(args);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("Usage: kumite"), r.out);
    }

    @Test
    void playPrintsATableThenJsonAndIsDeterministic() {
        Run r = run("play", "--p1", "bot:kenta:8", "--p2", "bot:brakk:2", "--seed", "7");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("checksum"), r.out);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.lastLine(), "play output");
        assertTrue(json.keySet().containsAll(java.util.List.of("winner", "rounds", "frames", "checksum")), json.toString());
        assertEquals(r.lastLine(), run("play", "--p1", "bot:kenta:8", "--p2", "bot:brakk:2", "--seed", "7").lastLine());
    }

    @Test
    void charactersListsTheRosterOnePerLine() {
        Run r = run("characters");
        assertEquals(0, r.code);
        assertEquals(12, r.out.strip().split("\\R").length);
        assertTrue(r.out.startsWith("kenta"), r.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "play --p1 bot:kenta:9 --p2 bot:kenta:1",
        "play --p1 bot:nobody:3 --p2 bot:kenta:1",
        "play --p1 bot:kenta:3",
        "play --p1 bot:kenta:3 --p2 noop --best-of 2",
        "play --p1 bot:kenta:3 --p2 noop --seed x",
        "play --p1 dancer --p2 noop",
        "bench env --frame-skip 0 --no-render",
        "frobnicate",
        "arcade --p1 bot:kenta:3 --level 0",
    })
    void badArgumentsGiveOneLineAndExitTwo(String args) {
        Run r = run(args.split(" "));
        assertEquals(2, r.code, "stdout: " + r.out + " stderr: " + r.err);
        assertEquals(1, r.err.strip().split("\\R").length, "exactly one line: " + r.err);
        assertTrue(r.out.isEmpty(), r.out);
    }
}
