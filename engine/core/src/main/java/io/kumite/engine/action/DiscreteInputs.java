package io.kumite.engine.action;

import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.MatchState;

/**
 * Turns one seat's discrete actions (see {@link Actions}) into frame inputs, the same way wherever
 * the discrete action space is played: environments, trained agents in a match ({@link AgentPilot})
 * and the constant-action scripts. A macro runs to its end once started (into the next agent step
 * when the frame skip is shorter); any other action is repeated on every frame of its step.
 * Allocation-free. Not thread-safe.
 */
public final class DiscreteInputs {
    private final Roster roster;
    private final int[] macro = new int[8];
    private int length;
    private int pos;

    public DiscreteInputs(Roster roster) {
        this.roster = roster;
    }

    /** Forgets a running macro (at an episode's or round's start). */
    public void reset() {
        length = 0;
        pos = 0;
    }

    /**
     * The input of {@code seat} for the frame about to be simulated from {@code s}: the next frame of
     * a running macro; else the first frame of {@code action} when {@code newStep} (the step's first
     * frame) or when it is not a macro; else nothing (a finished macro is not repeated within its step).
     */
    public int next(MatchState s, int seat, int action, boolean newStep) {
        if (pos < length) {
            return macro[pos++];
        }
        if (!newStep && action >= Actions.FIRST_MACRO) {
            return 0;
        }
        FighterState me = s.fighters[seat];
        CharacterDef c = roster.get(me.character);
        int toward = s.fighters[1 - seat].x >= me.x ? 1 : -1;
        int n = Actions.discrete(action, c, me.facing, toward, macro);
        length = n > 1 ? n : 0;
        pos = n > 1 ? 1 : 0;
        return macro[0];
    }
}
