package io.kumite.engine.env;

import java.util.Arrays;

/**
 * The {@code FRAME_DELTA} observation transfer of the arena API: one agent's newest frame coded
 * against the previous frame the same arena sent that agent. Most of a frame is the still stage
 * (about 10% of an 84×84 frame's pixels change per agent step), so a step's observation shrinks from
 * 7 KB to about 1.4 KB.
 *
 * <p>Format: a first byte {@link #KEYFRAME} followed by the whole frame, or {@link #DELTA} followed by
 * runs of {@code skip} (unsigned LEB128 varint: bytes unchanged), {@code count} (varint) and
 * {@code count} new bytes, until the last changed byte (the rest is unchanged). The encoder falls back
 * to a keyframe when the delta would be longer. Both sides keep the reference frame: the encoder
 * updates it as it codes, the decoder applies the delta onto it in place.
 */
public final class FrameDelta {
    public static final byte KEYFRAME = 0;
    public static final byte DELTA = 1;

    private FrameDelta() {}

    /** The most bytes {@link #encode} writes for a frame of {@code frameBytes}. */
    public static int maxEncodedBytes(int frameBytes) {
        return 1 + frameBytes;
    }

    /**
     * Codes {@code cur[curOff .. curOff + len)} against {@code ref[refOff ..]} (a keyframe when
     * {@code keyframe}), writes it at {@code out[outOff ..]}, copies the frame into {@code ref}, and
     * returns the bytes written.
     */
    public static int encode(byte[] cur, int curOff, byte[] ref, int refOff, int len, boolean keyframe, byte[] out, int outOff) {
        int w = keyframe ? -1 : encodeDelta(cur, curOff, ref, refOff, len, out, outOff);
        if (w < 0) {
            out[outOff] = KEYFRAME;
            System.arraycopy(cur, curOff, out, outOff + 1, len);
            w = 1 + len;
        }
        System.arraycopy(cur, curOff, ref, refOff, len);
        return w;
    }

    /** The delta, or -1 when it would not be shorter than a keyframe. */
    private static int encodeDelta(byte[] cur, int curOff, byte[] ref, int refOff, int len, byte[] out, int outOff) {
        int limit = outOff + 1 + len; // a delta this long is no better than the keyframe
        int w = outOff;
        out[w++] = DELTA;
        int i = 0;
        while (i < len) {
            int m = Arrays.mismatch(cur, curOff + i, curOff + len, ref, refOff + i, refOff + len);
            if (m < 0) {
                break; // the rest is unchanged
            }
            int start = i + m;
            // Extend the changed run; an unchanged gap shorter than 3 bytes costs less as literals than as a new run.
            int end = start + 1;
            while (end < len) {
                if (cur[curOff + end] != ref[refOff + end]) {
                    end++;
                } else if (end + 2 < len && cur[curOff + end + 1] == ref[refOff + end + 1] && cur[curOff + end + 2] == ref[refOff + end + 2]) {
                    break;
                } else if (end + 2 >= len) {
                    break;
                } else {
                    end++;
                }
            }
            int count = end - start;
            if (w + 10 + count > limit) {
                return -1;
            }
            w = putVarint(out, w, start - i);
            w = putVarint(out, w, count);
            System.arraycopy(cur, curOff + start, out, w, count);
            w += count;
            i = end;
        }
        return w - outOff;
    }

    /**
     * Applies one coded frame from {@code in[inOff .. inOff + inLen)} onto {@code frame[frameOff ..
     * frameOff + len)}, which holds the reference frame and receives the new one.
     */
    public static void decode(byte[] in, int inOff, int inLen, byte[] frame, int frameOff, int len) {
        int end = inOff + inLen;
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
        int r = inOff + 1;
        int pos = 0;
        while (r < end) {
            long skip = 0;
            int shift = 0;
            byte b;
            do {
                b = in[r++];
                skip |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0 && r < end);
            long count = 0;
            shift = 0;
            do {
                b = in[r++];
                count |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0 && r < end);
            pos += (int) skip;
            if (pos + count > len || r + count > end) {
                throw new IllegalArgumentException("delta run at byte " + pos + " (" + count + " bytes) overruns the frame of " + len);
            }
            System.arraycopy(in, r, frame, frameOff + pos, (int) count);
            r += (int) count;
            pos += (int) count;
        }
    }

    private static int putVarint(byte[] out, int w, int v) {
        while ((v & ~0x7f) != 0) {
            out[w++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[w++] = (byte) v;
        return w;
    }
}
