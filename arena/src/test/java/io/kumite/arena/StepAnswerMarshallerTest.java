package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.kumite.proto.v1.StepResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepAnswerMarshallerTest {
    /** Results with every field filled at random: ids up to 2^64-1, negative infos, -0.0 and NaN rewards. */
    private static StepResults random(Random r, int arenas, int agents, StepResults.Transfer transfer, boolean states) {
        int n = arenas * agents;
        long[] ids = new long[arenas];
        for (int i = 0; i < arenas; i++) {
            ids[i] = i == 0 ? -1L : r.nextInt(3) == 0 ? r.nextLong() : 1 + r.nextInt(1000);
        }
        int obs = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(5000);
        byte[] observations = new byte[obs + r.nextInt(100)];
        r.nextBytes(observations);
        float[] rewards = new float[n];
        for (int i = 0; i < n; i++) {
            rewards[i] = i == 0 ? -0.0f : i == 1 ? Float.NaN : (float) r.nextGaussian();
        }
        boolean[] terminated = new boolean[n];
        boolean[] truncated = new boolean[n];
        int[] infos = new int[n * 14];
        for (int i = 0; i < n; i++) {
            terminated[i] = r.nextBoolean();
            truncated[i] = r.nextBoolean();
        }
        for (int i = 0; i < infos.length; i++) {
            infos[i] = r.nextInt(4) == 0 ? -r.nextInt(100_000) : r.nextInt(1 << r.nextInt(31));
        }
        float[] st = new float[states ? n * 9 : 0];
        for (int i = 0; i < st.length; i++) {
            st[i] = r.nextFloat();
        }
        int[] sizes = null;
        if (transfer == StepResults.Transfer.DELTA) {
            sizes = new int[n];
            for (int i = 0; i < n; i++) {
                sizes[i] = r.nextInt(8000);
            }
        }
        return new StepResults(ids, observations, rewards, terminated, truncated, infos, st, transfer, sizes, new int[] {obs});
    }

    @Test
    void writesTheBytesOfTheGeneratedMessage() throws Exception {
        Random r = new Random(11);
        int checked = 0;
        for (StepResults.Transfer t : StepResults.Transfer.values()) {
            for (boolean states : new boolean[] {false, true}) {
                for (int arenas : new int[] {1, 2, 33}) {
                    for (int agents = 1; agents <= 2; agents++) {
                        StepResults res = random(r, arenas, agents, t, states);
                        byte[] expected = generated(res).toByteArray();
                        assertArrayEquals(expected, StepAnswerMarshaller.toByteArray(res), t + " states " + states + " arenas " + arenas);
                        assertEquals(expected.length, StepAnswerMarshaller.size(res));
                        // As gRPC reads it: a known length, then drained into the transport's stream.
                        InputStream in = StepAnswerMarshaller.INSTANCE.stream(res);
                        assertEquals(expected.length, ((KnownLength) in).available());
                        ByteArrayOutputStream drained = new ByteArrayOutputStream();
                        assertEquals(expected.length, ((Drainable) in).drainTo(drained));
                        assertArrayEquals(expected, drained.toByteArray());
                        // Read byte by byte, as a transport without Drainable support would.
                        assertArrayEquals(expected, StepAnswerMarshaller.INSTANCE.stream(res).readAllBytes());
                        assertEquals(generated(res), StepResponse.parseFrom(drained.toByteArray()));
                        checked++;
                    }
                }
            }
        }
        assertEquals(36, checked);
    }

    /** The oracle: the same answer built with the generated message's builder. */
    private static StepResponse generated(StepResults r) {
        StepResponse.Builder b = StepResponse.newBuilder();
        for (long id : r.ids()) {
            b.addArenaIds(id);
        }
        b.setObservations(com.google.protobuf.ByteString.copyFrom(r.observations(), 0, r.observationBytes()[0]));
        b.setNewestFrameOnly(r.newestFrameOnly());
        if (r.observationSizes() != null) {
            for (int v : r.observationSizes()) {
                b.addObservationSizes(v);
            }
        }
        for (float v : r.rewards()) {
            b.addRewards(v);
        }
        for (boolean v : r.terminated()) {
            b.addTerminated(v);
        }
        for (boolean v : r.truncated()) {
            b.addTruncated(v);
        }
        for (int v : r.infos()) {
            b.addInfos(v);
        }
        for (float v : r.states()) {
            b.addStates(v);
        }
        return b.build();
    }
}
