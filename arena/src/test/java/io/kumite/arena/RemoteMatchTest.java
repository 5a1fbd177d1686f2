package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.MatchTicket;
import io.kumite.proto.v1.OpenMatchRequest;
import io.kumite.proto.v1.SeatAction;
import io.kumite.proto.v1.SeatResult;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two remote clients play one match, a seat each, in lock step; the result equals an in-process two_player run. */
class RemoteMatchTest {
    ArenaServer server;
    ManagedChannel alice;
    ManagedChannel bob;

    @BeforeEach
    void start() throws Exception {
        server = new ArenaServer(Roster.builtIn(), new ArenaServerConfig(0, 16, 16, 16, 1 << 20, 0, 1)).start();
        alice = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        bob = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        alice.shutdownNow();
        bob.shutdownNow();
        server.stop(2);
    }

    /** One seat's client: a stream and the answers it got. */
    static final class Seat {
        final LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        final StreamObserver<SeatAction> stream;

        Seat(ManagedChannel channel) {
            stream = ArenaGrpc.newStub(channel).playMatch(new StreamObserver<>() {
                @Override
                public void onNext(SeatResult r) {
                    answers.add(r);
                }

                @Override
                public void onError(Throwable t) {
                    answers.add(t);
                }

                @Override
                public void onCompleted() {
                    answers.add("completed");
                }
            });
        }

        SeatResult next() throws InterruptedException {
            Object o = answers.poll(20, TimeUnit.SECONDS);
            if (o instanceof SeatResult) {
                return (SeatResult) o;
            }
            throw new AssertionError("expected a result, got " + o);
        }
    }

    @Test
    void twoClientsPlayOneMatchInLockStep() throws Exception {
        Map<String, String> settings = Map.of("width", "32", "height", "32", "round_time", "10", "agent_character", "vex",
                "opponent_character", "brakk");
        MatchTicket ticket = ArenaGrpc.newBlockingStub(alice).openMatch(OpenMatchRequest.newBuilder().setPreset("atari84")
                .putAllSettings(settings).setSeed(77).build());
        assertEquals(32, ticket.getTicket().length());
        Seat a = new Seat(alice);
        Seat b = new Seat(bob);
        a.stream.onNext(SeatAction.newBuilder().setTicket(ticket.getTicket()).setSeat(0).build());
        b.stream.onNext(SeatAction.newBuilder().setTicket(ticket.getTicket()).setSeat(1).build());
        EnvConfig cfg = EnvConfig.preset("atari84").with(settings, Roster.builtIn()).with("mode", "two_player");
        try (LocalVecEnv local = new LocalVecEnv(Roster.builtIn(), cfg, 1, 1)) {
            local.reset(77);
            SeatResult first0 = a.next();
            SeatResult first1 = b.next();
            int ob = local.observationBytes();
            assertArrayEquals(java.util.Arrays.copyOfRange(local.observations(), 0, ob), first0.getObservation().toByteArray());
            assertArrayEquals(java.util.Arrays.copyOfRange(local.observations(), ob, 2 * ob), first1.getObservation().toByteArray());
            for (int t = 0; t < 300; t++) {
                int x = (t * 5) % 22;
                int y = (t * 11 + 3) % 22;
                a.stream.onNext(SeatAction.newBuilder().setAction(x).build());
                b.stream.onNext(SeatAction.newBuilder().setAction(y).build());
                local.step(new int[] {x, y});
                SeatResult r0 = a.next();
                SeatResult r1 = b.next();
                assertEquals(t + 1, r0.getStep());
                assertArrayEquals(java.util.Arrays.copyOfRange(local.observations(), 0, ob), r0.getObservation().toByteArray(), "step " + t);
                assertEquals(local.rewards()[0], r0.getReward());
                assertEquals(local.rewards()[1], r1.getReward());
                assertEquals(local.terminated()[1], r1.getTerminated());
            }
        }
        // Bob leaves: Alice is told, and the arena is gone.
        b.stream.onError(new RuntimeException("bob's process died"));
        Object told = a.answers.poll(20, TimeUnit.SECONDS);
        assertTrue(told instanceof StatusRuntimeException, "alice hears: " + told);
        assertEquals(Status.Code.UNAVAILABLE, ((StatusRuntimeException) told).getStatus().getCode());
        for (int i = 0; i < 100 && server.activeArenas() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, server.activeArenas());
    }

    @Test
    void wrongTicketsSeatsAndOrderAreRefused() throws Exception {
        MatchTicket ticket = ArenaGrpc.newBlockingStub(alice).openMatch(OpenMatchRequest.newBuilder().setPreset("atari84")
                .putSettings("width", "16").putSettings("height", "16").build());
        Seat stranger = new Seat(bob);
        stranger.stream.onNext(SeatAction.newBuilder().setTicket("0123").setSeat(1).build());
        Object r = stranger.answers.poll(20, TimeUnit.SECONDS);
        assertEquals(Status.Code.NOT_FOUND, ((StatusRuntimeException) r).getStatus().getCode());
        // Both seats join (the first observation proves it), then a third client asks for seat 0.
        Seat a = new Seat(alice);
        Seat b = new Seat(bob);
        a.stream.onNext(SeatAction.newBuilder().setTicket(ticket.getTicket()).setSeat(0).build());
        b.stream.onNext(SeatAction.newBuilder().setTicket(ticket.getTicket()).setSeat(1).build());
        a.next();
        b.next();
        Seat twice = new Seat(bob);
        twice.stream.onNext(SeatAction.newBuilder().setTicket(ticket.getTicket()).setSeat(0).build());
        StatusRuntimeException taken = (StatusRuntimeException) twice.answers.poll(20, TimeUnit.SECONDS);
        assertEquals(Status.Code.ALREADY_EXISTS, taken.getStatus().getCode());
        // The match goes on for the two seated clients.
        a.stream.onNext(SeatAction.newBuilder().setAction(1).build());
        b.stream.onNext(SeatAction.newBuilder().setAction(2).build());
        assertEquals(1, a.next().getStep());
        // A second action before the answer breaks lock step.
        a.stream.onNext(SeatAction.newBuilder().setAction(1).build());
        a.stream.onNext(SeatAction.newBuilder().setAction(1).build());
        Object refused = a.answers.poll(20, TimeUnit.SECONDS);
        assertEquals(Status.Code.FAILED_PRECONDITION, ((StatusRuntimeException) refused).getStatus().getCode());
    }
}
