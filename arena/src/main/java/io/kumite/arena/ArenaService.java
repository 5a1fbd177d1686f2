package io.kumite.arena;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ServerCalls;
import io.kumite.engine.Clip;
import io.kumite.engine.env.Info;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CloseArenasRequest;
import io.kumite.proto.v1.CloseArenasResponse;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.CreateArenasResponse;
import io.kumite.proto.v1.GetReplayRequest;
import io.kumite.proto.v1.GetServerInfoRequest;
import io.kumite.proto.v1.ListReplaysRequest;
import io.kumite.proto.v1.ListReplaysResponse;
import io.kumite.proto.v1.MatchTicket;
import io.kumite.proto.v1.OpenMatchRequest;
import io.kumite.proto.v1.SeatAction;
import io.kumite.proto.v1.SeatResult;
import io.kumite.proto.v1.ObservationTransfer;
import io.kumite.proto.v1.ReplayEntry;
import io.kumite.proto.v1.ReplayFile;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.ServerInfo;
import io.kumite.proto.v1.StepRequest;
import io.kumite.proto.v1.StepResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code kumite.v1.Arena} service: validates, delegates to the {@link ArenaPool}, and maps every
 * refusal to a status code with a description (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION,
 * RESOURCE_EXHAUSTED). An unexpected exception is logged and answered INTERNAL, never UNKNOWN.
 * Thread-safe.
 */
final class ArenaService extends ArenaGrpc.ArenaImplBase {
    private static final Logger LOG = Logger.getLogger(ArenaService.class.getName());
    /**
     * The longest status description sent (characters): echoed values are clipped where the message is
     * made ({@link Clip}); this bound keeps any message well under the 8 KB of trailers clients accept.
     */
    static final int MAX_DESCRIPTION = 900;

    private final ArenaPool pool;
    private final Supplier<String> principal;
    private final ArenaMetrics metrics;
    private final ReplayStore replays;
    private final MatchRooms rooms;
    /** Open StepStreams: a drain ends each after the batch it is serving. */
    private final Set<Runnable> openStreams = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /** {@code principal} names the caller of the current call (from the auth interceptor's context). */
    ArenaService(ArenaPool pool, Supplier<String> principal, ArenaMetrics metrics, ReplayStore replays) {
        this.pool = pool;
        this.principal = principal;
        this.metrics = metrics;
        this.replays = replays;
        this.rooms = new MatchRooms(pool);
    }

    @Override
    public void openMatch(OpenMatchRequest request, StreamObserver<MatchTicket> out) {
        respond(out, () -> {
            List<Long> ids = new ArrayList<>();
            Arena.Group[] group = new Arena.Group[1];
            MatchRooms.Room room = rooms.open(principal.get(), request.getPreset(), request.getSettingsMap(), request.getSeed(), ids, group);
            CreateArenasResponse c = ProtoCodec.created(ids, group[0]);
            return MatchTicket.newBuilder().setTicket(room.ticket).setArenaId(room.arena)
                    .setObservation(c.getObservation()).setAction(c.getAction()).addAllInfoFields(c.getInfoFieldsList()).build();
        });
    }

    @Override
    public StreamObserver<SeatAction> playMatch(StreamObserver<SeatResult> out) {
        return new StreamObserver<>() {
            MatchRooms.Room room;
            int seat = -1;
            /** This seat's stream was ended (refused, or the match ended): later messages are ignored. */
            boolean ended;

            @Override
            public void onNext(SeatAction a) {
                if (ended) {
                    return;
                }
                try {
                    if (room == null) {
                        MatchRooms.Room r = rooms.find(a.getTicket());
                        r.join(a.getSeat(), out);
                        room = r;
                        seat = a.getSeat();
                    } else {
                        room.act(seat, a.getAction());
                    }
                } catch (RuntimeException e) {
                    ended = true;
                    io.grpc.StatusRuntimeException status = statusOf(e);
                    out.onError(status);
                    if (room != null) {
                        room.refused(seat, status.getStatus().getDescription());
                    }
                    room = null;
                }
            }

            @Override
            public void onError(Throwable t) {
                ended = true;
                if (room != null) {
                    room.leave(seat, "its connection ended");
                }
            }

            @Override
            public void onCompleted() {
                if (ended) {
                    return;
                }
                ended = true;
                if (room != null) {
                    room.finish(seat);
                } else {
                    out.onCompleted();
                }
            }
        };
    }

    @Override
    public void listReplays(ListReplaysRequest request, StreamObserver<ListReplaysResponse> out) {
        respond(out, () -> {
            int limit = request.getLimit() == 0 ? 1000 : request.getLimit();
            if (limit < 0 || limit > 10_000) {
                throw ArenaException.invalid("limit must be in 0..10000 (0 = 1000), got " + request.getLimit());
            }
            ListReplaysResponse.Builder b = ListReplaysResponse.newBuilder();
            try {
                for (ReplayStore.Entry e : store().list(limit)) {
                    b.addReplays(ReplayEntry.newBuilder().setName(e.name()).setBytes(e.bytes()));
                }
            } catch (java.io.IOException e) {
                throw new ArenaException(Status.Code.UNAVAILABLE, "cannot read the replay folder: " + e.getMessage());
            }
            return b.build();
        });
    }

    @Override
    public void getReplay(GetReplayRequest request, StreamObserver<ReplayFile> out) {
        respond(out, () -> {
            try {
                return ReplayFile.newBuilder().setName(request.getName())
                        .setData(com.google.protobuf.ByteString.copyFrom(store().read(request.getName()))).build();
            } catch (java.io.IOException e) {
                throw new ArenaException(Status.Code.UNAVAILABLE, "cannot read replay " + Clip.value(request.getName()) + ": " + e.getMessage());
            }
        });
    }

    private ReplayStore store() {
        if (replays == null) {
            throw ArenaException.precondition("this server keeps no replays: start it with --replay-dir DIR");
        }
        return replays;
    }

    @Override
    public void getServerInfo(GetServerInfoRequest request, StreamObserver<ServerInfo> out) {
        respond(out, () -> ProtoCodec.serverInfo(pool.roster(), pool.config()));
    }

    @Override
    public void createArenas(CreateArenasRequest request, StreamObserver<CreateArenasResponse> out) {
        respond(out, () -> {
            List<Long> ids = new ArrayList<>();
            Arena.Group group = pool.create(principal.get(), request.getCount(), request.getPreset(),
                    request.getSettingsMap(), request.getBaseSeed(), ids);
            return ProtoCodec.created(ids, group);
        });
    }

    /** Reset (bound in {@link #definition}). */
    private void resetResults(ResetRequest request, StreamObserver<StepResults> out) {
        respond(out, () -> pool.reset(principal.get(), request.getArenaIdsList(), request.getSeedsList(),
                transfer(request.getObservationTransferValue())));
    }

    /** Step (bound in {@link #definition}). */
    private void stepResults(StepRequest request, StreamObserver<StepResults> out) {
        respond(out, () -> stepCounted(principal.get(), request));
    }

    /** One batch for {@code who}, counted in the metrics (steps, latency, ended episodes). */
    private StepResults stepCounted(String who, StepRequest request) {
        long start = System.nanoTime();
        StepResults r = pool.step(who, request.getArenaIdsList(), request.getActionsList(),
                transfer(request.getObservationTransferValue()));
        metrics.stepped(r.ids().length, System.nanoTime() - start);
        countEpisodes(r);
        return r;
    }

    /**
     * The service to add to a server: the generated binding, except Reset, Step and StepStream, whose
     * answers are written from the batch's results straight onto the wire as StepResponse bytes
     * ({@link StepAnswerMarshaller}); clients see plain StepResponse messages.
     */
    ServerServiceDefinition definition() {
        ServerServiceDefinition generated = bindService();
        MethodDescriptor<ResetRequest, StepResults> reset = answeredWithResults(ArenaGrpc.getResetMethod());
        MethodDescriptor<StepRequest, StepResults> step = answeredWithResults(ArenaGrpc.getStepMethod());
        MethodDescriptor<StepRequest, StepResults> stepStream = answeredWithResults(ArenaGrpc.getStepStreamMethod());
        Map<String, MethodDescriptor<?, ?>> replaced = Map.of(reset.getFullMethodName(), reset,
                step.getFullMethodName(), step, stepStream.getFullMethodName(), stepStream);
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(ArenaGrpc.SERVICE_NAME)
                .setSchemaDescriptor(generated.getServiceDescriptor().getSchemaDescriptor());
        for (MethodDescriptor<?, ?> m : generated.getServiceDescriptor().getMethods()) {
            descriptor.addMethod(replaced.getOrDefault(m.getFullMethodName(), m));
        }
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(descriptor.build());
        for (ServerMethodDefinition<?, ?> m : generated.getMethods()) {
            if (!replaced.containsKey(m.getMethodDescriptor().getFullMethodName())) {
                b.addMethod(m);
            }
        }
        return b.addMethod(reset, ServerCalls.asyncUnaryCall(this::resetResults))
                .addMethod(step, ServerCalls.asyncUnaryCall(this::stepResults))
                .addMethod(stepStream, ServerCalls.asyncBidiStreamingCall(this::stepStreamResults))
                .build();
    }

    /** {@code method} with its answers marshalled from {@link StepResults}. */
    private static <Req> MethodDescriptor<Req, StepResults> answeredWithResults(MethodDescriptor<Req, StepResponse> method) {
        return method.toBuilder(method.getRequestMarshaller(), StepAnswerMarshaller.INSTANCE).build();
    }

    private static StepResults.Transfer transfer(int value) {
        switch (value) {
            case ObservationTransfer.FULL_VALUE:
                return StepResults.Transfer.FULL;
            case ObservationTransfer.NEWEST_FRAME_VALUE:
                return StepResults.Transfer.NEWEST;
            case ObservationTransfer.FRAME_DELTA_VALUE:
                return StepResults.Transfer.DELTA;
            default:
                throw ArenaException.invalid("observation_transfer " + value
                        + " is not known to this server: use 0 (FULL), 1 (NEWEST_FRAME) or 2 (FRAME_DELTA)");
        }
    }

    /** The status a refusal or failure is answered with; unexpected errors are logged as bugs. */
    private io.grpc.StatusRuntimeException statusOf(RuntimeException e) {
        if (e instanceof ArenaException) {
            ArenaException a = (ArenaException) e;
            metrics.error(a.code);
            return Status.fromCode(a.code).withDescription(Clip.clip(a.getMessage(), MAX_DESCRIPTION)).asRuntimeException();
        }
        metrics.error(Status.Code.INTERNAL);
        LOG.log(Level.SEVERE, "internal error while serving a call", e);
        return Status.INTERNAL.withDescription(Clip.clip("internal error (a bug in the server, please report it): " + e, MAX_DESCRIPTION))
                .asRuntimeException();
    }

    /** Counts the episodes that ended in this batch, by the first agent of each arena. */
    private void countEpisodes(StepResults r) {
        int agents = r.rewards().length;
        int perArena = agents / Math.max(1, r.ids().length);
        for (int a = 0; a < agents; a += Math.max(1, perArena)) {
            if (r.terminated()[a]) {
                Info.Outcome o = Info.outcome(r.infos(), a);
                metrics.episodeEnded(o == Info.Outcome.ONGOING ? "draw" : o.label());
            } else if (r.truncated()[a]) {
                metrics.episodeEnded("truncated");
            }
        }
    }

    /**
     * Starts draining: every open StepStream is ended with UNAVAILABLE once the batch it is serving (if
     * any) is answered, so the server's shutdown does not wait for long-lived streams.
     */
    void drain() {
        draining = true;
        for (Runnable end : openStreams) {
            end.run();
        }
    }

    /** StepStream (bound in {@link #definition}): each request's batch answered in order. */
    private StreamObserver<StepRequest> stepStreamResults(StreamObserver<StepResults> responses) {
        ServerCallStreamObserver<StepResults> out = (ServerCallStreamObserver<StepResults>) responses;
        String who = principal.get();
        Object lock = new Object();
        // Manual flow control: one request is read at a time, and only while the client can take
        // the response, so a slow reader never makes the server buffer without bound.
        out.disableAutoRequest();
        AtomicBoolean waiting = new AtomicBoolean(false);
        Set<Long> stepped = ConcurrentHashMap.newKeySet();
        AtomicBoolean finished = new AtomicBoolean(false);
        out.setOnReadyHandler(() -> {
            if (out.isReady() && waiting.compareAndSet(true, false)) {
                out.request(1);
            }
        });
        Runnable end = () -> {
            synchronized (lock) {
                if (finished.compareAndSet(false, true)) {
                    out.onError(Status.UNAVAILABLE.withDescription(CallGuard.DRAINING)
                            .asRuntimeException());
                }
            }
        };
        openStreams.add(end);
        out.setOnCancelHandler(() -> {
            openStreams.remove(end);
            if (finished.compareAndSet(false, true) && !stepped.isEmpty()) {
                int n = pool.closeQuietly(who, new ArrayList<>(stepped));
                LOG.info("a stream's client went away; closed its " + n + " arenas");
            }
        });
        if (draining) {
            end.run();
            return new StreamObserver<>() {
                public void onNext(StepRequest r) { }
                public void onError(Throwable t) { }
                public void onCompleted() { }
            };
        }
        out.request(1);
        return new StreamObserver<>() {
            /** The last id lists stepped, already in {@code stepped} (only touched under the lock). */
            final java.util.ArrayDeque<List<Long>> recentIds = new java.util.ArrayDeque<>();

            @Override
            public void onNext(StepRequest request) {
                synchronized (lock) {
                    if (!finished.get()) {
                        serve(request);
                    }
                }
            }

            private void serve(StepRequest request) {
                StepResults response;
                try {
                    response = stepCounted(who, request);
                    List<Long> ids = request.getArenaIdsList();
                    if (!recentIds.contains(ids)) { // a trainer steps the same few id lists over and over
                        stepped.addAll(ids);
                        if (recentIds.size() == 8) {
                            recentIds.removeFirst();
                        }
                        recentIds.addLast(ids);
                    }
                } catch (RuntimeException e) {
                    finished.set(true);
                    out.onError(statusOf(e));
                    return;
                }
                out.onNext(response);
                if (out.isReady()) {
                    out.request(1);
                } else {
                    waiting.set(true);
                    if (out.isReady() && waiting.compareAndSet(true, false)) {
                        out.request(1); // became ready between the check and the flag
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client cancelled or the connection broke: the cancel handler closes its arenas.
                openStreams.remove(end);
            }

            @Override
            public void onCompleted() {
                openStreams.remove(end);
                synchronized (lock) {
                    if (finished.compareAndSet(false, true)) {
                        out.onCompleted();
                    }
                }
            }
        };
    }

    @Override
    public void closeArenas(CloseArenasRequest request, StreamObserver<CloseArenasResponse> out) {
        respond(out, () -> CloseArenasResponse.newBuilder()
                .setClosed(pool.close(principal.get(), request.getArenaIdsList())).build());
    }

    private <T> void respond(StreamObserver<T> out, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            out.onError(statusOf(e));
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }
}
