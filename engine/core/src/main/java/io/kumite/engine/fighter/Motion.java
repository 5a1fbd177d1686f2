package io.kumite.engine.fighter;

/**
 * Motion inputs for special moves, in numpad notation relative to facing (6 = forward).
 * Detection lives in the simulation ({@code sim.MotionReader}).
 */
public enum Motion {
    /** Quarter circle forward: 2 3 6 + button. */
    QCF("236"),
    /** Quarter circle back: 2 1 4 + button. */
    QCB("214"),
    /** Dragon punch: 6 2 3 + button. */
    DP("623"),
    /** Half circle forward: 4 1 2 3 6 + button. */
    HCF("41236"),
    /** Half circle back: 6 3 2 1 4 + button. */
    HCB("63214"),
    /** Charge back for {@code CHARGE_FRAMES}, then forward + button. */
    CHARGE_BACK_FORWARD("[4]6"),
    /** Charge down for {@code CHARGE_FRAMES}, then up + button. */
    CHARGE_DOWN_UP("[2]8");

    private final String notation;

    Motion(String notation) {
        this.notation = notation;
    }

    /** Numpad notation, e.g. {@code "236"}; {@code [4]} means "hold 4 to charge". */
    public String notation() {
        return notation;
    }

    public boolean isCharge() {
        return this == CHARGE_BACK_FORWARD || this == CHARGE_DOWN_UP;
    }

    /** The JSON spelling: lower-case name, e.g. {@code "qcf"}, {@code "charge_back_forward"}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
