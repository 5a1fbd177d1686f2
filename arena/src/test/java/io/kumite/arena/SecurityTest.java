package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.GetServerInfoRequest;
import io.kumite.proto.v1.ResetRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No token, a wrong token, another principal's arena, plaintext against TLS, and a TLS round trip. */
class SecurityTest {
    static final String ALICE = "alice-token-0123456789";
    static final String BOB = "bob-token-9876543210abc";

    /** Sends {@code authorization: Bearer <token>} with every call. */
    static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
                applier.apply(m);
            }
        };
    }

    @Test
    void tokensDecideWhoCallsAndWhoOwnsWhat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# name:token\nalice:" + ALICE + "\n" + BOB + "\n");
        Map<String, String> tokens = ArenaSecurity.readTokens(file);
        assertEquals("alice", tokens.get(ALICE));
        String name = "secure-" + System.nanoTime();
        ArenaServer server = new ArenaServer(InProcessServerBuilder.forName(name).directExecutor(), Roster.builtIn(),
                new ArenaServerConfig(0, 16, 16, 16, 1 << 20, 0, 1), new ArenaSecurity(tokens, null, null)).start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            ArenaGrpc.ArenaBlockingStub anonymous = ArenaGrpc.newBlockingStub(channel);
            StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                    () -> anonymous.getServerInfo(GetServerInfoRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
            assertTrue(none.getStatus().getDescription().contains("authorization: Bearer"), none.getStatus().toString());
            StatusRuntimeException wrong = assertThrows(StatusRuntimeException.class,
                    () -> anonymous.withCallCredentials(bearer("not-a-token-at-all-xx")).getServerInfo(GetServerInfoRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
            // Probes need no token.
            assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                    HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus());

            ArenaGrpc.ArenaBlockingStub alice = anonymous.withCallCredentials(bearer(ALICE));
            ArenaGrpc.ArenaBlockingStub bob = anonymous.withCallCredentials(bearer(BOB));
            List<Long> ids = alice.createArenas(CreateArenasRequest.newBuilder().setCount(2).setPreset("atari84")
                    .putSettings("width", "16").putSettings("height", "16").build()).getArenaIdsList();
            alice.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build());
            StatusRuntimeException foreign = assertThrows(StatusRuntimeException.class,
                    () -> bob.reset(ResetRequest.newBuilder().addAllArenaIds(ids).build()));
            assertEquals(Status.Code.NOT_FOUND, foreign.getStatus().getCode(), "bob cannot see alice's arenas");
        } finally {
            channel.shutdownNow();
            server.stop(1);
        }
    }

    @Test
    void tlsRoundTripAndPlaintextIsRefused() throws Exception {
        Path cert = Path.of(getClass().getResource("/tls/server.crt").toURI());
        Path key = Path.of(getClass().getResource("/tls/server.key").toURI());
        ArenaServer server = new ArenaServer(Roster.builtIn(), new ArenaServerConfig(0, 16, 16, 16, 1 << 20, 0, 1),
                new ArenaSecurity(Map.of(ALICE, "alice"), cert, key)).start();
        ManagedChannel tls = Grpc.newChannelBuilderForAddress("localhost", server.port(),
                TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build()).build();
        ManagedChannel plain = Grpc.newChannelBuilderForAddress("localhost", server.port(),
                io.grpc.InsecureChannelCredentials.create()).build();
        try {
            assertEquals(12, ArenaGrpc.newBlockingStub(tls).withCallCredentials(bearer(ALICE)).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .getServerInfo(GetServerInfoRequest.getDefaultInstance()).getCharactersCount());
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> ArenaGrpc.newBlockingStub(plain).withCallCredentials(bearer(ALICE)).withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getServerInfo(GetServerInfoRequest.getDefaultInstance()));
            assertTrue(e.getStatus().getCode() == Status.Code.UNAVAILABLE || e.getStatus().getCode() == Status.Code.INTERNAL,
                    "a plaintext client gets no answer from a TLS server: " + e.getStatus());
        } finally {
            tls.shutdownNow();
            plain.shutdownNow();
            server.stop(1);
        }
    }
}
