package io.kumite.engine.env;

/**
 * The arena API's newest-frame transfers ({@code NEWEST_FRAME} and {@code FRAME_DELTA}) in one place:
 * which configurations may use them, what the server sends (the encode half) and how a client turns
 * it back into the stacked observation (the apply half). An arena server and every client follow the
 * same three rules, and they are only written here:
 *
 * <ol>
 *   <li>Eligibility ({@link #newestFrameAllowed}): a stack of two frames or more that moves by exactly
 *       one frame per agent step ({@code stack_stride == frame_skip}), not interleaved. Otherwise a
 *       step's observation is not "the previous one shifted plus one frame" and only {@code FULL}
 *       observations travel. The server reports the answer in {@code CreateArenasResponse
 *       .newest_frame_allowed}, so clients in other languages read it instead of re-deriving it.
 *   <li>Episode starts ({@link #freshStack}): when {@code info episode_frames} is 0 (or right after a
 *       reset) the whole stack is the new frame repeated; the client fills the stack with it and the
 *       server codes a keyframe, since the frame below the newest is not what the client holds.
 *   <li>Delta reference: a {@code FRAME_DELTA} frame is coded against the newest frame of the previous
 *       answer, which is the client's last stack frame before the shift; {@link FrameDelta} is the
 *       byte format.
 * </ol>
 *
 * <p>Stacks are laid out oldest frame first, {@code depth} frames of {@code frameBytes} each, as in
 * {@link Env}'s observations.
 */
public final class FrameStackCodec {
    private FrameStackCodec() {}

    /** Whether arenas of {@code c} honour {@code NEWEST_FRAME} and {@code FRAME_DELTA} (else {@code FULL} is sent). */
    public static boolean newestFrameAllowed(EnvConfig c) {
        return c.frameStack() >= 2 && c.stackStride() == c.frameSkip() && !c.interleave();
    }

    /** The bytes of one frame of an observation of {@code c} that takes {@code observationBytes}. */
    public static int frameBytes(EnvConfig c, int observationBytes) {
        return observationBytes / (c.interleave() ? 1 : c.frameStack());
    }

    /**
     * Whether an agent's stack starts afresh with this answer: right after a reset, or where its
     * {@code info} says the episode has just begun.
     */
    public static boolean freshStack(boolean afterReset, int[] infos, int slot) {
        return afterReset || Info.firstOfEpisode(infos, slot);
    }

    // ------------------------------------------------------------------ encode half (server)

    /** The most bytes {@link #encode} writes for a frame of {@code frameBytes}. */
    public static int maxEncodedBytes(int frameBytes) {
        return FrameDelta.maxEncodedBytes(frameBytes);
    }

    /**
     * Codes one agent's {@code newest} frame for a {@code FRAME_DELTA} answer, against {@code previous}
     * (the newest frame of the arena's previous answer), writing it at {@code out[outOff ..]}; returns
     * the bytes written. A keyframe when the client holds no usable reference: {@code referenceSent} is
     * false (the arena's first answer in this mode) or the agent's episode has just begun.
     */
    public static int encode(byte[] newest, byte[] previous, int frameBytes, boolean referenceSent, int[] infos, int slot,
            byte[] out, int outOff) {
        boolean keyframe = !referenceSent || Info.firstOfEpisode(infos, slot);
        return FrameDelta.encode(newest, 0, previous, 0, frameBytes, keyframe, out, outOff);
    }

    // ------------------------------------------------------------------ apply half (client)

    /**
     * {@code NEWEST_FRAME}: pushes {@code frame[frameOff ..]} onto the stack at {@code stack[base ..]}:
     * the stack shifts down one frame and takes it as its newest, or, when {@code fresh}, every frame
     * of the stack becomes it.
     */
    public static void push(byte[] stack, int base, int depth, int frameBytes, byte[] frame, int frameOff, boolean fresh) {
        if (fresh) {
            for (int f = 0; f < depth; f++) {
                System.arraycopy(frame, frameOff, stack, base + f * frameBytes, frameBytes);
            }
        } else {
            System.arraycopy(stack, base + frameBytes, stack, base, (depth - 1) * frameBytes);
            System.arraycopy(frame, frameOff, stack, base + (depth - 1) * frameBytes, frameBytes);
        }
    }

    /**
     * {@code FRAME_DELTA}: applies one coded frame ({@code in[inOff .. inOff + inLen)}) to the stack at
     * {@code stack[base ..]}. The stack's newest frame is the delta's reference: the stack shifts down
     * one frame, which leaves that reference in place as the newest, and the delta is applied onto it;
     * when {@code fresh} (a keyframe follows an episode start) the decoded frame then fills the stack.
     */
    public static void apply(byte[] stack, int base, int depth, int frameBytes, byte[] in, int inOff, int inLen, boolean fresh) {
        int newest = base + (depth - 1) * frameBytes;
        if (!fresh) {
            System.arraycopy(stack, base + frameBytes, stack, base, (depth - 1) * frameBytes);
        }
        FrameDelta.decode(in, inOff, inLen, stack, newest, frameBytes);
        if (fresh) {
            for (int f = 0; f < depth - 1; f++) {
                System.arraycopy(stack, newest, stack, base + f * frameBytes, frameBytes);
            }
        }
    }
}
