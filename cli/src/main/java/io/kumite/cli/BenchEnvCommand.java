package io.kumite.cli;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.engine.sim.MatchConfig;
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
        description = {"In-process environment speed, vs_cpu against a level-8 CPU bot with random agent actions.",
            "Measures one thread and --threads threads in the same run (the scaling ratio is from that run).",
            "With --no-render: the simulation alone (frames per second). Warm-up, then --repeats timed runs of",
            "--seconds each; medians are reported. The last line is JSON."})
final class BenchEnvCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", defaultValue = "atari84", description = "Observation preset: atari84 or fightladder (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--no-render", description = "Simulation only, no pixel observations.")
    boolean noRender;

    @Option(names = "--threads", description = "Threads for the parallel measurement (default: the number of cores).")
    Integer threads;

    @Option(names = "--envs-per-thread", defaultValue = "16", description = "Environments stepped per thread (default ${DEFAULT-VALUE}).")
    int envsPerThread;

    @Option(names = "--seconds", defaultValue = "2", description = "Length of one timed run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds before timing (default ${DEFAULT-VALUE}).")
    double warmup;

    record Measure(double stepsPerSecond, double bytesPerStep) {}

    @Override
    public Integer call() throws Exception {
        if (seconds <= 0 || repeats < 1 || warmup < 0 || envsPerThread < 1) {
            throw new IllegalArgumentException("--seconds must be > 0, --repeats and --envs-per-thread >= 1, --warmup >= 0");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int t = threads == null ? cores : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + t);
        }
        Roster roster = Roster.builtIn();
        EnvConfig config = EnvConfig.preset(preset).with("cpu_level", "8");
        int frameSkip = config.frameSkip();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bench env: %d core(s), %s %s; preset %s (%dx%d %s, frame skip %d), %s%n", cores,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), preset, config.width(), config.height(),
                config.grayscale() ? "gray" : "RGB", frameSkip, noRender ? "no rendering" : "rendering");

        Measure one = measure(roster, config, 1);
        Measure many = t > 1 ? measure(roster, config, t) : one;
        double scaling = many.stepsPerSecond / (t * one.stepsPerSecond);
        Table table = new Table("threads", "agent steps/s", "frames/s", "per thread steps/s", "bytes/step");
        table.row(1, fmt(one.stepsPerSecond), fmt(one.stepsPerSecond * frameSkip), fmt(one.stepsPerSecond),
                String.format("%.1f", one.bytesPerStep));
        if (t > 1) {
            table.row(t, fmt(many.stepsPerSecond), fmt(many.stepsPerSecond * frameSkip), fmt(many.stepsPerSecond / t),
                    String.format("%.1f", many.bytesPerStep));
        }
        table.print(out);
        if (t > 1) {
            out.printf("scaling: %d threads give %.2f x %d x the one-thread figure%n", t, scaling, t);
        }
        out.println(Json.write(Json.object("bench", "env", "preset", preset, "threads", t, "render", !noRender,
                "frame_skip", frameSkip, "steps_per_sec", Math.round(many.stepsPerSecond),
                "frames_per_sec", Math.round(many.stepsPerSecond * frameSkip),
                "steps_per_sec_1thread", Math.round(one.stepsPerSecond),
                "frames_per_sec_1thread", Math.round(one.stepsPerSecond * frameSkip),
                "scaling", Math.round(scaling * 1000) / 1000.0,
                "bytes_per_step", Math.round(Math.max(one.bytesPerStep, many.bytesPerStep) * 100) / 100.0,
                "repeats", repeats, "seconds", seconds, "cores", cores, "jvm", System.getProperty("java.version"))));
        return 0;
    }

    private Measure measure(Roster roster, EnvConfig config, int t) throws InterruptedException {
        Workload w = noRender ? new SimWorkload(roster, config.frameSkip(), t) : new EnvWorkload(roster, config, t * envsPerThread, t);
        try {
            w.run(warmup);
            double[] sps = new double[repeats];
            double[] bytes = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long before = allocatedBytes();
                long start = System.nanoTime();
                long steps = w.run(seconds);
                double elapsed = (System.nanoTime() - start) / 1e9;
                sps[r] = steps / elapsed;
                bytes[r] = (double) (allocatedBytes() - before) / Math.max(1, steps);
            }
            return new Measure(Stats.median(sps), Stats.median(bytes));
        } finally {
            w.close();
        }
    }

    /** Bytes allocated so far by every live thread of this JVM. */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = mx.getAllThreadIds();
        long total = 0;
        for (long b : mx.getThreadAllocatedBytes(ids)) {
            total += Math.max(0, b);
        }
        return total;
    }

    private static String fmt(double v) {
        return String.format("%,.0f", v);
    }


    private interface Workload {
        /** Runs for about {@code seconds}; returns the agent steps done. */
        long run(double seconds) throws InterruptedException;

        void close();
    }

    /** A VecEnv of the preset, stepped with pre-drawn random actions. */
    private static final class EnvWorkload implements Workload {
        private final LocalVecEnv env;
        private final int[][] actions = new int[64][];

        EnvWorkload(Roster roster, EnvConfig config, int envs, int threads) {
            env = new LocalVecEnv(roster, config, envs, threads);
            env.reset(1);
            Rng rng = new Rng(7);
            for (int k = 0; k < actions.length; k++) {
                actions[k] = new int[envs * env.agents()];
                for (int i = 0; i < actions[k].length; i++) {
                    actions[k][i] = rng.nextInt(Actions.DISCRETE_COUNT);
                }
            }
        }

        @Override
        public long run(double seconds) {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long steps = 0;
            int k = 0;
            while (System.nanoTime() < deadline) {
                env.step(actions[k++ & 63]);
                steps += actions[0].length;
            }
            return steps;
        }

        @Override
        public void close() {
            env.close();
        }
    }

    /** Simulation only: per thread, matches stepped with random agent inputs against a level-8 bot. */
    private static final class SimWorkload implements Workload {
        private final Roster roster;
        private final int frameSkip;
        private final int threads;

        SimWorkload(Roster roster, int frameSkip, int threads) {
            this.roster = roster;
            this.frameSkip = frameSkip;
            this.threads = threads;
        }

        @Override
        public long run(double seconds) throws InterruptedException {
            long[] frames = new long[threads];
            Throwable[] failure = new Throwable[1];
            List<Thread> ts = new ArrayList<>();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            for (int i = 0; i < threads; i++) {
                int id = i;
                Thread t = new Thread(() -> frames[id] = runThread(id, deadline), "bench-" + i);
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
            return Arrays.stream(frames).sum() / frameSkip;
        }

        private long runThread(int id, long deadline) {
            Simulator sim = new Simulator(roster);
            Rng rng = new Rng(Rng.derive(42, id));
            int[] inputs = new int[4096];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = FrameInput.fromNumpad(1 + rng.nextInt(9), 1) | (rng.chance(300) ? FrameInput.button(rng.nextInt(6)) : 0);
            }
            long seed = id * 1_000_003L;
            int n = roster.size();
            MatchState s = sim.newMatch(new MatchConfig((int) (seed % n), (int) ((seed / 7) % n), 3, 99), seed);
            CpuBot cpu = new CpuBot(roster, Player.P2, 8, seed);
            long frames = 0;
            int k = 0;
            do {
                for (int i = 0; i < 256; i++) {
                    if (s.isOver()) {
                        seed++;
                        s = sim.newMatch(new MatchConfig((int) (seed % n), (int) ((seed / 7) % n), 3, 99), seed);
                        cpu = new CpuBot(roster, Player.P2, 8, seed);
                    }
                    sim.step(s, inputs[(k / frameSkip) & 4095], cpu.act(s));
                    k++;
                    frames++;
                }
            } while (System.nanoTime() < deadline);
            return frames;
        }

        @Override
        public void close() {
        }
    }
}
