package io.kumite.cli;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.kumite.arena.ArenaServer;
import io.kumite.arena.ArenaServerConfig;
import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.FrameStackCodec;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.env.StepAnswer;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.ObservationTransfer;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.StepRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "grpc", mixinStandardHelpOptions = true,
        description = {"Arena server speed on loopback: an arena server (Netty) and a client in this JVM share the machine.",
            "Batched throughput over --streams StepStreams (--in-flight parts of the batch in flight on each; an asynchronous client",
            "that rebuilds each arena's frame stack from the --transfer answers as they arrive, as RemoteVecEnv does) vs the same environments in process",
            "(measured in the same run), and the round trip of one arena stepped in lock step over StepStream (median, p99).",
            "With --server, a running arena server is measured instead (the in-process figure is then skipped). The last line is JSON."})
final class BenchGrpcCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", defaultValue = "atari84", description = "Observation preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--arenas", defaultValue = "64", description = "Arenas per batch (default ${DEFAULT-VALUE}).")
    int arenas;

    @Option(names = "--seconds", defaultValue = "2", description = "Length of one timed run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--streams", defaultValue = "1", description = "StepStreams the batch is split over (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--warmup", defaultValue = "30",
            description = "Seconds of untimed runs (in process and gRPC, alternating) before the timed ones (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--in-flight", defaultValue = "2",
            description = "Parts each stream's arenas are split into, all in flight: while the client unpacks one answer the server steps the others (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--round-trips", defaultValue = "5000", description = "Lock-step round trips timed for the latency (default ${DEFAULT-VALUE}).")
    int roundTrips;

    @Option(names = "--transfer", defaultValue = "delta",
            description = "Observations as each agent's newest frame (newest) or as its difference from the previous one (delta: FRAME_DELTA) (default ${DEFAULT-VALUE}).")
    String transfer;

    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "Measure this running arena server (./kumite serve) instead of one in this JVM; skips the in-process figure.")
    String server;

    @Override
    public Integer call() throws Exception {
        if (streams < 1 || inFlight < 1 || arenas < inFlight * streams || seconds <= 0 || warmup < 0 || repeats < 1 || roundTrips < 100) {
            throw new IllegalArgumentException("--arenas must be >= --in-flight x --streams (both >= 1), --repeats >= 1, --seconds > 0, --warmup >= 0, --round-trips >= 100");
        }
        if (!transfer.equals("delta") && !transfer.equals("newest")) {
            throw new IllegalArgumentException("--transfer must be newest or delta, got \"" + transfer + "\"");
        }
        ObservationTransfer mode = transfer.equals("delta") ? ObservationTransfer.FRAME_DELTA : ObservationTransfer.NEWEST_FRAME;
        Roster roster = Roster.builtIn();
        EnvConfig config = EnvConfig.preset(preset).with("cpu_level", "8");
        int cores = Runtime.getRuntime().availableProcessors();
        String host = null;
        int port = 0;
        if (server != null) {
            int colon = server.lastIndexOf(':');
            if (colon < 1 || !server.substring(colon + 1).matches("\\d{1,5}")) {
                throw new IllegalArgumentException("--server must be host:port, got \"" + server + "\"");
            }
            host = server.substring(0, colon);
            port = Integer.parseInt(server.substring(colon + 1));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bench grpc: %d core(s), %s %s; preset %s, %d arenas per batch, transfer %s; %s%n",
                cores, System.getProperty("java.vm.name"), System.getProperty("java.version"), preset, arenas, transfer,
                server == null ? "server and client share this JVM" : "the arena server at " + server);

        int[][] actions = new int[64][arenas];
        Rng rng = new Rng(5);
        for (int[] a : actions) {
            for (int i = 0; i < arenas; i++) {
                a[i] = rng.nextInt(Actions.DISCRETE_COUNT);
            }
        }
        // In process: the same environments, one VecEnv on all cores (not with --server). Its timed
        // runs alternate with the gRPC ones below, so that a noisy neighbour weighs on both alike.
        double[] inproc = new double[repeats];
        LocalVecEnv env = server == null ? new LocalVecEnv(roster, config, arenas, cores) : null;
        if (env != null) {
            env.reset(1);
        }
        // Over gRPC on loopback.
        ArenaServer local = server != null ? null
                : new ArenaServer(roster, new ArenaServerConfig(0, 4096, 4096, Math.max(arenas, 1024), 64 << 20, 0, 0)).start();
        // directExecutor: the pipelines unpack each answer and send the next request on the Netty thread.
        ManagedChannel channel = NettyChannelBuilder.forAddress(local != null ? "127.0.0.1" : host, local != null ? local.port() : port).usePlaintext()
                .maxInboundMessageSize(256 << 20).flowControlWindow(16 << 20).directExecutor().build();
        double[] remote = new double[repeats];
        long[] rtts = new long[roundTrips];
        try {
            ArenaGrpc.ArenaBlockingStub stub = ArenaGrpc.newBlockingStub(channel);
            CreateArenasRequest.Builder create = CreateArenasRequest.newBuilder().setCount(arenas).setPreset(preset)
                    .putSettings("cpu_level", "8").setBaseSeed(1);
            List<Long> ids = stub.createArenas(create.build()).getArenaIdsList();
            stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            int frameBytes = FrameStackCodec.frameBytes(config, config.observationBytes());
            // The arenas are split over --streams StepStreams, each with --in-flight parts always in
            // flight: while the server steps one, the others' answers travel and their next actions
            // are chosen (as a trainer would). Observations come as the newest frame or its delta, and the
            // client shifts each arena's stack and writes the new frame into it, as RemoteVecEnv does.
            List<Pipeline> pipelines = new ArrayList<>();
            for (int p = 0; p < streams; p++) {
                List<Long> part = ids.subList(p * arenas / streams, (p + 1) * arenas / streams);
                pipelines.add(new Pipeline(ArenaGrpc.newStub(channel), part, inFlight, actions, mode, frameBytes, config.frameStack()));
            }
            // Warm-up, untimed: the JIT takes a while to settle on the server's and the client's paths
            // (gRPC, Netty, protobuf, the coder) while the benchmark keeps the cores busy; with a shorter
            // warm-up the timed runs still climbed (docs/benchmarks.md, gRPC arena server).
            for (long end = System.nanoTime() + (long) (warmup * 1e9); System.nanoTime() < end; ) {
                if (env != null) {
                    run(env, actions, Math.min(seconds, 1));
                }
                runRemote(pipelines, Math.min(seconds, 1));
            }
            for (int r = 0; r < repeats; r++) {
                if (env != null) {
                    inproc[r] = run(env, actions, seconds);
                }
                remote[r] = runRemote(pipelines, seconds);
            }
            for (Pipeline p : pipelines) {
                p.stream.onCompleted();
            }
            // One arena, lock step over a stream.
            List<Long> one = stub.createArenas(create.setCount(1).build()).getArenaIdsList();
            stub.reset(ResetRequest.newBuilder().addAllArenaIds(one).build());
            LinkedBlockingQueue<StepAnswer> answers = new LinkedBlockingQueue<>();
            StreamObserver<StepRequest> stream = ClientCalls.asyncBidiStreamingCall(channel.newCall(StepAnswer.STEP_STREAM, CallOptions.DEFAULT),
                    collect(answers));
            StepRequest[] single = new StepRequest[22];
            for (int a = 0; a < 22; a++) {
                single[a] = StepRequest.newBuilder().addAllArenaIds(one).addActions(a).build();
            }
            for (int i = 0; i < roundTrips + 1000; i++) {
                long start = System.nanoTime();
                stream.onNext(single[i % 22]);
                if (answers.poll(10, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("no answer from the server within 10 s");
                }
                if (i >= 1000) {
                    rtts[i - 1000] = System.nanoTime() - start;
                }
            }
            stream.onCompleted();
        } finally {
            finishing = true;
            if (env != null) {
                env.close();
            }
            channel.shutdownNow();
            if (local != null) {
                local.stop(2);
            }
        }
        double inprocSps = server == null ? Stats.median(inproc) : Double.NaN;
        double remoteSps = Stats.median(remote);
        Arrays.sort(rtts);
        double medianUs = rtts[rtts.length / 2] / 1000.0;
        double p99Us = rtts[(int) (rtts.length * 0.99)] / 1000.0;
        Table t = new Table("measure", "value");
        if (server == null) {
            t.row("in process, agent steps/s", String.format("%,.0f", inprocSps));
        }
        t.row("gRPC StepStreams, agent steps/s", String.format("%,.0f", remoteSps));
        if (server == null) {
            t.row("gRPC / in process", String.format("%.2f", remoteSps / inprocSps));
        }
        t.row("StepStream round trip, median us", String.format("%.1f", medianUs));
        t.row("StepStream round trip, p99 us", String.format("%.1f", p99Us));
        t.print(out);
        out.println(Json.write(Json.object("bench", "grpc", "preset", preset, "arenas", arenas, "transfer", transfer,
                "steps_per_sec", Math.round(remoteSps), "inproc_steps_per_sec", server == null ? Math.round(inprocSps) : null,
                "ratio", server == null ? Math.round(remoteSps / inprocSps * 1000) / 1000.0 : null, "server", server,
                "rtt_median_us", Math.round(medianUs * 10) / 10.0, "rtt_p99_us", Math.round(p99Us * 10) / 10.0,
                "remote_runs", rounded(remote), "inproc_runs", server == null ? rounded(inproc) : null,
                "streams", streams, "in_flight", inFlight, "warmup_s", warmup, "round_trips", roundTrips, "repeats", repeats, "cores", cores, "jvm", System.getProperty("java.version"))));
        return 0;
    }

    private static int[] rounded(double[] values) {
        int[] r = new int[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (int) Math.round(values[i]);
        }
        return r;
    }

    private static double run(LocalVecEnv env, int[][] actions, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long steps = 0;
        int k = 0;
        while (System.nanoTime() < deadline) {
            env.step(actions[k++ & 63]);
            steps += actions[0].length;
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }

    private static volatile boolean finishing;

    private static StreamObserver<StepAnswer> collect(LinkedBlockingQueue<StepAnswer> answers) {
        return new StreamObserver<>() {
            @Override
            public void onNext(StepAnswer r) {
                answers.add(r);
            }

            @Override
            public void onError(Throwable t) {
                if (!finishing) {
                    System.err.println("bench grpc: the stream failed: " + t);
                }
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    /**
     * One StepStream with its arenas split into parts, every part always in flight. The client is
     * asynchronous, as a trainer that overlaps acting with stepping would be: each answer is unpacked
     * on the channel's transport thread when it arrives (directExecutor), and the part's next request
     * is sent from there; the caller only opens and closes a timed run.
     */
    private static final class Pipeline implements StreamObserver<StepAnswer> {
        final StreamObserver<StepRequest> stream;
        final List<List<StepRequest>> parts = new ArrayList<>();
        final byte[][] stacks;
        final int frameBytes;
        final int stack;
        int k;
        int answered;
        /** Agent steps answered since the run began; written by the transport thread only. */
        volatile long steps;
        /** Whether an answer is followed by the part's next request. */
        volatile boolean running;
        /** Requests sent and not answered yet. */
        final AtomicInteger inFlight = new AtomicInteger();
        volatile Throwable failure;

        Pipeline(ArenaGrpc.ArenaStub stub, List<Long> ids, int n, int[][] actions, ObservationTransfer mode, int frameBytes, int stack) {
            this.frameBytes = frameBytes;
            this.stack = stack;
            stream = ClientCalls.asyncBidiStreamingCall(stub.getChannel().newCall(StepAnswer.STEP_STREAM, stub.getCallOptions()), this);
            stacks = new byte[n][];
            for (int h = 0; h < n; h++) {
                List<Long> part = ids.subList(h * ids.size() / n, (h + 1) * ids.size() / n);
                List<StepRequest> list = new ArrayList<>();
                for (int[] a : actions) {
                    StepRequest.Builder b = StepRequest.newBuilder().addAllArenaIds(part)
                            .setObservationTransfer(mode);
                    for (int i = 0; i < part.size(); i++) {
                        b.addActions(a[i]);
                    }
                    list.add(b.build());
                }
                parts.add(list);
                stacks[h] = new byte[part.size() * stack * frameBytes];
            }
        }

        @Override
        public void onNext(StepAnswer r) {
            steps += r.arenaIds.length;
            unpack(r);
            if (running) {
                send();
            } else {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            inFlight.set(0);
            if (!finishing) {
                System.err.println("bench grpc: the stream failed: " + t);
            }
        }

        @Override
        public void onCompleted() {
        }

        /** The client's share of the work: each arena's stack shifted and its new frame written (decoded). */
        void unpack(StepAnswer r) {
            byte[] s = stacks[answered++ % stacks.length];
            int ob = stack * frameBytes;
            int at = r.observationsOffset;
            for (int i = 0; i < r.arenaIds.length; i++) { // vs_cpu: one agent per arena
                boolean fresh = FrameStackCodec.freshStack(false, r.infos, i);
                if (r.observationSizes.length > 0) {
                    int size = r.observationSizes[i];
                    FrameStackCodec.apply(s, i * ob, stack, frameBytes, r.data, at, size, fresh);
                    at += size;
                } else {
                    FrameStackCodec.push(s, i * ob, stack, frameBytes, r.data, at + i * frameBytes, fresh);
                }
            }
        }

        /** Sends the next part's request; the caller (start) and the transport thread (onNext) may race here. */
        synchronized void send() {
            stream.onNext(parts.get(k % parts.size()).get((k / parts.size()) & 63));
            k++;
        }

        /** Puts every part in flight; answers keep them there until {@link #stop}. */
        void start() {
            steps = 0;
            running = true;
            inFlight.set(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                send();
            }
        }

        /** Stops sending and waits for the answers in flight (unpacked, so the client's frames stay in step with the server's). */
        void stop() throws InterruptedException {
            running = false;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (inFlight.get() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no answer from the server within 30 s");
                }
                Thread.sleep(1);
            }
            if (failure != null) {
                throw new IllegalStateException("the stream failed: " + failure, failure);
            }
        }
    }

    /** Agent steps per second over all pipelines, answered within {@code seconds}. */
    private static double runRemote(List<Pipeline> pipelines, double seconds) throws InterruptedException {
        long start = System.nanoTime();
        for (Pipeline p : pipelines) {
            p.start();
        }
        long deadline = start + (long) (seconds * 1e9);
        for (long now = start; now < deadline; now = System.nanoTime()) {
            Thread.sleep(Math.max(1, Math.min(50, (deadline - now) / 1_000_000)));
            for (Pipeline p : pipelines) {
                if (p.failure != null) {
                    throw new IllegalStateException("the stream failed: " + p.failure, p.failure);
                }
            }
        }
        long steps = 0;
        for (Pipeline p : pipelines) {
            steps += p.steps;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Pipeline p : pipelines) {
            p.stop();
        }
        return steps / elapsed;
    }

}
