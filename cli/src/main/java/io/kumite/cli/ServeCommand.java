package io.kumite.cli;

import io.kumite.arena.ArenaServer;
import io.kumite.arena.ArenaSecurity;
import io.kumite.arena.ArenaServerConfig;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the gRPC arena server (kumite.v1.Arena, plus gRPC health and reflection) until stopped.",
            "SIGTERM or Ctrl-C drains it: health goes NOT_SERVING and calls in flight finish (up to --grace seconds)."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    RosterOption roster = new RosterOption();

    @Option(names = "--port", defaultValue = "" + ArenaServerConfig.DEFAULT_PORT, description = "gRPC port, 0 = any (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ArenaServerConfig.DEFAULT_BIND,
            description = {"The interface the gRPC and metrics ports listen on (default ${DEFAULT-VALUE}: this machine only).",
                "0.0.0.0 listens on every interface (containers, other machines): then use --auth-token-file and TLS."})
    String bind;

    @Option(names = "--max-arenas", defaultValue = "" + ArenaServerConfig.DEFAULT_MAX_ARENAS, description = "Arenas on the server (default ${DEFAULT-VALUE}).")
    int maxArenas;

    @Option(names = "--max-arenas-per-client", defaultValue = "" + ArenaServerConfig.DEFAULT_MAX_ARENAS_PER_CLIENT,
            description = "Arenas one client may hold (default ${DEFAULT-VALUE}).")
    int maxPerClient;

    @Option(names = "--max-batch", defaultValue = "" + ArenaServerConfig.DEFAULT_MAX_BATCH, description = "Arenas in one call (default ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-message-bytes", defaultValue = "" + ArenaServerConfig.DEFAULT_MAX_MESSAGE_BYTES,
            description = "Largest request accepted (default ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--idle-timeout", defaultValue = "300", description = "Seconds before an untouched arena is closed; 0 = never (default ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Option(names = "--threads", defaultValue = "0", description = "Threads stepping a batch; 0 = the number of cores (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = {"Require bearer tokens: one per line, name:token or token. The environment variable",
                "KUMITE_AUTH_TOKEN adds one more token (principal \"env\"). Without either, each connection is its own client."})
    Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve over TLS (needs --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) for --tls-cert.")
    Path tlsKey;

    @Option(names = "--metrics-port", defaultValue = "-1",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics; -1 = off (default), 0 = any free port.")
    int metricsPort;

    @Option(names = "--replay-dir", paramLabel = "DIR", description = "Write every finished episode here as a .kreplay (ListReplays/GetReplay serve them).")
    Path replayDir;

    @Option(names = "--grace", defaultValue = "20", description = "Seconds calls in flight get to finish on shutdown (default ${DEFAULT-VALUE}).")
    long grace;

    @Override
    public Integer call() throws Exception {
        ArenaServerConfig config = new ArenaServerConfig(port, maxArenas, maxPerClient, maxBatch, maxMessageBytes,
                idleSeconds * 1000, threads, bind);
        java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();
        if (tokenFile != null) {
            try {
                tokens.putAll(ArenaSecurity.readTokens(tokenFile));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException("--auth-token-file " + tokenFile + ": no such file");
            }
        }
        String envToken = System.getenv("KUMITE_AUTH_TOKEN");
        if (envToken != null && !envToken.isBlank()) {
            tokens.put(envToken.trim(), "env");
        }
        ArenaSecurity security = new ArenaSecurity(tokens, tlsCert, tlsKey);
        ArenaServer server;
        try {
            server = new ArenaServer(roster.load(), config, security, replayDir);
            server.start();
        } catch (java.io.IOException e) {
            throw new Main.UserError("cannot listen on " + bind + " port " + port + ": " + e.getMessage()
                    + " (is another server running? try --port 0 or another port; --bind must be an address of this machine)",
                    Main.EXIT_FAILURE);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (metricsPort >= 0) {
            java.net.InetSocketAddress bound;
            try {
                bound = server.metrics().serve(config.socketAddress(metricsPort));
            } catch (java.io.IOException e) {
                server.stop(0);
                throw new Main.UserError("cannot serve metrics on " + bind + " port " + metricsPort + ": " + e.getMessage()
                        + " (try --metrics-port 0 or another port)", Main.EXIT_FAILURE);
            }
            out.println("metrics: http://" + ArenaServer.describe(bound) + "/metrics");
        }
        String bound = server.boundAddresses();
        String reach = bound.startsWith("0.0.0.0:") ? "every interface" : "this machine only; --bind 0.0.0.0 for every interface";
        out.println("kumite arena server listening on port " + server.port() + " (bound to " + bound + ": " + reach + ")"
                + (security.tls() ? " (TLS)" : " (plaintext)")
                + (security.authenticates() ? ", " + tokens.size() + " token(s)" : ", no authentication") + "; " + config);
        out.flush();
        // SIGTERM and SIGINT drain the server; main then returns normally, so the exit status is 0.
        Thread drain = new Thread(() -> {
            try {
                out.println("draining: health NOT_SERVING, letting calls in flight finish (up to " + grace + " s)");
                out.flush();
                server.stop(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kumite-drain");
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                if (drain.getState() == Thread.State.NEW) {
                    drain.start();
                }
            });
        }
        server.blockUntilShutdown();
        drain.join();
        out.println("stopped");
        return 0;
    }
}
