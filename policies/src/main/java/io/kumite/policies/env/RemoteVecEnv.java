package io.kumite.policies.env;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.StateVector;
import io.kumite.engine.env.BufferedVecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CloseArenasRequest;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.CreateArenasResponse;
import io.kumite.proto.v1.ObservationTransfer;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.StepRequest;
import io.kumite.proto.v1.StepResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link VecEnv} whose environments are arenas on one or more arena servers ({@code host:port}).
 * Environment i lives on endpoint {@code i * endpoints / numEnvs} (contiguous blocks) and is seeded
 * {@code baseSeed + i}, so the results equal a {@code LocalVecEnv} of the same config and seeds.
 * Steps go over one StepStream per server, all servers at once; observations come as the newest
 * frame only when the config allows and the stack is kept here. Not thread-safe.
 */
public final class RemoteVecEnv extends BufferedVecEnv {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final long TIMEOUT_SECONDS = 60;

    private final int frameBytes;
    private final boolean newestFrame;
    private final List<Server> servers = new ArrayList<>();


    /** One arena server: its channel, its block of environments and its open stream. */
    private static final class Server {
        final String endpoint;
        final ManagedChannel channel;
        final ArenaGrpc.ArenaBlockingStub stub;
        final ArenaGrpc.ArenaStub async;
        final int firstEnv;
        final List<Long> ids;
        final LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<StepRequest> stream;

        Server(String endpoint, ManagedChannel channel, CallCredentials credentials, int firstEnv, List<Long> ids) {
            this.endpoint = endpoint;
            this.channel = channel;
            ArenaGrpc.ArenaBlockingStub b = ArenaGrpc.newBlockingStub(channel);
            ArenaGrpc.ArenaStub a = ArenaGrpc.newStub(channel);
            this.stub = credentials == null ? b : b.withCallCredentials(credentials);
            this.async = credentials == null ? a : a.withCallCredentials(credentials);
            this.firstEnv = firstEnv;
            this.ids = ids;
        }
    }

    /**
     * Creates {@code numEnvs} arenas of {@code preset} with {@code settings} over {@code endpoints}.
     *
     * @param token bearer token for servers that need one, or null
     */
    public RemoteVecEnv(List<String> endpoints, String preset, Map<String, String> settings, int numEnvs, String token) {
        super(EnvConfig.preset(preset).with(settings, Roster.builtIn()), numEnvs);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("give at least one server as host:port");
        }
        if (numEnvs() < endpoints.size()) {
            throw new IllegalArgumentException(numEnvs() + " environments cannot be spread over " + endpoints.size() + " servers");
        }
        this.frameBytes = observationBytes() / (config.interleave() ? 1 : config.frameStack());
        this.newestFrame = config.frameStack() > 1 && config.stackStride() == config.frameSkip() && !config.interleave();
        CallCredentials credentials = token == null ? null : bearer(token);
        try {
            for (int e = 0; e < endpoints.size(); e++) {
                int from = e * numEnvs() / endpoints.size();
                int to = (e + 1) * numEnvs() / endpoints.size();
                String endpoint = endpoints.get(e).trim();
                int colon = endpoint.lastIndexOf(':');
                if (colon < 1 || !endpoint.substring(colon + 1).matches("\\d{1,5}")) {
                    throw new IllegalArgumentException("a server must be host:port, got \"" + endpoint + "\"");
                }
                ManagedChannel channel = NettyChannelBuilder.forAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)))
                        .usePlaintext().maxInboundMessageSize(256 << 20).flowControlWindow(16 << 20).build();
                CreateArenasResponse created = ArenaGrpc.newBlockingStub(channel)
                        .withCallCredentials(credentials != null ? credentials : noCredentials())
                        .withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .createArenas(CreateArenasRequest.newBuilder().setCount(to - from).setPreset(preset).putAllSettings(settings).build());
                servers.add(new Server(endpoint, channel, credentials, from, created.getArenaIdsList()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(AUTHORIZATION, "Bearer " + token);
                applier.apply(m);
            }
        };
    }

    private static CallCredentials noCredentials() {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                applier.apply(new Metadata());
            }
        };
    }





    @Override
    public void reset(long baseSeed) {
        for (Server s : servers) {
            ResetRequest.Builder r = ResetRequest.newBuilder().addAllArenaIds(s.ids).setObservationTransfer(transfer());
            for (int i = 0; i < s.ids.size(); i++) {
                r.addSeeds(baseSeed + s.firstEnv + i);
            }
            unpack(s, call(s, () -> s.stub.withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS).reset(r.build())), true);
        }
    }

    @Override
    public void reset(int env, Long seed) {
        if (env < 0 || env >= numEnvs()) {
            throw new IllegalArgumentException("environment index " + env + " is out of range 0.." + (numEnvs() - 1));
        }
        Server s = serverOf(env);
        int k = env - s.firstEnv;
        ResetRequest.Builder r = ResetRequest.newBuilder().addArenaIds(s.ids.get(k)).setObservationTransfer(transfer());
        if (seed != null) {
            r.addSeeds(seed);
        }
        StepResponse answer = call(s, () -> s.stub.withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS).reset(r.build()));
        unpackRange(answer, env, 1, true);
    }

    @Override
    public void step(int[] actions) {
        if (actions.length != numEnvs() * agents()) {
            throw new IllegalArgumentException("expected " + numEnvs() * agents() + " actions (" + numEnvs() + " environments x "
                    + agents() + " agents()), got " + actions.length);
        }
        for (Server s : servers) {
            StepRequest.Builder r = StepRequest.newBuilder().addAllArenaIds(s.ids).setObservationTransfer(transfer());
            for (int i = s.firstEnv * agents(); i < (s.firstEnv + s.ids.size()) * agents(); i++) {
                r.addActions(actions[i]);
            }
            stream(s).onNext(r.build());
        }
        for (Server s : servers) {
            Object answer;
            try {
                answer = s.answers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + s.endpoint);
            }
            if (answer == null) {
                throw new IllegalStateException("no answer from the arena server " + s.endpoint + " within " + TIMEOUT_SECONDS + " s");
            }
            if (answer instanceof Throwable) {
                s.stream = null;
                throw new IllegalStateException("arena server " + s.endpoint + ": " + answer, (Throwable) answer);
            }
            unpack(s, (StepResponse) answer, false);
        }
    }

    private ObservationTransfer transfer() {
        return newestFrame ? ObservationTransfer.NEWEST_FRAME : ObservationTransfer.FULL;
    }

    private StreamObserver<StepRequest> stream(Server s) {
        if (s.stream == null) {
            s.stream = s.async.stepStream(new StreamObserver<>() {
                @Override
                public void onNext(StepResponse r) {
                    s.answers.add(r);
                }

                @Override
                public void onError(Throwable t) {
                    s.answers.add(t);
                }

                @Override
                public void onCompleted() {
                }
            });
        }
        return s.stream;
    }

    private static <T> T call(Server s, java.util.function.Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("arena server " + s.endpoint + ": " + e.getStatus(), e);
        }
    }

    private Server serverOf(int env) {
        for (int i = servers.size() - 1; i >= 0; i--) {
            if (env >= servers.get(i).firstEnv) {
                return servers.get(i);
            }
        }
        throw new IllegalStateException("no server for environment " + env);
    }

    private void unpack(Server s, StepResponse r, boolean afterReset) {
        unpackRange(r, s.firstEnv, s.ids.size(), afterReset);
    }

    /** Copies an answer for environments [firstEnv, firstEnv + count) into the buffers, stacking frames if needed. */
    private void unpackRange(StepResponse r, int firstEnv, int count, boolean afterReset) {
        int firstSlot = firstEnv * agents();
        int slots = count * agents();
        int fields = INFO_FIELDS.size();
        int episodeFrames = INFO_FIELDS.indexOf("episode_frames");
        for (int k = 0; k < slots; k++) {
            rewards[firstSlot + k] = r.getRewards(k);
            terminated[firstSlot + k] = r.getTerminated(k);
            truncated[firstSlot + k] = r.getTruncated(k);
            for (int f = 0; f < fields; f++) {
                infos[(firstSlot + k) * fields + f] = r.getInfos(k * fields + f);
            }
        }
        if (states.length > 0) {
            for (int i = 0; i < slots * StateVector.LENGTH; i++) {
                states[firstSlot * StateVector.LENGTH + i] = r.getStates(i);
            }
        }
        com.google.protobuf.ByteString data = r.getObservations();
        if (!r.getNewestFrameOnly()) {
            data.copyTo(observations, 0, firstSlot * observationBytes(), slots * observationBytes());
            return;
        }
        int stack = config.frameStack();
        for (int k = 0; k < slots; k++) {
            int base = (firstSlot + k) * observationBytes();
            boolean fresh = afterReset || infos[(firstSlot + k) * fields + episodeFrames] == 0;
            if (fresh) {
                for (int f = 0; f < stack; f++) {
                    data.copyTo(observations, k * frameBytes, base + f * frameBytes, frameBytes);
                }
            } else {
                System.arraycopy(observations, base + frameBytes, observations, base, (stack - 1) * frameBytes);
                data.copyTo(observations, k * frameBytes, base + (stack - 1) * frameBytes, frameBytes);
            }
        }
    }







    /** Closes the arenas and the connections. */
    @Override
    public void close() {
        for (Server s : servers) {
            try {
                if (s.stream != null) {
                    s.stream.onCompleted();
                }
                s.stub.withDeadlineAfter(10, TimeUnit.SECONDS).closeArenas(CloseArenasRequest.newBuilder().addAllArenaIds(s.ids).build());
            } catch (RuntimeException e) {
                // The server may be gone already; its idle reaper closes the arenas.
            } finally {
                s.channel.shutdownNow();
            }
        }
        servers.clear();
    }
}
