package io.kumite.engine;

/** A seat in a match. {@code P1} is seat 0 (starts on the left), {@code P2} is seat 1. */
public enum Player {
    P1,
    P2;

    /** The seat index, 0 or 1. */
    public int index() {
        return ordinal();
    }

    public Player opponent() {
        return this == P1 ? P2 : P1;
    }

    /** PettingZoo-style agent name: {@code player_0} or {@code player_1}. */
    public String agentId() {
        return "player_" + ordinal();
    }

    public static Player ofIndex(int index) {
        if (index == 0) {
            return P1;
        }
        if (index == 1) {
            return P2;
        }
        throw new IllegalArgumentException("player index must be 0 or 1, got " + index);
    }
}
