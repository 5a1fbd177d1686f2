package io.kumite.cli;

import io.kumite.engine.FrameInput;
import io.kumite.engine.MatchConfig;
import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Environment speed in-process. With --no-render: the simulation alone, seat 0 driven by random",
            "agent actions held for --frame-skip frames, seat 1 a level-8 CPU bot (the vs_cpu setting), and a",
            "second figure with both seats from pre-drawn inputs (simulation only). Warm-up, then --repeats timed",
            "runs of --seconds each; medians are reported. The last line is JSON."})
final class BenchEnvCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--no-render", description = "Simulation only, no pixel observations.")
    boolean noRender;

    @Option(names = "--threads", description = "Threads, each stepping its own matches (default 1; 0 = number of cores).")
    int threads = 1;

    @Option(names = "--frame-skip", defaultValue = "4", description = "Frames per agent step (default ${DEFAULT-VALUE}).")
    int frameSkip;

    @Option(names = "--seconds", defaultValue = "2", description = "Length of one timed run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds before timing (default ${DEFAULT-VALUE}).")
    double warmup;

    @Override
    public Integer call() throws Exception {
        if (!noRender) {
            throw new Main.UserError("pixel rendering is not part of this build yet; run `kumite bench env --no-render`", Main.EXIT_USAGE);
        }
        if (frameSkip < 1 || frameSkip > 32) {
            throw new IllegalArgumentException("--frame-skip must be in 1..32, got " + frameSkip);
        }
        if (seconds <= 0 || repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("--seconds must be > 0, --repeats >= 1 and --warmup >= 0");
        }
        int nThreads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        Roster roster = Roster.builtIn();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bench env: %d core(s), %s %s, %d thread(s), frame skip %d%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), nThreads, frameSkip);

        Workload withBot = new Workload(roster, true, frameSkip);
        Workload simOnly = new Workload(roster, false, frameSkip);
        withBot.runFor(warmup / 2, nThreads);
        simOnly.runFor(warmup / 2, nThreads);
        double[] botFps = new double[repeats];
        double[] simFps = new double[repeats];
        double[] bytes = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            Workload.Measure m = withBot.runFor(seconds, nThreads);
            botFps[r] = m.framesPerSecond;
            bytes[r] = m.bytesPerFrame * frameSkip;
            simFps[r] = simOnly.runFor(seconds, nThreads).framesPerSecond;
        }
        double fps = median(botFps);
        double sim = median(simFps);
        double bps = median(bytes);
        Table t = new Table("setting", "frames/s", "agent steps/s", "per core frames/s");
        t.row("vs_cpu level 8 (sim + bot)", fmt(fps), fmt(fps / frameSkip), fmt(fps / nThreads));
        t.row("simulation only", fmt(sim), fmt(sim / frameSkip), fmt(sim / nThreads));
        t.print(out);
        out.printf("allocated per agent step after warm-up: %.2f bytes (median of %d runs)%n", bps, repeats);
        out.println(Json.write(Json.object("bench", "env", "preset", "none", "threads", nThreads, "render", false,
                "frame_skip", frameSkip, "steps_per_sec", Math.round(fps / frameSkip),
                "frames_per_sec", Math.round(fps), "sim_only_frames_per_sec", Math.round(sim),
                "bytes_per_step", Math.round(bps * 100) / 100.0, "repeats", repeats, "seconds", seconds,
                "cores", Runtime.getRuntime().availableProcessors(), "jvm", System.getProperty("java.version"))));
        return 0;
    }

    private static String fmt(double v) {
        return String.format("%,.0f", v);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    /** One thread's endless sequence of matches, stepped as fast as possible. */
    static final class Workload {
        final Roster roster;
        final boolean bot;
        final int frameSkip;

        Workload(Roster roster, boolean bot, int frameSkip) {
            this.roster = roster;
            this.bot = bot;
            this.frameSkip = frameSkip;
        }

        record Measure(double framesPerSecond, double bytesPerFrame) {}

        Measure runFor(double seconds, int threads) throws InterruptedException {
            long[] frames = new long[threads];
            long[] bytes = new long[threads];
            List<Thread> ts = new ArrayList<>();
            Throwable[] failure = new Throwable[1];
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                int id = i;
                Thread t = new Thread(() -> runThread(id, deadline, frames, bytes), "bench-" + i);
                t.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
                ts.add(t);
                t.start();
            }
            for (Thread t : ts) {
                t.join();
            }
            if (failure[0] != null) {
                throw new IllegalStateException("benchmark thread failed: " + failure[0], failure[0]);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long total = Arrays.stream(frames).sum();
            return new Measure(total / elapsed, (double) Arrays.stream(bytes).sum() / Math.max(1, total));
        }

        private void runThread(int id, long deadline, long[] frames, long[] bytes) {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Simulator sim = new Simulator(roster);
            Rng rng = new Rng(Rng.derive(42, id));
            int[] inputs = new int[4096];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = FrameInput.fromNumpad(1 + rng.nextInt(9), 1) | (rng.chance(300) ? FrameInput.BUTTON_BITS[rng.nextInt(6)] : 0);
            }
            long seed = id * 1_000_003L;
            int characters = roster.size();
            MatchState s = sim.newMatch(new MatchConfig((int) (seed % characters), (int) ((seed / 7) % characters), 3, 99), seed);
            CpuBot cpu = new CpuBot(roster, Player.P2, 8, seed);
            long before = mx.getCurrentThreadAllocatedBytes();
            long n = 0;
            int k = 0;
            while (true) {
                for (int i = 0; i < 256; i++) {
                    if (s.isOver()) {
                        seed++;
                        s = sim.newMatch(new MatchConfig((int) (seed % characters), (int) ((seed / 7) % characters), 3, 99), seed);
                        cpu = new CpuBot(roster, Player.P2, 8, seed);
                    }
                    int agent = inputs[(k / frameSkip) & 4095];
                    int other = bot ? cpu.act(s) : inputs[(k * 7 + 13) & 4095];
                    sim.step(s, agent, other);
                    k++;
                    n++;
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
            }
            bytes[id] = mx.getCurrentThreadAllocatedBytes() - before;
            frames[id] = n;
        }
    }
}
