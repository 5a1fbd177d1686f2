package io.kumite.engine.sim;

import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Roster;

/**
 * The conditions every reachable match state satisfies. Used by the conformance tests every frame and
 * by readers of untrusted states. Stateless.
 */
public final class Invariants {
    private Invariants() {}

    /** Returns null when {@code s} is legal, else a description of the first violation. */
    public static String check(MatchState s, Roster roster) {
        if (s.bestOf < 1 || s.bestOf > Rules.MAX_BEST_OF || s.bestOf % 2 == 0) {
            return "bestOf " + s.bestOf + " is not an odd number in 1.." + Rules.MAX_BEST_OF;
        }
        if (s.round < 1 || s.round > s.bestOf) {
            return "round " + s.round + " outside 1.." + s.bestOf;
        }
        if (s.roundsPlayed < 0 || s.roundsPlayed > s.bestOf || s.roundsWon[0] + s.roundsWon[1] > s.roundsPlayed) {
            return "round counts inconsistent: played " + s.roundsPlayed + ", won " + s.roundsWon[0] + "/" + s.roundsWon[1];
        }
        int maxTimer = s.roundCounts * Rules.FRAMES_PER_COUNT;
        if (s.timerFrames < 0 || s.timerFrames > maxTimer) {
            return "timer " + s.timerFrames + " outside 0.." + maxTimer;
        }
        if (s.phase == MatchPhase.FIGHT && s.timerFrames == 0) {
            return "fighting with the timer at 0";
        }
        if ((s.phase == MatchPhase.MATCH_OVER) != (s.winner != MatchState.NO_RESULT)) {
            return "winner " + s.winner + " inconsistent with phase " + s.phase;
        }
        if (Math.abs(s.fighters[0].x - s.fighters[1].x) > Rules.MAX_SEPARATION) {
            return "fighters " + Math.abs(s.fighters[0].x - s.fighters[1].x) + " subpixels apart, limit " + Rules.MAX_SEPARATION;
        }
        for (int p = 0; p < 2; p++) {
            FighterState f = s.fighters[p];
            String who = "P" + (p + 1) + " ";
            if (f.character < 0 || f.character >= roster.size()) {
                return who + "character index " + f.character + " outside the roster";
            }
            CharacterDef c = roster.get(f.character);
            if (f.health < 0 || f.health > c.health) {
                return who + "health " + f.health + " outside 0.." + c.health;
            }
            int half = c.width / 2;
            if (f.x < half || f.x > Rules.STAGE_WIDTH - half) {
                return who + "x " + f.x + " outside the stage " + half + ".." + (Rules.STAGE_WIDTH - half);
            }
            if (f.y < 0) {
                return who + "below the floor: y " + f.y;
            }
            if (f.facing != 1 && f.facing != -1) {
                return who + "facing " + f.facing;
            }
            if (f.mode == FighterMode.ATTACK) {
                if (f.move < 0 || f.move >= c.moveCount()) {
                    return who + "attacking with unknown move " + f.move;
                }
                if (f.moveFrame < 0 || f.moveFrame >= c.move(f.move).total) {
                    return who + "move frame " + f.moveFrame + " outside " + c.move(f.move);
                }
            } else if (f.move != -1) {
                return who + "has move " + f.move + " in mode " + f.mode;
            }
            if ((f.mode == FighterMode.HITSTUN || f.mode == FighterMode.BLOCKSTUN) != (f.stun > 0)) {
                return who + "stun " + f.stun + " in mode " + f.mode;
            }
            if (f.mode == FighterMode.KO && f.health != 0) {
                return who + "KO with health " + f.health;
            }
            if (f.health == 0 && s.phase == MatchPhase.FIGHT) {
                return who + "at 0 health while the round is still being fought";
            }
            if (f.juggle < 0 || f.juggle > Rules.JUGGLE_LIMIT + 1) {
                return who + "juggle count " + f.juggle;
            }
            if (f.y > 0 && (f.mode == FighterMode.STAND || f.mode == FighterMode.CROUCH || f.mode == FighterMode.KNOCKDOWN)) {
                return who + "in the air (y " + f.y + ") in grounded mode " + f.mode;
            }
            ProjectileState pr = s.projectiles[p];
            if (pr.active) {
                if (pr.move < CharacterDef.FIRST_SPECIAL_ID || pr.move >= c.moveCount() || c.move(pr.move).projectile == null) {
                    return who + "projectile from move " + pr.move + " that launches none";
                }
                if (pr.framesLeft <= 0) {
                    return who + "projectile active with " + pr.framesLeft + " frames left";
                }
            }
        }
        return null;
    }
}
