package io.kumite.arena;

/**
 * The arena server's settings, each with a documented default.
 *
 * @param port                 TCP port for gRPC (0 = any free port)
 * @param maxArenas            arenas on the whole server
 * @param maxArenasPerClient   arenas one principal may hold
 * @param maxBatch             arenas in one CreateArenas, Reset or Step call
 * @param maxMessageBytes      largest request accepted
 * @param idleTimeoutMillis    arenas untouched this long are closed (0 = never)
 * @param threads              worker threads stepping a batch in parallel (0 = number of cores)
 * @param bindAddress          the interface the gRPC and metrics ports listen on: {@value #DEFAULT_BIND}
 *                             (this machine only) by default, {@code 0.0.0.0} for every interface
 */
public record ArenaServerConfig(int port, int maxArenas, int maxArenasPerClient, int maxBatch, int maxMessageBytes,
                                long idleTimeoutMillis, int threads, String bindAddress) {
    public static final int DEFAULT_PORT = 50051;
    public static final int DEFAULT_MAX_ARENAS = 4096;
    public static final int DEFAULT_MAX_ARENAS_PER_CLIENT = 1024;
    public static final int DEFAULT_MAX_BATCH = 1024;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 << 20;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 300_000;
    /** Loopback: a server is reachable from other machines only when asked for ({@code --bind 0.0.0.0}). */
    public static final String DEFAULT_BIND = "127.0.0.1";

    public ArenaServerConfig {
        check(port >= 0 && port <= 65_535, "port must be in 0..65535, got " + port);
        check(maxArenas >= 1, "max arenas must be at least 1, got " + maxArenas);
        check(maxArenasPerClient >= 1 && maxArenasPerClient <= maxArenas,
                "max arenas per client must be in 1..max arenas (" + maxArenas + "), got " + maxArenasPerClient);
        check(maxBatch >= 1, "max batch must be at least 1, got " + maxBatch);
        check(maxMessageBytes >= 1024, "max message bytes must be at least 1024, got " + maxMessageBytes);
        check(idleTimeoutMillis >= 0, "idle timeout must be >= 0 ms (0 = never), got " + idleTimeoutMillis);
        check(threads >= 0, "threads must be >= 0 (0 = number of cores), got " + threads);
        check(bindAddress != null && !bindAddress.isBlank(), "the bind address must be a host name or IP address, e.g. "
                + DEFAULT_BIND + " or 0.0.0.0");
    }

    /** Listening on {@value #DEFAULT_BIND}. */
    public ArenaServerConfig(int port, int maxArenas, int maxArenasPerClient, int maxBatch, int maxMessageBytes,
                             long idleTimeoutMillis, int threads) {
        this(port, maxArenas, maxArenasPerClient, maxBatch, maxMessageBytes, idleTimeoutMillis, threads, DEFAULT_BIND);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static ArenaServerConfig defaults() {
        return new ArenaServerConfig(DEFAULT_PORT, DEFAULT_MAX_ARENAS, DEFAULT_MAX_ARENAS_PER_CLIENT, DEFAULT_MAX_BATCH,
                DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_IDLE_TIMEOUT_MILLIS, 0, DEFAULT_BIND);
    }

    /** The socket address to listen on for {@code port}; refuses a name that does not resolve. */
    public java.net.InetSocketAddress socketAddress(int port) {
        java.net.InetSocketAddress a = new java.net.InetSocketAddress(bindAddress, port);
        check(!a.isUnresolved(), "bind address \"" + io.kumite.engine.Clip.value(bindAddress)
                + "\" does not resolve: give an IP address of this machine, " + DEFAULT_BIND + " (this machine only) or 0.0.0.0 (every interface)");
        return a;
    }

    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
