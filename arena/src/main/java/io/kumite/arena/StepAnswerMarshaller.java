package io.kumite.arena;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.kumite.proto.v1.StepResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes a batch's {@link StepResults} as the wire bytes of a {@link StepResponse}, straight
 * into gRPC's output buffers: the bytes the generated builder would give (field order, packed
 * repeated fields, proto3 defaults omitted; StepAnswerMarshallerTest compares them), without building
 * the message first. The builder grew every repeated list element by element and copied it again on
 * build, a share of the server's CPU on the StepStream path (docs/benchmarks.md). Reset, Step and StepStream answer
 * through it; clients see a plain StepResponse. Server side only: parsing is not supported.
 */
final class StepAnswerMarshaller implements MethodDescriptor.Marshaller<StepResults> {
    static final StepAnswerMarshaller INSTANCE = new StepAnswerMarshaller();

    private StepAnswerMarshaller() {}

    @Override
    public InputStream stream(StepResults r) {
        return new Encoded(r);
    }

    @Override
    public StepResults parse(InputStream stream) {
        throw new UnsupportedOperationException("step answers are written by the server and read as StepResponse");
    }

    /** The answer's bytes as one array (tests compare them with the generated message's). */
    static byte[] toByteArray(StepResults r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size(r));
        write(r, out);
        return out.toByteArray();
    }

    private static final int IDS = StepResponse.ARENA_IDS_FIELD_NUMBER;
    private static final int OBSERVATIONS = StepResponse.OBSERVATIONS_FIELD_NUMBER;
    private static final int REWARDS = StepResponse.REWARDS_FIELD_NUMBER;
    private static final int TERMINATED = StepResponse.TERMINATED_FIELD_NUMBER;
    private static final int TRUNCATED = StepResponse.TRUNCATED_FIELD_NUMBER;
    private static final int INFOS = StepResponse.INFOS_FIELD_NUMBER;
    private static final int STATES = StepResponse.STATES_FIELD_NUMBER;
    private static final int NEWEST_FRAME_ONLY = StepResponse.NEWEST_FRAME_ONLY_FIELD_NUMBER;
    private static final int SIZES = StepResponse.OBSERVATION_SIZES_FIELD_NUMBER;

    private static int idsBytes(long[] ids) {
        int n = 0;
        for (long v : ids) {
            n += CodedOutputStream.computeUInt64SizeNoTag(v);
        }
        return n;
    }

    private static int intsBytes(int[] values) {
        int n = 0;
        for (int v : values) {
            n += CodedOutputStream.computeInt32SizeNoTag(v);
        }
        return n;
    }

    /** A packed field's bytes: tag, length and {@code payload} bytes; none when empty. */
    private static int packed(int field, int count, int payload) {
        return count == 0 ? 0 : CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(payload) + payload;
    }

    static int size(StepResults r) {
        int obs = r.observationBytes()[0];
        int n = packed(IDS, r.ids().length, idsBytes(r.ids()));
        n += obs == 0 ? 0 : CodedOutputStream.computeTagSize(OBSERVATIONS) + CodedOutputStream.computeUInt32SizeNoTag(obs) + obs;
        n += packed(REWARDS, r.rewards().length, 4 * r.rewards().length);
        n += packed(TERMINATED, r.terminated().length, r.terminated().length);
        n += packed(TRUNCATED, r.truncated().length, r.truncated().length);
        n += packed(INFOS, r.infos().length, intsBytes(r.infos()));
        n += packed(STATES, r.states().length, 4 * r.states().length);
        n += r.newestFrameOnly() ? CodedOutputStream.computeBoolSize(NEWEST_FRAME_ONLY, true) : 0;
        int[] sizes = r.observationSizes();
        n += sizes == null ? 0 : packed(SIZES, sizes.length, intsBytes(sizes));
        return n;
    }

    private static void lengthDelimited(CodedOutputStream c, int field, int payload) throws IOException {
        c.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        c.writeUInt32NoTag(payload);
    }

    static void write(StepResults r, OutputStream target) throws IOException {
        CodedOutputStream c = CodedOutputStream.newInstance(target, 8192);
        if (r.ids().length > 0) {
            lengthDelimited(c, IDS, idsBytes(r.ids()));
            for (long v : r.ids()) {
                c.writeUInt64NoTag(v);
            }
        }
        int obs = r.observationBytes()[0];
        if (obs > 0) {
            lengthDelimited(c, OBSERVATIONS, obs);
            c.write(r.observations(), 0, obs);
        }
        if (r.rewards().length > 0) {
            lengthDelimited(c, REWARDS, 4 * r.rewards().length);
            for (float v : r.rewards()) {
                c.writeFloatNoTag(v);
            }
        }
        writeBools(c, TERMINATED, r.terminated());
        writeBools(c, TRUNCATED, r.truncated());
        writeInts(c, INFOS, r.infos());
        if (r.states().length > 0) {
            lengthDelimited(c, STATES, 4 * r.states().length);
            for (float v : r.states()) {
                c.writeFloatNoTag(v);
            }
        }
        if (r.newestFrameOnly()) {
            c.writeBool(NEWEST_FRAME_ONLY, true);
        }
        if (r.observationSizes() != null) {
            writeInts(c, SIZES, r.observationSizes());
        }
        c.flush();
    }

    private static void writeBools(CodedOutputStream c, int field, boolean[] values) throws IOException {
        if (values.length > 0) {
            lengthDelimited(c, field, values.length);
            for (boolean v : values) {
                c.writeBoolNoTag(v);
            }
        }
    }

    private static void writeInts(CodedOutputStream c, int field, int[] values) throws IOException {
        if (values.length > 0) {
            lengthDelimited(c, field, intsBytes(values));
            for (int v : values) {
                c.writeInt32NoTag(v);
            }
        }
    }

    /** The stream gRPC asks for: it knows its length and drains itself into the transport's buffers. */
    private static final class Encoded extends InputStream implements Drainable, KnownLength {
        private StepResults results;
        private final int size;
        private InputStream rest; // only when read byte by byte (not by the Netty or in-process transports)

        Encoded(StepResults r) {
            this.results = r;
            this.size = size(r);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            if (results == null) {
                throw new IllegalStateException("already drained");
            }
            write(results, target);
            results = null;
            return size;
        }

        @Override
        public int available() throws IOException {
            return results != null ? size : (rest == null ? 0 : rest.available());
        }

        @Override
        public int read() throws IOException {
            return bytes().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return bytes().read(b, off, len);
        }

        private InputStream bytes() throws IOException {
            if (rest == null) {
                if (results == null) {
                    throw new IllegalStateException("already drained");
                }
                rest = new java.io.ByteArrayInputStream(toByteArray(results));
                results = null;
            }
            return rest;
        }
    }
}
