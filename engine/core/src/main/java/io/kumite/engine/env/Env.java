package io.kumite.engine.env;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.action.DiscreteInputs;
import io.kumite.engine.bot.ArcadeLadder;
import io.kumite.engine.bot.CpuBot;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayRecorder;
import io.kumite.engine.sim.FrameEvents;
import io.kumite.engine.sim.MatchConfig;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.util.ArrayList;
import java.util.List;

/**
 * One arena: a stream of episodes of one config (matches against the CPU or between two agents,
 * ladders, macros, sticky actions, replays), written into its {@link LocalVecEnv}'s buffers at this
 * environment's slots ({@code index * agents ..}). The observation pipeline is {@link Observations},
 * the reward shaping {@link Rewards}. A {@link LocalVecEnv} steps all of its environments as a batch;
 * an arena server takes them one by one ({@link LocalVecEnv#env}) and steps each on its own workers.
 * Allocation-free per step after warm-up (except when an episode records a replay). Not thread-safe:
 * one thread at a time steps, resets or reads an environment.
 */
public final class Env {
    private final EnvConfig cfg;
    private final Roster roster;
    private final Simulator sim;
    private final LocalVecEnv out;
    private final int index;
    private final int agents;
    private final Rng rng = new Rng(0);
    private final ArcadeLadder ladder;

    private MatchState state;
    private CpuBot cpu;
    private final int[] agentSeat = new int[2];
    private int agentCharacter;
    private int ladderStage;
    private long matchSeed;

    private final Observations observations;
    /** Steps leave the stacked observation unwritten until {@link #writeObservations} (see {@link #lazyObservations}). */
    private boolean lazyObservations;
    private final Rewards rewards;
    private int gameFrames;
    private int agentFrames;

    // Per agent: macro queue, last input (sticky actions).
    private final DiscreteInputs[] discrete = new DiscreteInputs[2];
    private final int[] lastInput = new int[2];
    private final int[] frameInputs = new int[2];
    private final int[] seatCharacter = new int[2];

    // Opponent for the next episodes when set (curricula), else the config's.
    private int opponentOverride = -2;
    private int levelOverride;

    private boolean started;
    private boolean done;
    /** A new ladder stage began this step: the next sample starts its match (no max-pool with the last one's frame). */
    private boolean stageStarted;
    private Info.Outcome outcome = Info.Outcome.ONGOING;
    private ReplayRecorder recorder;
    private final List<Replay> finishedReplays = new ArrayList<>();

    Env(EnvConfig cfg, Roster roster, LocalVecEnv out, int index, Renderer prototype) {
        this.cfg = cfg;
        this.roster = roster;
        this.discrete[0] = new DiscreteInputs(roster);
        this.discrete[1] = new DiscreteInputs(roster);
        this.out = out;
        this.index = index;
        this.agents = cfg.agents();
        this.sim = new Simulator(roster);
        this.observations = new Observations(cfg, prototype.copy(), cfg.observationDelay());
        this.rewards = new Rewards(cfg, roster);
        this.ladder = cfg.episode() == EnvConfig.EpisodeType.LADDER
                ? ArcadeLadder.climbing(roster, cfg.cpuLevel(), cfg.ladderEndLevel() == 0 ? cfg.cpuLevel() : cfg.ladderEndLevel())
                : null;
    }

    /** Validated by {@link LocalVecEnv#setOpponent}. */
    void setOpponent(int character, int level) {
        opponentOverride = character;
        levelOverride = level;
    }

    /** The live match state (read only; valid until the next step or reset). */
    public MatchState state() {
        return state;
    }

    /** Whether the episode has ended: the next step resets it (autoreset) or fails (autoreset disabled). */
    public boolean done() {
        return done;
    }

    /** Whether this environment has been reset at least once (a step before that fails). */
    public boolean started() {
        return started;
    }

    /** Finished replays; may be called from another thread than the one stepping this environment. */
    public List<Replay> drainReplays() {
        synchronized (finishedReplays) {
            List<Replay> r = new ArrayList<>(finishedReplays);
            finishedReplays.clear();
            return r;
        }
    }

    // ------------------------------------------------------------------ reset

    /**
     * Starts a new episode; {@code seed} reseeds this environment when given (the first reset needs
     * one). Writes the first observation.
     */
    public void reset(Long seed) {
        if (seed != null) {
            rng.setState(Rng.mix(seed));
        } else if (!started) {
            throw new IllegalStateException("environment " + index + " has no seed yet");
        }
        started = true;
        done = false;
        outcome = Info.Outcome.ONGOING;
        agentFrames = 0;
        rewards.clear();
        int side = cfg.side() == EnvConfig.Side.RANDOM ? rng.nextInt(2) : (cfg.side() == EnvConfig.Side.RIGHT ? 1 : 0);
        agentSeat[0] = side;
        agentSeat[1] = 1 - side;
        agentCharacter = cfg.agentCharacter() >= 0 ? cfg.agentCharacter() : rng.nextInt(roster.size());
        ladderStage = 0;
        stageStarted = false;
        startMatch(true);
        emitStep(false, false);
    }

    /** Match configs for every character pair, made once (records are immutable). */
    private MatchConfig[] configs;

    private MatchConfig matchConfig(int p1, int p2) {
        if (configs == null) {
            configs = new MatchConfig[roster.size() * roster.size()];
        }
        int k = p1 * roster.size() + p2;
        if (configs[k] == null) {
            configs[k] = new MatchConfig(p1, p2, cfg.bestOf(), cfg.roundCounts());
        }
        return configs[k];
    }

    /**
     * Starts a match: an episode's first ({@code newEpisode}: the frame stack is filled with its first
     * frame) or the next stage of a ladder episode, where the stack goes on as a frame-stacking wrapper
     * would see it: one new frame per agent step, so that clients that keep the stack from each step's
     * newest frame (NEWEST_FRAME, FRAME_DELTA) stay exact.
     */
    private void startMatch(boolean newEpisode) {
        int opponent;
        int level = opponentOverride != -2 ? levelOverride : cfg.cpuLevel();
        int configured = opponentOverride != -2 ? opponentOverride : cfg.opponentCharacter();
        if (ladder != null) {
            ArcadeLadder.Stage stage = ladder.stages().get(ladderStage);
            opponent = stage.character();
            level = stage.level();
        } else {
            opponent = configured >= 0 ? configured : rng.nextInt(roster.size());
        }
        seatCharacter[agentSeat[0]] = agentCharacter;
        seatCharacter[agentSeat[1]] = opponent;
        matchSeed = rng.nextLong();
        MatchConfig mc = matchConfig(seatCharacter[0], seatCharacter[1]);
        // Reuse the state and the bot between episodes: no allocation in the step loop, even at resets.
        state = state == null ? sim.newMatch(mc, matchSeed) : sim.restartMatch(state, mc, matchSeed);
        if (cfg.mode() == EnvConfig.Mode.VS_CPU) {
            if (cpu == null) {
                cpu = new CpuBot(roster, Player.ofIndex(agentSeat[1]), level, matchSeed);
            } else {
                cpu.restart(Player.ofIndex(agentSeat[1]), level, matchSeed);
            }
        }
        if (cfg.recordReplays()) {
            String agentName = "agent";
            String[] policy = new String[2];
            policy[agentSeat[0]] = agentName + "_0";
            policy[agentSeat[1]] = cpu != null ? "bot:" + roster.get(opponent).name + ":" + level : agentName + "_1";
            recorder = new ReplayRecorder(roster, mc, matchSeed, policy[0], "", policy[1], "", cfg.stickyPerMille(),
                    cfg.observationDelay(), ReplayRecorder.DEFAULT_CHECKSUM_INTERVAL);
        }
        for (int a = 0; a < 2; a++) {
            discrete[a].reset();
            lastInput[a] = 0;
        }
        gameFrames = 0;
        // Skip the round introduction: the first observation is the fight.
        while (state.phase == MatchPhase.INTRO) {
            advance(0, 0);
        }
        observations.startMatch(state);
        if (!newEpisode) {
            stageStarted = true;
            return;
        }
        observations.fill(observed());
    }

    // ------------------------------------------------------------------ step

    /**
     * One agent step with this environment's actions at {@code actions[first .. first + agents)}
     * (discrete indices or 10-bit button masks); after an episode's end, the step starts the next
     * one instead (autoreset) or fails (autoreset disabled). Results land in the VecEnv's buffers.
     */
    public void step(int[] actions, int first) {
        if (!started) {
            throw new IllegalStateException("environment " + index + ": call reset before step");
        }
        if (done) {
            if (cfg.autoreset() == EnvConfig.Autoreset.DISABLED) {
                throw new IllegalStateException("environment " + index + ": the episode is over; call reset (autoreset is disabled)");
            }
            reset(null);
            return;
        }
        for (int a = 0; a < agents; a++) {
            validateAction(actions[first + a], a);
        }
        rewards.clear();
        boolean terminated = false;
        boolean truncated = false;
        boolean sampledLast = false;
        int[] in = frameInputs;
        for (int f = 0; f < cfg.frameSkip(); f++) {
            in[0] = 0;
            in[1] = 0;
            for (int a = 0; a < agents; a++) {
                in[agentSeat[a]] = agentInput(a, actions[first + a], f == 0);
            }
            if (cpu != null) {
                in[agentSeat[1]] = cpu.act(state);
            }
            FrameEvents ev = advance(in[0], in[1]);
            agentFrames++;
            rewards.onFrame(ev, state, agentSeat);
            if (ev.roundOver) {
                terminated = roundOver(ev);
            }
            if (!terminated && cfg.maxFrames() > 0 && agentFrames >= cfg.maxFrames()) {
                truncated = true;
            }
            sampledLast = false;
            if (!terminated && !truncated && observations.afterFrame(state, gameFrames, agentFrames, stageStarted)) {
                stageStarted = false;
                sampledLast = true;
            }
            if (terminated || truncated) {
                break;
            }
        }
        if ((terminated || truncated) && !sampledLast) {
            observations.finalSample(observed(), agentFrames, stageStarted);
            stageStarted = false;
        }
        if (terminated || truncated) {
            done = true;
            finishReplay();
        }
        emitStep(terminated, truncated);
    }

    private void validateAction(int action, int agent) {
        if (cfg.actions() == EnvConfig.ActionType.DISCRETE) {
            if (action < 0 || action >= Actions.DISCRETE_COUNT) {
                throw new IllegalArgumentException("environment " + index + " agent " + agent + ": discrete action must be in 0.."
                        + (Actions.DISCRETE_COUNT - 1) + ", got " + action);
            }
        } else if ((action & ~FrameInput.ALL) != 0) {
            throw new IllegalArgumentException("environment " + index + " agent " + agent
                    + ": multi_binary action must be a 10-bit mask (0..1023), got " + action);
        }
    }

    /** The input agent {@code a} gives this frame: a running macro, a sticky repeat, or its action. */
    private int agentInput(int a, int action, boolean firstFrame) {
        int input;
        if (cfg.actions() == EnvConfig.ActionType.MULTI_BINARY) {
            input = FrameInput.cleanDirections(action);
        } else {
            input = discrete[a].next(state, agentSeat[a], action, firstFrame);
        }
        if (cfg.stickyPerMille() > 0 && rng.chance(cfg.stickyPerMille())) {
            input = lastInput[a];
        }
        lastInput[a] = input;
        return input;
    }

    private FrameEvents advance(int in0, int in1) {
        FrameEvents ev = sim.step(state, in0, in1);
        gameFrames++;
        if (recorder != null) {
            recorder.frame(state, in0, in1);
        }
        observations.recordFrame(state, gameFrames);
        return ev;
    }

    /** Handles a decided round; returns whether the episode terminates. */
    private boolean roundOver(FrameEvents ev) {
        rewards.onRoundOver(ev.roundResult, state, agentSeat);
        if (cfg.episode() == EnvConfig.EpisodeType.ROUND) {
            outcome = outcomeOf(ev.roundResult);
            return true;
        }
        // Match or ladder: play out the round's end (and the next intro) without the agents.
        while (!state.isOver() && state.phase != MatchPhase.FIGHT) {
            advance(0, 0);
        }
        if (!state.isOver()) {
            return false;
        }
        Info.Outcome matchOutcome = outcomeOf(state.winner);
        if (ladder != null && matchOutcome == Info.Outcome.WIN && ladderStage + 1 < ladder.stages().size()) {
            finishReplay();
            ladderStage++;
            startMatch(false);
            return false;
        }
        outcome = matchOutcome;
        return true;
    }

    private Info.Outcome outcomeOf(int result) {
        if (result == MatchState.DRAW) {
            return Info.Outcome.DRAW;
        }
        return result == agentSeat[0] ? Info.Outcome.WIN : Info.Outcome.LOSS;
    }

    private void finishReplay() {
        if (recorder != null && recorder.frames() > 0) {
            Replay r = recorder.finish();
            synchronized (finishedReplays) {
                finishedReplays.add(r);
            }
            recorder = null;
        }
    }

    // ------------------------------------------------------------------ observations

    private MatchState observed() {
        return observations.observed(state, gameFrames);
    }

    /**
     * With {@code lazy}, steps and resets leave the stacked observations unwritten until {@link
     * #writeObservations} asks for them; rewards, flags, infos and states are written as usual. For an
     * arena server whose answers mostly carry only the newest frame ({@link FrameStackCodec}): writing
     * a 4-frame 84x84 stack is a 28 KB copy per agent step.
     */
    public void lazyObservations(boolean lazy) {
        this.lazyObservations = lazy;
    }

    /** Writes every agent's stacked observation into the VecEnv's buffer (done by each step unless lazy). */
    public void writeObservations() {
        for (int a = 0; a < agents; a++) {
            observations.write(out.observations, (index * agents + a) * out.observationBytes);
        }
    }

    /**
     * The frame of the stack {@code back} agent steps before the newest (0 = the newest), as the
     * stacked observation shows it; every agent's stack is made of the same frames. Not with
     * interleave (a stacked frame is then one colour channel of a sample). Read only: the
     * environment's own buffer, valid until its next step or reset.
     */
    public byte[] frame(int back) {
        if (cfg.interleave()) {
            throw new IllegalStateException("with interleave a stacked frame is one colour channel of a sample, not a whole frame");
        }
        return observations.frame(back);
    }

    private void emitStep(boolean terminated, boolean truncated) {
        MatchState seen = observed();
        if (!lazyObservations) {
            writeObservations();
        }
        for (int a = 0; a < agents; a++) {
            int slot = index * agents + a;
            out.rewards[slot] = rewards.get(a);
            out.terminated[slot] = terminated;
            out.truncated[slot] = truncated;
            if (cfg.stateVector()) {
                StateVector.write(seen, roster, agentSeat[a], out.states, slot * StateVector.LENGTH);
            }
            int me = agentSeat[a];
            int[] info = out.infos;
            Info.set(info, slot, Info.Field.SELF_HEALTH, state.fighters[me].health);
            Info.set(info, slot, Info.Field.OPPONENT_HEALTH, state.fighters[1 - me].health);
            Info.set(info, slot, Info.Field.SELF_ROUNDS, state.roundsWon[me]);
            Info.set(info, slot, Info.Field.OPPONENT_ROUNDS, state.roundsWon[1 - me]);
            Info.set(info, slot, Info.Field.ROUND, state.round);
            Info.set(info, slot, Info.Field.TIMER, state.timerCounts());
            Info.Outcome oc = a == 1 ? outcome.forOpponent() : outcome; // outcome is agent 0's
            Info.set(info, slot, Info.Field.OUTCOME, terminated || truncated ? oc.code : Info.Outcome.ONGOING.code);
            Info.set(info, slot, Info.Field.SEAT, me);
            Info.set(info, slot, Info.Field.EPISODE_FRAMES, agentFrames);
            Info.set(info, slot, Info.Field.LADDER_STAGE, ladder == null ? 0 : ladderStage + 1);
            Info.set(info, slot, Info.Field.SELF_CHARACTER, state.fighters[me].character);
            Info.set(info, slot, Info.Field.OPPONENT_CHARACTER, state.fighters[1 - me].character);
        }
    }
}
