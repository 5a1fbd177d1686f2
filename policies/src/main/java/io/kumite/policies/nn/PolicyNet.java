package io.kumite.policies.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ActorCritic} with its parameters on one device: batched inference straight from the
 * environment's uint8 observation bytes, a training forward, and parameter files. Every native array
 * a call makes lives in a sub-manager closed before the call returns, so long runs do not grow native
 * memory. Not thread-safe.
 */
public final class PolicyNet implements AutoCloseable {
    private final NDManager manager;
    private final ActorCritic block;
    private final ParameterStore store;
    private final Shape observation;
    private final List<Parameter> parameters = new ArrayList<>();
    private final int observationBytes;
    private ByteBuffer staging;
    private boolean trainable;

    /**
     * A freshly initialised network for observations of shape {@code (channels, height, width)};
     * {@code seed} fixes the initial weights.
     */
    public PolicyNet(ActorCritic.Arch arch, int[] observationShape, int actions, Device device, long seed) {
        Engine engine = Torch.engine();
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
        this.manager = engine.newBaseManager(device);
        this.observation = new Shape(observationShape[0], observationShape[1], observationShape[2]);
        this.observationBytes = (int) observation.size();
        this.block = new ActorCritic(arch, actions);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, observationShape[0], observationShape[1], observationShape[2]));
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.add(p.getValue());
        }
        this.store = new ParameterStore(manager, false);
    }

    public ActorCritic block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public int observationBytes() {
        return observationBytes;
    }

    public int actions() {
        return block.actions();
    }

    public Device device() {
        return manager.getDevice();
    }

    /** Number of trainable values. */
    public long size() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.getArray().size();
        }
        return n;
    }

    /**
     * Inference on {@code count} observations stored back to back in {@code obs} from {@code offset}
     * with a stride of {@code stride} bytes (the first {@link #observationBytes()} of each are used):
     * logits into {@code logits[i * actions ..]} and values into {@code values[i]} (may be null).
     */
    public void infer(byte[] obs, int offset, int stride, int count, float[] logits, float[] values) {
        // A batch of one runs as two copies of the observation: PyTorch's CPU convolution hands a
        // one-sample 3x3 convolution to its slow path, which first asks whether NNPACK is there, and
        // on CPUs where NNPACK does not start that prints a warning on every call (thousands of lines
        // per evaluation). A batch of two goes to oneDNN like every training batch does.
        if (count <= 0) {
            return;
        }
        int batch = Math.max(2, count);
        ByteBuffer buf = staging(batch);
        for (int i = 0; i < batch; i++) {
            buf.put(obs, offset + Math.min(i, count - 1) * stride, observationBytes);
        }
        buf.flip();
        try (NDManager tmp = manager.newSubManager()) {
            NDArray x = upload(tmp, buf, batchShape(batch), DataType.UINT8);
            NDList out = block.forward(store, new NDList(x), false);
            float[] l = out.get(0).toFloatArray();
            System.arraycopy(l, 0, logits, 0, count * block.actions());
            if (values != null) {
                float[] v = out.get(1).toFloatArray();
                System.arraycopy(v, 0, values, 0, count);
            }
        }
    }

    /**
     * A reused direct buffer for {@code count} observations. PyTorch tensors made from a direct
     * buffer alias its memory, so it is only reused once the tensor of the previous call is closed;
     * reusing it (rather than allocating per call) keeps native memory flat, since the JVM frees
     * direct buffers only when a garbage collection happens to find them.
     */
    public ByteBuffer staging(int count) {
        int bytes = count * observationBytes;
        if (staging == null || staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(bytes);
        }
        staging.clear();
        return staging;
    }

    /**
     * An array on this network's device, attached to {@code target}, from host data. On a GPU the
     * data is wrapped on the CPU first and copied over (wrapping host memory directly as a device
     * tensor is refused by newer PyTorch builds).
     */
    public NDArray upload(NDManager target, java.nio.Buffer data, Shape shape, DataType type) {
        if (!device().isGpu()) {
            return target.create(data, shape, type);
        }
        try (NDManager host = Torch.engine().newBaseManager(ai.djl.Device.cpu())) {
            NDArray onHost = host.create(data, shape, type);
            NDArray onDevice = onHost.toDevice(device(), true);
            onDevice.attach(target);
            return onDevice;
        }
    }

    public NDArray upload(NDManager target, float[] data) {
        return upload(target, java.nio.FloatBuffer.wrap(data), new Shape(data.length), DataType.FLOAT32);
    }

    public NDArray upload(NDManager target, int[] data) {
        return upload(target, java.nio.IntBuffer.wrap(data), new Shape(data.length), DataType.INT32);
    }

    public Shape batchShape(int count) {
        return new Shape(count, observation.get(0), observation.get(1), observation.get(2));
    }

    /** The training forward on a uint8 batch; the results belong to the batch's manager. */
    public NDList forwardTrain(NDArray obs) {
        return block.forward(store, new NDList(obs), true);
    }

    /** Marks the parameters as needing gradients (before training). */
    public void requireGradients() {
        trainable = true;
        for (Parameter p : parameters) {
            p.getArray().setRequiresGradient(true);
        }
    }

    public void save(Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
            block.saveParameters(out);
        }
    }

    public void load(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(file + " does not hold parameters of this network (" + block.arch().id() + ", "
                    + block.actions() + " actions, observation " + observation + "): " + e.getMessage(), e);
        }
        // Loading replaces the parameter arrays: a network being trained needs gradients on the new ones.
        if (trainable) {
            requireGradients();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
