package io.kumite.arena;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.kumite.engine.Clip;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Wraps every method of the server's services (the arena, health and reflection) so that
 * <ul>
 *   <li>a request that cannot be parsed (malformed or truncated protobuf bytes, invalid UTF-8) is
 *       answered INVALID_ARGUMENT with the message type expected, and counted in
 *       {@code kumite_errors_total}, on unary and streaming calls alike; without this grpc-java closes
 *       the call UNKNOWN ("Application error processing RPC") and logs it as SEVERE;</li>
 *   <li>once a call is closed (by the guard or the service), later closes and messages of the service
 *       are dropped instead of throwing "call already closed";</li>
 *   <li>{@link #drain} ends the long-lived streams the service does not end itself (health Watch,
 *       PlayMatch seats, reflection) at once with UNAVAILABLE and the draining reason, so a shutdown
 *       does not wait the whole grace period for them.</li>
 * </ul>
 * The service's listener sees a call the guard closed as cancelled ({@code onCancel}), so its clean-up
 * runs as for a client that went away. Thread-safe.
 */
final class CallGuard {
    /** The description of every stream ended by a drain. */
    static final String DRAINING = "the server is shutting down (draining): reconnect to another server";

    private final ArenaMetrics metrics;
    private final Predicate<MethodDescriptor<?, ?>> endOnDrain;
    private final Set<GuardedCall<?, ?>> drainable = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /** {@code endOnDrain} picks the methods whose open calls {@link #drain} ends. */
    CallGuard(ArenaMetrics metrics, Predicate<MethodDescriptor<?, ?>> endOnDrain) {
        this.metrics = metrics;
        this.endOnDrain = endOnDrain;
    }

    /** {@code service} with every method guarded; names, schema and response marshallers unchanged. */
    ServerServiceDefinition guard(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        java.util.List<ServerMethodDefinition<Object, ?>> methods = new java.util.ArrayList<>();
        for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
            ServerMethodDefinition<Object, ?> g = guard(m);
            descriptor.addMethod(g.getMethodDescriptor());
            methods.add(g);
        }
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(descriptor.build());
        for (ServerMethodDefinition<Object, ?> m : methods) {
            b.addMethod(m);
        }
        return b.build();
    }

    private <Q, R> ServerMethodDefinition<Object, R> guard(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> md = method.getMethodDescriptor();
        MethodDescriptor<Object, R> guarded = md.toBuilder(new TolerantMarshaller<>(md.getRequestMarshaller()),
                md.getResponseMarshaller()).build();
        boolean drains = endOnDrain.test(md);
        String expected = messageName(md);
        ServerCallHandler<Q, R> handler = method.getServerCallHandler();
        return ServerMethodDefinition.create(guarded, (call, headers) -> {
            GuardedCall<Q, R> g = new GuardedCall<>(call, md);
            if (drains) {
                drainable.add(g);
                if (draining) {
                    g.end(Status.UNAVAILABLE.withDescription(DRAINING));
                }
            }
            ServerCall.Listener<Q> inner = handler.startCall(g, headers);
            return new GuardedListener<>(g, inner, expected);
        });
    }

    /** Ends every open drainable stream with UNAVAILABLE and {@link #DRAINING}; later ones are ended at start. */
    void drain() {
        draining = true;
        for (GuardedCall<?, ?> c : drainable) {
            c.end(Status.UNAVAILABLE.withDescription(DRAINING));
        }
    }

    private static String messageName(MethodDescriptor<?, ?> md) {
        if (md.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
                && p.getMessagePrototype() instanceof Message m) {
            return m.getDescriptorForType().getFullName();
        }
        return "request of " + md.getFullMethodName();
    }

    /** A request that did not parse, with why. */
    private record Unparseable(String why) {}

    /** Parses with the method's own marshaller; a failure becomes an {@link Unparseable} instead of an exception. */
    private static final class TolerantMarshaller<Q> implements MethodDescriptor.Marshaller<Object> {
        private final MethodDescriptor.Marshaller<Q> inner;

        TolerantMarshaller(MethodDescriptor.Marshaller<Q> inner) {
            this.inner = inner;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InputStream stream(Object value) {
            return inner.stream((Q) value);
        }

        @Override
        public Object parse(InputStream stream) {
            try {
                return inner.parse(stream);
            } catch (RuntimeException e) {
                return new Unparseable(reason(e));
            }
        }

        private static String reason(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidProtocolBufferException) {
                    return Clip.value(String.valueOf(t.getMessage()));
                }
            }
            return Clip.value(String.valueOf(e.getMessage()));
        }
    }

    /**
     * The call the service sees: forwards to the transport's call, drops what comes after a close, and
     * can be ended by the guard from another thread (each operation holds the call's lock).
     */
    private final class GuardedCall<Q, R> extends ServerCall<Q, R> {
        private final ServerCall<Object, R> call;
        private final MethodDescriptor<Q, R> method;
        private boolean closed;
        private volatile boolean endedByGuard;

        GuardedCall(ServerCall<Object, R> call, MethodDescriptor<Q, R> method) {
            this.call = call;
            this.method = method;
        }

        /** Closes the call with {@code status} unless closed already; the listener then sees onCancel. */
        synchronized void end(Status status) {
            if (!closed) {
                closed = true;
                endedByGuard = true;
                drainable.remove(this);
                call.close(status, new Metadata());
            }
        }

        boolean endedByGuard() {
            return endedByGuard;
        }

        @Override
        public synchronized void request(int numMessages) {
            if (!closed) {
                call.request(numMessages);
            }
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                call.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                call.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                drainable.remove(this);
                call.close(status, trailers);
            }
        }

        @Override
        public boolean isReady() {
            return !endedByGuard && call.isReady();
        }

        @Override
        public boolean isCancelled() {
            return endedByGuard || call.isCancelled();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            call.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            call.setCompression(compressor);
        }

        @Override
        public Attributes getAttributes() {
            return call.getAttributes();
        }

        @Override
        public String getAuthority() {
            return call.getAuthority();
        }

        @Override
        public SecurityLevel getSecurityLevel() {
            return call.getSecurityLevel();
        }

        @Override
        public MethodDescriptor<Q, R> getMethodDescriptor() {
            return method;
        }
    }

    /** Hands parsed requests to the service's listener; refuses unparseable ones. */
    private final class GuardedListener<Q, R> extends ServerCall.Listener<Object> {
        private final GuardedCall<Q, R> call;
        private final ServerCall.Listener<Q> inner;
        private final String expected;

        GuardedListener(GuardedCall<Q, R> call, ServerCall.Listener<Q> inner, String expected) {
            this.call = call;
            this.inner = inner;
            this.expected = expected;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onMessage(Object message) {
            if (call.endedByGuard()) {
                return;
            }
            if (message instanceof Unparseable u) {
                metrics.error(Status.Code.INVALID_ARGUMENT);
                call.end(Status.INVALID_ARGUMENT.withDescription("the request is not a valid " + expected
                        + " message (" + u.why() + "): send it serialized by code generated from proto/kumite/v1/arena.proto"
                        + " (or the gRPC health and reflection protos)"));
                return;
            }
            inner.onMessage((Q) message);
        }

        @Override
        public void onHalfClose() {
            if (!call.endedByGuard()) {
                inner.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            drainable.remove(call);
            inner.onCancel();
        }

        @Override
        public void onComplete() {
            drainable.remove(call);
            if (call.endedByGuard()) {
                inner.onCancel(); // the service did not finish this call: it ends as if the client left
            } else {
                inner.onComplete();
            }
        }

        @Override
        public void onReady() {
            if (!call.endedByGuard()) {
                inner.onReady();
            }
        }
    }
}
