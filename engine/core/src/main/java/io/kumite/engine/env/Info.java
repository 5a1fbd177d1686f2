package io.kumite.engine.env;

import java.util.List;
import java.util.Locale;

/**
 * The per-agent info record: {@link #FIELDS} ints per agent slot, in the order of {@link Field}, in
 * the flat {@code infos()} array of a {@link VecEnv} (and on the wire, where the names in
 * {@link #NAMES} are the contract: {@code info_fields} of CreateArenasResponse). Every module reads a
 * field by name through this class ({@code Info.get(infos, slot, Field.OUTCOME)}), never by offset.
 * Stateless; the arrays belong to their environment.
 */
public final class Info {
    /** The fields, in their order in the record. */
    public enum Field {
        SELF_HEALTH, OPPONENT_HEALTH, SELF_ROUNDS, OPPONENT_ROUNDS, ROUND, TIMER,
        /** An {@link Outcome} code, set on the step that ends the episode (0 before). */
        OUTCOME,
        /** The seat this agent plays: 0 (left at the start) or 1. */
        SEAT,
        /** The agent steps of this episode so far: 0 on an episode's first observation. */
        EPISODE_FRAMES,
        /** The arcade ladder's stage, from 1; 0 outside ladder episodes. */
        LADDER_STAGE, SELF_CHARACTER, OPPONENT_CHARACTER;

        /** The name on the wire and in docs/env-api.md, e.g. {@code episode_frames}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How an episode ended for an agent, as {@link Field#OUTCOME} holds it. */
    public enum Outcome {
        ONGOING(0), WIN(1), LOSS(2), DRAW(3);

        public final int code;

        Outcome(int code) {
            this.code = code;
        }

        /** The outcome of {@code code}; unknown codes are refused. */
        public static Outcome of(int code) {
            if (code < 0 || code >= VALUES.length) {
                throw new IllegalArgumentException("outcome code must be 0..3 (ongoing, win, loss, draw), got " + code);
            }
            return VALUES[code];
        }

        /** The same result seen from the other seat: a win is the opponent's loss. */
        public Outcome forOpponent() {
            return this == WIN ? LOSS : this == LOSS ? WIN : this;
        }

        /** Elo's score: 1 for a win, 0 for a loss, 0.5 for a draw or an episode cut short without a result. */
        public double score() {
            return this == WIN ? 1 : this == LOSS ? 0 : 0.5;
        }

        /** {@code win}, {@code loss}, {@code draw} or {@code ongoing}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        private static final Outcome[] VALUES = values();
    }

    private static final Field[] FIELD_VALUES = Field.values();

    /** Ints per agent slot. */
    public static final int FIELDS = FIELD_VALUES.length;

    /** The field names in order: the wire contract ({@code info_fields}). */
    public static final List<String> NAMES = java.util.Arrays.stream(FIELD_VALUES).map(Field::wireName).toList();

    private Info() {}

    /** The offset of {@code slot}'s {@code field} in a flat infos array. */
    public static int index(int slot, Field field) {
        return slot * FIELDS + field.ordinal();
    }

    /** {@code field} of agent slot {@code slot}. */
    public static int get(int[] infos, int slot, Field field) {
        return infos[slot * FIELDS + field.ordinal()];
    }

    /** Sets {@code field} of agent slot {@code slot}. */
    public static void set(int[] infos, int slot, Field field, int value) {
        infos[slot * FIELDS + field.ordinal()] = value;
    }

    /** The outcome of agent slot {@code slot} ({@link Outcome#ONGOING} until its episode ends). */
    public static Outcome outcome(int[] infos, int slot) {
        return Outcome.of(get(infos, slot, Field.OUTCOME));
    }

    /** Whether {@code slot}'s observation is its episode's first (no frame of it before to build on). */
    public static boolean firstOfEpisode(int[] infos, int slot) {
        return get(infos, slot, Field.EPISODE_FRAMES) == 0;
    }
}
