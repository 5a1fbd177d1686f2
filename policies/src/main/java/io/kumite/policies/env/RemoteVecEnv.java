package io.kumite.policies.env;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.kumite.engine.env.BufferedVecEnv;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.FrameStackCodec;
import io.kumite.engine.env.Info;
import io.kumite.engine.env.StateVector;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CloseArenasRequest;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.ObservationTransfer;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.StepRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VecEnv} whose environments are arenas on one or more arena servers ({@code host:port}).
 * Environment i lives on endpoint {@code i * endpoints / numEnvs} (contiguous blocks, its "home") and
 * is seeded {@code baseSeed + i}, so the results equal a {@code LocalVecEnv} of the same config and
 * seeds. Steps go over one StepStream per server, all servers at once; observations come as the
 * newest frame only when the config allows and the stack is kept here. Not thread-safe.
 *
 * <p><b>Failover</b> (docs/scaling.md). A server is lost when a call to it fails with UNAVAILABLE,
 * CANCELLED, DEADLINE_EXCEEDED, ABORTED or UNKNOWN (a killed process, a broken connection, a
 * draining server) or does not answer a step within {@link Options#stepTimeout()}. Other codes are
 * the caller's errors and are thrown. Its environments start over on the servers that are left,
 * within the same or the next {@code step}, following the next-step autoreset rule of
 * docs/env-api.md so a trainer's bookkeeping stays right:
 * <ul>
 * <li>An environment whose episode was in flight gets, on the step where the loss is seen,
 * {@code truncated = true}, {@code terminated = false}, reward 0, and its observation, info and
 * state vector unchanged (the last ones it had: the episode is cut before the action took effect).
 * The episode is counted in {@link #droppedEpisodes()} and logged. The next step ignores its action
 * and returns the first observation of a new arena, with reward 0 and both flags false.
 * <li>An environment whose previous step had ended its episode (this step was its autoreset step)
 * loses nothing: the step returns the first observation of a new arena, flags false, reward 0.
 * </ul>
 * The new arena goes to the home server if it is up, else to the live server with the fewest
 * environments (the lowest index on a tie), and is seeded {@link #failoverSeed}: {@code baseSeed + i
 * + numEnvs * k} for the k-th arena environment i gets since the last {@code reset(baseSeed)}.
 *
 * <p>A lost server is probed with gRPC health every {@link Options#probeEvery()}; once it answers
 * SERVING it is used again: an environment away from home moves back at its next episode end (on its
 * autoreset step, as a new arena seeded as above) and at every {@code reset}. Environments whose
 * home never failed never move. With no server left, the call throws.
 */
public final class RemoteVecEnv extends BufferedVecEnv {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteVecEnv.class);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String SERVICE = "kumite.v1.Arena";

    /** Where an environment stands: stepped on an arena, lost mid-episode (not reported yet), or waiting for a new arena. */
    private enum Standing { LIVE, LOST, ORPHAN }

    /**
     * Failover timings.
     *
     * @param stepTimeout how long a step, reset or create may wait for a server before it counts as lost
     * @param probeEvery how often a lost server is asked for its health
     */
    public record Options(Duration stepTimeout, Duration probeEvery) {
        public Options {
            if (stepTimeout.isNegative() || stepTimeout.isZero() || probeEvery.isNegative() || probeEvery.isZero()) {
                throw new IllegalArgumentException("failover timings must be positive, got step timeout " + stepTimeout
                        + " and probe interval " + probeEvery);
            }
        }

        /** 30 s step timeout (a batch of 1,024 arenas takes well under one), a probe every 2 s. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Duration.ofSeconds(2));
        }
    }

    private final String preset;
    private final Map<String, String> settings;
    private final Options options;
    private final int frameBytes;
    private final boolean newestFrame;
    private final List<Server> servers = new ArrayList<>();
    private final int[] home;
    private final int[] where;
    private final long[] arena;
    private final Standing[] standing;
    private final boolean[] ended;
    private final int[] generation;
    private final boolean[] answered;
    private final boolean[] starts;
    private long baseSeed;
    private long droppedEpisodes;
    private long failovers;

    /** One arena server: its channel, the environments placed on it, its open stream and its health. */
    private static final class Server {
        final int index;
        final String endpoint;
        final ManagedChannel channel;
        final ArenaGrpc.ArenaBlockingStub stub;
        final ArenaGrpc.ArenaStub async;
        final HealthGrpc.HealthStub health;
        /** Environments with an arena here, ascending. */
        final List<Integer> envs = new ArrayList<>();
        boolean up = true;
        long nextProbe;
        volatile boolean probing;
        volatile boolean serving;
        StreamObserver<StepRequest> stream;
        LinkedBlockingQueue<Object> answers;

        Server(int index, String endpoint, ManagedChannel channel, CallCredentials credentials) {
            this.index = index;
            this.endpoint = endpoint;
            this.channel = channel;
            ArenaGrpc.ArenaBlockingStub b = ArenaGrpc.newBlockingStub(channel);
            ArenaGrpc.ArenaStub a = ArenaGrpc.newStub(channel);
            this.stub = credentials == null ? b : b.withCallCredentials(credentials);
            this.async = credentials == null ? a : a.withCallCredentials(credentials);
            this.health = HealthGrpc.newStub(channel);
        }

        void place(int env) {
            int at = Collections.binarySearch(envs, env);
            if (at < 0) {
                envs.add(-at - 1, env);
            }
        }
    }

    /** A call to a server failed in a way that means the server is gone (or going). */
    private static final class ServerLost extends Exception {
        final Server server;

        ServerLost(Server server, String reason, Throwable cause) {
            super(reason, cause, false, false);
            this.server = server;
        }
    }

    /**
     * Creates {@code numEnvs} arenas of {@code preset} with {@code settings} over {@code endpoints},
     * with the default failover timings.
     *
     * @param token bearer token for servers that need one, or null
     */
    public RemoteVecEnv(List<String> endpoints, String preset, Map<String, String> settings, int numEnvs, String token) {
        this(endpoints, preset, settings, numEnvs, token, Options.defaults());
    }

    /**
     * As above, with the given failover timings. A server that cannot be reached now is treated as
     * lost: its environments start on the others and move to it once it answers (one server at least
     * must be reachable).
     */
    public RemoteVecEnv(List<String> endpoints, String preset, Map<String, String> settings, int numEnvs, String token, Options options) {
        super(EnvConfig.preset(preset).with(settings, Roster.builtIn()), numEnvs);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("give at least one server as host:port");
        }
        if (numEnvs() < endpoints.size()) {
            throw new IllegalArgumentException(numEnvs() + " environments cannot be spread over " + endpoints.size() + " servers");
        }
        this.preset = preset;
        this.settings = Map.copyOf(settings);
        this.options = options;
        this.frameBytes = FrameStackCodec.frameBytes(config, observationBytes());
        this.newestFrame = FrameStackCodec.newestFrameAllowed(config);
        int n = numEnvs();
        this.home = new int[n];
        this.where = new int[n];
        this.arena = new long[n];
        this.standing = new Standing[n];
        this.ended = new boolean[n];
        this.generation = new int[n];
        this.answered = new boolean[n];
        this.starts = new boolean[n];
        CallCredentials credentials = token == null ? null : bearer(token);
        try {
            for (int e = 0; e < endpoints.size(); e++) {
                String endpoint = endpoints.get(e).trim();
                int colon = endpoint.lastIndexOf(':');
                if (colon < 1 || !endpoint.substring(colon + 1).matches("\\d{1,5}")) {
                    throw new IllegalArgumentException("a server must be host:port, got \"" + endpoint + "\"");
                }
                // directExecutor: the callbacks only queue answers and set flags, so they run on the
                // Netty thread that read them instead of being handed to another thread, a wake-up less
                // per answer (its A/B: docs/benchmarks.md, Python client vs Java client).
                ManagedChannel channel = NettyChannelBuilder.forAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)))
                        .usePlaintext().maxInboundMessageSize(256 << 20).flowControlWindow(16 << 20).directExecutor().build();
                servers.add(new Server(e, endpoint, channel, credentials));
                for (int i = e * n / endpoints.size(); i < (e + 1) * n / endpoints.size(); i++) {
                    home[i] = e;
                }
            }
            Arrays.fill(where, -1);
            Arrays.fill(standing, Standing.ORPHAN);
            Arrays.fill(ended, true);
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                todo.add(i);
            }
            // Arenas are created here and reset by reset(); an unreachable server's share goes to the others.
            while (!todo.isEmpty()) {
                for (Map.Entry<Integer, List<Integer>> e : targets(todo).entrySet()) {
                    try {
                        createOn(servers.get(e.getKey()), e.getValue());
                        todo.removeAll(e.getValue());
                    } catch (ServerLost lost) {
                        lose(lost);
                    }
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(AUTHORIZATION, "Bearer " + token);
                applier.apply(m);
            }
        };
    }

    // ------------------------------------------------------------------ what a caller can read

    /** Episodes that were in flight on a server when it was lost: cut short, reported as truncated, never finished. */
    public long droppedEpisodes() {
        return droppedEpisodes;
    }

    /** How many times a server was found lost. */
    public long failovers() {
        return failovers;
    }

    /** The server environment {@code env} is stepped on now, or null while it waits for a new arena. */
    public String endpointOf(int env) {
        return where[env] < 0 ? null : servers.get(where[env]).endpoint;
    }

    /** The servers in use now (not lost), in the order given. */
    public List<String> liveEndpoints() {
        List<String> up = new ArrayList<>();
        for (Server s : servers) {
            if (s.up) {
                up.add(s.endpoint);
            }
        }
        return up;
    }

    /** The seed of the {@code k}-th arena (k ≥ 1) that environment {@code env} gets after {@code reset(baseSeed)}. */
    public static long failoverSeed(long baseSeed, int env, int numEnvs, int k) {
        return baseSeed + env + (long) numEnvs * k;
    }

    // ------------------------------------------------------------------ VecEnv

    @Override
    public void reset(long baseSeed) {
        this.baseSeed = baseSeed;
        Arrays.fill(generation, 0);
        pollProbes();
        List<Integer> all = new ArrayList<>();
        long[] seeds = new long[numEnvs()];
        for (int i = 0; i < numEnvs(); i++) {
            all.add(i);
            seeds[i] = baseSeed + i;
        }
        start(all, seeds, true);
    }

    @Override
    public void reset(int env, Long seed) {
        if (env < 0 || env >= numEnvs()) {
            throw new IllegalArgumentException("environment index " + env + " is out of range 0.." + (numEnvs() - 1));
        }
        pollProbes();
        long[] seeds = null;
        if (seed != null) {
            seeds = new long[numEnvs()];
            seeds[env] = seed;
        }
        start(List.of(env), seeds, true);
    }

    @Override
    public void step(int[] actions) {
        if (actions.length != numEnvs() * agents()) {
            throw new IllegalArgumentException("expected " + numEnvs() * agents() + " actions (" + numEnvs() + " environments x "
                    + agents() + " agents()), got " + actions.length);
        }
        pollProbes();
        Arrays.fill(answered, false);
        Arrays.fill(starts, false);
        List<Integer> moving = new ArrayList<>();
        for (int i = 0; i < numEnvs(); i++) {
            if (standing[i] == Standing.LOST) {
                reportDropped(i); // lost between steps: this step ends its episode, the next one starts a new arena
            } else if (standing[i] == Standing.ORPHAN) {
                starts[i] = true;
            } else if (ended[i] && where[i] != home[i] && servers.get(home[i]).up) {
                starts[i] = true; // its autoreset step, and its home server is back: move it home
                moving.add(i);
            }
        }
        closeMoved(moving);
        List<Server> sent = new ArrayList<>();
        for (Server s : servers) {
            if (s.up && send(s, actions)) {
                sent.add(s);
            }
        }
        long deadline = System.nanoTime() + options.stepTimeout().toNanos();
        for (Server s : sent) {
            List<Integer> batch = batchEnvs(s);
            try {
                unpackEnvs(await(s, deadline), batch, false);
            } catch (ServerLost lost) {
                lose(lost);
            }
        }
        List<Integer> starting = new ArrayList<>();
        for (int i = 0; i < numEnvs(); i++) {
            if (standing[i] == Standing.LOST && !answered[i]) {
                reportDropped(i); // lost in this step's batch: report the end of its episode now
            } else if (standing[i] == Standing.ORPHAN && !answered[i]) {
                starting.add(i); // had no arena, moves home, or was lost on its autoreset step: a new episode starts now
            }
        }
        start(starting, null, true);
    }

    // ------------------------------------------------------------------ stepping

    /** The environments of {@code s} stepped in this batch: live ones, not starting over. */
    private List<Integer> batchEnvs(Server s) {
        List<Integer> envs = new ArrayList<>(s.envs.size());
        for (int i : s.envs) {
            if (standing[i] == Standing.LIVE && !answered[i] && !starts[i]) {
                envs.add(i);
            }
        }
        return envs;
    }

    private boolean send(Server s, int[] actions) {
        List<Integer> envs = batchEnvs(s);
        if (envs.isEmpty()) {
            return false;
        }
        StepRequest.Builder r = StepRequest.newBuilder().setObservationTransfer(transfer());
        for (int i : envs) {
            r.addArenaIds(arena[i]);
            for (int a = 0; a < agents(); a++) {
                r.addActions(actions[i * agents() + a]);
            }
        }
        stream(s).onNext(r.build());
        return true;
    }

    private StepAnswer await(Server s, long deadline) throws ServerLost {
        Object answer;
        try {
            answer = s.answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + s.endpoint);
        }
        if (answer == null) {
            throw new ServerLost(s, "no answer to a step within " + options.stepTimeout().toSeconds() + " s", null);
        }
        if (answer instanceof Throwable t) {
            s.stream = null;
            if (gone(t)) {
                throw new ServerLost(s, describe(t), t);
            }
            throw new IllegalStateException("arena server " + s.endpoint + ": " + describe(t), t);
        }
        return (StepAnswer) answer;
    }

    private ObservationTransfer transfer() {
        return newestFrame ? ObservationTransfer.FRAME_DELTA : ObservationTransfer.FULL;
    }

    private StreamObserver<StepRequest> stream(Server s) {
        if (s.stream == null) {
            LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
            s.answers = answers;
            StreamObserver<StepAnswer> observer = new StreamObserver<>() {
                @Override
                public void onNext(StepAnswer r) {
                    answers.add(r);
                }

                @Override
                public void onError(Throwable t) {
                    answers.add(t);
                }

                @Override
                public void onCompleted() {
                    answers.add(Status.UNAVAILABLE.withDescription("the server ended the stream").asRuntimeException());
                }
            };
            // Answers are read as StepAnswer (one copy of the bytes, no protobuf objects); requests as usual.
            s.stream = ClientCalls.asyncBidiStreamingCall(s.async.getChannel().newCall(StepAnswer.STEP_STREAM, s.async.getCallOptions()), observer);
        }
        return s.stream;
    }

    /** A status in one line: code, description and the innermost cause (e.g. "Connection refused"). */
    private static String describe(Throwable t) {
        Status status = Status.fromThrowable(t);
        StringBuilder b = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            b.append(": ").append(status.getDescription());
        }
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        if (root != null && root.getMessage() != null) {
            b.append(" (").append(root.getMessage()).append(')');
        }
        return b.toString();
    }

    /** Status codes that mean the server (or the way to it) is gone, not that the request was wrong. */
    private static boolean gone(Throwable t) {
        return switch (Status.fromThrowable(t).getCode()) {
            case UNAVAILABLE, CANCELLED, DEADLINE_EXCEEDED, ABORTED, UNKNOWN -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ starting episodes on arenas

    /**
     * Starts a new episode in each of {@code envs} and writes its first observation: on its own arena
     * (if it has one, on a live server, and does not move home), else on a new arena placed by
     * {@link #targets}. {@code seeds} (indexed by environment) is null for "reseed only new arenas".
     * Lost servers on the way are failed over; throws when none is left.
     */
    private void start(List<Integer> envs, long[] seeds, boolean relocate) {
        List<Integer> todo = new ArrayList<>(envs);
        for (int i : todo) {
            ended[i] = true; // an episode in flight is abandoned by the caller's reset, not dropped by a failover
        }
        while (!todo.isEmpty()) {
            TreeMap<Integer, List<Integer>> reuse = new TreeMap<>();
            List<Integer> moving = new ArrayList<>();
            for (int i : todo) {
                boolean stays = standing[i] == Standing.LIVE && servers.get(where[i]).up
                        && !(relocate && where[i] != home[i] && servers.get(home[i]).up);
                if (stays) {
                    reuse.computeIfAbsent(where[i], k -> new ArrayList<>()).add(i);
                } else if (standing[i] == Standing.LIVE) {
                    moving.add(i);
                }
            }
            closeMoved(moving);
            List<Integer> homeless = new ArrayList<>();
            for (int i : todo) {
                if (standing[i] != Standing.LIVE) {
                    homeless.add(i);
                }
            }
            TreeMap<Integer, List<Integer>> create = targets(homeless);
            for (int t = 0; t < servers.size(); t++) {
                Server s = servers.get(t);
                List<Integer> fresh = create.getOrDefault(t, List.of());
                List<Integer> again = reuse.getOrDefault(t, List.of());
                if (fresh.isEmpty() && again.isEmpty() || !s.up) {
                    continue;
                }
                try {
                    createOn(s, fresh);
                    List<Integer> group = new ArrayList<>(again);
                    group.addAll(fresh);
                    Collections.sort(group);
                    resetOn(s, group, fresh, seeds);
                    todo.removeAll(group);
                } catch (ServerLost lost) {
                    lose(lost);
                }
            }
        }
    }

    /** Creates one arena on {@code s} for each of {@code envs} (none: no call). */
    private void createOn(Server s, List<Integer> envs) throws ServerLost {
        if (envs.isEmpty()) {
            return;
        }
        List<Long> ids = call(s, () -> s.stub.withDeadlineAfter(options.stepTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .createArenas(CreateArenasRequest.newBuilder().setCount(envs.size()).setPreset(preset).putAllSettings(settings).build())
                .getArenaIdsList());
        for (int k = 0; k < envs.size(); k++) {
            int i = envs.get(k);
            arena[i] = ids.get(k);
            where[i] = s.index;
            standing[i] = Standing.LIVE;
            s.place(i);
        }
    }

    /**
     * Resets {@code group} on {@code s}. Seeds: {@code seeds[i]} when given; else a new arena gets
     * {@link #failoverSeed} and an old one (only {@code reset(env, null)}) keeps its own seed stream.
     */
    private void resetOn(Server s, List<Integer> group, List<Integer> fresh, long[] seeds) throws ServerLost {
        ResetRequest.Builder r = ResetRequest.newBuilder().setObservationTransfer(transfer());
        boolean keepSeeds = seeds == null && group.size() > fresh.size();
        if (keepSeeds && group.size() != 1) {
            throw new IllegalStateException("internal: a reset without seeds mixed with new arenas");
        }
        for (int i : group) {
            r.addArenaIds(arena[i]);
            if (!keepSeeds) {
                r.addSeeds(seeds != null ? seeds[i] : failoverSeed(baseSeed, i, numEnvs(), ++generation[i]));
            }
        }
        StepAnswer answer = call(s, () -> ClientCalls.blockingUnaryCall(s.stub.getChannel(), StepAnswer.RESET,
                s.stub.withDeadlineAfter(options.stepTimeout().toMillis(), TimeUnit.MILLISECONDS).getCallOptions(), r.build()));
        unpackEnvs(answer, group, true);
    }

    /**
     * Where new arenas for {@code envs} go, by server index: home if it is up, else the live server with
     * the fewest environments (counting those placed by this call; the lowest index on a tie).
     */
    private TreeMap<Integer, List<Integer>> targets(List<Integer> envs) {
        int[] load = new int[servers.size()];
        for (Server s : servers) {
            load[s.index] = s.envs.size();
        }
        TreeMap<Integer, List<Integer>> byServer = new TreeMap<>();
        for (int i : envs) {
            int t = home[i];
            if (!servers.get(t).up) {
                t = -1;
                for (Server s : servers) {
                    if (s.up && (t < 0 || load[s.index] < load[t])) {
                        t = s.index;
                    }
                }
            }
            if (t < 0) {
                throw new IllegalStateException("no arena server is left: " + String.join(", ", endpointNames())
                        + " are all unreachable or draining; start one (kumite serve) and run again");
            }
            load[t]++;
            byServer.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
        }
        return byServer;
    }

    private List<String> endpointNames() {
        List<String> names = new ArrayList<>();
        for (Server s : servers) {
            names.add(s.endpoint);
        }
        return names;
    }

    /** Closes the arenas of environments about to move (best effort: a server that is gone reaps them). */
    private void closeMoved(List<Integer> envs) {
        TreeMap<Integer, List<Long>> byServer = new TreeMap<>();
        for (int i : envs) {
            if (standing[i] == Standing.LIVE && where[i] >= 0) {
                byServer.computeIfAbsent(where[i], k -> new ArrayList<>()).add(arena[i]);
                servers.get(where[i]).envs.remove(Integer.valueOf(i));
                where[i] = -1;
                standing[i] = Standing.ORPHAN;
            }
        }
        for (Map.Entry<Integer, List<Long>> e : byServer.entrySet()) {
            Server s = servers.get(e.getKey());
            try {
                s.stub.withDeadlineAfter(5, TimeUnit.SECONDS).closeArenas(CloseArenasRequest.newBuilder().addAllArenaIds(e.getValue()).build());
            } catch (StatusRuntimeException ignored) {
                // A server that is gone closes them itself (stream cancel, idle reaper); the next step finds it lost.
            }
        }
    }

    private <T> T call(Server s, java.util.function.Supplier<T> rpc) throws ServerLost {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            if (gone(e)) {
                throw new ServerLost(s, describe(e), e);
            }
            throw new IllegalStateException("arena server " + s.endpoint + ": " + describe(e), e);
        }
    }

    // ------------------------------------------------------------------ failover

    /**
     * Marks a server lost: its environments lose their arenas. One whose last result ended its episode
     * waits for a new arena ({@code ORPHAN}); one in mid-episode is {@code LOST} and its episode is
     * counted as dropped (the step that reports it says truncated). Throws when no server is left.
     */
    private void lose(ServerLost lost) {
        Server s = lost.server;
        s.up = false;
        s.serving = false;
        s.nextProbe = System.nanoTime() + options.probeEvery().toNanos();
        if (s.stream != null) {
            try {
                s.stream.onError(Status.CANCELLED.withDescription("failover: the client gave up on this server").asRuntimeException());
            } catch (RuntimeException ignored) {
                // already closed
            }
            s.stream = null;
        }
        int dropped = 0;
        for (int i : s.envs) {
            where[i] = -1;
            if (ended[i]) {
                standing[i] = Standing.ORPHAN;
            } else {
                standing[i] = Standing.LOST;
                dropped++;
            }
        }
        int moved = s.envs.size();
        s.envs.clear();
        failovers++;
        droppedEpisodes += dropped;
        List<String> left = liveEndpoints();
        if (!left.isEmpty()) {
            LOG.warn("arena server {} lost ({}): {} episode(s) in flight dropped ({} in all); its {} environment(s) start over on {}; "
                    + "probing it every {} s", s.endpoint, lost.getMessage(), dropped, droppedEpisodes, moved, left,
                    options.probeEvery().toMillis() / 1000.0);
        } else {
            throw new IllegalStateException("arena server " + s.endpoint + " is gone (" + lost.getMessage() + ") and no other server is left",
                    lost.getCause());
        }
    }

    /** The step result of an environment whose episode was cut by a lost server: truncated, reward 0, the rest unchanged. */
    private void reportDropped(int env) {
        for (int a = 0; a < agents(); a++) {
            int k = env * agents() + a;
            rewards[k] = 0;
            terminated[k] = false;
            truncated[k] = true;
        }
        standing[env] = Standing.ORPHAN;
        ended[env] = true;
        answered[env] = true;
    }

    /** Health-probes lost servers (asynchronously, every probeEvery) and takes back those that answered SERVING. */
    private void pollProbes() {
        long now = System.nanoTime();
        for (Server s : servers) {
            if (s.up) {
                continue;
            }
            if (s.serving) {
                s.up = true;
                s.serving = false;
                LOG.warn("arena server {} is back (health SERVING): environments move back to it as their episodes end", s.endpoint);
            } else if (!s.probing && now - s.nextProbe >= 0) {
                s.nextProbe = now + options.probeEvery().toNanos();
                s.probing = true;
                s.channel.resetConnectBackoff();
                s.health.withDeadlineAfter(Math.min(2000, options.probeEvery().toMillis()), TimeUnit.MILLISECONDS)
                        .check(HealthCheckRequest.newBuilder().setService(SERVICE).build(), new StreamObserver<>() {
                            @Override
                            public void onNext(HealthCheckResponse r) {
                                if (r.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                                    s.serving = true;
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                                s.probing = false;
                            }

                            @Override
                            public void onCompleted() {
                                s.probing = false;
                            }
                        });
            }
        }
    }

    // ------------------------------------------------------------------ results

    /** Copies the answer for {@code envs} (ascending, in the answer's order) into the buffers, in runs of consecutive environments. */
    private void unpackEnvs(StepAnswer r, List<Integer> envs, boolean afterReset) {
        int k = 0;
        while (k < envs.size()) {
            int run = 1;
            while (k + run < envs.size() && envs.get(k + run) == envs.get(k) + run) {
                run++;
            }
            unpackRange(r, k, envs.get(k), run, afterReset);
            for (int j = k; j < k + run; j++) {
                int i = envs.get(j);
                boolean end = false;
                for (int a = 0; a < agents(); a++) {
                    end |= terminated[i * agents() + a] || truncated[i * agents() + a];
                }
                ended[i] = end;
                answered[i] = true;
            }
            k += run;
        }
    }

    /** Copies answer entries [from, from + count) into environments [firstEnv, firstEnv + count), stacking frames if needed. */
    private void unpackRange(StepAnswer r, int from, int firstEnv, int count, boolean afterReset) {
        int src = from * agents();
        int firstSlot = firstEnv * agents();
        int slots = count * agents();
        int fields = Info.FIELDS;
        if (r.rewards.length < src + slots || r.infos.length < (src + slots) * fields || r.terminated.length < src + slots
                || r.truncated.length < src + slots || states.length > 0 && r.states.length < (src + slots) * StateVector.LENGTH) {
            throw new IllegalStateException("the server's answer has fewer entries than the " + (src + slots) + " agents asked for");
        }
        System.arraycopy(r.rewards, src, rewards, firstSlot, slots);
        System.arraycopy(r.terminated, src, terminated, firstSlot, slots);
        System.arraycopy(r.truncated, src, truncated, firstSlot, slots);
        System.arraycopy(r.infos, src * fields, infos, firstSlot * fields, slots * fields);
        if (states.length > 0) {
            System.arraycopy(r.states, src * StateVector.LENGTH, states, firstSlot * StateVector.LENGTH, slots * StateVector.LENGTH);
        }
        byte[] data = r.data;
        int at = r.observationsOffset;
        if (!r.newestFrameOnly) {
            checkObservations(r, (src + slots) * observationBytes());
            System.arraycopy(data, at + src * observationBytes(), observations, firstSlot * observationBytes(), slots * observationBytes());
            return;
        }
        int stack = config.frameStack();
        if (r.observationSizes.length > 0) {
            unpackDeltas(r, src, firstSlot, slots, afterReset);
            return;
        }
        checkObservations(r, (src + slots) * frameBytes);
        for (int k = 0; k < slots; k++) {
            FrameStackCodec.push(observations, (firstSlot + k) * observationBytes(), stack, frameBytes, data, at + (src + k) * frameBytes,
                    FrameStackCodec.freshStack(afterReset, infos, firstSlot + k));
        }
    }

    private StepAnswer coded;
    private int[] codedStart = new int[0];

    private static void checkObservations(StepAnswer r, int bytes) {
        if (r.observationsLength < bytes) {
            throw new IllegalStateException("the server's answer has " + r.observationsLength + " observation bytes, expected " + bytes);
        }
    }

    /**
     * FRAME_DELTA: each agent's coded newest frame is applied onto its previous newest frame (the last
     * frame of its stack, which is what the server coded against), after shifting the stack; at an
     * episode's start the new frame fills the stack.
     */
    private void unpackDeltas(StepAnswer r, int src, int firstSlot, int slots, boolean afterReset) {
        if (r != coded) { // one pass over the sizes per answer: where each agent's coded frame starts
            int n = r.observationSizes.length;
            if (codedStart.length < n + 1) {
                codedStart = new int[n + 1];
            }
            codedStart[0] = r.observationsOffset;
            for (int k = 0; k < n; k++) {
                codedStart[k + 1] = codedStart[k] + r.observationSizes[k];
            }
            if (codedStart[n] != r.observationsOffset + r.observationsLength || n < src + slots) {
                throw new IllegalStateException("the server's coded frames (" + n + " sizes) do not add up to its " + r.observationsLength
                        + " observation bytes");
            }
            coded = r;
        }
        int stack = config.frameStack();
        for (int k = 0; k < slots; k++) {
            FrameStackCodec.apply(observations, (firstSlot + k) * observationBytes(), stack, frameBytes, r.data, codedStart[src + k],
                    codedStart[src + k + 1] - codedStart[src + k], FrameStackCodec.freshStack(afterReset, infos, firstSlot + k));
        }
    }

    /** Closes the arenas and the connections. */
    @Override
    public void close() {
        for (Server s : servers) {
            try {
                if (s.stream != null) {
                    s.stream.onCompleted();
                }
                if (s.up && !s.envs.isEmpty()) {
                    CloseArenasRequest.Builder r = CloseArenasRequest.newBuilder();
                    for (int i : s.envs) {
                        r.addArenaIds(arena[i]);
                    }
                    s.stub.withDeadlineAfter(10, TimeUnit.SECONDS).closeArenas(r.build());
                }
            } catch (RuntimeException e) {
                // The server may be gone already; its idle reaper closes the arenas.
            } finally {
                s.channel.shutdownNow();
            }
        }
        servers.clear();
    }
}
