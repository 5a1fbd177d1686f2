package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.stub.StreamObserver;
import io.kumite.engine.fighter.Roster;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.CreateArenasRequest;
import io.kumite.proto.v1.GetReplayRequest;
import io.kumite.proto.v1.GetServerInfoRequest;
import io.kumite.proto.v1.MatchTicket;
import io.kumite.proto.v1.OpenMatchRequest;
import io.kumite.proto.v1.SeatAction;
import io.kumite.proto.v1.SeatResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an outside sweep sent the server (issue 23), over the in-process and the Netty transports:
 * unparseable bytes to every method of every service, non-finite numbers, megabyte strings in every
 * string field, a bad action from one seat of a match, and a drain while long-lived streams are open.
 * The answer is never UNKNOWN or INTERNAL, every status message stays under 1 KB, nothing is logged
 * SEVERE, and the server keeps serving.
 */
class HostileInputTest {
    enum Transport { IN_PROCESS, NETTY }

    static final Roster ROSTER = Roster.builtIn();
    /** Requests up to 4 MB reach the service, so a 1 MB string is refused by it and not by the transport. */
    static final int MAX_MESSAGE = 4 << 20;

    ArenaServer server;
    ManagedChannel channel;
    final List<LogRecord> severe = new ArrayList<>();
    final Handler severeLog = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (severe) {
                    severe.add(r);
                }
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };

    void start(Transport t, Path replayDir) throws IOException {
        Logger.getLogger("").addHandler(severeLog);
        ArenaServerConfig config = new ArenaServerConfig(0, 64, 48, 32, MAX_MESSAGE, 0, 2);
        if (t == Transport.IN_PROCESS) {
            String name = "hostile-" + System.nanoTime();
            server = new ArenaServer(InProcessServerBuilder.forName(name), ROSTER, config, ArenaSecurity.none(), replayDir).start();
            channel = InProcessChannelBuilder.forName(name).build();
        } else {
            server = new ArenaServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), ROSTER, config,
                    ArenaSecurity.none(), replayDir).start();
            channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.stop(1);
        }
        Logger.getLogger("").removeHandler(severeLog);
        synchronized (severe) {
            assertEquals(List.of(), severe.stream().map(r -> r.getMessage() + " " + r.getThrown()).toList(), "nothing logged SEVERE");
        }
    }

    /** Every method of the three services the server offers. */
    static List<MethodDescriptor<?, ?>> everyMethod() {
        List<MethodDescriptor<?, ?>> all = new ArrayList<>();
        all.addAll(ArenaGrpc.getServiceDescriptor().getMethods());
        all.addAll(HealthGrpc.getServiceDescriptor().getMethods());
        all.addAll(ServerReflectionGrpc.getServiceDescriptor().getMethods());
        return all;
    }

    static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** Sends {@code bytes} as the first (and only) request message of {@code method}; returns how the call closed. */
    Status sendRaw(MethodDescriptor<?, ?> method, byte[] bytes) throws Exception {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(method.getType()).setFullMethodName(method.getFullMethodName())
                .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
        ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
        CompletableFuture<Status> closed = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(10);
        call.sendMessage(bytes);
        call.halfClose();
        return closed.get(30, TimeUnit.SECONDS);
    }

    static void assertSmall(Status s, String what) {
        String d = String.valueOf(s.getDescription());
        assertTrue(d.getBytes(StandardCharsets.UTF_8).length < 1024, what + ": a status message of " + d.length() + " characters");
        assertNotEquals(Status.Code.UNKNOWN, s.getCode(), what + ": " + s);
        assertNotEquals(Status.Code.INTERNAL, s.getCode(), what + ": " + s);
    }

    static Status status(Throwable t) {
        assertTrue(t instanceof StatusRuntimeException, "a gRPC status, got " + t);
        return ((StatusRuntimeException) t).getStatus();
    }

    double invalidArgumentsCounted() {
        Matcher m = Pattern.compile("kumite_errors_total\\{code=\"INVALID_ARGUMENT\",?\\} ([0-9.eE+]+)").matcher(server.metrics().scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    void assertStillServing() {
        assertEquals(12, ArenaGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .getServerInfo(GetServerInfoRequest.getDefaultInstance()).getCharactersCount());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unparseableBytesAreInvalidArgumentOnEveryMethod(Transport t) throws Exception {
        start(t, null);
        byte[][] payloads = {
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // a malformed varint
            {0x0a, 0x05, 0x01}, // field 1, 5 bytes long, 1 byte there: truncated
        };
        int sent = 0;
        for (MethodDescriptor<?, ?> m : everyMethod()) {
            for (byte[] p : payloads) {
                Status s = sendRaw(m, p);
                String what = m.getFullMethodName() + " with " + p.length + " bytes";
                assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode(), what + ": " + s);
                assertTrue(s.getDescription().startsWith("the request is not a valid "), what + ": " + s.getDescription());
                assertSmall(s, what);
                sent++;
            }
        }
        assertTrue(sent >= 2 * 13, "every method of Arena, Health and ServerReflection: " + sent);
        System.out.printf("%s: %d unparseable requests to %d methods: all INVALID_ARGUMENT, counted%n", t, sent, everyMethod().size());
        assertEquals(sent, invalidArgumentsCounted(), "each refusal counted in kumite_errors_total");
        assertStillServing();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void nonFiniteNumbersAreRefused(Transport t) throws Exception {
        start(t, null);
        ArenaGrpc.ArenaBlockingStub stub = ArenaGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
        // sticky_actions is the one setting that takes a fraction; every other number is an integer.
        for (String v : List.of("NaN", "nan", "Infinity", "-Infinity", "1e999", "-0.5", "1.5")) {
            Status c = status(org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () -> stub.createArenas(
                    CreateArenasRequest.newBuilder().setCount(1).putSettings("sticky_actions", v).build())));
            assertEquals(Status.Code.INVALID_ARGUMENT, c.getCode(), v + ": " + c);
            assertTrue(c.getDescription().contains("sticky_actions"), c.getDescription());
            Status o = status(org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () -> stub.openMatch(
                    OpenMatchRequest.newBuilder().putSettings("sticky_actions", v).build())));
            assertEquals(Status.Code.INVALID_ARGUMENT, o.getCode(), v + ": " + o);
        }
        for (String v : List.of("NaN", "Infinity", "1.5e10")) {
            Status c = status(org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () -> stub.createArenas(
                    CreateArenasRequest.newBuilder().setCount(1).putSettings("width", v).build())));
            assertEquals(Status.Code.INVALID_ARGUMENT, c.getCode(), "width=" + v + ": " + c);
        }
        assertEquals(0, server.activeArenas());
        assertStillServing();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void longStringsInEveryStringFieldGetShortMessages(Transport t, @TempDir Path dir) throws Exception {
        start(t, dir.resolve("replays"));
        ArenaGrpc.ArenaBlockingStub stub = ArenaGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        int cases = 0;
        int longest = 0;
        for (int size : new int[] {10_000, 100_000, 1_000_000}) {
            String longAscii = "x".repeat(size);
            String longWide = "é".repeat(size / 2); // two bytes each in UTF-8
            for (String s : List.of(longAscii, longWide)) {
                List<Runnable> calls = new ArrayList<>();
                calls.add(() -> stub.createArenas(CreateArenasRequest.newBuilder().setCount(1).setPreset(s).build()));
                calls.add(() -> stub.createArenas(CreateArenasRequest.newBuilder().setCount(1).putSettings(s, "1").build()));
                for (String key : List.of("width", "grayscale", "actions", "agent_character", "opponent_character",
                        "sticky_actions", "cpu_level", "reward")) {
                    calls.add(() -> stub.createArenas(CreateArenasRequest.newBuilder().setCount(1).putSettings(key, s).build()));
                    calls.add(() -> stub.openMatch(OpenMatchRequest.newBuilder().putSettings(key, s).build()));
                }
                calls.add(() -> stub.openMatch(OpenMatchRequest.newBuilder().setPreset(s).build()));
                calls.add(() -> stub.openMatch(OpenMatchRequest.newBuilder().putSettings(s, "1").build()));
                calls.add(() -> stub.getReplay(GetReplayRequest.newBuilder().setName(s).build()));
                calls.add(() -> stub.getReplay(GetReplayRequest.newBuilder().setName(s.substring(0, 150) + ".kreplay").build()));
                for (Runnable call : calls) {
                    Status st = status(org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, call::run));
                    assertSmall(st, size + " characters");
                    assertTrue(st.getCode() == Status.Code.INVALID_ARGUMENT || st.getCode() == Status.Code.NOT_FOUND, st.toString());
                    longest = Math.max(longest, st.getDescription().length());
                    cases++;
                }
                Status ticket = playFirst(SeatAction.newBuilder().setTicket(s).setSeat(1).build());
                assertEquals(Status.Code.NOT_FOUND, ticket.getCode());
                assertSmall(ticket, "ticket of " + size);
                cases++;
            }
        }
        System.out.printf("%s: %d requests with 10 KB-1 MB strings: longest status message %d characters%n", t, cases, longest);
        assertEquals(0, server.activeArenas());
        assertStillServing();
    }

    /** A PlayMatch stream's first message; returns the status it ends with. */
    Status playFirst(SeatAction first) throws Exception {
        Seat s = new Seat(channel);
        s.stream.onNext(first);
        Object r = s.answers.poll(30, TimeUnit.SECONDS);
        s.stream.onCompleted(); // after a refused join, as a client library would: no "call already closed"
        return status((Throwable) r);
    }

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

        Object next() throws InterruptedException {
            Object o = answers.poll(30, TimeUnit.SECONDS);
            assertNotNull(o, "an answer within 30 s");
            return o;
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theSeatThatSendsABadActionIsTheOneRefused(Transport t) throws Exception {
        start(t, null);
        for (int bad : new int[] {22, -1, Integer.MAX_VALUE}) {
            for (int badSeat = 0; badSeat < 2; badSeat++) {
                MatchTicket ticket = ArenaGrpc.newBlockingStub(channel).openMatch(OpenMatchRequest.newBuilder()
                        .putSettings("width", "16").putSettings("height", "16").build());
                Seat[] seats = {new Seat(channel), new Seat(channel)};
                for (int s = 0; s < 2; s++) {
                    seats[s].stream.onNext(SeatAction.newBuilder().setTicket(ticket.getTicket()).setSeat(s).build());
                }
                for (Seat s : seats) {
                    assertTrue(s.next() instanceof SeatResult);
                }
                seats[badSeat].stream.onNext(SeatAction.newBuilder().setAction(bad).build());
                Status refused = status((Throwable) seats[badSeat].next());
                assertEquals(Status.Code.INVALID_ARGUMENT, refused.getCode(), refused.toString());
                assertTrue(refused.getDescription().contains("seat " + badSeat) && refused.getDescription().contains("got " + bad),
                        refused.getDescription());
                // The other seat, waiting or about to act, is told why the match ended.
                seats[1 - badSeat].stream.onNext(SeatAction.newBuilder().setAction(3).build());
                Status other = status((Throwable) seats[1 - badSeat].next());
                assertEquals(Status.Code.UNAVAILABLE, other.getCode(), other.toString());
                assertTrue(other.getDescription().startsWith("the match is over: the opponent (seat " + badSeat + ") was refused: "),
                        other.getDescription());
                for (Seat s : seats) {
                    s.stream.onCompleted();
                }
                for (int i = 0; i < 200 && server.activeArenas() > 0; i++) {
                    Thread.sleep(10);
                }
                assertEquals(0, server.activeArenas(), "the match's arena is closed");
            }
        }
        assertStillServing();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void drainEndsWatchesAndWaitingSeatsAtOnce(Transport t) throws Exception {
        start(t, null);
        LinkedBlockingQueue<Object> watch = new LinkedBlockingQueue<>();
        HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse r) {
                watch.add(r.getStatus());
            }

            @Override
            public void onError(Throwable e) {
                watch.add(e);
            }

            @Override
            public void onCompleted() {
                watch.add("completed");
            }
        });
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, watch.poll(30, TimeUnit.SECONDS));
        MatchTicket ticket = ArenaGrpc.newBlockingStub(channel).openMatch(OpenMatchRequest.getDefaultInstance());
        Seat waiting = new Seat(channel);
        waiting.stream.onNext(SeatAction.newBuilder().setTicket(ticket.getTicket()).setSeat(0).build());
        assertStillServing(); // the join has been handled: calls on one channel are served in order enough for this
        Thread.sleep(100);

        long start = System.nanoTime();
        server.stop(20);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: stop with a Watch and a waiting seat open took %.2f s (grace 20 s)%n", t, seconds);
        assertTrue(seconds < 2, "the drain did not wait for the long-lived streams: " + seconds + " s");
        Object w;
        while ((w = watch.poll(10, TimeUnit.SECONDS)) instanceof HealthCheckResponse.ServingStatus) {
            assertNotEquals(HealthCheckResponse.ServingStatus.SERVING, w, "NOT_SERVING while draining");
        }
        Status ws = status((Throwable) w);
        assertEquals(Status.Code.UNAVAILABLE, ws.getCode(), ws.toString());
        assertEquals(CallGuard.DRAINING, ws.getDescription());
        Status ss = status((Throwable) waiting.next());
        assertEquals(Status.Code.UNAVAILABLE, ss.getCode(), ss.toString());
        assertEquals(CallGuard.DRAINING, ss.getDescription());
        server = null; // stopped
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void linksInTheReplayFolderAreNotServedAndStaleTemporaryFilesGo(Transport t, @TempDir Path dir) throws Exception {
        Path replays = java.nio.file.Files.createDirectories(dir.resolve("replays"));
        ReplayStoreTest.shortMatch(3).write(replays.resolve("000001-kenta-vs-mira-3.kreplay"));
        java.nio.file.Files.createSymbolicLink(replays.resolve("000002-passwd.kreplay"), Path.of("/etc/passwd"));
        java.nio.file.Files.createSymbolicLink(replays.resolve("000003-etc.kreplay"), Path.of("/etc"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = java.nio.file.Files.write(replays.resolve(".000004-kenta-vs-mira-1.kreplay." + gone.pid() + ".1.tmp"), new byte[10]);
        start(t, replays);
        assertTrue(!java.nio.file.Files.exists(stale), "a killed writer's temporary file is removed at start");
        ArenaGrpc.ArenaBlockingStub stub = ArenaGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
        assertEquals(List.of("000001-kenta-vs-mira-3.kreplay"), stub.listReplays(io.kumite.proto.v1.ListReplaysRequest.getDefaultInstance())
                .getReplaysList().stream().map(io.kumite.proto.v1.ReplayEntry::getName).toList());
        for (String n : List.of("000002-passwd.kreplay", "000003-etc.kreplay")) {
            Status st = status(org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> stub.getReplay(GetReplayRequest.newBuilder().setName(n).build())));
            assertEquals(Status.Code.NOT_FOUND, st.getCode(), n + ": " + st);
        }
        assertStillServing();
    }
}
