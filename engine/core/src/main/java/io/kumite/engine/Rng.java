package io.kumite.engine;

/**
 * SplitMix64: a tiny, fast, well-mixed deterministic PRNG whose whole state is one long, so it can
 * live inside a match state and be copied, checksummed and serialised with it. Never use
 * {@code java.util.Random} or {@code Math.random} in the simulation. Not thread-safe.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift on the top 32 bits: unbiased enough for game use and branch-free.
        long r = nextLong() >>> 32;
        return (int) ((r * bound) >>> 32);
    }

    /** True with probability {@code perMille / 1000}. */
    public boolean chance(int perMille) {
        return nextInt(1000) < perMille;
    }

    /** The SplitMix64 finaliser; also used to derive independent seeds from one seed. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed for stream {@code stream} derived from {@code seed} (e.g. one per bot seat). */
    public static long derive(long seed, long stream) {
        return mix(seed ^ mix(stream * GOLDEN + 0x632BE59BD9B4E019L));
    }
}
