package io.kumite.policies.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Starts DJL's PyTorch engine the way Kumite needs it: offline (the natives come from Maven, never
 * from DJL's download site), with a fixed number of torch threads (PyTorch's OpenMP threads spin-wait:
 * on a small machine they would fight the game for the cores), with glibc told to keep its large
 * buffers ({@link NativeHeap}), and on the device asked for.
 */
public final class Torch {
    private Torch() {}

    private static Engine engine;

    /**
     * The engine, started on first use with {@code threads} intra- and inter-op threads (0 = one
     * thread when the machine has at most 4 cores, else half the cores). The first start unpacks the
     * natives into {@code ~/.djl.ai} (or {@code DJL_CACHE_DIR}), about 430 MB.
     */
    public static synchronized Engine engine(int threads) {
        if (engine == null) {
            int n = threads > 0 ? threads : defaultThreads();
            setIfAbsent("ai.djl.offline", "true");
            setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(n));
            setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
            // The JIT's profiling executor recompiles on shape changes; we run eager code only.
            setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
            NativeHeap.keepLargeBuffers();
            try {
                engine = Engine.getEngine("PyTorch");
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new IllegalStateException("could not start PyTorch through DJL: " + e.getMessage()
                        + ". The natives come from the Maven artifacts ai.djl.pytorch:pytorch-native-cpu and pytorch-jni"
                        + " (see docs/dependencies.md); check that ~/.djl.ai (or DJL_CACHE_DIR) is writable and has ~500 MB free", e);
            }
        }
        return engine;
    }

    public static Engine engine() {
        return engine(0);
    }

    static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores <= 4 ? 1 : cores / 2;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * The device for {@code name}: {@code auto} (the first GPU DJL finds, else the CPU), {@code cpu},
     * or {@code gpu} / {@code gpu:N} (an error when there is none).
     */
    public static Device device(String name) {
        Engine e = engine();
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("auto")) {
            return e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.equals("gpu") || n.startsWith("gpu:") || n.equals("cuda") || n.startsWith("cuda:")) {
            int index = n.contains(":") ? Integer.parseInt(n.substring(n.indexOf(':') + 1)) : 0;
            if (e.getGpuCount() <= index) {
                throw new IllegalArgumentException("device " + name + " asked for, but DJL finds " + e.getGpuCount()
                        + " GPU(s); build with -Pcuda on a machine with an NVIDIA driver, or use --device cpu");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("unknown device \"" + name + "\"; expected auto, cpu, gpu or gpu:N");
    }

    /** One line for logs: engine version, device, threads. */
    public static String describe(Device device) {
        Engine e = engine();
        return "PyTorch " + e.getVersion() + " (DJL " + Engine.getDjlVersion() + ") on " + device + ", "
                + System.getProperty("ai.djl.pytorch.num_threads") + " torch thread(s)";
    }
}
