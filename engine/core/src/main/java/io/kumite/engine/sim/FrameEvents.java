package io.kumite.engine.sim;

/**
 * What happened during one simulated frame, reported as data (the simulation never calls back).
 * Indexed by the seat that did it. A caller-owned object, cleared by each step; no allocation.
 */
public final class FrameEvents {
    /** Hits landed by each seat this frame (strikes, projectiles and throws). */
    public final int[] hits = new int[2];
    /** Attacks of each seat that were blocked this frame. */
    public final int[] blocked = new int[2];
    /** Damage dealt by each seat this frame (chip included). */
    public final int[] damage = new int[2];
    /** Throws landed by each seat this frame. */
    public final int[] throwsLanded = new int[2];
    /** Throws of the other seat that each seat broke (teched) this frame. */
    public final int[] throwsBroken = new int[2];
    /** Projectiles launched by each seat this frame. */
    public final int[] projectilesLaunched = new int[2];
    /** Special moves started by each seat this frame. */
    public final int[] specialsStarted = new int[2];
    /** Set on the frame a round is decided. */
    public boolean roundOver;
    /** Result code of the round decided this frame ({@code MatchState.P1_WINS} ...). */
    public int roundResult = MatchState.NO_RESULT;
    /** Set on the frame the match ends (the end of the last round's outro). */
    public boolean matchOver;

    public void clear() {
        for (int i = 0; i < 2; i++) {
            hits[i] = 0;
            blocked[i] = 0;
            damage[i] = 0;
            throwsLanded[i] = 0;
            throwsBroken[i] = 0;
            projectilesLaunched[i] = 0;
            specialsStarted[i] = 0;
        }
        roundOver = false;
        roundResult = MatchState.NO_RESULT;
        matchOver = false;
    }
}
