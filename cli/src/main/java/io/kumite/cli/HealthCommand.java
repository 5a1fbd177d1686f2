package io.kumite.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.kumite.engine.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One gRPC health check (grpc.health.v1), for container health checks and scripts: a Docker
 * HEALTHCHECK or compose healthcheck has no gRPC probe of its own, and a draining server must read
 * as unhealthy, which a TCP check cannot see.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Ask an arena server's gRPC health service whether it serves; exit 0 when SERVING, else 1.",
            "For container health checks and scripts: kumite health --server arena-0.arena:50051"})
final class HealthCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", defaultValue = "localhost:50051", description = "The server as host:port (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--service", defaultValue = "kumite.v1.Arena",
            description = "The service to ask about; \"\" = the whole server (default ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--timeout", defaultValue = "3", description = "Seconds to wait for the answer (default ${DEFAULT-VALUE}).")
    double timeout;

    @Override
    public Integer call() {
        int colon = server.lastIndexOf(':');
        if (colon < 1 || !server.substring(colon + 1).matches("\\d{1,5}") || Integer.parseInt(server.substring(colon + 1)) > 65535) {
            throw new IllegalArgumentException("--server must be host:port, got \"" + server + "\"");
        }
        if (!(timeout > 0 && timeout <= 600)) {
            throw new IllegalArgumentException("--timeout must be in (0, 600] seconds, got " + timeout);
        }
        long t0 = System.nanoTime();
        String status;
        ManagedChannel channel = NettyChannelBuilder.forAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)))
                .usePlaintext().build();
        try {
            HealthCheckResponse r = HealthGrpc.newBlockingStub(channel).withDeadlineAfter((long) (timeout * 1000), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(service).build());
            status = r.getStatus().name();
        } catch (StatusRuntimeException e) {
            status = e.getStatus().getCode().name();
        } finally {
            channel.shutdownNow();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s %s: %s (%.0f ms)%n", server, service.isEmpty() ? "(server)" : service, status, ms);
        out.println(Json.write(Json.object("server", server, "service", service, "status", status, "ms", Math.round(ms))));
        return status.equals("SERVING") ? 0 : Main.EXIT_FAILURE;
    }
}
