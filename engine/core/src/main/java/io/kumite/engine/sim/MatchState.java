package io.kumite.engine.sim;

import io.kumite.engine.Player;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The whole state of a match (GGPO's "game state"): everything that affects the future, the PRNG
 * included, and nothing else. {@link #copy()}, {@link #checksum()} and binary {@link #writeTo} /
 * {@link #readFrom} all walk the same field list ({@link #visit}). Restoring a copy and stepping it
 * gives bit-identical results. Mutable and not thread-safe: one thread steps a match at a time.
 */
public final class MatchState {
    /** Round or match result codes. */
    public static final int NO_RESULT = -1;
    public static final int P1_WINS = 0;
    public static final int P2_WINS = 1;
    public static final int DRAW = 2;

    /** How a round ended. */
    public static final int END_NONE = 0;
    public static final int END_KO = 1;
    public static final int END_TIME = 2;
    public static final int END_DOUBLE_KO = 3;

    private static final int STATE_MAGIC = 0x4B4D5354; // "KMST"
    /** Stateless, so one instance serves every thread. */
    private static final StateCodec ZERO = new StateCodec.Zero();

    // --- rules of this match (constant during the match) ---
    public int bestOf;
    public int roundCounts;
    // --- progress ---
    /** Frames simulated since the match started. */
    public int frame;
    /** Current round, 1-based. */
    public int round;
    public MatchPhase phase = MatchPhase.INTRO;
    public int phaseFrame;
    /** Frames left on the round timer. */
    public int timerFrames;
    public final int[] roundsWon = new int[2];
    /** Result code of each round played so far. */
    public final int[] roundResults = new int[Rules.MAX_BEST_OF];
    public int roundsPlayed;
    /** How the last round ended (END_*). */
    public int lastRoundEnd;
    /** Match result code once the phase is MATCH_OVER, else NO_RESULT. */
    public int winner = NO_RESULT;
    /** The simulation's PRNG (SplitMix64 state). */
    public long rng;
    public final FighterState[] fighters = {new FighterState(), new FighterState()};
    public final ProjectileState[] projectiles = {new ProjectileState(), new ProjectileState()};

    public FighterState fighter(Player p) {
        return fighters[p.index()];
    }

    public boolean isOver() {
        return phase == MatchPhase.MATCH_OVER;
    }

    /** The round timer as shown on screen: whole counts, rounded up. */
    public int timerCounts() {
        return (timerFrames + Rules.FRAMES_PER_COUNT - 1) / Rules.FRAMES_PER_COUNT;
    }

    public MatchConfig config() {
        return new MatchConfig(fighters[0].character, fighters[1].character, bestOf, roundCounts);
    }

    void visit(StateCodec c) {
        bestOf = c.io(bestOf);
        roundCounts = c.io(roundCounts);
        frame = c.io(frame);
        round = c.io(round);
        phase = MatchPhase.VALUES[FighterState.checkedOrdinal(c.io(phase.ordinal()), MatchPhase.VALUES.length, "match phase")];
        phaseFrame = c.io(phaseFrame);
        timerFrames = c.io(timerFrames);
        c.io(roundsWon);
        c.io(roundResults);
        roundsPlayed = c.io(roundsPlayed);
        lastRoundEnd = c.io(lastRoundEnd);
        winner = c.io(winner);
        rng = c.io(rng);
        for (FighterState f : fighters) {
            f.visit(c);
        }
        for (ProjectileState p : projectiles) {
            p.visit(c);
        }
    }

    /** Resets every field to the value a new {@code MatchState()} has. */
    public void clear() {
        visit(ZERO);
        winner = NO_RESULT;
        fighters[0].move = -1;
        fighters[1].move = -1;
    }

    /** A 64-bit hash of every field. Equal states have equal checksums on any JVM and OS. */
    public long checksum() {
        StateCodec.Hasher h = new StateCodec.Hasher();
        visit(h);
        return h.finish();
    }

    /** {@link #checksum()} as 16 lower-case hex digits. */
    public String checksumHex() {
        return String.format("%016x", checksum());
    }

    /** An independent deep copy. */
    public MatchState copy() {
        StateCodec.Recorder r = new StateCodec.Recorder();
        visit(r);
        r.rewind();
        MatchState m = new MatchState();
        m.visit(r);
        return m;
    }

    /**
     * Makes this state equal to {@code o}, field by field, without allocating (for bots that look
     * ahead with the simulator). Walks the same fields as {@link #visit}; a test compares the two.
     */
    public void copyFrom(MatchState o) {
        bestOf = o.bestOf;
        roundCounts = o.roundCounts;
        frame = o.frame;
        round = o.round;
        phase = o.phase;
        phaseFrame = o.phaseFrame;
        timerFrames = o.timerFrames;
        System.arraycopy(o.roundsWon, 0, roundsWon, 0, roundsWon.length);
        System.arraycopy(o.roundResults, 0, roundResults, 0, roundResults.length);
        roundsPlayed = o.roundsPlayed;
        lastRoundEnd = o.lastRoundEnd;
        winner = o.winner;
        rng = o.rng;
        for (int i = 0; i < 2; i++) {
            fighters[i].copyFrom(o.fighters[i]);
            projectiles[i].copyFrom(o.projectiles[i]);
        }
    }

    /** Writes the state in a versioned big-endian binary form. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(STATE_MAGIC);
        out.writeInt(io.kumite.engine.EngineVersion.SIMULATION);
        try {
            visit(new StateCodec.Writer(out));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads a state written by {@link #writeTo}; throws IOException on a wrong magic or version. */
    public static MatchState readFrom(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != STATE_MAGIC) {
            throw new IOException("not a Kumite match state (bad magic 0x" + Integer.toHexString(magic) + ")");
        }
        int version = in.readInt();
        if (version != io.kumite.engine.EngineVersion.SIMULATION) {
            throw new IOException("match state was written by simulation version " + version
                    + ", this engine reads version " + io.kumite.engine.EngineVersion.SIMULATION);
        }
        MatchState s = new MatchState();
        try {
            s.visit(new StateCodec.Reader(in));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        return s;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            writeTo(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static MatchState fromBytes(byte[] data) throws IOException {
        return readFrom(new DataInputStream(new ByteArrayInputStream(data)));
    }
}
