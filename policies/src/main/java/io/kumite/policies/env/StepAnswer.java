package io.kumite.policies.env;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.kumite.proto.v1.ArenaGrpc;
import io.kumite.proto.v1.ResetRequest;
import io.kumite.proto.v1.StepRequest;
import io.kumite.proto.v1.StepResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A {@link StepResponse} read from the wire straight into plain arrays, for the clients that unpack
 * every step's answer ({@link RemoteVecEnv}, {@code kumite bench grpc}). The generated parser copied
 * the message into a buffer, the observations again into a ByteString and the repeated fields into
 * lists, and the clients then copied the observations a third time: here the message's bytes are read
 * once and the observations stay where they are ({@link #data}, from {@link #observationsOffset}).
 * Reads what the generated parser reads: fields in any order, packed or not, unknown fields skipped.
 * Immutable once parsed; the arrays are exposed for speed and must not be changed.
 */
public final class StepAnswer {
    /** StepStream with answers read as StepAnswer (requests as usual). */
    public static final MethodDescriptor<StepRequest, StepAnswer> STEP_STREAM = ArenaGrpc.getStepStreamMethod()
            .toBuilder(ProtoUtils.marshaller(StepRequest.getDefaultInstance()), marshaller()).build();
    /** Reset with its answer read as StepAnswer. */
    public static final MethodDescriptor<ResetRequest, StepAnswer> RESET = ArenaGrpc.getResetMethod()
            .toBuilder(ProtoUtils.marshaller(ResetRequest.getDefaultInstance()), marshaller()).build();

    public final long[] arenaIds;
    /** The message's bytes; the observations are {@code data[observationsOffset .. + observationsLength)}. */
    public final byte[] data;
    public final int observationsOffset;
    public final int observationsLength;
    public final float[] rewards;
    public final boolean[] terminated;
    public final boolean[] truncated;
    public final int[] infos;
    public final float[] states;
    public final boolean newestFrameOnly;
    /** FRAME_DELTA: each agent's coded frame length; empty otherwise. */
    public final int[] observationSizes;

    private StepAnswer(Reader r) {
        this.arenaIds = Arrays.copyOf(r.ids, r.idCount);
        this.data = r.data;
        this.observationsOffset = r.obsOffset;
        this.observationsLength = r.obsLength;
        this.rewards = Arrays.copyOf(r.rewards, r.rewardCount);
        this.terminated = Arrays.copyOf(r.terminated, r.terminatedCount);
        this.truncated = Arrays.copyOf(r.truncated, r.truncatedCount);
        this.infos = Arrays.copyOf(r.infos, r.infoCount);
        this.states = Arrays.copyOf(r.states, r.stateCount);
        this.newestFrameOnly = r.newestFrameOnly;
        this.observationSizes = Arrays.copyOf(r.sizes, r.sizeCount);
    }

    /** Parses the StepResponse in {@code data[0 .. length)}; the answer keeps {@code data}. */
    public static StepAnswer parse(byte[] data, int length) throws InvalidProtocolBufferException {
        try {
            return new StepAnswer(new Reader(data, length).read());
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    /** Reads answers from gRPC's stream: one copy of the message's bytes, then {@link #parse}. Client side only. */
    static MethodDescriptor.Marshaller<StepAnswer> marshaller() {
        return new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(StepAnswer value) {
                throw new UnsupportedOperationException("step answers are read by clients, not sent");
            }

            @Override
            public StepAnswer parse(InputStream stream) {
                try {
                    byte[] bytes;
                    if (stream instanceof KnownLength) {
                        // Straight into one array of the message's size (readNBytes(n) would gather 8-KB chunks and copy them again).
                        bytes = new byte[stream.available()];
                        if (stream.readNBytes(bytes, 0, bytes.length) != bytes.length || stream.read() != -1) {
                            throw new IOException("the message's length differs from what the stream said");
                        }
                    } else {
                        bytes = stream.readAllBytes();
                    }
                    return StepAnswer.parse(bytes, bytes.length);
                } catch (IOException e) {
                    throw Status.INTERNAL.withDescription("unreadable StepResponse: " + e.getMessage()).withCause(e).asRuntimeException();
                }
            }
        };
    }

    /** The fields as they are read; each repeated field grows as elements come (packed chunks or single elements). */
    private static final class Reader {
        final byte[] data;
        final CodedInputStream in;
        long[] ids = new long[0];
        int idCount;
        int obsOffset;
        int obsLength;
        float[] rewards = new float[0];
        int rewardCount;
        boolean[] terminated = new boolean[0];
        int terminatedCount;
        boolean[] truncated = new boolean[0];
        int truncatedCount;
        int[] infos = new int[0];
        int infoCount;
        float[] states = new float[0];
        int stateCount;
        boolean newestFrameOnly;
        int[] sizes = new int[0];
        int sizeCount;

        Reader(byte[] data, int length) {
            this.data = data;
            this.in = CodedInputStream.newInstance(data, 0, length);
        }

        Reader read() throws IOException {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int type = WireFormat.getTagWireType(tag);
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case StepResponse.ARENA_IDS_FIELD_NUMBER -> repeated(tag, WireFormat.WIRETYPE_VARINT, () -> {
                        ids = room(ids, idCount);
                        ids[idCount++] = in.readUInt64();
                    });
                    case StepResponse.OBSERVATIONS_FIELD_NUMBER -> {
                        if (type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            obsLength = in.readRawVarint32();
                            obsOffset = in.getTotalBytesRead();
                            in.skipRawBytes(obsLength); // checks the length against the message's
                        } else {
                            in.skipField(tag);
                        }
                    }
                    case StepResponse.REWARDS_FIELD_NUMBER -> repeated(tag, WireFormat.WIRETYPE_FIXED32, () -> {
                        rewards = room(rewards, rewardCount);
                        rewards[rewardCount++] = in.readFloat();
                    });
                    case StepResponse.TERMINATED_FIELD_NUMBER -> repeated(tag, WireFormat.WIRETYPE_VARINT, () -> {
                        terminated = room(terminated, terminatedCount);
                        terminated[terminatedCount++] = in.readBool();
                    });
                    case StepResponse.TRUNCATED_FIELD_NUMBER -> repeated(tag, WireFormat.WIRETYPE_VARINT, () -> {
                        truncated = room(truncated, truncatedCount);
                        truncated[truncatedCount++] = in.readBool();
                    });
                    case StepResponse.INFOS_FIELD_NUMBER -> repeated(tag, WireFormat.WIRETYPE_VARINT, () -> {
                        infos = room(infos, infoCount);
                        infos[infoCount++] = in.readInt32();
                    });
                    case StepResponse.STATES_FIELD_NUMBER -> repeated(tag, WireFormat.WIRETYPE_FIXED32, () -> {
                        states = room(states, stateCount);
                        states[stateCount++] = in.readFloat();
                    });
                    case StepResponse.NEWEST_FRAME_ONLY_FIELD_NUMBER -> {
                        if (type == WireFormat.WIRETYPE_VARINT) {
                            newestFrameOnly = in.readBool();
                        } else {
                            in.skipField(tag);
                        }
                    }
                    case StepResponse.OBSERVATION_SIZES_FIELD_NUMBER -> repeated(tag, WireFormat.WIRETYPE_VARINT, () -> {
                        sizes = room(sizes, sizeCount);
                        sizes[sizeCount++] = in.readInt32();
                    });
                    default -> in.skipField(tag);
                }
            }
            return this;
        }

        private interface Element {
            void read() throws IOException;
        }

        /** A repeated scalar field: packed (any number of elements under one length) or one element; another wire type is skipped. */
        private void repeated(int tag, int elementType, Element element) throws IOException {
            int type = WireFormat.getTagWireType(tag);
            if (type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32()); // throws if longer than the message
                while (!in.isAtEnd()) {
                    element.read();
                }
                in.popLimit(limit);
            } else if (type == elementType) {
                element.read();
            } else {
                in.skipField(tag);
            }
        }

        private static long[] room(long[] a, int n) {
            return n < a.length ? a : Arrays.copyOf(a, Math.max(16, 2 * a.length));
        }

        private static float[] room(float[] a, int n) {
            return n < a.length ? a : Arrays.copyOf(a, Math.max(16, 2 * a.length));
        }

        private static boolean[] room(boolean[] a, int n) {
            return n < a.length ? a : Arrays.copyOf(a, Math.max(16, 2 * a.length));
        }

        private static int[] room(int[] a, int n) {
            return n < a.length ? a : Arrays.copyOf(a, Math.max(16, 2 * a.length));
        }
    }
}
