package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.MatchTicket;
import io.kumite.proto.v1.OpenMatchRequest;
import io.kumite.proto.v1.SeatAction;
import io.kumite.proto.v1.SeatResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `kumite serve` in a child JVM: it says which address it is bound to (loopback by default), and a
 * SIGTERM while a client holds a health Watch and a match seat waits for its opponent ends both at
 * once with UNAVAILABLE and the draining reason; the process exits 0 without waiting its --grace.
 */
class ServeDrainTest {
    @Test
    void sigtermEndsWatchesAndWaitingSeatsAndExitsZeroAtOnce() throws Exception {
        Process server = FaultsTest.java("io.kumite.cli.Main", "serve", "--port", "0", "--metrics-port", "0", "--grace", "20");
        StringBuilder log = new StringBuilder();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        ManagedChannel channel = null;
        try {
            FaultsTest.await(out, Pattern.compile("metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics"), log);
            Matcher m = FaultsTest.await(out, Pattern.compile("listening on port (\\d+) \\(bound to 127\\.0\\.0\\.1:(\\d+): this machine only"), log);
            assertEquals(m.group(1), m.group(2));
            int port = Integer.parseInt(m.group(1));
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            LinkedBlockingQueue<Object> watch = new LinkedBlockingQueue<>();
            HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), collect(watch));
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, ((HealthCheckResponse) watch.poll(30, TimeUnit.SECONDS)).getStatus());
            MatchTicket ticket = ArenaGrpc.newBlockingStub(channel).openMatch(OpenMatchRequest.getDefaultInstance());
            LinkedBlockingQueue<Object> seat = new LinkedBlockingQueue<>();
            StreamObserver<SeatAction> seat0 = ArenaGrpc.newStub(channel).playMatch(collect(seat));
            seat0.onNext(SeatAction.newBuilder().setTicket(ticket.getTicket()).setSeat(0).build());
            Thread.sleep(300); // the join reaches the server

            long term = System.nanoTime();
            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(15, TimeUnit.SECONDS), "the server exits without waiting its 20 s grace:\n" + log);
            double seconds = (System.nanoTime() - term) / 1e9;
            System.out.printf("SIGTERM with a health Watch and a waiting seat open: exit %d after %.2f s (grace 20 s)%n",
                    server.exitValue(), seconds);
            assertEquals(0, server.exitValue(), log.toString());
            assertTrue(seconds < 2, "SIGTERM to exit took " + seconds + " s (the bound of issue 23: 2 s)");
            assertEndedDraining(watch, "the health Watch");
            assertEndedDraining(seat, "the waiting seat");
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
            server.destroyForcibly();
        }
    }

    static <T> StreamObserver<T> collect(LinkedBlockingQueue<Object> q) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T v) {
                q.add(v);
            }

            @Override
            public void onError(Throwable t) {
                q.add(t);
            }

            @Override
            public void onCompleted() {
                q.add("completed");
            }
        };
    }

    static void assertEndedDraining(LinkedBlockingQueue<Object> q, String what) throws InterruptedException {
        Object o;
        do {
            o = q.poll(10, TimeUnit.SECONDS);
        } while (o instanceof HealthCheckResponse || o instanceof SeatResult);
        assertTrue(o instanceof StatusRuntimeException, what + " ended with " + o);
        StatusRuntimeException e = (StatusRuntimeException) o;
        assertEquals(io.grpc.Status.Code.UNAVAILABLE, e.getStatus().getCode(), what + ": " + e.getStatus());
        assertTrue(String.valueOf(e.getStatus().getDescription()).contains("draining"), what + ": " + e.getStatus());
    }
}
