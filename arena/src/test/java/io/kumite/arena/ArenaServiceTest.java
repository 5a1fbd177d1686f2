package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kumite.engine.env.Info;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CloseArenasRequest;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.CreateArenasResponse;
import io.kumite.proto.v1.GetServerInfoRequest;
import io.kumite.proto.v1.ObservationTransfer;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.ServerInfo;
import io.kumite.proto.v1.StepRequest;
import io.kumite.proto.v1.StepResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The arena service over the in-process transport: the lifecycle, and bad requests with their codes. */
class ArenaServiceTest {
    static final Roster ROSTER = Roster.builtIn();
    ArenaServer server;
    ManagedChannel channel;
    ArenaGrpc.ArenaBlockingStub stub;
    volatile Throwable streamError;

    @BeforeEach
    void start() throws Exception {
        String name = "arena-" + System.nanoTime();
        ArenaServerConfig config = new ArenaServerConfig(0, 64, 48, 32, 1 << 20, 0, 2);
        server = new ArenaServer(InProcessServerBuilder.forName(name).directExecutor(), ROSTER, config).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stub = ArenaGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.stop(1);
    }

    CreateArenasResponse create(int count, Map<String, String> settings, long seed) {
        return stub.createArenas(CreateArenasRequest.newBuilder().setCount(count).setPreset("atari84")
                .putAllSettings(settings).setBaseSeed(seed).build());
    }

    @Test
    void serverInfoDescribesTheServer() {
        ServerInfo info = stub.getServerInfo(GetServerInfoRequest.getDefaultInstance());
        assertEquals(12, info.getCharactersCount());
        assertEquals("kenta", info.getCharacters(0).getName());
        assertTrue(info.getPresetsList().contains("fightladder"));
        assertEquals(32, info.getLimits().getMaxBatch());
        assertEquals("84", info.getDefaultSettingsMap().get("width"));
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.newBuilder().setService("kumite.v1.Arena").build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
    }

    @Test
    void lifecycleMatchesTheInProcessEnvironment() {
        Map<String, String> settings = Map.of("width", "32", "height", "32", "opponent_character", "random");
        CreateArenasResponse created = create(3, settings, 10);
        assertEquals(List.of(4, 32, 32), created.getObservation().getShapeList());
        assertEquals(22, created.getAction().getN());
        List<Long> ids = created.getArenaIdsList();
        StepResponse first = stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
        assertEquals(3 * 4 * 32 * 32, first.getObservations().size());
        // The same arenas in process: environment i seeded 10 + i.
        EnvConfig cfg = EnvConfig.preset("atari84").with(settings, ROSTER);
        try (LocalVecEnv local = new LocalVecEnv(ROSTER, cfg, 3, 1)) {
            local.reset(10);
            assertTrue(Arrays.equals(local.observations, first.getObservations().toByteArray()), "first observations");
            for (int t = 0; t < 200; t++) {
                int[] actions = {t % 22, (t * 3) % 22, (t * 5) % 22};
                StepRequest.Builder req = StepRequest.newBuilder().addAllArenaIds(ids);
                for (int a : actions) {
                    req.addActions(a);
                }
                StepResponse r = stub.step(req.build());
                local.step(actions);
                assertTrue(Arrays.equals(local.observations, r.getObservations().toByteArray()), "step " + t);
                for (int i = 0; i < 3; i++) {
                    assertEquals(local.rewards[i], r.getRewards(i));
                    assertEquals(local.terminated[i], r.getTerminated(i));
                }
                assertEquals(3 * Info.FIELDS, r.getInfosCount());
            }
        }
        assertEquals(3, stub.closeArenas(CloseArenasRequest.newBuilder().addAllArenaIds(ids).build()).getClosed());
        assertEquals(0, server.activeArenas());
    }

    @Test
    void frameDeltasRebuildTheFramesAndSwitchingModesSendsAKeyframe() {
        Map<String, String> settings = Map.of("width", "32", "height", "32");
        List<Long> ids = ids(create(2, settings, 10));
        int frame = 32 * 32;
        byte[][] client = new byte[2][frame];
        EnvConfig cfg = EnvConfig.preset("atari84").with(settings, ROSTER);
        try (LocalVecEnv local = new LocalVecEnv(ROSTER, cfg, 2, 1)) {
            local.reset(10);
            StepResponse r = stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).setObservationTransfer(ObservationTransfer.FRAME_DELTA).build());
            assertEquals(List.of(1 + frame, 1 + frame), r.getObservationSizesList(), "the first answer is keyframes");
            for (int i = 0; i < 2; i++) {
                io.kumite.engine.env.FrameDelta.decode(r.getObservations().toByteArray(), i * (1 + frame), 1 + frame, client[i], 0, frame);
            }
            long coded = 0;
            for (int t = 0; t < 120; t++) {
                ObservationTransfer mode = t == 60 ? ObservationTransfer.NEWEST_FRAME : ObservationTransfer.FRAME_DELTA;
                StepRequest.Builder req = StepRequest.newBuilder().addAllArenaIds(ids).setObservationTransfer(mode).addActions(t % 22).addActions(7);
                r = stub.step(req.build());
                local.step(new int[] {t % 22, 7});
                byte[] bytes = r.getObservations().toByteArray();
                int at = 0;
                for (int i = 0; i < 2; i++) {
                    if (mode == ObservationTransfer.NEWEST_FRAME) {
                        System.arraycopy(bytes, i * frame, client[i], 0, frame);
                        continue;
                    }
                    int size = r.getObservationSizes(i);
                    if (t == 61) {
                        assertEquals(1 + frame, size, "after an answer in another mode: a keyframe");
                    }
                    io.kumite.engine.env.FrameDelta.decode(bytes, at, size, client[i], 0, frame);
                    at += size;
                    coded += size;
                }
                assertEquals(mode == ObservationTransfer.FRAME_DELTA ? at : 2 * frame, bytes.length);
                for (int i = 0; i < 2; i++) {
                    byte[] newest = Arrays.copyOfRange(local.observations, (i + 1) * 4 * frame - frame, (i + 1) * 4 * frame);
                    assertTrue(Arrays.equals(newest, client[i]), "step " + t + " arena " + i);
                }
            }
            assertTrue(coded < 119 * 2 * frame / 2, "deltas are smaller: " + coded);
        }
    }

    /**
     * A client that gets only each step's newest frame (NEWEST_FRAME, or FRAME_DELTA decoded onto the
     * last one) and keeps the stacks as documented (shift by one frame; refill when episode_frames is
     * 0) holds exactly the full observations: across episode ends (autoreset), ladder stages and in
     * two_player arenas.
     */
    @ParameterizedTest
    @EnumSource(value = ObservationTransfer.class, names = {"NEWEST_FRAME", "FRAME_DELTA"})
    void clientStacksStayExactAcrossEpisodesAndLadderStages(ObservationTransfer mode) {
        List<Map<String, String>> configs = List.of(
                Map.of("width", "24", "height", "24", "max_frames", "48"),
                // A ladder episode runs through stages; max_frames cuts it so that episodes end here too.
                Map.of("width", "24", "height", "24", "episode", "ladder", "best_of", "1", "round_time", "10", "cpu_level", "1",
                        "max_frames", "900"),
                Map.of("width", "24", "height", "24", "mode", "two_player", "max_frames", "60"));
        int frame = 24 * 24;
        int ob = 4 * frame;
        int fields = Info.FIELDS;
        int episodeFrames = Info.index(0, Info.Field.EPISODE_FRAMES);
        for (Map<String, String> settings : configs) {
            EnvConfig cfg = EnvConfig.preset("atari84").with(settings, ROSTER);
            int agents = 2 * cfg.agents();
            List<Long> ids = ids(create(2, settings, 3));
            byte[][] newest = new byte[agents][frame];
            byte[][] stack = new byte[agents][ob];
            try (LocalVecEnv local = new LocalVecEnv(ROSTER, cfg, 2, 1)) {
                local.reset(3);
                StepResponse r = stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).setObservationTransfer(mode).build());
                int ends = 0;
                for (int t = 0; t <= 400; t++) {
                    if (t > 0) {
                        StepRequest.Builder req = StepRequest.newBuilder().addAllArenaIds(ids).setObservationTransfer(mode);
                        int[] actions = new int[agents];
                        for (int i = 0; i < agents; i++) {
                            actions[i] = (t * 7 + i * 5) % 22;
                            req.addActions(actions[i]);
                        }
                        r = stub.step(req.build());
                        local.step(actions);
                        for (int i = 0; i < agents; i++) {
                            ends += r.getTerminated(i) || r.getTruncated(i) ? 1 : 0;
                        }
                    }
                    byte[] bytes = r.getObservations().toByteArray();
                    int at = 0;
                    for (int i = 0; i < agents; i++) {
                        if (mode == ObservationTransfer.FRAME_DELTA) {
                            int size = r.getObservationSizes(i);
                            io.kumite.engine.env.FrameDelta.decode(bytes, at, size, newest[i], 0, frame);
                            at += size;
                        } else {
                            System.arraycopy(bytes, i * frame, newest[i], 0, frame);
                        }
                        int ef = r.getInfos(i * fields + episodeFrames);
                        if (ef == 0) {
                            for (int k = 0; k < 4; k++) {
                                System.arraycopy(newest[i], 0, stack[i], k * frame, frame);
                            }
                        } else {
                            System.arraycopy(stack[i], frame, stack[i], 0, ob - frame);
                            System.arraycopy(newest[i], 0, stack[i], ob - frame, frame);
                        }
                        byte[] full = Arrays.copyOfRange(local.observations, i * ob, (i + 1) * ob);
                        assertTrue(Arrays.equals(full, stack[i]), settings + ": step " + t + " agent " + i + " (episode_frames " + ef + ")");
                    }
                }
                assertTrue(ends >= 2, settings + ": episodes ended " + ends + " times");
            }
        }
    }

    @Test
    void twoPlayerArenasTakeTwoActionsEachAndStateVectors() {
        CreateArenasResponse c = create(2, Map.of("mode", "two_player", "width", "16", "height", "16", "state_vector", "true"), 1);
        assertEquals(2, c.getAgentsPerArena());
        stub.reset(ResetRequest.newBuilder().addAllArenaIds(c.getArenaIdsList()).build());
        StepResponse r = stub.step(StepRequest.newBuilder().addAllArenaIds(c.getArenaIdsList()).addAllActions(List.of(1, 2, 3, 4)).build());
        assertEquals(4, r.getRewardsCount());
        assertEquals(4 * c.getStateVectorLength(), r.getStatesCount());
    }

    @Test
    void metricsMoveWithTheTraffic() throws Exception {
        List<Long> ids = create(2, Map.of("width", "16", "height", "16", "max_frames", "8"), 1).getArenaIdsList();
        stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
        for (int t = 0; t < 5; t++) {
            stub.step(StepRequest.newBuilder().addAllArenaIds(ids).addAllActions(List.of(0, 0)).build());
        }
        assertThrows(StatusRuntimeException.class, () -> stub.step(step(List.of(31337L), 0)));
        int port = server.metrics().serve(0);
        String text;
        try (var in = new java.net.URL("http://127.0.0.1:" + port + "/metrics").openStream()) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(text.contains("kumite_env_steps_total 10.0"), "10 arena steps");
        assertTrue(text.contains("kumite_step_batch_duration_seconds_bucket"), "latency histogram");
        assertTrue(text.contains("kumite_arenas_active 2.0"));
        assertTrue(text.contains("kumite_errors_total{code=\"NOT_FOUND\"} 1.0"));
        assertTrue(text.contains("kumite_episodes_total{outcome=\"truncated\"} 4.0"), "two arenas truncated twice each");
        assertTrue(text.contains("jvm_memory_used_bytes"));
    }

    static List<Long> ids(CreateArenasResponse c) {
        return c.getArenaIdsList();
    }

    /** A bad request, the code it must get, and words its description must contain. */
    record Bad(String name, Consumer<ArenaServiceTest> call, Status.Code code, String words) {
        @Override
        public String toString() {
            return name;
        }
    }

    static StepRequest step(List<Long> ids, Integer... actions) {
        return StepRequest.newBuilder().addAllArenaIds(ids).addAllActions(Arrays.asList(actions)).build();
    }

    static Stream<Arguments> badRequests() {
        Map<String, String> small = Map.of("width", "16", "height", "16");
        List<Bad> bad = new ArrayList<>();
        Status.Code inv = Status.Code.INVALID_ARGUMENT;
        bad.add(new Bad("count 0", t -> t.create(0, small, 1), inv, "count must be in 1..32"));
        bad.add(new Bad("count -5", t -> t.create(-5, small, 1), inv, "count must be in 1..32"));
        bad.add(new Bad("count over max batch", t -> t.create(33, small, 1), inv, "max batch"));
        bad.add(new Bad("unknown preset", t -> t.stub.createArenas(CreateArenasRequest.newBuilder().setCount(1).setPreset("pong").build()), inv, "unknown preset"));
        for (String[] kv : new String[][] {{"width", "8"}, {"height", "9999"}, {"frame_skip", "0"}, {"frame_stack", "99"},
            {"cpu_level", "0"}, {"mode", "solo"}, {"actions", "analog"}, {"reward", "dense"}, {"episode", "ladder2"},
            {"sticky_actions", "2"}, {"observation_delay", "-1"}, {"best_of", "2"}, {"round_time", "1"},
            {"agent_character", "nobody"}, {"opponent_character", "99"}, {"grayscale", "perhaps"}, {"colour", "red"},
            {"stack_stride", "3"}, {"interleave", "true"}, {"max_frames", "-3"}}) {
            bad.add(new Bad("config " + kv[0] + "=" + kv[1], t -> t.create(1, Map.of(kv[0], kv[1]), 1), inv, "bad arena config"));
        }
        bad.add(new Bad("too many arenas for the server", t -> {
            t.create(32, small, 1);
            t.create(32, small, 1);
        }, Status.Code.RESOURCE_EXHAUSTED, "arenas"));
        bad.add(new Bad("step unknown arena", t -> t.stub.step(step(List.of(999L), 0)), Status.Code.NOT_FOUND, "arena 999 does not exist"));
        bad.add(new Bad("reset unknown arena", t -> t.stub.reset(ResetRequest.newBuilder().addArenaIds(12345).build()), Status.Code.NOT_FOUND, "does not exist"));
        bad.add(new Bad("close unknown arena", t -> t.stub.closeArenas(CloseArenasRequest.newBuilder().addArenaIds(7777).build()), Status.Code.NOT_FOUND, "does not exist"));
        bad.add(new Bad("step with no ids", t -> t.stub.step(StepRequest.getDefaultInstance()), inv, "no arena ids"));
        bad.add(new Bad("reset with no ids", t -> t.stub.reset(ResetRequest.getDefaultInstance()), inv, "no arena ids"));
        bad.add(new Bad("step before reset", t -> t.stub.step(step(ids(t.create(1, small, 1)), 0)), Status.Code.FAILED_PRECONDITION, "call Reset before Step"));
        bad.add(new Bad("too few actions", t -> {
            List<Long> ids = ids(t.create(2, small, 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.step(step(ids, 0));
        }, inv, "expected 2 actions"));
        bad.add(new Bad("unknown observation transfer", t -> {
            List<Long> ids = ids(t.create(1, small, 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).setObservationTransferValue(7).build());
        }, inv, "observation_transfer 7 is not known"));
        bad.add(new Bad("too many actions", t -> {
            List<Long> ids = ids(t.create(1, small, 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.step(step(ids, 0, 1, 2));
        }, inv, "expected 1 actions"));
        bad.add(new Bad("action 22", t -> {
            List<Long> ids = ids(t.create(1, small, 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.step(step(ids, 22));
        }, inv, "discrete action must be in 0..21, got 22"));
        bad.add(new Bad("action -1", t -> {
            List<Long> ids = ids(t.create(1, small, 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.step(step(ids, -1));
        }, inv, "got -1"));
        bad.add(new Bad("multi_binary 1024", t -> {
            List<Long> ids = ids(t.create(1, Map.of("width", "16", "height", "16", "actions", "multi_binary"), 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.step(step(ids, 1024));
        }, inv, "10-bit mask"));
        bad.add(new Bad("duplicate ids", t -> {
            List<Long> ids = ids(t.create(1, small, 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.step(step(List.of(ids.get(0), ids.get(0)), 0, 0));
        }, inv, "appears twice"));
        bad.add(new Bad("batch over max", t -> t.stub.step(step(Collections.nCopies(33, 1L), Collections.nCopies(33, 0).toArray(new Integer[0]))), inv, "max batch"));
        bad.add(new Bad("seeds count mismatch", t -> {
            List<Long> ids = ids(t.create(2, small, 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).addSeeds(5).build());
        }, inv, "one per arena"));
        bad.add(new Bad("step closed arena", t -> {
            List<Long> ids = ids(t.create(1, small, 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.closeArenas(CloseArenasRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.step(step(ids, 0));
        }, Status.Code.NOT_FOUND, "does not exist"));
        bad.add(new Bad("close twice", t -> {
            List<Long> ids = ids(t.create(1, small, 1));
            t.stub.closeArenas(CloseArenasRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.closeArenas(CloseArenasRequest.newBuilder().addAllArenaIds(ids).build());
        }, Status.Code.NOT_FOUND, "does not exist"));
        bad.add(new Bad("step after the episode with autoreset disabled", t -> {
            List<Long> ids = ids(t.create(1, Map.of("width", "16", "height", "16", "max_frames", "4", "autoreset", "disabled"), 1));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            t.stub.step(step(ids, 0));
            t.stub.step(step(ids, 0));
        }, Status.Code.FAILED_PRECONDITION, "autoreset is disabled"));
        bad.add(new Bad("one unknown id among good ones", t -> {
            List<Long> ids = new ArrayList<>(ids(t.create(2, small, 1)));
            t.stub.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            ids.add(4242L);
            t.stub.step(step(ids, 0, 0, 0));
        }, Status.Code.NOT_FOUND, "arena 4242"));
        bad.add(new Bad("list replays without a replay folder", t -> t.stub.listReplays(io.kumite.proto.v1.ListReplaysRequest.getDefaultInstance()),
                Status.Code.FAILED_PRECONDITION, "--replay-dir"));
        bad.add(new Bad("get replay without a replay folder", t -> t.stub.getReplay(io.kumite.proto.v1.GetReplayRequest.newBuilder().setName("x.kreplay").build()),
                Status.Code.FAILED_PRECONDITION, "--replay-dir"));
        bad.add(new Bad("stream to an unknown arena", t -> {
            io.grpc.stub.StreamObserver<StepRequest> s = ArenaGrpc.newStub(t.channel).stepStream(new io.grpc.stub.StreamObserver<>() {
                public void onNext(StepResponse r) { }
                public void onError(Throwable e) { t.streamError = e; }
                public void onCompleted() { }
            });
            s.onNext(step(List.of(555L), 0));
            throw (StatusRuntimeException) t.streamError;
        }, Status.Code.NOT_FOUND, "arena 555"));
        return bad.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestsGetTheRightCodeAndTheServerKeepsServing(Bad bad) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> bad.call().accept(this));
        assertEquals(bad.code(), e.getStatus().getCode(), bad.name() + ": " + e.getStatus());
        assertFalse(e.getStatus().getCode() == Status.Code.UNKNOWN);
        String description = String.valueOf(e.getStatus().getDescription());
        assertTrue(description.contains(bad.words()), bad.name() + ": " + description);
        // Still serving.
        assertEquals(12, stub.getServerInfo(GetServerInfoRequest.getDefaultInstance()).getCharactersCount());
    }
}
