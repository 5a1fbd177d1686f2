package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.GetServerInfoRequest;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.StepRequest;
import io.kumite.proto.v1.StepResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same service over Netty on loopback: a real socket, real message limits. */
class NettyLoopbackTest {
    @Test
    void stepsOverASocketAndRefusesOversizeMessages() throws Exception {
        ArenaServer server = new ArenaServer(Roster.builtIn(), new ArenaServerConfig(0, 64, 64, 32, 64 * 1024, 0, 2)).start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            ArenaGrpc.ArenaBlockingStub stub = ArenaGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
            assertEquals(12, stub.getServerInfo(GetServerInfoRequest.getDefaultInstance()).getCharactersCount());
            List<Long> ids = stub.createArenas(CreateArenasRequest.newBuilder().setCount(4).setPreset("atari84")
                    .putSettings("width", "32").putSettings("height", "32").setBaseSeed(3).build()).getArenaIdsList();
            stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            StepResponse r = stub.step(StepRequest.newBuilder().addAllArenaIds(ids).addAllActions(List.of(1, 2, 3, 4)).build());
            assertEquals(4 * 4 * 32 * 32, r.getObservations().size());
            StepRequest.Builder huge = StepRequest.newBuilder().addAllArenaIds(ids);
            for (int i = 0; i < 100_000; i++) {
                huge.addActions(i % 22);
            }
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.step(huge.build()));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
            // Still serving after the refusal.
            assertEquals(12, stub.getServerInfo(GetServerInfoRequest.getDefaultInstance()).getCharactersCount());
        } finally {
            channel.shutdownNow();
            server.stop(2);
        }
    }
}
