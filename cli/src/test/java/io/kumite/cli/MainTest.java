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
    @ValueSource(strings = {"", "characters", "play", "arcade", "balance", "botlevels", "bench", "bench env", "replay",
        "replay info", "replay verify", "replay export", "serve", "health", "view", "train", "train ppo", "eval", "quickstart", "bench ppo", "elo",
        "ladder", "exploit", "train selfplay", "train league", "league status", "bench grpc", "audit", "export"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");
        // picocli reports a description it cannot format (an unescaped %) on System.err, not on our writers.
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        Run r;
        try {
            System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
            r = run(args);
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("Usage: kumite"), r.out);
        assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8), "help text renders without picocli warnings");
    }

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        // The command lists of `kumite --help` show the first description line of each command: a
        // line cut mid-sentence there reads as "each a" (the rest follows only in its own help).
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(new picocli.CommandLine(new Main()));
        int checked = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.pop();
            todo.addAll(c.getSubcommands().values());
            String[] description = c.getCommandSpec().usageMessage().description();
            if (description.length == 0) {
                continue;
            }
            String summary = description[0].strip();
            assertTrue(summary.endsWith("."), "summary of `" + c.getCommandSpec().qualifiedName() + "` is not a whole sentence: " + summary);
            assertTrue(summary.length() <= 110, "summary of `" + c.getCommandSpec().qualifiedName() + "` is longer than a line: " + summary);
            checked++;
        }
        assertTrue(checked >= 25, "walked " + checked + " commands");
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
    @SuppressWarnings("unchecked")
    void auditPrintsTheBestExploitPerCharacterAndTheTwoPlayerNashThenJson() {
        Run r = run("audit", "--characters", "kenta", "--cpus", "mira,vex", "--scripts", "const:16,turtle,script:throw-loop",
                "--rounds", "2", "--two-player", "--threads", "2");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("best exploit") && r.out.contains("Nash support"), r.out);
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.lastLine(), "audit output");
        Map<String, Object> level = (Map<String, Object>) ((java.util.List<Object>) json.get("levels")).get(0);
        assertEquals(8, ((Number) level.get("level")).intValue());
        Map<String, Object> kenta = (Map<String, Object>) ((java.util.List<Object>) level.get("characters")).get(0);
        assertTrue(((Map<String, Object>) kenta.get("scripts")).keySet().containsAll(java.util.List.of("const:16", "turtle", "throw-loop")),
                kenta.toString());
        Map<String, Object> mirror = (Map<String, Object>) ((java.util.List<Object>) json.get("two_player")).get(0);
        double weight = 0;
        for (Object w : ((Map<String, Object>) mirror.get("nash")).values()) {
            weight += ((Number) w).doubleValue();
        }
        assertEquals(1.0, weight, 0.02, "the Nash weights sum to one: " + mirror);
        assertEquals(2, run("audit", "--rounds", "0").code);
        assertEquals(2, run("audit", "--scripts", "dance").code);
    }

    @Test
    void playRecordsAReplayThatVerifiesAndExports(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("m.kreplay");
        Run play = run("play", "--p1", "bot:kenta:8", "--p2", "bot:mira:3", "--seed", "3", "--replay", file.toString());
        assertEquals(0, play.code, play.err);
        Run verify = run("replay", "verify", file.toString());
        assertEquals(0, verify.code, verify.err);
        assertTrue(verify.lastLine().contains("\"verified\":1"), verify.out);
        Run info = run("replay", "info", file.toString());
        assertTrue(info.lastLine().contains("\"p1\":\"bot:kenta:8\""), info.out);
        Run export = run("replay", "export", file.toString(), "--frames", "10,20", "--out", dir.resolve("png").toString(),
                "--gif", dir.resolve("m.gif").toString(), "--size", "64x40");
        assertEquals(0, export.code, export.err);
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("png/frame_000020.png")));
        assertTrue(java.nio.file.Files.size(dir.resolve("m.gif")) > 100);
        // A damaged file: one line, exit 1.
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        java.nio.file.Files.write(file, bytes);
        Run bad = run("replay", "verify", file.toString());
        assertEquals(1, bad.code);
        assertEquals(1, bad.err.strip().split("\\R").length, bad.err);
        assertTrue(bad.err.contains("corrupt"), bad.err);
    }

    @Test
    void benchGrpcMeasuresARunningServer() throws Exception {
        io.kumite.arena.ArenaServer server = new io.kumite.arena.ArenaServer(io.kumite.engine.fighter.Roster.builtIn(),
                new io.kumite.arena.ArenaServerConfig(0, 64, 64, 64, 16 << 20, 0, 1)).start();
        try {
            Run r = run("bench", "grpc", "--server", "127.0.0.1:" + server.port(), "--arenas", "4", "--seconds", "0.2",
                    "--repeats", "1", "--round-trips", "100", "--warmup", "0.3", "--in-flight", "4");
            assertEquals(0, r.code, r.err);
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) Json.parse(r.lastLine(), "bench grpc output");
            assertTrue(((Number) json.get("steps_per_sec")).doubleValue() > 0, json.toString());
            assertEquals(null, json.get("inproc_steps_per_sec"), json.toString());
            assertEquals("127.0.0.1:" + server.port(), json.get("server"));
            assertEquals(4, ((Number) json.get("in_flight")).intValue(), json.toString());
            assertTrue(!r.out.contains("in process"), r.out);
        } finally {
            server.stop(1);
        }
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
        "bench env --preset pong",
        "serve --port 70000",
        "view /nonexistent.kreplay",
        "view x.kreplay --scale 9",
        "serve --max-arenas 0",
        "health --server nocolon",
        "health --timeout 0",
        "replay verify",
        "replay verify /nonexistent.kreplay --roster /nonexistent",
        "frobnicate",
        "arcade --p1 bot:kenta:3 --level 0",
        "train ppo --out /tmp/kumite-never --opponent bot:nobody:3",
        "train ppo --out /tmp/kumite-never --opponent ladder:3-1",
        "train ppo --out /tmp/kumite-never --num-envs 0",
        "train ppo --out /tmp/kumite-never --env widht=48",
        "train ppo --out /tmp/kumite-never --device tpu",
        "train ppo --out /tmp/kumite-never --resume",
        "eval /nonexistent/run",
        "eval ckpt:/nonexistent/run --level 9",
        "play --p1 ckpt:/nonexistent --p2 bot:kenta:1",
        "bench ppo --iterations 0",
        "elo /nonexistent.csv",
        "train selfplay --algo league --out /tmp/kumite-never",
        "train selfplay --algo pfsp --pfsp cubic --out /tmp/kumite-never",
        "train selfplay --algo fsp --resume --out /tmp/kumite-never",
        "exploit --target bot:kenta:9 --out /tmp/kumite-never",
        "exploit --target ckpt:/nonexistent --out /tmp/kumite-never",
        "ladder --policies bot:kenta:1 --out /tmp/kumite-never",
        "ladder --policies bot:kenta:1,bot:nobody:2 --out /tmp/kumite-never",
        "bench grpc --server nohost",
    })
    void badArgumentsGiveOneLineAndExitTwo(String args) {
        check(args);
    }

    @Test
    void eloRatesACsvAndEndsWithJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path csv = dir.resolve("r.csv");
        java.nio.file.Files.writeString(csv, "player_a,player_b,score_a\nbot:kenta:1,x,0\nx,bot:kenta:1,1\nbot:kenta:1,x,0.5\n");
        Run r = run("elo", csv.toString(), "--bootstrap", "50");
        assertEquals(0, r.code, r.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.lastLine(), "elo output");
        @SuppressWarnings("unchecked")
        Map<String, Object> ratings = (Map<String, Object>) json.get("ratings");
        assertEquals(1000.0, ((Number) ratings.get("bot:kenta:1")).doubleValue(), 1e-9, "the first bot is the default anchor");
        assertTrue(((Number) ratings.get("x")).doubleValue() > 1000, r.out);
        assertTrue(json.containsKey("ci95"), r.lastLine());
        java.nio.file.Files.writeString(csv, "player_a,player_b,score_a\nbot:kenta:1,x,0\nx,y,7\n");
        Run bad = run("elo", csv.toString());
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("line 3"), bad.err);
    }

    static void check(String args) {
        Run r = run(args.split(" "));
        assertEquals(2, r.code, "stdout: " + r.out + " stderr: " + r.err);
        assertEquals(1, r.err.strip().split("\\R").length, "exactly one line: " + r.err);
        assertTrue(r.out.isEmpty(), r.out);
    }
}
