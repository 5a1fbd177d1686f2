package io.kumite.viewer;

import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayVerifier;
import io.kumite.engine.sim.FrameEvents;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import io.kumite.engine.sim.StateBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay player behind the viewer, without any window: play, pause, speed, step one frame
 * forward or back, jump to any frame, to the next or previous round, restart. It re-simulates the
 * replay once up front, keeping a snapshot every {@code snapshotInterval} frames, so a jump costs at
 * most that many simulated frames (instant even in a long match). A fixed-step accumulator turns
 * wall time into frames at 60 per second times the speed. Not thread-safe: the UI thread owns it.
 */
public final class PlaybackController {
    /** The speeds offered, slowest first. */
    private static final double[] SPEEDS = {0.25, 0.5, 1, 2, 4, 8};
    public static final int DEFAULT_SNAPSHOT_INTERVAL = 120;

    private final Replay replay;
    private final Simulator sim;
    private final int snapshotInterval;
    private final List<StateBuffer> snapshots = new ArrayList<>();
    private final int[][] health;
    private final List<Integer> roundStarts = new ArrayList<>();
    private final MatchState current = new MatchState();
    private int frame;
    private boolean playing;
    private int speedIndex = 2;
    private double accumulator;

    /** Refuses a replay this engine cannot re-simulate (other simulation version or character data). */
    public PlaybackController(Replay replay, Roster roster, int snapshotInterval) {
        String incompatible = ReplayVerifier.compatibility(replay, roster);
        if (incompatible != null) {
            throw new IllegalArgumentException("this replay cannot be shown: it was " + incompatible);
        }
        if (snapshotInterval < 1) {
            throw new IllegalArgumentException("snapshot interval must be at least 1 frame, got " + snapshotInterval);
        }
        this.replay = replay;
        this.sim = new Simulator(roster);
        this.snapshotInterval = snapshotInterval;
        this.health = new int[replay.frames() + 1][2];
        MatchState s = sim.newMatch(replay.header().config(), replay.header().seed());
        record(s, 0);
        roundStarts.add(0);
        for (int f = 0; f < replay.frames(); f++) {
            int round = s.round;
            FrameEvents ev = sim.step(s, replay.input(f, 0), replay.input(f, 1));
            if (s.round != round && !ev.matchOver) {
                roundStarts.add(f + 1);
            }
            record(s, f + 1);
        }
        seek(0);
    }

    private void record(MatchState s, int atFrame) {
        health[atFrame][0] = s.fighters[0].health;
        health[atFrame][1] = s.fighters[1].health;
        if (atFrame % snapshotInterval == 0) {
            StateBuffer b = new StateBuffer();
            b.capture(s);
            snapshots.add(b);
        }
    }

    public Replay replay() {
        return replay;
    }

    /** Frames in the replay; valid positions are 0 (before the first frame) to this. */
    public int frames() {
        return replay.frames();
    }

    /** The current position: how many frames have been simulated. */
    public int frame() {
        return frame;
    }

    /** The match as it is at the current position. Read it; do not change it. */
    public MatchState state() {
        return current;
    }

    /** Moves to {@code target} (clamped to 0..frames): restore the nearest snapshot, simulate the rest. */
    public void seek(int target) {
        int t = Math.max(0, Math.min(frames(), target));
        int snap = t / snapshotInterval;
        if (!(frame <= t && frame >= snap * snapshotInterval && current.round > 0)) {
            snapshots.get(snap).restoreInto(current);
            frame = snap * snapshotInterval;
        }
        while (frame < t) {
            sim.step(current, replay.input(frame, 0), replay.input(frame, 1));
            frame++;
        }
        accumulator = 0;
    }

    public void stepForward() {
        playing = false;
        seek(frame + 1);
    }

    public void stepBack() {
        playing = false;
        seek(frame - 1);
    }

    public void restart() {
        seek(0);
    }

    /** Jumps to the start of the next round (or the end of the match). */
    public void nextRound() {
        for (int start : roundStarts) {
            if (start > frame) {
                seek(start);
                return;
            }
        }
        seek(frames());
    }

    /** Jumps to the start of this round, or of the previous one when already at a round's start. */
    public void previousRound() {
        int best = 0;
        for (int start : roundStarts) {
            if (start < frame) {
                best = start;
            }
        }
        seek(best);
    }

    /** Frames at which each round starts (0 for the first). */
    public List<Integer> roundStarts() {
        return List.copyOf(roundStarts);
    }

    public void play() {
        if (frame >= frames()) {
            seek(0);
        }
        playing = true;
    }

    public void pause() {
        playing = false;
    }

    public void togglePlay() {
        if (playing) {
            pause();
        } else {
            play();
        }
    }

    public boolean playing() {
        return playing;
    }

    public double speed() {
        return SPEEDS[speedIndex];
    }

    public void faster() {
        speedIndex = Math.min(SPEEDS.length - 1, speedIndex + 1);
    }

    public void slower() {
        speedIndex = Math.max(0, speedIndex - 1);
    }

    /** Advances by {@code seconds} of wall time while playing: 60 frames a second times the speed. */
    public void update(double seconds) {
        if (!playing) {
            return;
        }
        accumulator += seconds * 60 * speed();
        int whole = (int) accumulator;
        accumulator -= whole;
        if (whole > 0) {
            int before = frame;
            seek(frame + whole);
            accumulator = before + whole > frames() ? 0 : accumulator;
        }
        if (frame >= frames()) {
            playing = false;
        }
    }

    /** Both players' health after each frame (index 0 = the start), for the timeline overlay. */
    public int health(int atFrame, int seat) {
        return health[Math.max(0, Math.min(frames(), atFrame))][seat];
    }

    /** The input seat {@code seat} gave on frame {@code f} (1-based as displayed; 0 = none yet). */
    public int input(int f, int seat) {
        return f < 1 || f > frames() ? 0 : replay.input(f - 1, seat);
    }
}
