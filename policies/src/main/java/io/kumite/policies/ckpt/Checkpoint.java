package io.kumite.policies.ckpt;

import io.kumite.engine.EngineVersion;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.policies.nn.ActorCritic;
import io.kumite.policies.nn.Adam;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.ppo.PpoConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint: a folder {@code ckpt-<steps>} holding {@code model.params} (DJL's parameter format),
 * {@code optimizer.bin} (Adam's moments, for resuming) and {@code manifest.json} (architecture,
 * observation and action spec, the environment config it was trained on, steps, the PPO config, the
 * SHA-256 of the parameters). Written into a temporary folder and renamed, then {@code latest} (a
 * symbolic link in the run folder) is swung over atomically: a reader never sees half a checkpoint.
 */
public final class Checkpoint {
    public static final String MANIFEST = "manifest.json";
    public static final String PARAMS = "model.params";
    public static final String OPTIMIZER = "optimizer.bin";
    public static final String LATEST = "latest";
    public static final String FORMAT = "kumite-checkpoint/1";

    private Checkpoint() {}

    /** What a checkpoint's manifest says. {@code extra} carries trainer state (iteration, RNG, opponent, ...). */
    public record Manifest(ActorCritic.Arch arch, int actions, int[] observationShape, Map<String, String> env, long steps,
            PpoConfig config, String sha256, String created, Map<String, Object> extra) {

        public EnvConfig envConfig() {
            return EnvConfig.preset("default").with(env, Roster.builtIn());
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("architecture", arch.id());
            m.put("observation", Json.object("shape", List.of(observationShape[0], observationShape[1], observationShape[2]),
                    "dtype", "uint8", "layout", "CHW"));
            m.put("actions", Json.object("type", "discrete", "n", actions));
            m.put("env", env);
            m.put("steps", steps);
            m.put("ppo", config.toMap());
            m.put("parameters_sha256", sha256);
            m.put("created", created);
            m.put("engine", Json.object("simulation", EngineVersion.SIMULATION, "roster_sha256", Roster.builtIn().contentHash()));
            m.put("trainer", extra);
            return m;
        }

        @SuppressWarnings("unchecked")
        static Manifest fromMap(Map<String, Object> m, Path source) {
            if (!FORMAT.equals(m.get("format"))) {
                throw new IllegalArgumentException(source + " is not a Kumite checkpoint manifest (format " + m.get("format")
                        + ", expected " + FORMAT + ")");
            }
            List<Object> shape = (List<Object>) ((Map<String, Object>) m.get("observation")).get("shape");
            int[] s = {((Number) shape.get(0)).intValue(), ((Number) shape.get(1)).intValue(), ((Number) shape.get(2)).intValue()};
            Map<String, String> env = new LinkedHashMap<>();
            ((Map<String, Object>) m.get("env")).forEach((k, v) -> env.put(k, String.valueOf(v)));
            int actions = ((Number) ((Map<String, Object>) m.get("actions")).get("n")).intValue();
            return new Manifest(ActorCritic.Arch.parse((String) m.get("architecture")), actions, s, env,
                    ((Number) m.get("steps")).longValue(), PpoConfig.fromMap((Map<String, Object>) m.get("ppo")),
                    (String) m.get("parameters_sha256"), (String) m.get("created"),
                    (Map<String, Object>) m.getOrDefault("trainer", Map.of()));
        }
    }

    /**
     * Writes a checkpoint of {@code net} (and {@code adam}, if given) into {@code runDir} and points
     * {@code latest} at it. Returns the checkpoint folder.
     */
    public static Path save(Path runDir, PolicyNet net, Adam adam, Manifest manifest) throws IOException {
        return save(runDir, String.format("ckpt-%012d", manifest.steps()), net, adam, manifest, true);
    }

    /** Writes a checkpoint folder {@code runDir/name}; {@code linkLatest} also swings {@code runDir/latest} to it. */
    public static Path save(Path runDir, String name, PolicyNet net, Adam adam, Manifest manifest, boolean linkLatest) throws IOException {
        Files.createDirectories(runDir);
        Path tmp = Files.createTempDirectory(runDir, "." + name + ".tmp");
        net.save(tmp.resolve(PARAMS));
        if (adam != null) {
            try (OutputStream os = Files.newOutputStream(tmp.resolve(OPTIMIZER));
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
                adam.save(out);
            }
        }
        Manifest m = new Manifest(manifest.arch(), manifest.actions(), manifest.observationShape(), manifest.env(), manifest.steps(),
                manifest.config(), sha256(tmp.resolve(PARAMS)), Instant.now().toString(), manifest.extra());
        Files.writeString(tmp.resolve(MANIFEST), Json.write(m.toMap()) + "\n", StandardCharsets.UTF_8);
        Path dir = runDir.resolve(name);
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
        move(tmp, dir);
        if (!linkLatest) {
            return dir;
        }
        Path link = runDir.resolve("." + LATEST + ".tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(name));
        move(link, runDir.resolve(LATEST));
        return dir;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The checkpoint folder a user means by {@code path}: a checkpoint folder itself, or a run folder
     * (its {@code latest}).
     */
    public static Path resolve(Path path) {
        if (Files.isRegularFile(path.resolve(MANIFEST))) {
            return path;
        }
        if (Files.isRegularFile(path.resolve(LATEST).resolve(MANIFEST))) {
            return path.resolve(LATEST);
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("checkpoint " + path + " does not exist; give a checkpoint folder (with "
                    + MANIFEST + ") or a run folder written by `kumite train ppo --out`");
        }
        throw new IllegalArgumentException(path + " holds no " + MANIFEST + " (nor a " + LATEST
                + " checkpoint); give a checkpoint folder or a run folder written by `kumite train ppo --out`");
    }

    public static Manifest manifest(Path checkpoint) throws IOException {
        Path file = resolve(checkpoint).resolve(MANIFEST);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            return Manifest.fromMap(m, file);
        } catch (Json.ParseException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(file + " is not a valid checkpoint manifest: " + e.getMessage(), e);
        }
    }

    /** Loads a checkpoint's network onto {@code device}, checking the parameters against the manifest's hash. */
    public static PolicyNet loadNet(Path checkpoint, Manifest m, ai.djl.Device device) throws IOException {
        Path dir = resolve(checkpoint);
        String actual = sha256(dir.resolve(PARAMS));
        if (m.sha256() != null && !m.sha256().equals(actual)) {
            throw new IOException(dir.resolve(PARAMS) + " has SHA-256 " + actual + " but the manifest says " + m.sha256()
                    + ": the checkpoint is corrupt or was modified");
        }
        PolicyNet net = new PolicyNet(m.arch(), m.observationShape(), m.actions(), device, 0);
        net.load(dir.resolve(PARAMS));
        return net;
    }

    /** Restores Adam's moments, if the checkpoint has them; returns whether it did. */
    public static boolean loadOptimizer(Path checkpoint, Adam adam) throws IOException {
        Path file = resolve(checkpoint).resolve(OPTIMIZER);
        try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            adam.load(in);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The checkpoints of a run folder, oldest first. */
    public static List<Path> list(Path runDir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(runDir)) {
            s.filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().equals(LATEST)
                    && Files.isRegularFile(p.resolve(MANIFEST)))
                    .sorted().forEach(out::add);
        }
        return out;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        StringBuilder b = new StringBuilder();
        for (byte x : d.digest()) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>();
            s.forEach(all::add);
            for (int i = all.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(all.get(i));
            }
        }
    }
}
