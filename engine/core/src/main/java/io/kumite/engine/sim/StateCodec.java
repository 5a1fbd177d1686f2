package io.kumite.engine.sim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One visitor for every state field, so writing, reading and checksumming can never disagree on
 * the field list: each state class has a single {@code visit(StateCodec)} that does
 * {@code x = c.io(x);} for every field, in a fixed order.
 */
public abstract class StateCodec {
    public abstract int io(int v);

    public abstract long io(long v);

    public boolean io(boolean v) {
        return io(v ? 1 : 0) != 0;
    }

    public void io(int[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = io(a[i]);
        }
    }

    /** Folds every field into a 64-bit hash; no allocation. */
    static final class Hasher extends StateCodec {
        long h = 0x243F6A8885A308D3L;

        @Override
        public int io(int v) {
            h = Long.rotateLeft((h ^ v) * 0x9E3779B97F4A7C15L, 29);
            return v;
        }

        @Override
        public long io(long v) {
            io((int) v);
            io((int) (v >>> 32));
            return v;
        }

        long finish() {
            long z = h;
            z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
            z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
            return z ^ (z >>> 33);
        }
    }

    static final class Writer extends StateCodec {
        private final DataOutput out;

        Writer(DataOutput out) {
            this.out = out;
        }

        @Override
        public int io(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return v;
        }

        @Override
        public long io(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return v;
        }
    }

    static final class Reader extends StateCodec {
        private final DataInput in;

        Reader(DataInput in) {
            this.in = in;
        }

        @Override
        public int io(int ignored) {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long io(long ignored) {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Sets every field to zero (then {@link MatchState#clear()} restores the non-zero defaults). */
    static final class Zero extends StateCodec {
        @Override
        public int io(int v) {
            return 0;
        }

        @Override
        public long io(long v) {
            return 0;
        }
    }

    /** Copies field by field from a source visited in lockstep (used by {@code copy()}). */
    static final class Recorder extends StateCodec {
        int[] ints = new int[256];
        long[] longs = new long[8];
        int ni;
        int nl;
        boolean replaying;

        @Override
        public int io(int v) {
            if (replaying) {
                return ints[ni++];
            }
            if (ni == ints.length) {
                ints = java.util.Arrays.copyOf(ints, ni * 2);
            }
            ints[ni++] = v;
            return v;
        }

        @Override
        public long io(long v) {
            if (replaying) {
                return longs[nl++];
            }
            if (nl == longs.length) {
                longs = java.util.Arrays.copyOf(longs, nl * 2);
            }
            longs[nl++] = v;
            return v;
        }

        void rewind() {
            replaying = true;
            ni = 0;
            nl = 0;
        }
    }
}
