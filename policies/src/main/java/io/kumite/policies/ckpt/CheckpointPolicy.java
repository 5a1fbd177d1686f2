package io.kumite.policies.ckpt;

import io.kumite.engine.Player;
import io.kumite.engine.Rng;
import io.kumite.engine.bot.Controller;
import io.kumite.engine.bot.Policy;
import io.kumite.engine.bot.PolicyProvider;
import io.kumite.engine.env.AgentPilot;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.fighter.Roster;
import io.kumite.policies.nn.Categorical;
import io.kumite.policies.nn.PolicyNet;
import io.kumite.policies.nn.Torch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A trained checkpoint as a {@link Policy} ({@code ckpt:<path>}: a checkpoint folder or a run folder,
 * meaning its {@code latest}): it plays the character it was trained as (the first of the roster if
 * it trained on random characters), sees what its training environment showed it (through an
 * {@link AgentPilot}) and samples its actions from the policy, with a generator seeded by the match
 * seed, so a match is reproducible. The network runs on the CPU; one network serves every match
 * of this policy (inference calls are serialised).
 */
public final class CheckpointPolicy implements Policy {
    private final String spec;
    private final Path dir;
    private final Checkpoint.Manifest manifest;
    private final EnvConfig env;
    private final PolicyNet net;
    private final int character;

    public CheckpointPolicy(Path path, Roster roster) {
        this.dir = Checkpoint.resolve(path);
        this.spec = "ckpt:" + path;
        try {
            this.manifest = Checkpoint.manifest(dir);
            this.env = manifest.envConfig();
            Torch.engine();
            this.net = Checkpoint.loadNet(dir, manifest, ai.djl.Device.cpu());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + spec + ": " + e.getMessage(), e);
        }
        this.character = env.agentCharacter() >= 0 && env.agentCharacter() < roster.size() ? env.agentCharacter() : 0;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public int character() {
        return character;
    }

    public Checkpoint.Manifest manifest() {
        return manifest;
    }

    public Path folder() {
        return dir;
    }

    @Override
    public Controller newController(Roster roster, Player seat, long matchSeed) {
        return sampling(env, roster, seat, matchSeed, net.actions(), (obs, logits) -> {
            synchronized (net) {
                net.infer(obs, 0, obs.length, 1, logits, null);
            }
        });
    }

    /**
     * A controller that shows a network what {@code env} shows its agent ({@link AgentPilot}) and
     * samples an action from the logits {@code logitsOf} fills, with a generator seeded by the match
     * seed and the seat, so a match is reproducible. Shared by {@code ckpt:} and {@code torchscript:}.
     */
    static Controller sampling(EnvConfig env, Roster roster, Player seat, long matchSeed, int actions,
            java.util.function.BiConsumer<byte[], float[]> logitsOf) {
        AgentPilot pilot = new AgentPilot(env, roster, seat);
        Rng rng = new Rng(Rng.derive(matchSeed, 0xC4EC + seat.index()));
        float[] logits = new float[actions];
        AgentPilot.Brain brain = obs -> {
            logitsOf.accept(obs, logits);
            return Categorical.sample(logits, 0, actions, rng, null);
        };
        return state -> pilot.input(state, brain);
    }

    /** Loads {@code ckpt:} policies for {@link io.kumite.engine.bot.Policies#parse}. */
    public static final class Provider implements PolicyProvider {
        @Override
        public String scheme() {
            return "ckpt";
        }

        @Override
        public Policy load(String argument, Roster roster) {
            if (argument.isBlank()) {
                throw new IllegalArgumentException("ckpt: needs a path, e.g. ckpt:runs/x/latest");
            }
            return new CheckpointPolicy(Path.of(argument), roster);
        }
    }
}
