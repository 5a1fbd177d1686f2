package io.kumite.engine.env;

import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.FrameEvents;
import io.kumite.engine.sim.MatchState;

/**
 * One environment's reward shaping ({@code reward} in the config): each agent's reward for the agent
 * step under way, added up frame by frame from the damage dealt and taken and at each decided round.
 * {@code zero_sum}: damage as a fraction of the health of whoever took it, dealt minus taken;
 * {@code sparse}: +1 / -1 for a round won / lost; {@code fightladder}: FightLadder's reward on
 * Street Fighter II's 176-point health scale (3 x dealt - taken per frame, 0.001 x 176^(health
 * fraction) at a round's end). Not thread-safe.
 */
final class Rewards {
    private static final double FL_FULL_HP = 176.0; // FightLadder's (Street Fighter II's) full health

    private final EnvConfig.RewardType type;
    private final Roster roster;
    private final int agents;
    private final double[] reward = new double[2];

    Rewards(EnvConfig cfg, Roster roster) {
        this.type = cfg.reward();
        this.roster = roster;
        this.agents = cfg.agents();
    }

    /** A new agent step (or episode) begins: every agent's reward is 0. */
    void clear() {
        reward[0] = 0;
        reward[1] = 0;
    }

    /** Agent {@code a}'s reward so far in this agent step. */
    float get(int a) {
        return (float) reward[a];
    }

    /** Adds one simulated frame's damage; agent {@code a} plays seat {@code seats[a]}. */
    void onFrame(FrameEvents ev, MatchState state, int[] seats) {
        for (int a = 0; a < agents; a++) {
            int me = seats[a];
            int dealt = ev.damage[me];
            int taken = ev.damage[1 - me];
            if (dealt == 0 && taken == 0) {
                continue;
            }
            double myMax = roster.get(state.fighters[me].character).health;
            double oppMax = roster.get(state.fighters[1 - me].character).health;
            switch (type) {
                case ZERO_SUM:
                    reward[a] += dealt / oppMax - taken / myMax;
                    break;
                case FIGHTLADDER:
                    reward[a] += 0.001 * (3 * dealt * FL_FULL_HP / oppMax - taken * FL_FULL_HP / myMax);
                    break;
                default:
                    break;
            }
        }
    }

    /** Adds a decided round's reward: {@code result} is the winning seat or {@link MatchState#DRAW}. */
    void onRoundOver(int result, MatchState state, int[] seats) {
        for (int a = 0; a < agents; a++) {
            int me = seats[a];
            boolean won = result == me;
            boolean lost = result == 1 - me;
            if (type == EnvConfig.RewardType.SPARSE) {
                reward[a] += won ? 1 : (lost ? -1 : 0);
            } else if (type == EnvConfig.RewardType.FIGHTLADDER) {
                double myHp = Math.max(0, state.fighters[me].health) * FL_FULL_HP / roster.get(state.fighters[me].character).health;
                double oppHp = Math.max(0, state.fighters[1 - me].health) * FL_FULL_HP / roster.get(state.fighters[1 - me].character).health;
                if (won) {
                    reward[a] += 0.001 * 3 * StrictMath.pow(FL_FULL_HP, (myHp + 1) / (FL_FULL_HP + 1));
                } else if (lost) {
                    reward[a] -= 0.001 * StrictMath.pow(FL_FULL_HP, (oppHp + 1) / (FL_FULL_HP + 1));
                }
            }
        }
    }
}
