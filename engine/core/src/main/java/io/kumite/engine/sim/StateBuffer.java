package io.kumite.engine.sim;

/**
 * A reusable snapshot of a {@link MatchState}: {@link #capture} and {@link #restoreInto} copy every
 * field (through the same field list as checksums and serialisation) without allocating after the
 * first use. For rollback-style work such as observation delays. Not thread-safe.
 */
public final class StateBuffer {
    private final StateCodec.Recorder recorder = new StateCodec.Recorder();
    private boolean full;

    public void capture(MatchState s) {
        recorder.replaying = false;
        recorder.ni = 0;
        recorder.nl = 0;
        s.visit(recorder);
        full = true;
    }

    public void restoreInto(MatchState target) {
        if (!full) {
            throw new IllegalStateException("nothing captured yet");
        }
        recorder.rewind();
        target.visit(recorder);
    }
}
