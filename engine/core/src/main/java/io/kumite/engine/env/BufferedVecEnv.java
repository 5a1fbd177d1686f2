package io.kumite.engine.env;

/**
 * The result arrays every {@link VecEnv} implementation fills, sized once from the config, and their
 * accessors. Subclasses write into them on each reset and step.
 */
public abstract class BufferedVecEnv implements VecEnv {
    protected final EnvConfig config;
    private final int numEnvs;
    final int observationBytes;
    public final byte[] observations;
    public final float[] rewards;
    public final boolean[] terminated;
    public final boolean[] truncated;
    public final float[] states;
    public final int[] infos;

    protected BufferedVecEnv(EnvConfig config, int numEnvs) {
        if (numEnvs < 1 || numEnvs > 65_536) {
            throw new IllegalArgumentException("the number of environments must be in 1..65536, got " + numEnvs);
        }
        this.config = config;
        this.numEnvs = numEnvs;
        this.observationBytes = config.observationBytes();
        int slots = numEnvs * config.agents();
        this.observations = new byte[Math.multiplyExact(slots, observationBytes)];
        this.rewards = new float[slots];
        this.terminated = new boolean[slots];
        this.truncated = new boolean[slots];
        this.states = new float[config.stateVector() ? slots * StateVector.LENGTH : 0];
        this.infos = new int[slots * Info.FIELDS];
    }

    @Override
    public EnvConfig config() {
        return config;
    }

    @Override
    public int numEnvs() {
        return numEnvs;
    }

    @Override
    public int agents() {
        return config.agents();
    }

    @Override
    public int observationBytes() {
        return observationBytes;
    }

    @Override
    public byte[] observations() {
        return observations;
    }

    @Override
    public float[] rewards() {
        return rewards;
    }

    @Override
    public boolean[] terminated() {
        return terminated;
    }

    @Override
    public boolean[] truncated() {
        return truncated;
    }

    @Override
    public int[] infos() {
        return infos;
    }

    @Override
    public float[] states() {
        return states;
    }
}
