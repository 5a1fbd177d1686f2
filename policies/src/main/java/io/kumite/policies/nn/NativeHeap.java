package io.kumite.policies.nn;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps PyTorch's large CPU buffers in glibc's heap instead of fresh {@code mmap}s.
 *
 * <p>glibc serves every allocation over its mmap threshold (at most 32 MB) with a new mapping and
 * unmaps it on free. A PPO minibatch of 1024 observations of 4×48×48 floats is 38 MB, and its
 * activations and gradients are of the same order, so each step of the learner mapped, touched
 * and unmapped hundreds of megabytes: on a VM where page faults are dear most of the learner's CPU
 * went to the kernel ({@code kumite bench ppo}; the figures, before and after, are in
 * docs/benchmarks.md, PPO training throughput). Turning
 * mmap off for malloc and never trimming the heap's top makes the second and later minibatches
 * reuse the pages of the first. The heap then stays at its high-water mark, which a trainer reaches
 * in its first iteration anyway (docs/results/ppo-level4.md measures the RSS over an hour).
 *
 * <p>Only where it can be done: Linux with glibc's {@code mallopt}. A user who sets glibc's mmap or
 * trim knobs themselves ({@code MALLOC_MMAP_MAX_}, {@code MALLOC_TRIM_THRESHOLD_},
 * {@code MALLOC_MMAP_THRESHOLD_} or their {@code glibc.malloc.*} tunables), or
 * {@code -Dkumite.malloc=default}, keeps their own settings.
 */
public final class NativeHeap {
    private NativeHeap() {}

    // <malloc.h>
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;

    private static Boolean tuned;

    /** Applies the settings once; true when they are in force (now or from an earlier call). */
    public static synchronized boolean keepLargeBuffers() {
        if (tuned == null) {
            tuned = apply(System.getenv(), System.getProperty("kumite.malloc", ""));
        }
        return tuned;
    }

    static boolean apply(Map<String, String> env, String property) {
        if (property.equals("default") || !Platform.isLinux() || userChoseMalloc(env)) {
            return false;
        }
        try {
            Function mallopt = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
            // mallopt returns 1 on success, 0 on error (musl's stub always returns 0).
            boolean mmapOff = mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0}) == 1;
            boolean noTrim = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE}) == 1;
            return mmapOff && noTrim;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // no glibc, or JNA cannot load here: training is slower on such a machine, not wrong
        }
    }

    /** The knobs this class turns, as glibc's environment variables and tunables name them. */
    private static final String[] KNOBS = {"MMAP_MAX", "TRIM_THRESHOLD", "MMAP_THRESHOLD"};

    static boolean userChoseMalloc(Map<String, String> env) {
        String tunables = env.getOrDefault("GLIBC_TUNABLES", "").toLowerCase(Locale.ROOT);
        for (String knob : KNOBS) {
            if (env.containsKey("MALLOC_" + knob + "_") || tunables.contains("glibc.malloc." + knob.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
