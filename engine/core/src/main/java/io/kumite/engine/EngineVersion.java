package io.kumite.engine;

/**
 * Versions that decide whether two runs can give identical results. {@link #SIMULATION} changes
 * whenever the simulation's results change (rules, phase order, state layout); replays record it.
 */
public final class EngineVersion {
    private EngineVersion() {}

    /** Human-readable engine version. */
    public static final String NAME = "0.1.0";
    /** Bumped on any change that alters simulation results or the state layout. */
    public static final int SIMULATION = 2;
}
