package io.kumite.engine.sim;

/** Where a match is. Stored as its ordinal. */
public enum MatchPhase {
    /** Round introduction: no control. */
    INTRO,
    /** The round is being fought; the timer runs. */
    FIGHT,
    /** After a KO or time-out: no control, no hits; the next round follows. */
    ROUND_END,
    /** The match is decided; stepping further is an error. */
    MATCH_OVER;

    static final MatchPhase[] VALUES = values();
}
