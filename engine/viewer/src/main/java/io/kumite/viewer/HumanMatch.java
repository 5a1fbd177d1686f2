package io.kumite.viewer;

import io.kumite.engine.Player;
import io.kumite.engine.bot.Controller;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayRecorder;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;

/**
 * A live match between a person and a policy, without any window: one call per frame with the
 * person's input; the policy plays the other seat; every frame is recorded. The window
 * ({@link ViewerApp} in play mode) feeds it keys at 60 frames per second. Not thread-safe.
 */
public final class HumanMatch {
    private final Simulator sim;
    private final MatchState state;
    private final Controller opponent;
    private final ReplayRecorder recorder;
    private final int humanSeat;

    /**
     * @param humanCharacter roster index of the person's character
     * @param humanSeat      0 (starts on the left) or 1
     */
    public HumanMatch(Roster roster, int humanCharacter, int humanSeat, Policy opponentPolicy, int bestOf, long seed) {
        if (humanSeat != 0 && humanSeat != 1) {
            throw new IllegalArgumentException("the human's seat must be 0 (left) or 1 (right), got " + humanSeat);
        }
        this.sim = new Simulator(roster);
        this.humanSeat = humanSeat;
        int p1 = humanSeat == 0 ? humanCharacter : opponentPolicy.character();
        int p2 = humanSeat == 0 ? opponentPolicy.character() : humanCharacter;
        MatchConfig config = new MatchConfig(p1, p2, bestOf, MatchConfig.DEFAULT_ROUND_COUNTS);
        this.state = sim.newMatch(config, seed);
        this.opponent = opponentPolicy.newController(roster, Player.ofIndex(1 - humanSeat), seed);
        String human = "human:" + roster.get(humanCharacter).name;
        this.recorder = new ReplayRecorder(roster, config, seed, humanSeat == 0 ? human : opponentPolicy.spec(), "",
                humanSeat == 0 ? opponentPolicy.spec() : human, "", 0, 0, ReplayRecorder.DEFAULT_CHECKSUM_INTERVAL);
    }

    /** Plays one frame with the person's input (a FrameInput mask); does nothing once the match is over. */
    public void frame(int humanInput) {
        if (state.isOver()) {
            return;
        }
        int other = opponent.act(state);
        int in0 = humanSeat == 0 ? humanInput : other;
        int in1 = humanSeat == 0 ? other : humanInput;
        sim.step(state, in0, in1);
        recorder.frame(state, in0, in1);
    }

    public MatchState state() {
        return state;
    }

    public int humanSeat() {
        return humanSeat;
    }

    public boolean over() {
        return state.isOver();
    }

    /** The match so far as a replay (null before the first frame). */
    public Replay replay() {
        return recorder.frames() == 0 ? null : recorder.finish();
    }
}
