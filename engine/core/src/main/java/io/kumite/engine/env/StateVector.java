package io.kumite.engine.env;

import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.ProjectileState;
import io.kumite.engine.sim.Rules;

/**
 * The optional state vector ("RAM observation"), from one agent's point of view: its own fighter
 * first, then the opponent's, then the match. Positions in stage widths, speeds in pixels per frame
 * divided by 10, health as a fraction, modes one-hot. Absolute directions, like the actions.
 */
public final class StateVector {
    private StateVector() {}

    private static final int MODES = FighterMode.values().length;
    /** Floats per fighter: x, y, vx, vy, facing, health, stun, move progress, attacking, projectile (active, x, y), mode one-hot. */
    private static final int PER_FIGHTER = 12 + MODES;
    /** Total length: two fighters, then timer, round, both round counts, x distance, y distance. */
    public static final int LENGTH = 2 * PER_FIGHTER + 6;

    static void write(MatchState s, Roster roster, int seat, float[] out, int offset) {
        fighter(s, roster, seat, out, offset);
        fighter(s, roster, 1 - seat, out, offset + PER_FIGHTER);
        int o = offset + 2 * PER_FIGHTER;
        out[o] = s.timerFrames / (float) (s.roundCounts * Rules.FRAMES_PER_COUNT);
        out[o + 1] = s.round / (float) s.bestOf;
        out[o + 2] = s.roundsWon[seat] / (float) (s.bestOf / 2 + 1);
        out[o + 3] = s.roundsWon[1 - seat] / (float) (s.bestOf / 2 + 1);
        out[o + 4] = (s.fighters[1 - seat].x - s.fighters[seat].x) / (float) Rules.STAGE_WIDTH;
        out[o + 5] = (s.fighters[1 - seat].y - s.fighters[seat].y) / (200f * Rules.SUB);
    }

    private static void fighter(MatchState s, Roster roster, int p, float[] out, int o) {
        FighterState f = s.fighters[p];
        CharacterDef c = roster.get(f.character);
        out[o] = f.x / (float) Rules.STAGE_WIDTH;
        out[o + 1] = f.y / (200f * Rules.SUB);
        out[o + 2] = f.vx / (10f * Rules.SUB);
        out[o + 3] = f.vy / (10f * Rules.SUB);
        out[o + 4] = f.facing;
        out[o + 5] = f.health / (float) c.health;
        out[o + 6] = f.stun / 30f;
        boolean attacking = f.mode == FighterMode.ATTACK;
        out[o + 7] = attacking ? f.moveFrame / (float) c.move(f.move).total : 0;
        out[o + 8] = attacking ? 1 : 0;
        ProjectileState pr = s.projectiles[p];
        out[o + 9] = pr.active ? 1 : 0;
        out[o + 10] = pr.active ? pr.x / (float) Rules.STAGE_WIDTH : 0;
        out[o + 11] = pr.active ? pr.y / (200f * Rules.SUB) : 0;
        for (int m = 0; m < MODES; m++) {
            out[o + 12 + m] = f.mode.ordinal() == m ? 1 : 0;
        }
    }
}
