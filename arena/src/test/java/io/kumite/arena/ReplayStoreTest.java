package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayVerifier;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.GetReplayRequest;
import io.kumite.proto.v1.ListReplaysRequest;
import io.kumite.proto.v1.ListReplaysResponse;
import io.kumite.proto.v1.ReplayEntry;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.StepRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a replay folder, every finished episode is written, listed and served back, and verifies. */
class ReplayStoreTest {
    @Test
    void finishedEpisodesAreWrittenListedServedAndVerify(@TempDir Path dir) throws Exception {
        String name = "replays-" + System.nanoTime();
        ArenaServer server = new ArenaServer(InProcessServerBuilder.forName(name).directExecutor(), Roster.builtIn(),
                new ArenaServerConfig(0, 16, 16, 16, 1 << 20, 0, 1), ArenaSecurity.none(), dir.resolve("replays")).start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            ArenaGrpc.ArenaBlockingStub stub = ArenaGrpc.newBlockingStub(channel);
            List<Long> ids = stub.createArenas(CreateArenasRequest.newBuilder().setCount(2).setPreset("atari84")
                    .putSettings("width", "16").putSettings("height", "16").putSettings("round_time", "10").build()).getArenaIdsList();
            stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            int ended = 0;
            for (int t = 0; t < 2_000 && ended < 4; t++) {
                var r = stub.step(StepRequest.newBuilder().addAllArenaIds(ids).addAllActions(List.of(t % 22, 3)).build());
                for (int a = 0; a < 2; a++) {
                    if (r.getTerminated(a) || r.getTruncated(a)) {
                        ended++;
                    }
                }
            }
            assertTrue(ended >= 4, "episodes ended: " + ended);
            ListReplaysResponse list = null;
            for (int i = 0; i < 100; i++) { // the writer thread works in the background
                list = stub.listReplays(ListReplaysRequest.getDefaultInstance());
                if (list.getReplaysCount() >= ended) {
                    break;
                }
                Thread.sleep(20);
            }
            assertEquals(ended, list.getReplaysCount());
            for (ReplayEntry e : list.getReplaysList()) {
                byte[] data = stub.getReplay(GetReplayRequest.newBuilder().setName(e.getName()).build()).getData().toByteArray();
                assertEquals(e.getBytes(), data.length);
                ReplayVerifier.Outcome o = ReplayVerifier.verify(Replay.fromBytes(data), Roster.builtIn());
                assertTrue(o.ok(), e.getName() + ": " + o.message());
            }
            StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                    () -> stub.getReplay(GetReplayRequest.newBuilder().setName("999999-nobody.kreplay").build()));
            assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
            StatusRuntimeException traversal = assertThrows(StatusRuntimeException.class,
                    () -> stub.getReplay(GetReplayRequest.newBuilder().setName("../../etc/passwd").build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, traversal.getStatus().getCode());
        } finally {
            channel.shutdownNow();
            server.stop(1);
        }
    }
}
