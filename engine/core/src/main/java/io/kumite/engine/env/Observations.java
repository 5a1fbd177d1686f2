package io.kumite.engine.env;

import io.kumite.engine.render.Renderer;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.StateBuffer;

/**
 * One environment's observation pipeline, from the match state to the stacked observation: the
 * observation delay (a ring of past states), sampling every {@code stack_stride} frames into a ring
 * of {@code frame_stack} rendered frames, max-pooling a sample with the frame before it, and stacking
 * the ring into the observation (oldest first, or with interleave colour channel k of frame k).
 * {@link Env} drives it from its frame loop; {@link AgentPilot} uses the same sampling for a seat of
 * any match. Allocation-free after construction. Not thread-safe.
 */
final class Observations {
    private final EnvConfig cfg;
    private final Renderer renderer;
    private final int frameBytes;
    private final byte[][] samples;
    private int newest;
    /** The frame one before a sample, max-pooled into it (max_pool), else null. */
    private final byte[] previousFrame;
    private final StateBuffer[] history;
    private final MatchState delayed;
    private final int delay;

    /** A pipeline for {@code cfg} that renders with {@code renderer} and shows states {@code delay} frames old. */
    Observations(EnvConfig cfg, Renderer renderer, int delay) {
        this.cfg = cfg;
        this.renderer = renderer;
        this.frameBytes = renderer.frameBytes();
        this.samples = new byte[cfg.frameStack()][frameBytes];
        this.previousFrame = cfg.maxPool() ? new byte[frameBytes] : null;
        this.delay = delay;
        this.history = new StateBuffer[delay + 1];
        for (int i = 0; i < history.length; i++) {
            history[i] = new StateBuffer();
        }
        this.delayed = delay > 0 ? new MatchState() : null;
    }

    // ------------------------------------------------------------------ observation delay

    /** A match starts from {@code live}: every delayed state is it. */
    void startMatch(MatchState live) {
        for (StateBuffer b : history) {
            b.capture(live);
        }
    }

    /** Game frame {@code gameFrames} was simulated into {@code live}. */
    void recordFrame(MatchState live, int gameFrames) {
        if (history.length > 1) {
            history[gameFrames % history.length].capture(live);
        }
    }

    /** The state the agents see after game frame {@code gameFrames}: {@code live}, or the one {@code delay} frames before. */
    MatchState observed(MatchState live, int gameFrames) {
        if (delayed == null) {
            return live;
        }
        history[Math.floorMod(gameFrames - delay, history.length)].restoreInto(delayed);
        return delayed;
    }

    // ------------------------------------------------------------------ sampling

    /** An episode's first observation: the stack is filled with one sample of {@code seen}. */
    void fill(MatchState seen) {
        sample(seen, 7, true);
        for (int i = 0; i < samples.length; i++) {
            if (i != newest) {
                System.arraycopy(samples[newest], 0, samples[i], 0, frameBytes);
            }
        }
    }

    /**
     * After agent frame {@code agentFrames} of an ongoing episode (counted from its start): renders the
     * frame to max-pool with when the next one is a sample, and takes a sample every {@code
     * stack_stride} frames ({@code matchStart}: the first of a new ladder stage, not max-pooled).
     * Returns whether a sample was taken. What is rendered is {@link #observed}{@code (live, gameFrames)}.
     */
    boolean afterFrame(MatchState live, int gameFrames, int agentFrames, boolean matchStart) {
        int stride = cfg.stackStride();
        if (previousFrame != null && (agentFrames + 1) % stride == 0) {
            renderer.render(observed(live, gameFrames), previousFrame, 0, neededPlanes(agentFrames + 1, false, false));
        }
        if (agentFrames % stride == 0) {
            sample(observed(live, gameFrames), neededPlanes(agentFrames, matchStart, false), matchStart);
            return true;
        }
        return false;
    }

    /** An episode ended after agent frame {@code agentFrames} between samples: its last observation shows this frame. */
    void finalSample(MatchState seen, int agentFrames, boolean matchStart) {
        sample(seen, neededPlanes(agentFrames, matchStart, true), matchStart);
    }

    /** Renders {@code planes} of {@code seen} as the newest sample, max-pooled with the frame before unless {@code first}. */
    private void sample(MatchState seen, int planes, boolean first) {
        newest = (newest + 1) % samples.length;
        byte[] slot = samples[newest];
        renderer.render(seen, slot, 0, planes);
        if (previousFrame != null && !first) {
            for (int i = 0; i < frameBytes; i++) {
                int a = slot[i] & 0xFF;
                int b = previousFrame[i] & 0xFF;
                if (b > a) {
                    slot[i] = (byte) b;
                }
            }
        }
    }

    /**
     * Colour planes of the sample taken at agent frame {@code agentFrames} that any observation will
     * use: all of them, except with interleave, where stacked frame k only lends its channel k (a
     * sample taken now is frame k of the observation at the end of a later step when it is then 2 - k
     * strides old).
     */
    private int neededPlanes(int agentFrames, boolean first, boolean terminal) {
        if (!cfg.interleave() || first) {
            return 7;
        }
        if (terminal) {
            return 4; // the last observation of an episode shows it as the newest frame
        }
        int mask = 0;
        int stride = cfg.stackStride();
        int skip = cfg.frameSkip();
        for (int end = (agentFrames + skip - 1) / skip * skip; end - agentFrames <= 2 * stride; end += skip) {
            if ((end - agentFrames) % stride == 0) {
                mask |= 1 << (2 - (end - agentFrames) / stride);
            }
        }
        return mask;
    }

    // ------------------------------------------------------------------ stacking

    /** Writes the stacked observation into {@code obs[offset..]}: the frames oldest first, or with interleave colour channel k of frame k. */
    void write(byte[] obs, int offset) {
        int n = samples.length;
        if (cfg.interleave()) {
            int plane = frameBytes / 3;
            for (int c = 0; c < 3; c++) {
                byte[] sample = samples[(newest + 1 + c) % n];
                System.arraycopy(sample, c * plane, obs, offset + c * plane, plane);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(samples[(newest + 1 + i) % n], 0, obs, offset + i * frameBytes, frameBytes);
        }
    }

    /**
     * The frame of the stack {@code back} samples before the newest (0 = the newest), as the stacked
     * observation shows it. Not with interleave.
     */
    byte[] frame(int back) {
        int n = samples.length;
        if (back < 0 || back >= n) {
            throw new IllegalArgumentException("frame " + back + " back: the stack holds " + n);
        }
        return samples[(newest - back + n) % n];
    }
}
