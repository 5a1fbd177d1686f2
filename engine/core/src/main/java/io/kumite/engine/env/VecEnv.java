package io.kumite.engine.env;


/**
 * A batch of environments of one config, stepped together; results are read from arrays the
 * implementation owns and overwrites on every call (EnvPool style). Agent {@code a} of environment
 * {@code i} is slot {@code i * agents() + a}: its observation is
 * {@code observations()[slot * observationBytes() ..]} (uint8, channels-first, see
 * {@link EnvConfig#observationShape()}), its info record {@code infos()[slot * Info.FIELDS ..]} (read with {@link Info}), its
 * state vector {@code states()[slot * StateVector.LENGTH ..]}.
 *
 * <p>Implementations: {@link LocalVecEnv} (in process) and the remote client of the policies module
 * (arenas on one or more gRPC servers). Both give the same results for the same config and seeds.
 * Not thread-safe: one caller at a time.
 */
public interface VecEnv extends AutoCloseable {
    EnvConfig config();

    int numEnvs();

    /** Agents per environment: 1 (vs_cpu) or 2 (two_player). */
    int agents();

    int observationBytes();

    /** Resets every environment: environment i gets seed {@code baseSeed + i}. */
    void reset(long baseSeed);

    /** Resets one environment, reseeding it only if {@code seed} is not null. */
    void reset(int env, Long seed);

    /** Steps every environment with one action per agent slot. */
    void step(int[] actions);

    byte[] observations();

    float[] rewards();

    boolean[] terminated();

    boolean[] truncated();

    int[] infos();

    /** Empty unless the config asks for state vectors. */
    float[] states();

    @Override
    void close();
}
