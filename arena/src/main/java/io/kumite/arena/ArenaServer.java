package io.kumite.arena;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The arena server's lifecycle (start, drain, stop), in the style of grpc-java's route guide: the
 * service is separate and thin. One constructor takes a {@link ServerBuilder} so tests run it over the
 * in-process transport. Thread-safe.
 */
public final class ArenaServer {
    private static final Logger LOG = Logger.getLogger(ArenaServer.class.getName());
    /** The principal of every call while authentication is off. */
    static final String ANONYMOUS = "anonymous";

    private final Server server;
    private final ArenaPool pool;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ArenaMetrics metrics = new ArenaMetrics();
    private final ReplayStore replays;
    private final ArenaService service;
    private final CallGuard guard;
    private final ScheduledExecutorService reaper;

    /** A plaintext server without authentication on {@code config.port()} over Netty. */
    public ArenaServer(Roster roster, ArenaServerConfig config) throws IOException {
        this(roster, config, ArenaSecurity.none());
    }

    /** A server on {@code config.port()} over Netty, with optional tokens and TLS. */
    public ArenaServer(Roster roster, ArenaServerConfig config, ArenaSecurity security) throws IOException {
        this(netty(config, security), roster, config, security, null);
    }

    /** A server over Netty that also writes replays of finished episodes to {@code replayDir} (may be null). */
    public ArenaServer(Roster roster, ArenaServerConfig config, ArenaSecurity security, Path replayDir) throws IOException {
        this(netty(config, security), roster, config, security, replayDir);
    }

    private static ServerBuilder<?> netty(ArenaServerConfig config, ArenaSecurity security) throws IOException {
        java.net.InetSocketAddress address = config.socketAddress(config.port());
        NettyServerBuilder b = security.tls()
                ? NettyServerBuilder.forAddress(address, TlsServerCredentials.create(security.tlsCert().toFile(), security.tlsKey().toFile()))
                : NettyServerBuilder.forAddress(address);
        // Keepalive enforcement: clients may ping at most every 10 s, and only while calls are open.
        // A batch of observations is megabytes: a 16 MB window avoids waiting for window updates.
        return b.permitKeepAliveTime(10, TimeUnit.SECONDS).permitKeepAliveWithoutCalls(false).flowControlWindow(16 << 20);
    }

    /** A server on any transport (tests use {@code InProcessServerBuilder}). */
    public ArenaServer(ServerBuilder<?> builder, Roster roster, ArenaServerConfig config) {
        this(builder, roster, config, ArenaSecurity.none());
    }

    public ArenaServer(ServerBuilder<?> builder, Roster roster, ArenaServerConfig config, ArenaSecurity security) {
        this(builder, roster, config, security, null);
    }

    /** With {@code replayDir} set, every finished episode is written there as a .kreplay. */
    public ArenaServer(ServerBuilder<?> builder, Roster roster, ArenaServerConfig config, ArenaSecurity security, Path replayDir) {
        try {
            this.replays = replayDir == null ? null : new ReplayStore(replayDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use the replay folder " + replayDir + ": " + e.getMessage());
        }
        this.pool = new ArenaPool(roster, config, System::nanoTime, replays == null ? null : replays::accept);
        metrics.watchArenas(pool::activeArenas);
        this.service = new ArenaService(pool, AuthInterceptor::principal, metrics, replays);
        this.guard = new CallGuard(metrics, ArenaServer::endsOnDrain);
        this.server = builder
                .maxInboundMessageSize(config.maxMessageBytes())
                .callExecutor(ArenaServer::stepsOnTransportThread)
                .intercept(new AuthInterceptor(security.tokens()))
                .addService(guard.guard(service.definition()))
                .addService(guard.guard(health.getHealthService().bindService()))
                .addService(guard.guard(ProtoReflectionServiceV1.newInstance().bindService()))
                .build();
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kumite-arena-reaper");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, config.idleTimeoutMillis() / 4);
        if (config.idleTimeoutMillis() > 0) {
            reaper.scheduleWithFixedDelay(() -> {
                int n = pool.reapIdle();
                if (n > 0) {
                    LOG.info("reaped " + n + " idle arenas");
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private static final Set<String> STEP_METHODS = Set.of(ArenaGrpc.getStepMethod().getFullMethodName(),
            ArenaGrpc.getStepStreamMethod().getFullMethodName());

    /**
     * The streams a drain ends at once (health Watch, PlayMatch seats, reflection): every streaming
     * method except StepStream, which the service ends itself after the batch it is serving.
     */
    private static boolean endsOnDrain(io.grpc.MethodDescriptor<?, ?> method) {
        return method.getType() != io.grpc.MethodDescriptor.MethodType.UNARY
                && !method.getFullMethodName().equals(ArenaGrpc.getStepStreamMethod().getFullMethodName());
    }

    /**
     * Step and StepStream calls run on the transport (Netty) thread that read them; every other call
     * on the default executor (null). A batch is stepped on the pool's workers and the calling
     * thread anyway, and handing each request to an executor thread and each answer back to the
     * transport thread cost two thread wake-ups per batch, which on a machine whose cores the client
     * shares is most of an answer's send time (docs/benchmarks.md, gRPC arena server: the figures).
     */
    private static <ReqT, RespT> Executor stepsOnTransportThread(ServerCall<ReqT, RespT> call, Metadata headers) {
        return STEP_METHODS.contains(call.getMethodDescriptor().getFullMethodName()) ? MoreExecutors.directExecutor() : null;
    }

    public ArenaServer start() throws IOException {
        server.start();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus("kumite.v1.Arena", ServingStatus.SERVING);
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** The addresses the gRPC port really listens on, e.g. {@code 127.0.0.1:50051}. */
    public String boundAddresses() {
        StringBuilder b = new StringBuilder();
        for (java.net.SocketAddress a : server.getListenSockets()) {
            b.append(b.length() == 0 ? "" : ", ").append(describe(a));
        }
        return b.toString();
    }

    /** {@code host:port} for an IP socket address (IPv6 in brackets, the wildcard as 0.0.0.0). */
    public static String describe(java.net.SocketAddress address) {
        if (address instanceof java.net.InetSocketAddress a && a.getAddress() != null) {
            String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
        }
        return String.valueOf(address);
    }

    /** The server's metrics (Prometheus text via {@link ArenaMetrics#scrape()}, or served over HTTP). */
    public ArenaMetrics metrics() {
        return metrics;
    }

    public int activeArenas() {
        return pool.activeArenas();
    }

    /**
     * Stops taking calls (health NOT_SERVING), ends the long-lived streams at once with UNAVAILABLE and
     * the draining reason (StepStreams after the batch they serve), lets unary calls in flight finish
     * for up to {@code graceSeconds}, then stops.
     */
    public void stop(long graceSeconds) throws InterruptedException {
        health.enterTerminalState();
        server.shutdown();
        service.drain();
        guard.drain();
        if (!server.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
        reaper.shutdownNow();
        pool.close();
        if (replays != null) {
            replays.close();
        }
        metrics.stop();
    }

    public void blockUntilShutdown() throws InterruptedException {
        server.awaitTermination();
    }
}
