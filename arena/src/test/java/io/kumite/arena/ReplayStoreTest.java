package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.replay.ReplayRecorder;
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

    static Replay shortMatch(long seed) {
        Roster roster = Roster.builtIn();
        Policy a = Policies.parse("bot:kenta:1", roster);
        Policy b = Policies.parse("bot:mira:1", roster);
        MatchConfig config = new MatchConfig(a.character(), b.character(), 1, 10);
        ReplayRecorder rec = new ReplayRecorder(roster, config, seed, a.spec(), b.spec());
        new MatchRunner(roster).play(a, b, 1, 10, seed, (st, i0, i1, ev) -> rec.frame(st, i0, i1));
        return rec.finish();
    }

    /** A link placed in the folder (to a file or a folder, inside or outside it) and a non-replay are neither listed nor served. */
    @Test
    void linksAndFilesThatAreNotReplaysAreNeitherListedNorServed(@TempDir Path dir) throws Exception {
        Path replays = Files.createDirectories(dir.resolve("replays"));
        Path secret = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path outside = dir.resolve("outside.kreplay");
        shortMatch(1).write(outside); // a real replay, but outside the folder
        shortMatch(2).write(replays.resolve("000001-kenta-vs-mira-2.kreplay"));
        Files.createSymbolicLink(replays.resolve("000002-passwd.kreplay"), secret);
        Files.createSymbolicLink(replays.resolve("000003-outside.kreplay"), outside);
        Files.createSymbolicLink(replays.resolve("000004-inside.kreplay"), replays.resolve("000001-kenta-vs-mira-2.kreplay"));
        Files.createSymbolicLink(replays.resolve("000005-folder.kreplay"), dir);
        Files.createDirectory(replays.resolve("000006-a-folder.kreplay"));
        Files.writeString(replays.resolve("000007-not-a-replay.kreplay"), "hello");
        String name = "links-" + System.nanoTime();
        ArenaServer server = new ArenaServer(InProcessServerBuilder.forName(name).directExecutor(), Roster.builtIn(),
                new ArenaServerConfig(0, 16, 16, 16, 1 << 20, 0, 1), ArenaSecurity.none(), replays).start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            ArenaGrpc.ArenaBlockingStub stub = ArenaGrpc.newBlockingStub(channel);
            List<String> listed = stub.listReplays(ListReplaysRequest.getDefaultInstance()).getReplaysList().stream()
                    .map(ReplayEntry::getName).toList();
            assertEquals(List.of("000001-kenta-vs-mira-2.kreplay"), listed);
            assertTrue(stub.getReplay(GetReplayRequest.newBuilder().setName(listed.get(0)).build()).getData().size() > 0);
            for (String n : List.of("000002-passwd.kreplay", "000003-outside.kreplay", "000004-inside.kreplay",
                    "000005-folder.kreplay", "000006-a-folder.kreplay", "000007-not-a-replay.kreplay")) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> stub.getReplay(GetReplayRequest.newBuilder().setName(n).build()));
                assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), n + ": " + e.getStatus());
            }
        } finally {
            channel.shutdownNow();
            server.stop(1);
        }
    }

    /** A writer killed mid-write (kill -9) leaves .NAME.PID.TID.tmp behind: the next start removes it. */
    @Test
    void staleTemporaryFilesAreRemovedAtStart(@TempDir Path dir) throws Exception {
        Path replays = Files.createDirectories(dir.resolve("replays"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        long livePid = ProcessHandle.current().pid();
        Path dead = Files.write(replays.resolve(".000009-kenta-vs-mira-1.kreplay." + deadPid + ".41.tmp"), new byte[100]);
        Path old = Files.write(replays.resolve(".000010-kenta-vs-mira-1.kreplay." + livePid + ".42.tmp"), new byte[100]);
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 2 * ReplayStore.STALE_TEMP_MILLIS));
        Path writing = Files.write(replays.resolve(".000011-kenta-vs-mira-1.kreplay." + livePid + ".43.tmp"), new byte[100]);
        Path other = Files.write(replays.resolve(".notes.tmp"), new byte[1]);
        try (ReplayStore store = new ReplayStore(replays)) {
            assertFalse(Files.exists(dead), "its writer process is gone");
            assertFalse(Files.exists(old), "older than a minute: its pid was reused");
            assertTrue(Files.exists(writing), "a live writer's fresh file is kept");
            assertTrue(Files.exists(other), "files of other names are not touched");
            assertEquals(List.of(), store.list(10));
        }
    }
}
