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
 */
public record ArenaServerConfig(int port, int maxArenas, int maxArenasPerClient, int maxBatch, int maxMessageBytes,
                                long idleTimeoutMillis, int threads) {
    public static final int DEFAULT_PORT = 50051;
    public static final int DEFAULT_MAX_ARENAS = 4096;
    public static final int DEFAULT_MAX_ARENAS_PER_CLIENT = 1024;
    public static final int DEFAULT_MAX_BATCH = 1024;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 << 20;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 300_000;

    public ArenaServerConfig {
        check(port >= 0 && port <= 65_535, "port must be in 0..65535, got " + port);
        check(maxArenas >= 1, "max arenas must be at least 1, got " + maxArenas);
        check(maxArenasPerClient >= 1 && maxArenasPerClient <= maxArenas,
                "max arenas per client must be in 1..max arenas (" + maxArenas + "), got " + maxArenasPerClient);
        check(maxBatch >= 1, "max batch must be at least 1, got " + maxBatch);
        check(maxMessageBytes >= 1024, "max message bytes must be at least 1024, got " + maxMessageBytes);
        check(idleTimeoutMillis >= 0, "idle timeout must be >= 0 ms (0 = never), got " + idleTimeoutMillis);
        check(threads >= 0, "threads must be >= 0 (0 = number of cores), got " + threads);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static ArenaServerConfig defaults() {
        return new ArenaServerConfig(DEFAULT_PORT, DEFAULT_MAX_ARENAS, DEFAULT_MAX_ARENAS_PER_CLIENT, DEFAULT_MAX_BATCH,
                DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_IDLE_TIMEOUT_MILLIS, 0);
    }

    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
