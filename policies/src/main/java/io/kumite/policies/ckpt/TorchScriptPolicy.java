package io.kumite.policies.ckpt;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kumite.engine.Player;
import io.kumite.engine.action.Actions;
import io.kumite.engine.bot.Controller;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.bot.PolicyProvider;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.nn.Torch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TorchScript module as a {@link Policy} ({@code torchscript:<file.pt>}), for agents trained
 * outside Kumite (in PyTorch through the Python client): the module takes a uint8 tensor of
 * observations {@code [batch, channels, height, width]}, exactly what the environment returns, and
 * returns the logits of the 22 discrete actions {@code [batch, 22]} (or a tuple whose first element
 * they are). Actions are sampled from those logits with a generator seeded by the match seed, as for
 * {@code ckpt:}, so a match is reproducible.
 *
 * <p>Beside the module, a sidecar {@code <file>.json} ({@link #SIDECAR_FORMAT}) says what the agent
 * sees: {@code env} (the environment settings it was trained with, as {@code --env} takes them,
 * {@code agent_character} naming the character it plays) and, as a check, {@code observation.shape}
 * and {@code actions.n}. {@code kumite.torch_agents.save_torchscript} in the Python client writes
 * such a pair from a PyTorch module ({@code clients/python/examples/train_torch.py --export} uses it),
 * and {@code kumite export} plus {@code load_kumite_export} turn a Kumite checkpoint into one.
 */
public final class TorchScriptPolicy implements Policy, AutoCloseable {
    public static final String SIDECAR_FORMAT = "kumite-torchscript/1";

    private final String spec;
    private final EnvConfig env;
    private final Model model;
    private final int[] shape;
    private final int character;
    private final ParameterStore store;
    private ByteBuffer staging;

    public TorchScriptPolicy(Path file, Roster roster) {
        this.spec = "torchscript:" + file;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(spec + ": no such file; give a TorchScript module saved with torch.jit.save"
                    + " (e.g. torchscript:examples/torchscript/tiny.pt)");
        }
        Path sidecar = sidecar(file);
        this.env = readSidecar(sidecar, roster);
        this.shape = env.observationShape();
        this.character = env.agentCharacter() >= 0 && env.agentCharacter() < roster.size() ? env.agentCharacter() : 0;
        Torch.engine();
        this.model = Model.newInstance("torchscript", Device.cpu(), "PyTorch");
        try {
            Path dir = file.toAbsolutePath().getParent();
            model.load(dir, file.getFileName().toString(), Map.of());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException(spec + " could not be loaded as TorchScript (" + e.getMessage()
                    + "); save the module with torch.jit.save(torch.jit.script(m) or torch.jit.trace(m, example), path)", e);
        }
        this.store = new ParameterStore(model.getNDManager(), false);
        try { // fails now, with the shapes in the message, rather than mid-match
            infer(new byte[env.observationBytes()], 0, 0, 1, new float[Actions.DISCRETE_COUNT]);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The sidecar of {@code file}: {@code agent.pt} → {@code agent.json}. */
    public static Path sidecar(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
        return file.resolveSibling(stem + ".json");
    }

    /** The sidecar's content for an agent that sees {@code env}. */
    public static Map<String, Object> sidecarFor(EnvConfig env, Roster roster) {
        Map<String, String> settings = new LinkedHashMap<>(env.toMap());
        if (env.agentCharacter() >= 0) {
            settings.put("agent_character", roster.get(env.agentCharacter()).name);
        }
        int[] s = env.observationShape();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", SIDECAR_FORMAT);
        m.put("env", settings);
        m.put("observation", Json.object("shape", List.of(s[0], s[1], s[2]), "dtype", "uint8", "layout", "CHW"));
        m.put("actions", Json.object("type", "discrete", "n", Actions.DISCRETE_COUNT));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static EnvConfig readSidecar(Path sidecar, Roster roster) {
        if (!Files.isRegularFile(sidecar)) {
            throw new IllegalArgumentException("torchscript: " + sidecar + " is missing: beside the module goes a JSON file naming"
                    + " what the agent sees, e.g. {\"format\": \"" + SIDECAR_FORMAT + "\", \"env\": {\"width\": 48, \"height\": 48,"
                    + " \"frame_stack\": 4, \"agent_character\": \"kenta\"}} (docs/python.md, \"TorchScript agents\")");
        }
        Map<String, Object> m;
        try {
            m = (Map<String, Object>) Json.parse(Files.readString(sidecar, StandardCharsets.UTF_8), sidecar.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sidecar + ": " + e.getMessage(), e);
        } catch (Json.ParseException | ClassCastException e) {
            throw new IllegalArgumentException(sidecar + " is not a JSON object: " + e.getMessage(), e);
        }
        if (!SIDECAR_FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException(sidecar + " has format " + m.get("format") + ", expected \"" + SIDECAR_FORMAT + "\"");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Object e = m.getOrDefault("env", Map.of());
        if (!(e instanceof Map)) {
            throw new IllegalArgumentException(sidecar + ": \"env\" must be an object of environment settings, got " + e);
        }
        ((Map<String, Object>) e).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        EnvConfig env;
        try {
            env = EnvConfig.preset("default").with(settings, roster);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException(sidecar + ": " + x.getMessage(), x);
        }
        if (env.actions() != EnvConfig.ActionType.DISCRETE) {
            throw new IllegalArgumentException(sidecar + ": torchscript policies play the discrete actions; remove actions=" + settings.get("actions"));
        }
        Object obs = m.get("observation");
        if (obs instanceof Map && ((Map<String, Object>) obs).get("shape") instanceof List<?> declared) {
            int[] s = env.observationShape();
            List<Integer> actual = List.of(s[0], s[1], s[2]);
            List<Integer> given = declared.stream().map(x -> ((Number) x).intValue()).toList();
            if (!given.equals(actual)) {
                throw new IllegalArgumentException(sidecar + ": observation.shape " + given + " does not match its env settings, which give "
                        + actual + " (channels, height, width); fix one of them");
            }
        }
        Object act = m.get("actions");
        if (act instanceof Map && ((Map<String, Object>) act).get("n") instanceof Number n && n.intValue() != Actions.DISCRETE_COUNT) {
            throw new IllegalArgumentException(sidecar + ": actions.n is " + n + "; Kumite's discrete action space has "
                    + Actions.DISCRETE_COUNT + " actions");
        }
        return env;
    }

    /**
     * Logits of {@code count} observations stored back to back in {@code obs} from {@code offset} with
     * a stride of {@code stride} bytes, into {@code logits[i * 22 ..]}, as {@code PolicyNet.infer} does
     * (a single observation runs as a batch of two, for the reason given there). Thread-safe.
     */
    public void infer(byte[] obs, int offset, int stride, int count, float[] logits) {
        if (count <= 0) {
            return;
        }
        int bytes = env.observationBytes();
        int batch = Math.max(2, count);
        synchronized (model) {
            if (staging == null || staging.capacity() < batch * bytes) {
                // Reused: a tensor made from a direct buffer aliases it, and is closed before the next call.
                staging = ByteBuffer.allocateDirect(batch * bytes);
            }
            ByteBuffer buf = staging.clear();
            for (int i = 0; i < batch; i++) {
                buf.put(obs, offset + Math.min(i, count - 1) * stride, bytes);
            }
            buf.flip();
            try (NDManager tmp = model.getNDManager().newSubManager()) {
                Shape in = new Shape(batch, shape[0], shape[1], shape[2]);
                NDArray x = tmp.create(buf, in, DataType.UINT8);
                NDList out;
                try {
                    out = model.getBlock().forward(store, new NDList(x), false);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(spec + " failed on observations of shape " + in + " uint8: " + e.getMessage(), e);
                }
                NDArray l = out.get(0);
                if (!l.getShape().equals(new Shape(batch, Actions.DISCRETE_COUNT))) {
                    throw new IllegalArgumentException(spec + " returned " + l.getShape() + " for a batch of " + batch
                            + " observations; expected logits of shape (" + batch + ", " + Actions.DISCRETE_COUNT + ")");
                }
                float[] all = l.toType(DataType.FLOAT32, false).toFloatArray();
                System.arraycopy(all, 0, logits, 0, count * Actions.DISCRETE_COUNT);
            }
        }
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public int character() {
        return character;
    }

    public EnvConfig env() {
        return env;
    }

    /** The logits for one observation (for tests and {@code kumite export}'s check). */
    public float[] logits(byte[] observation) {
        if (observation.length != env.observationBytes()) {
            throw new IllegalArgumentException("observation of " + observation.length + " bytes, expected " + env.observationBytes()
                    + " " + Arrays.toString(shape));
        }
        float[] out = new float[Actions.DISCRETE_COUNT];
        infer(observation, 0, observation.length, 1, out);
        return out;
    }

    @Override
    public Controller newController(Roster roster, Player seat, long matchSeed) {
        return CheckpointPolicy.sampling(env, roster, seat, matchSeed, Actions.DISCRETE_COUNT,
                (obs, logits) -> infer(obs, 0, obs.length, 1, logits));
    }

    /** Frees the module's native memory (a policy that is still playing must not be closed). */
    @Override
    public void close() {
        synchronized (model) {
            model.close();
        }
    }

    /** Loads {@code torchscript:} policies for {@link io.kumite.engine.bot.Policies#parse}. */
    public static final class Provider implements PolicyProvider {
        @Override
        public String scheme() {
            return "torchscript";
        }

        @Override
        public Policy load(String argument, Roster roster) {
            if (argument.isBlank()) {
                throw new IllegalArgumentException("torchscript: needs a file, e.g. torchscript:examples/torchscript/tiny.pt");
            }
            return new TorchScriptPolicy(Path.of(argument), roster);
        }
    }
}
