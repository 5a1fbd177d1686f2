package io.kumite.policies.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.grpc.StatusRuntimeException;
import io.kumite.proto.v1.StepResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** StepAnswer against the generated parser, which is the oracle: the same fields from the same bytes. */
class StepAnswerTest {
    private static void assertSameAnswer(StepResponse expected, StepAnswer got) {
        assertArrayEquals(expected.getArenaIdsList().stream().mapToLong(Long::longValue).toArray(), got.arenaIds);
        assertArrayEquals(expected.getObservations().toByteArray(),
                Arrays.copyOfRange(got.data, got.observationsOffset, got.observationsOffset + got.observationsLength));
        assertEquals(expected.getRewardsCount(), got.rewards.length);
        for (int i = 0; i < got.rewards.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected.getRewards(i)), Float.floatToRawIntBits(got.rewards[i]), "reward " + i);
        }
        assertEquals(expected.getTerminatedList(), boxed(got.terminated));
        assertEquals(expected.getTruncatedList(), boxed(got.truncated));
        assertArrayEquals(expected.getInfosList().stream().mapToInt(Integer::intValue).toArray(), got.infos);
        assertEquals(expected.getStatesCount(), got.states.length);
        for (int i = 0; i < got.states.length; i++) {
            assertEquals(expected.getStates(i), got.states[i]);
        }
        assertEquals(expected.getNewestFrameOnly(), got.newestFrameOnly);
        assertArrayEquals(expected.getObservationSizesList().stream().mapToInt(Integer::intValue).toArray(), got.observationSizes);
    }

    private static java.util.List<Boolean> boxed(boolean[] a) {
        java.util.List<Boolean> l = new java.util.ArrayList<>();
        for (boolean b : a) {
            l.add(b);
        }
        return l;
    }

    private static StepResponse random(Random r) {
        StepResponse.Builder b = StepResponse.newBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.addArenaIds(i == 0 ? -1L : r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(1000));
            b.addRewards(i == 1 ? Float.NaN : i == 2 ? -0.0f : (float) r.nextGaussian());
            b.addTerminated(r.nextBoolean());
            b.addTruncated(r.nextBoolean());
            b.addObservationSizes(r.nextInt(9000));
            for (int f = 0; f < 12; f++) {
                b.addInfos(r.nextInt(4) == 0 ? -r.nextInt(100_000) : r.nextInt(1 << r.nextInt(31)));
            }
            if (r.nextBoolean()) {
                b.addStates(r.nextFloat());
            }
        }
        byte[] obs = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(20_000)];
        r.nextBytes(obs);
        return b.setObservations(ByteString.copyFrom(obs)).setNewestFrameOnly(r.nextBoolean()).build();
    }

    @Test
    void readsWhatTheGeneratedParserReads() throws Exception {
        Random r = new Random(4);
        for (int t = 0; t < 200; t++) {
            StepResponse m = random(r);
            byte[] bytes = m.toByteArray();
            assertSameAnswer(m, StepAnswer.parse(bytes, bytes.length));
            // As gRPC hands it over (a plain stream here, without a known length).
            assertSameAnswer(m, StepAnswer.marshaller().parse(new ByteArrayInputStream(bytes)));
        }
    }

    /** Unpacked elements, packed chunks that continue a field, fields out of order, unknown fields: all as protobuf reads them. */
    @Test
    void readsEveryEncodingProtobufAllows() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(buf);
        c.writeBool(StepResponse.NEWEST_FRAME_ONLY_FIELD_NUMBER, true);
        c.writeInt32(StepResponse.INFOS_FIELD_NUMBER, -7); // unpacked
        c.writeTag(StepResponse.INFOS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED); // then a packed chunk
        c.writeUInt32NoTag(CodedOutputStream.computeInt32SizeNoTag(5) + CodedOutputStream.computeInt32SizeNoTag(300));
        c.writeInt32NoTag(5);
        c.writeInt32NoTag(300);
        c.writeUInt64(99, 12345); // unknown varint field
        c.writeBytes(98, ByteString.copyFromUtf8("an unknown field")); // unknown length-delimited field
        c.writeFloat(StepResponse.REWARDS_FIELD_NUMBER, 1.5f); // unpacked fixed32
        c.writeFloat(StepResponse.REWARDS_FIELD_NUMBER, -2f);
        c.writeBytes(StepResponse.OBSERVATIONS_FIELD_NUMBER, ByteString.copyFrom(new byte[] {9, 8, 7}));
        c.writeUInt64(StepResponse.ARENA_IDS_FIELD_NUMBER, 42);
        c.writeBool(StepResponse.TERMINATED_FIELD_NUMBER, true);
        c.writeTag(StepResponse.TRUNCATED_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED); // empty packed
        c.writeUInt32NoTag(0);
        c.writeFixed64(97, 1L); // unknown fixed64
        c.flush();
        byte[] bytes = buf.toByteArray();
        StepResponse oracle = StepResponse.parseFrom(bytes);
        assertEquals(3, oracle.getInfosCount());
        StepAnswer a = StepAnswer.parse(bytes, bytes.length);
        assertSameAnswer(oracle, a);
        assertArrayEquals(new int[] {-7, 5, 300}, a.infos);
    }

    @Test
    void refusesWhatProtobufRefuses() throws Exception {
        StepResponse m = random(new Random(8)).toBuilder().setObservations(ByteString.copyFrom(new byte[500])).build();
        byte[] bytes = m.toByteArray();
        for (int cut : new int[] {1, 2, bytes.length / 2, bytes.length - 1}) {
            assertThrows(InvalidProtocolBufferException.class, () -> StepResponse.parseFrom(Arrays.copyOf(bytes, cut)), "oracle, cut at " + cut);
            assertThrows(InvalidProtocolBufferException.class, () -> StepAnswer.parse(Arrays.copyOf(bytes, cut), cut), "cut at " + cut);
        }
        // A packed field whose length runs past the message.
        byte[] overrun = {(byte) ((StepResponse.INFOS_FIELD_NUMBER << 3) | 2), 10, 1, 2};
        assertThrows(InvalidProtocolBufferException.class, () -> StepAnswer.parse(overrun, overrun.length));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> StepAnswer.marshaller().parse(new ByteArrayInputStream(overrun)));
        assertEquals(io.grpc.Status.Code.INTERNAL, e.getStatus().getCode());
    }
}
