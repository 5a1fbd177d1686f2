package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.env.Info;
import io.kumite.engine.Rng;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.env.RemoteVecEnv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md's "one of three arena servers killed while a trainer runs", with real processes:
 * three {@code kumite serve} child JVMs on loopback, a trainer-like {@link RemoteVecEnv} over all
 * three, one server killed with SIGKILL mid-episode. The client goes on: the killed server's
 * episodes in flight (only those) are counted as dropped, its environments start over on the other
 * two within the next steps, and every other environment equals an in-process twin step for step
 * (nothing else is lost). Then the server restarts on the same port, is probed, and the environments
 * go back to it as their episodes end (its metrics show the arenas).
 */
class FailoverTest {
    static final Map<String, String> SETTINGS = Map.of("width", "32", "height", "32", "round_time", "10", "max_frames", "240");
    static final int N = 9;
    static final long BASE = 7;

    /** A {@code kumite serve} child process. */
    record Child(Process process, int port, int metricsPort, StringBuilder log) {
        String endpoint() {
            return "127.0.0.1:" + port;
        }
    }

    final List<Process> started = new ArrayList<>();

    Process launch(int port) throws IOException {
        Process p = FaultsTest.java("io.kumite.cli.Main", "serve", "--port", Integer.toString(port), "--metrics-port", "0",
                "--threads", "1", "--idle-timeout", "30", "--grace", "2");
        started.add(p);
        return p;
    }

    /** Waits for the child's metrics and port lines, then keeps reading its output into a log in the background. */
    static Child ready(Process p) throws IOException {
        StringBuilder log = new StringBuilder();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int metrics = Integer.parseInt(FaultsTest.await(out, Pattern.compile("metrics: http://[^:]+:(\\d+)/metrics"), log).group(1));
        int port = Integer.parseInt(FaultsTest.await(out, Pattern.compile("listening on port (\\d+)"), log).group(1));
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Child(p, port, metrics, log);
    }

    @AfterEach
    void killAll() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    @Test
    void oneOfThreeServersKilledTheClientGoesOnAndUsesItAgainWhenItIsBack() throws Exception {
        long t0 = System.nanoTime();
        Process[] launched = {launch(0), launch(0), launch(0)};
        Child[] servers = new Child[3];
        for (int s = 0; s < 3; s++) {
            servers[s] = ready(launched[s]);
        }
        List<String> endpoints = List.of(servers[0].endpoint(), servers[1].endpoint(), servers[2].endpoint());
        EnvConfig cfg = EnvConfig.preset("atari84").with(SETTINGS, Roster.builtIn());
        RemoteVecEnv.Options options = new RemoteVecEnv.Options(Duration.ofSeconds(10), Duration.ofMillis(250));
        try (RemoteVecEnv remote = new RemoteVecEnv(endpoints, "atari84", SETTINGS, N, null, options);
             LocalVecEnv local = new LocalVecEnv(Roster.builtIn(), cfg, N, 1)) {
            Twin twin = new Twin(remote, local);
            twin.reset();
            for (int t = 0; t < 40; t++) {
                twin.step("step " + t);
            }
            // Server 1 holds environments 3, 4, 5. Those in an episode now are the ones that may be dropped.
            int inFlight = 0;
            for (int i = 3; i < 6; i++) {
                inFlight += remote.terminated()[i] || remote.truncated()[i] ? 0 : 1;
            }
            assertTrue(inFlight > 0, "the kill must hit episodes in flight");

            servers[1].process().destroyForcibly(); // SIGKILL
            assertTrue(servers[1].process().waitFor(10, TimeUnit.SECONDS));
            long killed = System.nanoTime();
            List<Integer> dropped = new ArrayList<>();
            int steps = 0;
            while (remote.failovers() == 0 && steps++ < 50) {
                dropped.addAll(twin.step("after the kill"));
            }
            assertEquals(1, remote.failovers(), "the client saw the server go");
            assertEquals(inFlight, remote.droppedEpisodes(), "the episodes in flight on the killed server are counted as dropped");
            assertEquals(inFlight, dropped.size(), "and reported as truncated on the step the loss was seen");
            for (int i : dropped) {
                assertTrue(i >= 3 && i < 6, "only the killed server's environments lose an episode: " + dropped);
            }
            twin.step("the step after the failover");
            double recreated = (System.nanoTime() - killed) / 1e9;
            for (int i = 3; i < 6; i++) {
                String at = remote.endpointOf(i);
                assertTrue(endpoints.get(0).equals(at) || endpoints.get(2).equals(at), "environment " + i + " is on a live server: " + at);
            }
            assertEquals(List.of(endpoints.get(0), endpoints.get(2)), remote.liveEndpoints());
            assertTrue(recreated < 5, "arenas recreated within 5 s (RELIABILITY.md): " + recreated);
            assertEquals(9.0, arenas(servers[0]) + arenas(servers[2]), "their own 3 + 3 arenas and the killed server's 3");
            for (int t = 0; t < 30; t++) {
                twin.step("on two servers " + t);
            }

            // The server comes back on the same port: it is probed, then each environment goes home at its episode's end.
            long restart = System.nanoTime();
            servers[1] = ready(launch(servers[1].port()));
            assertEquals(endpoints.get(1), servers[1].endpoint());
            for (int t = 0; remote.liveEndpoints().size() < 3 && t < 400; t++) {
                twin.step("waiting for the probe " + t);
                Thread.sleep(10);
            }
            assertEquals(endpoints, remote.liveEndpoints(), "the restarted server is used again");
            for (int t = 0; t < 80 && !twin.home(); t++) {
                twin.step("going home " + t);
            }
            assertTrue(twin.home(), "every environment is back on its own server");
            double home = (System.nanoTime() - restart) / 1e9;
            assertEquals(3.0, arenas(servers[1]), "arenas were created on the restarted server again");
            assertEquals(3.0, arenas(servers[0]), "the stand-in arenas on the others were closed");
            assertEquals(3.0, arenas(servers[2]));
            assertEquals(inFlight, remote.droppedEpisodes(), "moving home drops nothing");
            System.out.printf("failover: SIGKILL of 1 of 3 servers (%d of its 3 episodes in flight): %d dropped and counted, arenas "
                    + "recreated on the others %.2f s after the kill, the other 6 environments unchanged; restarted on the same port: "
                    + "all home %.1f s later; test %.1f s%n", inFlight, remote.droppedEpisodes(), recreated, home, (System.nanoTime() - t0) / 1e9);
        }
    }

    static double arenas(Child c) throws IOException {
        return FaultsTest.metric(FaultsTest.scrape(c.metricsPort()), "kumite_arenas_active");
    }

    /**
     * The remote vector and an in-process one stepped with the same random actions. The in-process twin
     * replays each new arena as the reset docs/scaling.md documents ({@link RemoteVecEnv#failoverSeed}),
     * so every environment must equal its twin on every step, except on the step that reports a dropped
     * episode (truncated, reward 0, the last observation again).
     */
    static final class Twin {
        final RemoteVecEnv remote;
        final LocalVecEnv local;
        final Rng rng = new Rng(11);
        final int[] actions = new int[N];
        final String[] placed = new String[N];
        final String[] home = new String[N];
        final int[] recreations = new int[N];
        byte[] last;

        Twin(RemoteVecEnv remote, LocalVecEnv local) {
            this.remote = remote;
            this.local = local;
        }

        void reset() {
            remote.reset(BASE);
            local.reset(BASE);
            for (int i = 0; i < N; i++) {
                home[i] = remote.endpointOf(i);
            }
            compare("reset", List.of());
            remember();
        }

        boolean home() {
            return Arrays.equals(home, placed);
        }

        List<Integer> step(String what) {
            for (int i = 0; i < N; i++) {
                actions[i] = rng.nextInt(22);
            }
            remote.step(actions);
            local.step(actions);
            List<Integer> dropped = new ArrayList<>();
            int bytes = remote.observationBytes();
            for (int i = 0; i < N; i++) {
                String now = remote.endpointOf(i);
                if (now != null && !now.equals(placed[i])) {
                    recreations[i]++;
                    local.reset(i, RemoteVecEnv.failoverSeed(BASE, i, N, recreations[i]));
                    assertFalse(remote.terminated()[i] || remote.truncated()[i], what + ": a new arena's first step has no flags");
                } else if (remote.truncated()[i] && !local.truncated()[i]) {
                    dropped.add(i);
                    assertEquals(0f, remote.rewards()[i], what);
                    assertArrayEquals(Arrays.copyOfRange(last, i * bytes, (i + 1) * bytes),
                            Arrays.copyOfRange(remote.observations(), i * bytes, (i + 1) * bytes), what + ": the last observation again");
                }
            }
            compare(what, dropped);
            remember();
            return dropped;
        }

        void remember() {
            last = remote.observations().clone();
            for (int i = 0; i < N; i++) {
                placed[i] = remote.endpointOf(i);
            }
        }

        void compare(String what, List<Integer> skip) {
            int bytes = remote.observationBytes();
            int fields = Info.FIELDS;
            for (int i = 0; i < N; i++) {
                if (skip.contains(i)) {
                    continue;
                }
                String m = what + ", environment " + i;
                assertArrayEquals(Arrays.copyOfRange(local.observations(), i * bytes, (i + 1) * bytes),
                        Arrays.copyOfRange(remote.observations(), i * bytes, (i + 1) * bytes), m);
                assertArrayEquals(Arrays.copyOfRange(local.infos(), i * fields, (i + 1) * fields),
                        Arrays.copyOfRange(remote.infos(), i * fields, (i + 1) * fields), m);
                assertEquals(local.rewards()[i], remote.rewards()[i], m);
                assertEquals(local.terminated()[i], remote.terminated()[i], m);
                assertEquals(local.truncated()[i], remote.truncated()[i], m);
            }
        }
    }
}
