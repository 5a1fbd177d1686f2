package io.kumite.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.Rng;
import io.kumite.engine.bot.MatchRunner;
import io.kumite.engine.bot.Policies;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayRecorder;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import org.junit.jupiter.api.Test;

/** Playback without a window, checked against the engine's own re-simulation. */
class PlaybackControllerTest {
    static final Roster ROSTER = Roster.builtIn();

    static Replay match() {
        Policy a = Policies.parse("bot:kenta:8", ROSTER);
        Policy b = Policies.parse("bot:mira:6", ROSTER);
        MatchConfig config = new MatchConfig(a.character(), b.character(), 3, 30);
        ReplayRecorder rec = new ReplayRecorder(ROSTER, config, 11, a.spec(), b.spec());
        new MatchRunner(ROSTER).play(a, b, 3, 30, 11, (s, i0, i1, ev) -> rec.frame(s, i0, i1));
        return rec.finish();
    }

    /** The checksum after {@code frames} frames, simulated from the start. */
    static long truth(Replay r, int frames) {
        Simulator sim = new Simulator(ROSTER);
        MatchState s = sim.newMatch(r.header().config(), r.header().seed());
        for (int f = 0; f < frames; f++) {
            sim.step(s, r.input(f, 0), r.input(f, 1));
        }
        return s.checksum();
    }

    @Test
    void seekingAnywhereMatchesResimulation() {
        Replay r = match();
        PlaybackController p = new PlaybackController(r, ROSTER, 60);
        Rng rng = new Rng(1);
        for (int i = 0; i < 40; i++) {
            int target = rng.nextInt(r.frames() + 1);
            p.seek(target);
            assertEquals(target, p.frame());
            assertEquals(truth(r, target), p.state().checksum(), "seek to " + target);
        }
        p.seek(r.frames());
        assertEquals(r.result().finalChecksum(), p.state().checksum());
        p.seek(r.frames() + 500);
        assertEquals(r.frames(), p.frame(), "clamped");
        p.seek(-3);
        assertEquals(0, p.frame());
    }

    @Test
    void stepBackAndForward() {
        Replay r = match();
        PlaybackController p = new PlaybackController(r, ROSTER, 60);
        p.seek(500);
        p.stepBack();
        assertEquals(499, p.frame());
        assertEquals(truth(r, 499), p.state().checksum());
        p.stepForward();
        p.stepForward();
        assertEquals(501, p.frame());
        assertEquals(truth(r, 501), p.state().checksum());
        p.seek(0);
        p.stepBack();
        assertEquals(0, p.frame());
    }

    @Test
    void speedTurnsWallTimeIntoFrames() {
        PlaybackController p = new PlaybackController(match(), ROSTER, 60);
        p.play();
        p.update(1.0);
        assertEquals(60, p.frame(), "1x: 60 frames a second");
        p.faster();
        assertEquals(2.0, p.speed());
        p.update(0.5);
        assertEquals(120, p.frame());
        p.slower();
        p.slower();
        p.slower();
        assertEquals(0.25, p.speed());
        for (int i = 0; i < 8; i++) {
            p.update(1.0 / 60); // quarter speed: one frame every 4 updates at 60 Hz
        }
        assertEquals(122, p.frame());
        p.pause();
        p.update(10);
        assertEquals(122, p.frame(), "paused");
        for (int i = 0; i < 10; i++) {
            p.faster();
        }
        assertEquals(8.0, p.speed(), "8x is the top");
        p.play();
        p.update(1000);
        assertEquals(p.frames(), p.frame());
        assertFalse(p.playing(), "stops at the end");
    }

    @Test
    void roundJumpsLandOnRoundStarts() {
        Replay r = match();
        PlaybackController p = new PlaybackController(r, ROSTER, 60);
        assertTrue(p.roundStarts().size() >= 2, "a best of 3 has at least two rounds: " + p.roundStarts());
        p.nextRound();
        int second = p.frame();
        assertEquals(p.roundStarts().get(1), second);
        assertEquals(2, p.state().round);
        p.seek(second + 100);
        p.previousRound();
        assertEquals(second, p.frame(), "back to the start of this round");
        p.previousRound();
        assertEquals(0, p.frame(), "then to the previous round");
        p.seek(r.frames() - 1);
        p.nextRound();
        assertEquals(r.frames(), p.frame(), "after the last round: the end");
        p.restart();
        assertEquals(0, p.frame());
    }

    @Test
    void healthTimelineAndInputsForOverlays() {
        Replay r = match();
        PlaybackController p = new PlaybackController(r, ROSTER, 60);
        int full0 = ROSTER.get(r.header().config().p1Character()).health;
        assertEquals(full0, p.health(0, 0));
        p.seek(700);
        assertEquals(p.state().fighters[1].health, p.health(700, 1));
        assertEquals(r.input(699, 0), p.input(700, 0));
        assertEquals(0, p.input(0, 0));
    }

    @Test
    void replaysFromAnotherEngineAreRefusedWithTheReason() {
        Replay r = match();
        Replay.Header h = r.header();
        Replay foreign = new Replay(new Replay.Header(h.engineVersion(), h.simulationVersion() + 1, h.rosterHash(), h.p1Character(),
                h.p2Character(), h.config(), h.seed(), h.p1Policy(), "", h.p2Policy(), "", 0, 0, h.checksumInterval()),
                new int[0], new long[0], r.result());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlaybackController(foreign, ROSTER, 60));
        assertTrue(e.getMessage().contains("simulation version"), e.getMessage());
    }
}
