package io.kumite.policies.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (PyTorch's update rule, no weight decay) over a network's parameters, with global-norm
 * gradient clipping and a state that can be saved with a checkpoint so that a resumed run continues
 * with the same moments. Our own rather than DJL's so that the state is ours to save, and so that no
 * gradient wrapper outlives a step (each {@code getGradient()} makes a native handle that we close).
 */
public final class Adam {
    private final List<Parameter> params;
    private final NDArray[] m;
    private final NDArray[] v;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private long steps;

    public Adam(List<Parameter> params, NDManager stateManager, float beta1, float beta2, float eps) {
        this.params = new ArrayList<>(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new NDArray[params.size()];
        this.v = new NDArray[params.size()];
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            m[i] = stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice());
            v[i] = stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        }
    }

    /** Forgets the moments (a learner restarted from its initial weights). */
    public void reset() {
        for (int i = 0; i < m.length; i++) {
            m[i].muli(0f);
            v[i].muli(0f);
        }
        steps = 0;
    }

    public long steps() {
        return steps;
    }

    /**
     * One update with learning rate {@code lr} from the gradients of the last backward pass, which
     * are first scaled so their global L2 norm is at most {@code maxGradNorm} (0 = no clipping) and
     * then zeroed. Returns the gradient norm before clipping.
     */
    public float step(float lr, float maxGradNorm) {
        steps++;
        NDArray[] grads = new NDArray[params.size()];
        try {
            double sq = 0;
            for (int i = 0; i < grads.length; i++) {
                grads[i] = params.get(i).getArray().getGradient();
                try (NDArray g2 = grads[i].square(); NDArray s = g2.sum()) {
                    sq += s.getFloat();
                }
            }
            float norm = (float) Math.sqrt(sq);
            float scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6f) : 1f;
            double bias1 = 1 - Math.pow(beta1, steps);
            double bias2 = 1 - Math.pow(beta2, steps);
            float stepSize = (float) (lr / bias1);
            float sqrtBias2 = (float) Math.sqrt(bias2);
            for (int i = 0; i < grads.length; i++) {
                NDArray g = grads[i];
                if (scale != 1f) {
                    g.muli(scale);
                }
                NDArray w = params.get(i).getArray();
                try (NDArray gm = g.mul(1 - beta1); NDArray g2 = g.square().muli(1 - beta2)) {
                    m[i].muli(beta1).addi(gm);
                    v[i].muli(beta2).addi(g2);
                }
                try (NDArray denom = v[i].sqrt().divi(sqrtBias2).addi(eps); NDArray update = m[i].div(denom).muli(stepSize)) {
                    w.subi(update);
                }
                g.muli(0f);
            }
            return norm;
        } finally {
            for (NDArray g : grads) {
                if (g != null) {
                    g.close();
                }
            }
        }
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        out.writeInt(m.length);
        for (int i = 0; i < m.length; i++) {
            write(out, m[i]);
            write(out, v[i]);
        }
    }

    private static void write(DataOutputStream out, NDArray a) throws IOException {
        byte[] bytes = a.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public void load(DataInputStream in) throws IOException {
        long s = in.readLong();
        int n = in.readInt();
        if (n != m.length) {
            throw new IOException("optimizer state holds " + n + " parameters, the network has " + m.length);
        }
        for (int i = 0; i < n; i++) {
            read(in, m[i]);
            read(in, v[i]);
        }
        steps = s;
    }

    private static void read(DataInputStream in, NDArray into) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        try (NDManager tmp = into.getManager().newSubManager(); NDArray a = NDArray.decode(tmp, bytes)) {
            if (!a.getShape().equals(into.getShape())) {
                throw new IOException("optimizer state shape " + a.getShape() + " does not match " + into.getShape());
            }
            into.set(a.toByteBuffer());
        }
    }
}
