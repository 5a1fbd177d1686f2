package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.json.Json;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.runs.League;
import io.kumite.policies.runs.LeagueRun;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short league in a child JVM (tiny observation), killed with SIGKILL mid-run: its state parses,
 * every historical player it lists has its checkpoint, and {@code --resume} finishes the run with
 * the snapshots the rules call for. And one league trained by three processes at once, one per role.
 */
class LeagueKillTest {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    static String[] args(Path out, boolean resume) {
        List<String> a = new ArrayList<>(List.of("train", "league", "--out", out.toString(), "--steps", "1024", "--env",
                "width=32,height=32,frame_stack=2,round_time=10", "--num-envs", "2", "--n-steps", "32", "--batch", "32",
                "--snapshot-min-steps", "128", "--snapshot-max-steps", "256", "--env-threads", "1"));
        if (resume) {
            a.add("--resume");
        }
        return a.toArray(new String[0]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void killedLeagueResumesWithoutLosingState() throws Exception {
        Path out = tmp.resolve("league");
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"), "io.kumite.cli.Main"));
        cmd.addAll(List.of(args(out, false)));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File(tmp.resolve("child.log").toString())).start();
        Path state = out.resolve("league.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int historicalsBefore = 0;
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(state)) {
                try {
                    League l = LeagueRun.load(out);
                    historicalsBefore = l.historicals().size();
                    if (historicalsBefore >= 2) {
                        break; // a snapshot by the rules beyond the seed: kill it now, mid-run
                    }
                } catch (RuntimeException | java.io.IOException e) {
                    // Read while being replaced is impossible (atomic rename); anything else fails below.
                    throw e;
                }
            }
            Thread.sleep(200);
        }
        assertTrue(child.isAlive(), "the league ran long enough to be killed: " + Files.readString(tmp.resolve("child.log")));
        child.destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        League killed = LeagueRun.load(out);
        assertTrue(killed.historicals().size() >= 2, "a snapshot was taken before the kill");
        for (League.Player h : killed.historicals()) {
            Path dir = LeagueRun.historicalDir(out, h.name);
            Checkpoint.Manifest m = Checkpoint.manifest(dir);
            assertEquals(m.sha256(), Checkpoint.sha256(dir.resolve(Checkpoint.PARAMS)), h.name + " is whole");
        }
        long stepsAtKill = killed.learners().stream().mapToLong(League.Player::steps).sum();

        MainTest.Run r = MainTest.run(args(out, true));
        assertEquals(0, r.code(), r.err());
        League done = LeagueRun.load(out);
        for (League.Player p : done.learners()) {
            assertTrue(p.steps() >= 1024, p.name + " trained its budget: " + p.steps());
        }
        assertTrue(done.learners().stream().mapToLong(League.Player::steps).sum() > stepsAtKill);
        assertTrue(done.historicals().size() > killed.historicals().size(), "more snapshots after the resume");
        for (int i = 0; i < killed.historicals().size(); i++) {
            assertEquals(killed.historicals().get(i).name, done.historicals().get(i).name, "nothing lost");
        }
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.lastLine(), "league output");
        assertTrue(json.containsKey("payoff"), r.lastLine());
        assertTrue(Files.size(out.resolve("payoff.png")) > 0);
        MainTest.Run status = MainTest.run("league", "status", "--out", out.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("main_exploiter_0"), status.out());
    }

    @Test
    void oneLeagueTrainedByThreeProcessesOnePerRole() throws Exception {
        Path out = tmp.resolve("shared");
        List<Process> children = new ArrayList<>();
        String[] roles = {"main_agent", "main_exploiter", "league_exploiter"};
        for (String role : roles) {
            List<String> cmd = new ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"), "io.kumite.cli.Main"));
            cmd.addAll(List.of(args(out, false)));
            cmd.addAll(List.of("--learners", role));
            children.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File(tmp.resolve(role + ".log").toString())).start());
        }
        for (int i = 0; i < roles.length; i++) {
            assertTrue(children.get(i).waitFor(240, TimeUnit.SECONDS), roles[i] + " finished");
            assertEquals(0, children.get(i).exitValue(), Files.readString(tmp.resolve(roles[i] + ".log")));
        }
        League done = LeagueRun.load(out);
        for (League.Player p : done.learners()) {
            assertTrue(p.steps() >= 1024, p.name + " trained its budget: " + p.steps());
            assertTrue(p.snapshots() >= 1, p.name + " was frozen by the rules at least once");
            // Every learner's games reached the shared payoff table (none lost to another process's write).
            double games = 0;
            for (String q : done.allNames()) {
                games += q.equals(p.name) ? 0 : done.payoff().games(p.name, q);
            }
            assertTrue(games > 0, p.name + " has games in the payoff table");
        }
        for (League.Player h : done.historicals()) {
            Path dir = LeagueRun.historicalDir(out, h.name);
            Checkpoint.Manifest m = Checkpoint.manifest(dir);
            assertEquals(m.sha256(), Checkpoint.sha256(dir.resolve(Checkpoint.PARAMS)), h.name + " is whole");
        }
        // One metrics line per learner iteration, from every process, none torn.
        java.util.Set<String> players = new java.util.HashSet<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.parse(line, "metrics line");
            players.add((String) m.get("player"));
        }
        assertEquals(java.util.Set.of("main_agent_0", "main_exploiter_0", "league_exploiter_0"), players);
        // A TensorBoard run per learner, in its folder (the records are checked in policies' tests).
        for (String name : players) {
            try (var files = Files.list(LeagueRun.learnerDir(out, name))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("events.out.tfevents.")), name + " has an event file");
            }
        }
        // Each log names the learners its process trained.
        assertTrue(Files.readString(tmp.resolve("main_exploiter.log")).contains("this process trains main_exploiter_0"));
        // An unknown learner is refused with the names that exist.
        MainTest.Run bad = MainTest.run(concat(args(out, false), "--learners", "main_agnet"));
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("no learner or role main_agnet"), bad.err());
    }

    static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(new String[0]);
    }
}
