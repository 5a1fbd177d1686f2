package io.kumite.engine.env;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code FRAME_DELTA} observation transfer of the arena API: one agent's newest frame coded
 * against the previous frame the same arena sent that agent. Most of a frame is the still stage
 * (about 10% of an 84×84 frame's pixels, in about a third of its 8-byte words, change per agent
 * step), so a step's observation shrinks from 7 KB to about 2.5 KB.
 *
 * <p>Format: a first byte {@link #KEYFRAME} followed by the whole frame; or {@link #DELTA} alone (the
 * frame did not change); or {@link #DELTA}, a bit mask over the frame's 8-byte words ({@code
 * ceil(words / 8)} bytes, bit {@code k % 8} of byte {@code k / 8} set when word {@code k} changed;
 * {@code words = ceil(frameBytes / 8)}), then the changed words' new bytes in order (8 each; the last
 * word has {@code frameBytes - 8 * (words - 1)}). The encoder falls back to a keyframe when the delta
 * would be longer. The reference is the frame the receiver holds: the decoder applies the delta onto
 * it in place; the encoder only reads it (an arena server codes against the previous frame of the
 * arena's own stack, which is the frame it sent last and is still in the cache). Whole words rather
 * than byte runs: coding a frame is one pass of 8-byte compares (byte runs came out smaller but took
 * about four times as long: docs/api.md), and on a server that steps and codes on the same cores the
 * time matters more than the bytes. Both sides work in 64-byte blocks (one mask byte): the encoder in unrolled 8-word steps, the
 * decoder skipping unchanged blocks and copying wholly changed ones at once.
 */
public final class FrameDelta {
    public static final byte KEYFRAME = 0;
    public static final byte DELTA = 1;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private FrameDelta() {}

    /** The most bytes {@link #encode} writes for a frame of {@code frameBytes}. */
    public static int maxEncodedBytes(int frameBytes) {
        return 1 + frameBytes;
    }

    /**
     * Codes {@code cur[curOff .. curOff + len)} against {@code ref[refOff .. refOff + len)}, the frame
     * the receiver holds (a keyframe when {@code keyframe}: the receiver holds none), writes it at
     * {@code out[outOff ..]} and returns the bytes written. {@code ref} is only read.
     */
    public static int encode(byte[] cur, int curOff, byte[] ref, int refOff, int len, boolean keyframe, byte[] out, int outOff) {
        int w = keyframe ? -1 : encodeDelta(cur, curOff, ref, refOff, len, out, outOff);
        if (w < 0) {
            out[outOff] = KEYFRAME;
            System.arraycopy(cur, curOff, out, outOff + 1, len);
            w = 1 + len;
        }
        return w;
    }

    /** The delta, or -1 when it would not be shorter than a keyframe. */
    private static int encodeDelta(byte[] cur, int curOff, byte[] ref, int refOff, int len, byte[] out, int outOff) {
        int words = (len + 7) >>> 3;
        int full = len >>> 3;
        int maskAt = outOff + 1;
        int limit = outOff + 1 + len; // a delta this long is no better than the keyframe
        int w = maskAt + ((words + 7) >>> 3);
        if (w >= limit) {
            return -1; // a frame of a few bytes: the mask alone is as long
        }
        out[outOff] = DELTA;
        int any = 0;
        int k = 0;
        // Whole 64-byte blocks (one mask byte each) while a whole block's words fit before the limit:
        // a fixed 8-word inner loop that the JIT unrolls, faster than testing every word for the end
        // of the frame and the limit (docs/benchmarks.md: the 64-byte blocks).
        for (; k + 8 <= full && w + 64 < limit; k += 8) {
            int c0 = curOff + (k << 3);
            int r0 = refOff + (k << 3);
            int mask = 0;
            for (int j = 0; j < 8; j++) {
                long c = (long) LONGS.get(cur, c0 + (j << 3));
                if (c != (long) LONGS.get(ref, r0 + (j << 3))) {
                    LONGS.set(out, w, c);
                    w += 8;
                    mask |= 1 << j;
                }
            }
            out[maskAt + (k >>> 3)] = (byte) mask;
            any |= mask;
        }
        // The rest word by word (k is at a block's start): near the limit, and the last, partial word.
        int mask = 0;
        for (; k < words; k++) {
            int at = k << 3;
            if (k < full) {
                long c = (long) LONGS.get(cur, curOff + at);
                if (c != (long) LONGS.get(ref, refOff + at)) {
                    if (w + 8 >= limit) {
                        return -1;
                    }
                    LONGS.set(out, w, c);
                    w += 8;
                    mask |= 1 << (k & 7);
                }
            } else if (!Arrays.equals(cur, curOff + at, curOff + len, ref, refOff + at, refOff + len)) {
                int n = len - at; // the last, partial word
                if (w + n >= limit) {
                    return -1;
                }
                System.arraycopy(cur, curOff + at, out, w, n);
                w += n;
                mask |= 1 << (k & 7);
            }
            if ((k & 7) == 7 || k == words - 1) {
                out[maskAt + (k >>> 3)] = (byte) mask;
                any |= mask;
                mask = 0;
            }
        }
        return any != 0 ? w - outOff : 1;
    }

    /**
     * Applies one coded frame from {@code in[inOff .. inOff + inLen)} onto {@code frame[frameOff ..
     * frameOff + len)}, which holds the reference frame and receives the new one.
     */
    public static void decode(byte[] in, int inOff, int inLen, byte[] frame, int frameOff, int len) {
        if (inLen < 1) {
            throw new IllegalArgumentException("empty coded frame");
        }
        byte kind = in[inOff];
        if (kind == KEYFRAME) {
            if (inLen != 1 + len) {
                throw new IllegalArgumentException("keyframe of " + (inLen - 1) + " bytes for a frame of " + len);
            }
            System.arraycopy(in, inOff + 1, frame, frameOff, len);
            return;
        }
        if (kind != DELTA) {
            throw new IllegalArgumentException("coded frame starts with " + kind + ", expected 0 (keyframe) or 1 (delta)");
        }
        if (inLen == 1) {
            return; // unchanged
        }
        int words = (len + 7) >>> 3;
        int maskBytes = (words + 7) >>> 3;
        if (inLen < 1 + maskBytes) {
            throw new IllegalArgumentException("delta of " + inLen + " bytes is shorter than its " + maskBytes + "-byte word mask");
        }
        if (frameOff < 0 || frameOff + len > frame.length) {
            throw new IllegalArgumentException("a frame of " + len + " bytes at " + frameOff + " does not fit an array of " + frame.length);
        }
        if (inOff + inLen > in.length) {
            throw new IllegalArgumentException("a coded frame of " + inLen + " bytes at " + inOff + " overruns an array of " + in.length);
        }
        int end = inOff + inLen;
        int r = inOff + 1 + maskBytes;
        int full = len >>> 3;
        for (int b = 0; b < maskBytes; b++) {
            int m = in[inOff + 1 + b] & 0xff;
            if (m == 0) {
                continue; // the usual case: 8 unchanged words
            }
            int block = frameOff + (b << 6);
            if (m == 0xff && (b << 3) + 8 <= full) {
                if (r + 64 > end) {
                    throw new IllegalArgumentException("delta words " + (b << 3) + ".." + ((b << 3) + 7) + " overrun the coded frame of " + inLen + " bytes");
                }
                System.arraycopy(in, r, frame, block, 64);
                r += 64;
                continue;
            }
            while (m != 0) {
                int j = Integer.numberOfTrailingZeros(m);
                m &= m - 1;
                int k = (b << 3) + j;
                if (k >= words) {
                    throw new IllegalArgumentException("delta marks word " + k + " of a frame of " + words + " words");
                }
                int n = k < full ? 8 : len - (k << 3);
                if (r + n > end) {
                    throw new IllegalArgumentException("delta word " + k + " overruns the coded frame of " + inLen + " bytes");
                }
                if (n == 8) {
                    LONGS.set(frame, block + (j << 3), (long) LONGS.get(in, r));
                } else {
                    System.arraycopy(in, r, frame, block + (j << 3), n);
                }
                r += n;
            }
        }
        if (r != end) {
            throw new IllegalArgumentException("delta has " + (end - r) + " bytes after its last changed word");
        }
    }
}
