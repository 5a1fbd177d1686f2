package io.kumite.policies.ckpt;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.nn.PolicyNet;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A checkpoint's network in a form PyTorch loads: a NumPy {@code .npz} whose arrays are named as the
 * same network's {@code state_dict} in PyTorch ({@code trunk.0.weight}, …, {@code policy.bias},
 * {@code value.bias}; DJL's convolution and linear weights already have PyTorch's layout), and in the
 * same archive {@link #META} ({@link #FORMAT}: architecture, observation, actions, the environment it
 * trained on; {@code np.load} lists it beside the arrays). {@code kumite.torch_agents.load_kumite_export} in the Python client rebuilds the module from
 * the pair; {@code save_torchscript} turns it into a {@code torchscript:} policy.
 */
public final class CheckpointExport {
    public static final String FORMAT = "kumite-export/1";
    public static final String META = "kumite_export.json";

    private CheckpointExport() {}

    /** Writes {@code out} (an .npz); returns what its {@link #META} says. */
    public static Map<String, Object> write(Path checkpoint, Path out, Roster roster) throws IOException {
        Path dir = Checkpoint.resolve(checkpoint);
        Checkpoint.Manifest m = Checkpoint.manifest(dir);
        Map<String, Object> meta = new LinkedHashMap<>(TorchScriptPolicy.sidecarFor(m.envConfig(), roster));
        meta.put("format", FORMAT);
        meta.put("architecture", m.arch().id());
        meta.put("steps", m.steps());
        meta.put("source", Json.object("checkpoint", dir.toString(), "parameters_sha256", m.sha256()));
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try (PolicyNet net = Checkpoint.loadNet(dir, m, ai.djl.Device.cpu())) {
            for (Pair<String, Block> child : net.block().getChildren()) {
                String head = child.getKey().replaceFirst("^\\d+", ""); // DJL prefixes child names with their index
                Block b = child.getValue();
                if (b.getChildren().isEmpty()) {
                    collect(head, b, arrays);
                } else {
                    int i = 0;
                    for (Pair<String, Block> layer : b.getChildren()) {
                        collect(head + "." + i++, layer.getValue(), arrays);
                    }
                }
            }
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out)); ZipOutputStream zip = new ZipOutputStream(os)) {
                for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    zip.write(npy(e.getValue().getShape().getShape(), e.getValue().toFloatArray()));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(META));
                zip.write((Json.write(meta) + "\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return meta;
    }

    private static void collect(String prefix, Block b, Map<String, NDArray> into) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (b.getChildren().isEmpty()) {
                into.put(prefix + "." + p.getValue().getName(), p.getValue().getArray());
            }
        }
    }

    /** One array in NumPy's .npy format, version 1.0, little-endian float32, C order. */
    static byte[] npy(long[] shape, float[] data) {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            dims.add(Long.toString(d));
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + dims + ", }";
        int unpadded = 10 + header.length() + 1; // magic(6) + version(2) + length(2) + header + '\n'
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float f : data) {
            b.putFloat(f);
        }
        return b.array();
    }
}
