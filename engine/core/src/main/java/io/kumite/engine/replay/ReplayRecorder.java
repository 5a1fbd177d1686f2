package io.kumite.engine.replay;

import io.kumite.engine.EngineVersion;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchState;
import java.util.Arrays;

/**
 * Records a match as it is played: call {@link #frame} after every simulated frame with the inputs
 * that produced it, then {@link #finish}. Amortised allocation-free (arrays grow by doubling).
 * Not thread-safe.
 */
public final class ReplayRecorder {
    public static final int DEFAULT_CHECKSUM_INTERVAL = 30;

    private final Replay.Header header;
    private int[] inputs = new int[4096];
    private long[] checksums = new long[256];
    private int frames;
    private int checks;
    private MatchState last;

    /** Policies and checkpoint hashes are free text (use "" when there is no checkpoint). */
    public ReplayRecorder(Roster roster, MatchConfig config, long seed, String p1Policy, String p1Checkpoint,
                          String p2Policy, String p2Checkpoint, int stickyPerMille, int observationDelay, int checksumInterval) {
        if (checksumInterval < 1) {
            throw new IllegalArgumentException("checksum interval must be at least 1 frame, got " + checksumInterval);
        }
        config.validate(roster);
        this.header = new Replay.Header(EngineVersion.NAME, EngineVersion.SIMULATION, roster.contentHash(),
                roster.get(config.p1Character()).name, roster.get(config.p2Character()).name, config, seed,
                p1Policy, p1Checkpoint, p2Policy, p2Checkpoint, stickyPerMille, observationDelay, checksumInterval);
    }

    /** For a plain match between two policies, with the default checksum interval. */
    public ReplayRecorder(Roster roster, MatchConfig config, long seed, String p1Policy, String p2Policy) {
        this(roster, config, seed, p1Policy, "", p2Policy, "", 0, 0, DEFAULT_CHECKSUM_INTERVAL);
    }

    /** Records one simulated frame: the inputs it was stepped with and the state after it. */
    public void frame(MatchState after, int input0, int input1) {
        if (frames == inputs.length) {
            inputs = Arrays.copyOf(inputs, frames * 2);
        }
        inputs[frames++] = (input0 & 0xFFFF) | (input1 << 16);
        last = after;
        if (frames % header.checksumInterval() == 0) {
            if (checks == checksums.length) {
                checksums = Arrays.copyOf(checksums, checks * 2);
            }
            checksums[checks++] = after.checksum();
        }
    }

    public int frames() {
        return frames;
    }

    /** The finished replay of everything recorded so far (the state after the last frame gives the result). */
    public Replay finish() {
        if (last == null) {
            throw new IllegalStateException("no frame was recorded");
        }
        Replay.Result result = new Replay.Result(last.winner, last.roundsWon[0], last.roundsWon[1], last.roundsPlayed,
                frames, last.checksum());
        return new Replay(header, Arrays.copyOf(inputs, frames), Arrays.copyOf(checksums, checks), result);
    }

    /** {@link #finish()} and write it atomically to {@code file}. */
    public Replay finishTo(java.nio.file.Path file) throws java.io.IOException {
        Replay r = finish();
        r.write(file);
        return r;
    }
}
