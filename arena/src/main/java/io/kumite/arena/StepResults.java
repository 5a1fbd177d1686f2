package io.kumite.arena;

/**
 * One Reset or Step call's answer, per agent in the order of the request's arena ids, written by
 * {@link BatchStepper} and sent as StepResponse bytes by {@link StepAnswerMarshaller}.
 * {@code observationBytes[0]}: how much of {@code observations} is used; {@code observationSizes}:
 * each agent's coded length under FRAME_DELTA, else null.
 */
record StepResults(long[] ids, byte[] observations, float[] rewards, boolean[] terminated, boolean[] truncated,
                   int[] infos, float[] states, StepResults.Transfer transfer, int[] observationSizes, int[] observationBytes) {

    /** How observations travel back (the API's ObservationTransfer). */
    enum Transfer {
        FULL, NEWEST, DELTA
    }

    boolean newestFrameOnly() {
        return transfer != Transfer.FULL;
    }
}
