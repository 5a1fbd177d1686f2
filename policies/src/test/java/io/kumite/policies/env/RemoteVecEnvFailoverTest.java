package io.kumite.policies.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.env.Info;
import io.kumite.arena.ArenaServer;
import io.kumite.arena.ArenaServerConfig;
import io.kumite.engine.Rng;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.fighter.Roster;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failover of {@link RemoteVecEnv} over three servers on loopback (Netty, in this JVM; a server is
 * "lost" by stopping it, which ends its streams with UNAVAILABLE — the SIGKILL case with real
 * processes is the cli module's {@code FailoverTest}). The remote vector is checked against a
 * {@link LocalVecEnv} in which every failover is replayed as the documented reset: the same arrays,
 * step for step, except on the step that reports a dropped episode.
 */
class RemoteVecEnvFailoverTest {
    static final Map<String, String> SETTINGS = Map.of("width", "32", "height", "32", "round_time", "10", "max_frames", "240");
    static final RemoteVecEnv.Options FAST = new RemoteVecEnv.Options(Duration.ofSeconds(10), Duration.ofMillis(100));
    static final int N = 6;
    static final long BASE = 21;

    static ArenaServer server(int port) throws IOException {
        return new ArenaServer(Roster.builtIn(), new ArenaServerConfig(port, 64, 64, 64, 16 << 20, 0, 1)).start();
    }

    static String at(ArenaServer s) {
        return "127.0.0.1:" + s.port();
    }

    /** Remote and local vectors, stepped with the same random actions; the local one replays failovers as resets. */
    static final class Pair implements AutoCloseable {
        final RemoteVecEnv remote;
        final LocalVecEnv local;
        final Rng rng = new Rng(4);
        final int[] actions = new int[N];
        final byte[] lastObs;
        final String[] placed = new String[N];
        final int[] recreations = new int[N];
        long dropped;

        Pair(RemoteVecEnv remote) {
            this.remote = remote;
            this.local = new LocalVecEnv(Roster.builtIn(), EnvConfig.preset("atari84").with(SETTINGS, Roster.builtIn()), N, 1);
            this.lastObs = new byte[remote.observations().length];
        }

        void reset(long seed) {
            remote.reset(seed);
            local.reset(seed);
            Arrays.fill(recreations, 0);
            snapshot();
            assertSame("after reset", List.of());
        }

        /** One step; returns the environments whose episode was reported dropped on it. */
        List<Integer> step(String what) {
            for (int i = 0; i < N; i++) {
                actions[i] = rng.nextInt(22);
            }
            remote.step(actions);
            local.step(actions);
            List<Integer> cut = new ArrayList<>();
            int frames = Info.index(0, Info.Field.EPISODE_FRAMES);
            for (int i = 0; i < N; i++) {
                String now = remote.endpointOf(i);
                if (now != null && !now.equals(placed[i])) {
                    // A new arena: the local twin starts the same episode, seeded as documented.
                    recreations[i]++;
                    local.reset(i, RemoteVecEnv.failoverSeed(BASE, i, N, recreations[i]));
                    assertFalse(remote.truncated()[i] || remote.terminated()[i], what + ": a new arena's first step has no flags");
                    assertEquals(0f, remote.rewards()[i], what + ": a new arena's first step has reward 0");
                    assertEquals(0, remote.infos()[i * Info.FIELDS + frames], what + ": a new arena's first step");
                } else if (remote.truncated()[i] && !local.truncated()[i]) {
                    cut.add(i);
                    assertNull(now, what + ": a dropped episode's environment waits one step for its new arena");
                    assertEquals(0f, remote.rewards()[i], what + ": a dropped episode's last reward is 0");
                    assertFalse(remote.terminated()[i]);
                    int bytes = remote.observationBytes();
                    assertArrayEquals(Arrays.copyOfRange(lastObs, i * bytes, (i + 1) * bytes),
                            Arrays.copyOfRange(remote.observations(), i * bytes, (i + 1) * bytes),
                            what + ": a dropped episode keeps its last observation");
                }
            }
            assertSame(what, cut);
            dropped += cut.size();
            assertEquals(dropped, remote.droppedEpisodes(), what + ": dropped episodes counted");
            snapshot();
            return cut;
        }

        void snapshot() {
            System.arraycopy(remote.observations(), 0, lastObs, 0, lastObs.length);
            for (int i = 0; i < N; i++) {
                placed[i] = remote.endpointOf(i);
            }
        }

        /** Every environment but those in {@code skip} equals the local twin. */
        void assertSame(String what, List<Integer> skip) {
            int bytes = remote.observationBytes();
            int fields = Info.FIELDS;
            for (int i = 0; i < N; i++) {
                if (skip.contains(i)) {
                    continue;
                }
                String m = what + ", env " + i;
                assertArrayEquals(Arrays.copyOfRange(local.observations(), i * bytes, (i + 1) * bytes),
                        Arrays.copyOfRange(remote.observations(), i * bytes, (i + 1) * bytes), m);
                assertArrayEquals(Arrays.copyOfRange(local.infos(), i * fields, (i + 1) * fields),
                        Arrays.copyOfRange(remote.infos(), i * fields, (i + 1) * fields), m);
                assertEquals(local.rewards()[i], remote.rewards()[i], m);
                assertEquals(local.terminated()[i], remote.terminated()[i], m);
                assertEquals(local.truncated()[i], remote.truncated()[i], m);
            }
        }

        @Override
        public void close() {
            remote.close();
            local.close();
        }
    }

    /** Servers started by a test and not stopped yet. */
    final List<ArenaServer> running = new ArrayList<>();

    ArenaServer start(int port) throws IOException {
        ArenaServer s = server(port);
        running.add(s);
        return s;
    }

    void stop(ArenaServer s) throws InterruptedException {
        running.remove(s);
        s.stop(0);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ArenaServer s : running) {
            s.stop(1);
        }
        running.clear();
    }

    @Test
    void lostServerEnvironmentsStartOverElsewhereAndGoHomeWhenItIsBack() throws Exception {
        ArenaServer a = start(0);
        ArenaServer b = start(0);
        ArenaServer c = start(0);
        int bPort = b.port();
        try (Pair p = new Pair(new RemoteVecEnv(List.of(at(a), at(b), at(c)), "atari84", SETTINGS, N, null, FAST))) {
            p.reset(BASE);
            assertEquals(List.of(at(a), at(a), at(b), at(b), at(c), at(c)), placements(p.remote));
            for (int t = 0; t < 30; t++) {
                p.step("step " + t);
            }
            // Environment 2 starts its episode again, so that 2 is mid-episode when 3's ends (step 60, max_frames).
            p.remote.reset(2, 99L);
            p.local.reset(2, 99L);
            for (int t = 30; t < 60; t++) {
                p.step("step " + t);
            }
            assertTrue(p.remote.truncated()[3] && !p.remote.truncated()[2], "3 just ended its episode, 2 is in flight");

            stop(b); // server b goes away
            List<Integer> cut = p.step("failover step");
            assertEquals(List.of(2), cut, "only the episode in flight on b is dropped");
            assertEquals(1, p.remote.droppedEpisodes());
            assertEquals(1, p.remote.failovers());
            assertEquals(at(a), p.remote.endpointOf(3), "3 (on its autoreset step) starts over at once, on the least loaded server");
            assertNull(p.remote.endpointOf(2), "2 waits one step: this step reported its end");
            p.step("after failover");
            assertEquals(at(c), p.remote.endpointOf(2), "then 2 starts over on the least loaded server");
            assertEquals(List.of(at(a), at(c)), p.remote.liveEndpoints());

            b = start(bPort);
            long back = System.nanoTime();
            while (p.remote.liveEndpoints().size() < 3 && System.nanoTime() - back < 10e9) {
                p.step("waiting for the probe");
                Thread.sleep(20);
            }
            assertEquals(3, p.remote.liveEndpoints().size(), "the restarted server is probed and used again");
            for (int t = 0; t < 70 && !(at(b).equals(p.remote.endpointOf(2)) && at(b).equals(p.remote.endpointOf(3))); t++) {
                p.step("going home " + t);
            }
            assertEquals(List.of(at(a), at(a), at(b), at(b), at(c), at(c)), placements(p.remote), "each went home at its episode's end");
            assertEquals(2, a.activeArenas(), "the stand-in arenas were closed");
            assertEquals(2, b.activeArenas());
            assertEquals(2, c.activeArenas());
            assertEquals(1, p.remote.droppedEpisodes(), "moving home drops nothing");
            for (int t = 0; t < 20; t++) {
                p.step("settled " + t);
            }

            // A reset is a rebalance point too, and a loss between steps is reported on the next step.
            stop(c);
            p.step("c lost");
            assertEquals(List.of(at(a), at(b)), p.remote.liveEndpoints());
            p.remote.reset(5);
            p.local.reset(5);
            p.assertSame("reset with c down", List.of());
            assertEquals(List.of(at(a), at(a), at(b), at(b), at(a), at(b)), placements(p.remote), "c's share goes to the others");
        }
    }

    @Test
    void unreachableServerAtStartAndNoServerLeft() throws Exception {
        ArenaServer a = start(0);
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        try (RemoteVecEnv env = new RemoteVecEnv(List.of(at(a), "127.0.0.1:" + closed), "atari84", SETTINGS, 4, null, FAST)) {
            assertEquals(List.of(at(a), at(a), at(a), at(a)), placements(env), "the unreachable server's share starts on the other");
            assertEquals(1, env.failovers());
            env.reset(1);
            env.step(new int[4]);
            stop(a);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(new int[4]));
            assertTrue(e.getMessage().contains("no other server is left"), e.getMessage());
            assertEquals(4, env.droppedEpisodes());
        }
    }

    static List<String> placements(RemoteVecEnv env) {
        String[] p = new String[env.numEnvs()];
        for (int i = 0; i < p.length; i++) {
            p[i] = env.endpointOf(i);
        }
        return List.of(p);
    }
}
