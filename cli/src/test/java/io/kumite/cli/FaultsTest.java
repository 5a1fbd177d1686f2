package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.policies.env.RemoteVecEnv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Faults with real processes (RELIABILITY.md): clients killed with SIGKILL mid-episode leave no
 * arenas behind; SIGTERM under load drains the server and it exits 0 well within 25 s; the metrics
 * move. The server is `kumite serve` in a child JVM.
 */
class FaultsTest {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    static Process java(String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads the child's output until a line matches; returns the match. */
    static Matcher await(BufferedReader out, Pattern p, StringBuilder log) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            log.append(line).append('\n');
            Matcher m = p.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("the process ended before printing " + p + ":\n" + log);
    }

    static String scrape(int port) throws IOException {
        try (var in = new URL("http://127.0.0.1:" + port + "/metrics").openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static double metric(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return -1;
    }

    @Test
    void killedClientsLeaveNoArenasAndSigtermDrainsUnderLoad() throws Exception {
        Process server = java("io.kumite.cli.Main", "serve", "--port", "0", "--metrics-port", "0", "--idle-timeout", "2", "--grace", "20");
        StringBuilder log = new StringBuilder();
        List<Process> clients = new ArrayList<>();
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        try {
            // The server prints its metrics address, then its port.
            int metricsPort = Integer.parseInt(await(serverOut, Pattern.compile("metrics: http://[^:]+:(\\d+)/metrics"), log).group(1));
            int port = Integer.parseInt(await(serverOut, Pattern.compile("listening on port (\\d+)"), log).group(1));
            Thread drainLog = new Thread(() -> {
                try {
                    String line;
                    while ((line = serverOut.readLine()) != null) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                    }
                } catch (IOException e) {
                    // the server ended
                }
            });
            drainLog.setDaemon(true);
            drainLog.start();

            // 1. Four client processes step arenas, then die by SIGKILL mid-episode.
            for (int i = 0; i < 4; i++) {
                Process c = java(FaultClient.class.getName(), "127.0.0.1:" + port);
                clients.add(c);
                BufferedReader out = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                await(out, Pattern.compile("stepping"), new StringBuilder());
            }
            Thread.sleep(500);
            String busy = scrape(metricsPort);
            assertEquals(16.0, metric(busy, "kumite_arenas_active"), "4 clients x 4 arenas");
            double steps = metric(busy, "kumite_env_steps_total");
            assertTrue(steps > 0, "steps are counted");
            for (Process c : clients) {
                c.destroyForcibly(); // SIGKILL
                c.waitFor(10, TimeUnit.SECONDS);
            }
            long killed = System.nanoTime();
            double active = -1;
            while (System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(10)) {
                active = metric(scrape(metricsPort), "kumite_arenas_active");
                if (active == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            System.out.printf("arenas left %.1f s after SIGKILL of 4 clients: %.0f%n", (System.nanoTime() - killed) / 1e9, active);
            assertEquals(0.0, active, "no arenas leak from killed clients");

            // 2. Under load, SIGTERM: calls in flight finish, health goes NOT_SERVING, exit 0 within 25 s.
            AtomicLong served = new AtomicLong();
            AtomicReference<Throwable> end = new AtomicReference<>();
            Thread load = new Thread(() -> {
                try (RemoteVecEnv env = new RemoteVecEnv(List.of("127.0.0.1:" + port), "atari84", Map.of("width", "32", "height", "32"), 8, null)) {
                    env.reset(2);
                    int[] actions = new int[8];
                    while (true) {
                        env.step(actions);
                        served.incrementAndGet();
                    }
                } catch (Throwable t) {
                    end.set(t);
                }
            });
            load.start();
            long loadStart = System.nanoTime();
            while (served.get() < 50 && end.get() == null && System.nanoTime() - loadStart < TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(20);
            }
            assertTrue(served.get() >= 50, "the load client is stepping (" + served.get() + " batches; " + end.get() + ")");
            double before = metric(scrape(metricsPort), "kumite_env_steps_total");
            String histogram = scrape(metricsPort);
            assertTrue(histogram.contains("kumite_step_batch_duration_seconds_count"), "the latency histogram is there");
            assertTrue(before > steps, "the step counter moved: " + steps + " -> " + before);
            long term = System.nanoTime();
            // SIGTERM with kill(1): Process.destroy() would also close our end of the child's output.
            new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).start().waitFor();
            assertTrue(server.waitFor(25, TimeUnit.SECONDS), "the server exits within 25 s");
            double seconds = (System.nanoTime() - term) / 1e9;
            System.out.printf("SIGTERM under load: exit %d after %.2f s, %d batches served to the load client%n",
                    server.exitValue(), seconds, served.get());
            assertEquals(0, server.exitValue(), "exit status after SIGTERM:\n" + log);
            load.join(30_000);
            assertTrue(end.get() != null, "the load client saw the server go");
            drainLog.join(10_000);
            assertTrue(seconds < 10, "open streams are ended by the drain, not by the grace period: " + seconds + " s");
            synchronized (log) {
                assertTrue(log.toString().contains("draining: health NOT_SERVING"), log.toString());
            }
        } finally {
            server.destroyForcibly();
            for (Process c : clients) {
                c.destroyForcibly();
            }
        }
    }
}
