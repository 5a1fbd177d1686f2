package io.kumite.policies.play;

import ai.djl.Device;
import io.kumite.engine.Rng;
import io.kumite.engine.action.Actions;
import io.kumite.engine.bot.BotLevel;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.VecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.ckpt.TorchScriptPolicy;
import io.kumite.policies.nn.Categorical;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.ppo.Curriculum;
import io.kumite.policies.ppo.OpponentSeat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who the learner fights. A built-in bot ({@code bot:<character>:<level>}, {@code *} or
 * {@code random} for a random character each episode) runs inside the environment ({@code vs_cpu}
 * mode, no cost to the trainer); {@code noop}, {@code random}, {@code ckpt:<path>} (a frozen
 * checkpoint) and {@code torchscript:<file.pt>} (a TorchScript module, as its own character) play seat
 * 1 of a {@code two_player} environment, their actions chosen here.
 * {@code ladder:<from>-<to>}: CPU bots whose character and level (from..to) are chosen per episode
 * by a {@link Curriculum} (in-process environments only).
 */
public final class Opponent implements OpponentSeat, AutoCloseable {
    enum Kind { BOT, LADDER, NOOP, RANDOM, CHECKPOINT, TORCHSCRIPT, POOL }

    private final String spec;
    private final Kind kind;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private PolicyNet net;
    private TorchScriptPolicy torchScript;
    private Path checkpoint;
    private float[] logits;
    private Curriculum curriculum;
    private io.kumite.policies.play.SnapshotPool pool;

    private Opponent(String spec, Kind kind) {
        this.spec = spec;
        this.kind = kind;
    }

    public static Opponent parse(String spec, Roster roster) {
        String s = spec.trim();
        String[] parts = s.split(":", -1);
        switch (parts[0]) {
            case "bot": {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("bad opponent \"" + spec + "\": expected bot:<character>:<level>, with * for"
                            + " a random character each episode, e.g. bot:*:1 or bot:" + roster.get(0).name + ":4");
                }
                Opponent o = new Opponent(s, Kind.BOT);
                boolean any = parts[1].equals("*") || parts[1].equals("random");
                int level;
                try {
                    level = Integer.parseInt(parts[2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad opponent \"" + spec + "\": the level must be a number in 1..8");
                }
                BotLevel.of(level);
                o.settings.put("mode", "vs_cpu");
                o.settings.put("opponent_character", any ? "-1" : Integer.toString(roster.indexOf(parts[1])));
                o.settings.put("cpu_level", Integer.toString(level));
                return o;
            }
            case "ladder": {
                String[] range = parts.length == 2 ? parts[1].split("-", -1) : new String[0];
                if (range.length != 2) {
                    throw new IllegalArgumentException("bad opponent \"" + spec + "\": expected ladder:<from>-<to>, e.g. ladder:1-8");
                }
                Opponent o = new Opponent(s, Kind.LADDER);
                try {
                    o.curriculum = new Curriculum(roster.size(), Integer.parseInt(range[0]), Integer.parseInt(range[1]), 100);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad opponent \"" + spec + "\": levels must be numbers in 1..8");
                }
                o.settings.put("mode", "vs_cpu");
                o.settings.put("opponent_character", "-1");
                o.settings.put("cpu_level", range[0]);
                return o;
            }
            case "noop":
            case "random": {
                if (parts.length != 1) {
                    throw new IllegalArgumentException("bad opponent \"" + spec + "\": expected " + parts[0]
                            + " (the opponent's character is the environment's opponent_character)");
                }
                Opponent o = new Opponent(s, parts[0].equals("noop") ? Kind.NOOP : Kind.RANDOM);
                o.settings.put("mode", "two_player");
                return o;
            }
            case "ckpt": {
                Opponent o = new Opponent(s, Kind.CHECKPOINT);
                o.checkpoint = Checkpoint.resolve(Path.of(s.substring("ckpt:".length())));
                o.settings.put("mode", "two_player");
                return o;
            }
            case "torchscript": {
                Opponent o = new Opponent(s, Kind.TORCHSCRIPT);
                o.torchScript = new TorchScriptPolicy(Path.of(s.substring("torchscript:".length())), roster);
                o.settings.put("mode", "two_player");
                o.settings.put("opponent_character", Integer.toString(o.torchScript.character()));
                return o;
            }
            default:
                throw new IllegalArgumentException("unknown opponent \"" + spec
                        + "\"; expected bot:<character|*>:<level>, noop, random, ckpt:<path> or torchscript:<file.pt>");
        }
    }

    /** Frozen snapshots taking turns on seat 1 (fictitious self-play, PFSP, PSRO). */
    public static Opponent pool(io.kumite.policies.play.SnapshotPool pool) {
        Opponent o = new Opponent("pool", Kind.POOL);
        o.pool = pool;
        o.settings.put("mode", "two_player");
        return o;
    }

    public String spec() {
        return spec;
    }

    /** Environment settings this opponent needs (mode, opponent character, CPU level). */
    public Map<String, String> settings() {
        return settings;
    }

    /** Whether the trainer chooses seat 1's actions (two_player) rather than the environment's bot. */
    @Override
    public boolean playsSeat() {
        return kind != Kind.BOT && kind != Kind.LADDER;
    }

    /** The module of a {@code torchscript:} opponent, else null. */
    public TorchScriptPolicy torchScript() {
        return torchScript;
    }

    /** The curriculum of a {@code ladder:} opponent, else null. */
    @Override
    public Curriculum curriculum() {
        return curriculum;
    }

    /** Loads what the opponent needs for {@code config} (a checkpoint's network) on {@code device}. */
    public void prepare(EnvConfig config, Device device) {
        if (kind == Kind.TORCHSCRIPT && !Arrays.equals(torchScript.env().observationShape(), config.observationShape())) {
            throw new IllegalArgumentException("opponent " + spec + " sees observations of shape "
                    + Arrays.toString(torchScript.env().observationShape()) + " but this environment gives "
                    + Arrays.toString(config.observationShape()) + "; train with the observation settings of its sidecar");
        }
        if (kind != Kind.CHECKPOINT) {
            return;
        }
        try {
            Checkpoint.Manifest m = Checkpoint.manifest(checkpoint);
            if (!Arrays.equals(m.observationShape(), config.observationShape())) {
                throw new IllegalArgumentException("opponent " + spec + " sees observations of shape " + Arrays.toString(m.observationShape())
                        + " but this environment gives " + Arrays.toString(config.observationShape()) + "; train with the same observation settings");
            }
            net = Checkpoint.loadNet(checkpoint, m, device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load opponent " + spec + ": " + e.getMessage(), e);
        }
    }

    /** Fills seat 1's actions ({@code actions[e * 2 + 1]}) for every environment. */
    @Override
    public void act(VecEnv env, int[] actions, Rng rng) {
        int n = env.numEnvs();
        switch (kind) {
            case NOOP:
                for (int e = 0; e < n; e++) {
                    actions[e * 2 + 1] = 0;
                }
                break;
            case RANDOM:
                for (int e = 0; e < n; e++) {
                    actions[e * 2 + 1] = rng.nextInt(Actions.DISCRETE_COUNT);
                }
                break;
            case POOL:
                pool.act(env, actions, rng);
                break;
            case CHECKPOINT:
                sampleSeat1(env, actions, rng, net.actions(),
                        (obs, bytes, count, out) -> net.infer(obs, bytes, 2 * bytes, count, out, null));
                break;
            case TORCHSCRIPT:
                sampleSeat1(env, actions, rng, Actions.DISCRETE_COUNT,
                        (obs, bytes, count, out) -> torchScript.infer(obs, bytes, 2 * bytes, count, out));
                break;
            default:
                throw new IllegalStateException("the environment's bot plays this opponent");
        }
    }

    /** Batched logits of seat 1's observations (seat 1's bytes start at {@code bytes}, stride two observations). */
    private interface Seat1Logits {
        void fill(byte[] observations, int bytes, int count, float[] logits);
    }

    /** Seat 1's actions sampled from a frozen network's logits, for every environment. */
    private void sampleSeat1(VecEnv env, int[] actions, Rng rng, int actionCount, Seat1Logits network) {
        int n = env.numEnvs();
        if (logits == null || logits.length != n * actionCount) {
            logits = new float[n * actionCount];
        }
        network.fill(env.observations(), env.observationBytes(), n, logits);
        for (int e = 0; e < n; e++) {
            actions[e * 2 + 1] = Categorical.sample(logits, e, actionCount, rng, null);
        }
    }

    /** Called once before the first step with the number of environments. */
    @Override
    public void start(int envs, Rng rng) {
        if (pool != null) {
            pool.start(envs, rng);
        }
    }

    /** An episode of environment {@code env} ended with {@code outcome} for the learner. */
    @Override
    public void episodeEnded(int env, io.kumite.engine.env.Info.Outcome outcome, Rng rng) {
        if (pool != null) {
            pool.episodeEnded(env, outcome, rng);
        }
    }

    /** Figures for the trainer's metrics line (empty for fixed opponents). */
    @Override
    public Map<String, Object> metrics() {
        return pool != null ? pool.metrics() : Map.of();
    }

    @Override
    public void close() {
        if (net != null) {
            net.close();
        }
        if (torchScript != null) {
            torchScript.close();
        }
    }
}
