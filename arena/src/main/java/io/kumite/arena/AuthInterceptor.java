package io.kumite.arena;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Names the principal of every call. With tokens configured, a call needs the metadata
 * {@code authorization: Bearer <token>} (else UNAUTHENTICATED); the health service stays open for
 * probes. Without tokens, each connection is its own principal. Thread-safe.
 */
final class AuthInterceptor implements ServerInterceptor {
    static final Context.Key<String> PRINCIPAL = Context.key("kumite-principal");
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final Map<String, String> tokens;

    AuthInterceptor(Map<String, String> tokens) {
        this.tokens = tokens;
    }

    static String principal() {
        String p = PRINCIPAL.get();
        return p == null ? ArenaServer.ANONYMOUS : p;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String principal;
        if (tokens.isEmpty()) {
            SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
            principal = "connection " + (remote == null ? "unknown" : remote.toString());
        } else if (HealthGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
            principal = "health-probe";
        } else {
            String header = headers.get(AUTHORIZATION);
            if (header == null || !header.startsWith(BEARER)) {
                call.close(Status.UNAUTHENTICATED.withDescription(
                        "this server needs a bearer token: send the metadata \"authorization: Bearer <token>\""), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            principal = lookup(header.substring(BEARER.length()).trim());
            if (principal == null) {
                call.close(Status.UNAUTHENTICATED.withDescription("the bearer token is not one this server accepts"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
        }
        return Contexts.interceptCall(Context.current().withValue(PRINCIPAL, principal), call, headers, next);
    }

    /** Constant-time comparison against every known token. */
    private String lookup(String presented) {
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            if (MessageDigest.isEqual(p, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return found;
    }
}
