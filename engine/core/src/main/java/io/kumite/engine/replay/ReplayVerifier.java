package io.kumite.engine.replay;

import io.kumite.engine.EngineVersion;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;

/**
 * Re-simulates a replay and compares every stored checksum, then the final checksum and result. A
 * replay from another simulation version or other character data is refused before re-simulating,
 * since it could not match.
 */
public final class ReplayVerifier {
    private ReplayVerifier() {}

    /** The outcome: ok, or the first problem (for a desync, the first checkpoint frame that differs). */
    public record Outcome(boolean ok, String message, int firstBadFrame, int framesChecked) {}

    /** Checks that this engine can re-simulate the replay; returns null if so, else why not. */
    public static String compatibility(Replay replay, Roster roster) {
        Replay.Header h = replay.header();
        if (h.simulationVersion() != EngineVersion.SIMULATION) {
            return "recorded with simulation version " + h.simulationVersion() + " (engine " + h.engineVersion()
                    + "); this engine is version " + EngineVersion.SIMULATION + " and would not re-simulate it identically";
        }
        if (!h.rosterHash().equals(roster.contentHash())) {
            return "recorded with other character data (hash " + Replay.shortHash(h.rosterHash()) + ", this engine has "
                    + Replay.shortHash(roster.contentHash()) + "); use the roster it was made with (--roster)";
        }
        if (h.config().p1Character() >= roster.size() || h.config().p2Character() >= roster.size()) {
            return "refers to character indices the roster does not have";
        }
        return null;
    }

    /** Re-simulates the whole replay. */
    public static Outcome verify(Replay replay, Roster roster) {
        String incompatible = compatibility(replay, roster);
        if (incompatible != null) {
            return new Outcome(false, incompatible, -1, 0);
        }
        Simulator sim = new Simulator(roster);
        MatchState s = sim.newMatch(replay.header().config(), replay.header().seed());
        int interval = replay.header().checksumInterval();
        int next = 0;
        for (int f = 0; f < replay.frames(); f++) {
            if (s.isOver()) {
                return new Outcome(false, "desync: the match ended at frame " + f + " but the replay has "
                        + replay.frames() + " frames", f, f);
            }
            sim.step(s, replay.input(f, 0), replay.input(f, 1));
            int done = f + 1;
            if (done % interval == 0 && next < replay.checksumCount()) {
                long want = replay.checksum(next++);
                if (s.checksum() != want) {
                    return new Outcome(false, String.format("desync at frame %d: state checksum %016x, the replay recorded %016x"
                            + " (checksums every %d frames: the first difference is in frames %d..%d)",
                            done, s.checksum(), want, interval, Math.max(1, done - interval + 1), done), done, done);
                }
            }
        }
        Replay.Result r = replay.result();
        if (s.checksum() != r.finalChecksum()) {
            return new Outcome(false, String.format("desync at the last frame %d: final checksum %016x, the replay recorded %016x",
                    replay.frames(), s.checksum(), r.finalChecksum()), replay.frames(), replay.frames());
        }
        if (s.winner != r.winner() || s.roundsWon[0] != r.p1Rounds() || s.roundsWon[1] != r.p2Rounds()) {
            return new Outcome(false, "the re-simulated result differs from the recorded one", replay.frames(), replay.frames());
        }
        return new Outcome(true, String.format("ok: %d frames re-simulated, %d checksums and the final checksum %016x match",
                replay.frames(), replay.checksumCount(), s.checksum()), -1, replay.frames());
    }
}
