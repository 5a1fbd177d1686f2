package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.StepRequest;
import io.kumite.proto.v1.StepResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** StepStream over Netty on loopback: same results as Step, flow control, and cleanup when the client goes. */
class StepStreamTest {
    ArenaServer server;
    ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = new ArenaServer(Roster.builtIn(), new ArenaServerConfig(0, 64, 64, 32, 1 << 20, 0, 2)).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.stop(2);
    }

    List<Long> arenas(int n, long seed) {
        return arenas(n, seed, 16);
    }

    List<Long> arenas(int n, long seed, int size) {
        ArenaGrpc.ArenaBlockingStub stub = ArenaGrpc.newBlockingStub(channel);
        List<Long> ids = stub.createArenas(CreateArenasRequest.newBuilder().setCount(n).setPreset("atari84")
                .putSettings("width", "" + size).putSettings("height", "" + size).setBaseSeed(seed).build()).getArenaIdsList();
        stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
        return ids;
    }

    @Test
    void streamGivesTheSameResultsAsUnaryCalls() throws Exception {
        List<Long> streamed = arenas(2, 5);
        List<Long> unary = arenas(2, 5);
        ArenaGrpc.ArenaBlockingStub blocking = ArenaGrpc.newBlockingStub(channel);
        LinkedBlockingQueue<StepResponse> got = new LinkedBlockingQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<StepRequest> requests = ArenaGrpc.newStub(channel).stepStream(new StreamObserver<>() {
            @Override
            public void onNext(StepResponse r) {
                got.add(r);
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onCompleted() {
                done.countDown();
            }
        });
        for (int t = 0; t < 100; t++) {
            List<Integer> actions = List.of(t % 22, (t * 7) % 22);
            requests.onNext(StepRequest.newBuilder().addAllArenaIds(streamed).addAllActions(actions).build());
            StepResponse viaStream = got.poll(10, TimeUnit.SECONDS);
            StepResponse viaUnary = blocking.step(StepRequest.newBuilder().addAllArenaIds(unary).addAllActions(actions).build());
            assertEquals(viaUnary.getObservations(), viaStream.getObservations(), "step " + t);
            assertEquals(viaUnary.getRewardsList(), viaStream.getRewardsList());
        }
        requests.onCompleted();
        assertTrue(done.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aSlowReaderHoldsTheServerBackAndAVanishedClientLeavesNoArenas() throws Exception {
        List<Long> ids = arenas(4, 1, 84); // 113 KB of observations per answer
        AtomicReference<ClientCallStreamObserver<StepRequest>> call = new AtomicReference<>();
        LinkedBlockingQueue<StepResponse> got = new LinkedBlockingQueue<>();
        ArenaGrpc.newStub(channel).stepStream(new ClientResponseObserver<StepRequest, StepResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<StepRequest> requestStream) {
                requestStream.disableAutoRequestWithInitial(0); // read nothing until asked
                call.set(requestStream);
            }

            @Override
            public void onNext(StepResponse r) {
                got.add(r);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        });
        // 300 requests of 4 arenas; the client reads none. Only what fits the HTTP/2 window (1 MB) may be sent.
        for (int t = 0; t < 300; t++) {
            call.get().onNext(StepRequest.newBuilder().addAllArenaIds(ids).addAllActions(List.of(1, 2, 3, 4)).build());
        }
        Thread.sleep(1500);
        String before = server.metrics().scrape();
        double stepsBefore = steps(before);
        System.out.println("arena steps served while the client read nothing: " + stepsBefore + " of 1200 requested");
        assertTrue(stepsBefore <= 20 * 4, "the server stops stepping while nobody reads the answers: " + stepsBefore);
        call.get().request(300);
        for (int t = 0; t < 300; t++) {
            StepResponse r = got.poll(20, TimeUnit.SECONDS);
            assertTrue(r != null, "answer " + t);
        }
        assertEquals(1200.0, steps(server.metrics().scrape()));
        // The client goes away without closing its arenas: they are closed for it.
        call.get().cancel("client crashed", null);
        for (int i = 0; i < 100 && server.activeArenas() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, server.activeArenas());
    }

    static double steps(String scrape) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("kumite_env_steps_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        return 0;
    }
}
