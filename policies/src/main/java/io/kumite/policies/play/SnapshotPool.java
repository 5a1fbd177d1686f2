package io.kumite.policies.play;

import ai.djl.Device;
import io.kumite.engine.Rng;
import io.kumite.engine.env.VecEnv;
import io.kumite.policies.ckpt.Checkpoint;
import io.kumite.policies.nn.Categorical;
import io.kumite.policies.nn.PolicyNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frozen snapshots that take turns on seat 1 of two_player arenas: each environment draws its
 * opponent for the next episode from the pool (uniformly for fictitious self-play, by a PFSP
 * weighting of the learner's decayed win rates, or by fixed weights such as a PSRO meta-strategy),
 * and every finished episode updates the payoff table. Networks are loaded once and kept.
 */
public final class SnapshotPool implements AutoCloseable {
    private final String learner;
    private final List<String> names = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private final Map<Integer, PolicyNet> nets = new HashMap<>();
    private final Payoff payoff;
    private final Pfsp.Weighting weighting;
    private double[] fixedWeights;
    private java.util.function.ToIntFunction<Rng> chooser;
    private java.util.function.ObjDoubleConsumer<String> results;
    private int[] current = new int[0];
    private byte[] gather = new byte[0];
    private float[] logits = new float[0];

    public SnapshotPool(String learner, Payoff payoff, Pfsp.Weighting weighting) {
        this.learner = learner;
        this.payoff = payoff;
        this.weighting = weighting;
    }

    public void add(String name, Path checkpoint) {
        if (names.contains(name)) {
            throw new IllegalArgumentException("snapshot " + name + " is already in the pool");
        }
        names.add(name);
        dirs.add(checkpoint);
        fixedWeights = null;
    }

    /** Fixed sampling weights, one per snapshot in order (e.g. a Nash meta-strategy); null = PFSP weighting. */
    public void setWeights(double[] weights) {
        if (weights != null && weights.length != names.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + names.size() + " snapshots");
        }
        this.fixedWeights = weights == null ? null : weights.clone();
    }

    /** Chooses each next opponent's index with this function instead of weights (league matchmaking). */
    public void setChooser(java.util.function.ToIntFunction<Rng> chooser) {
        this.chooser = chooser;
    }

    /** Also tells {@code listener} every finished episode: the opponent's name and the learner's score (1, 0.5, 0). */
    public void onResult(java.util.function.ObjDoubleConsumer<String> listener) {
        this.results = listener;
    }

    /** Points an entry at a newer checkpoint (a live learner's latest); the old network is dropped. */
    public void reload(String name, Path checkpoint) {
        int i = names.indexOf(name);
        if (i < 0) {
            add(name, checkpoint);
            return;
        }
        dirs.set(i, checkpoint);
        PolicyNet old = nets.remove(i);
        if (old != null) {
            old.close();
        }
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public Payoff payoff() {
        return payoff;
    }

    public double[] probabilities() {
        if (fixedWeights != null) {
            double sum = 0;
            for (double w : fixedWeights) {
                sum += w;
            }
            double[] p = new double[fixedWeights.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = sum <= 0 ? 1.0 / p.length : fixedWeights[i] / sum;
            }
            return p;
        }
        return Pfsp.probabilities(payoff.winRates(learner, names), weighting);
    }

    private int draw(Rng rng) {
        if (chooser != null) {
            return chooser.applyAsInt(rng);
        }
        return Pfsp.draw(probabilities(), (rng.nextLong() >>> 11) * 0x1.0p-53);
    }

    public void start(int envs, Rng rng) {
        if (names.isEmpty()) {
            throw new IllegalStateException("the snapshot pool is empty");
        }
        current = new int[envs];
        for (int e = 0; e < envs; e++) {
            current[e] = draw(rng);
        }
    }

    public void episodeEnded(int env, io.kumite.engine.env.Info.Outcome outcome, Rng rng) {
        double score = outcome.score();
        payoff.update(learner, names.get(current[env]), score);
        if (results != null) {
            results.accept(names.get(current[env]), score);
        }
        current[env] = draw(rng);
    }

    /** Seat 1's actions for every environment, grouped by the snapshot each is facing. */
    public void act(VecEnv env, int[] actions, Rng rng) {
        int n = env.numEnvs();
        int bytes = env.observationBytes();
        byte[] obs = env.observations();
        if (gather.length < n * bytes) {
            gather = new byte[n * bytes];
        }
        for (int s = 0; s < names.size(); s++) {
            int count = 0;
            for (int e = 0; e < n; e++) {
                if (current[e] == s) {
                    System.arraycopy(obs, (e * 2 + 1) * bytes, gather, count * bytes, bytes);
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            PolicyNet net = net(s);
            if (logits.length < count * net.actions()) {
                logits = new float[n * net.actions()];
            }
            net.infer(gather, 0, bytes, count, logits, null);
            int k = 0;
            for (int e = 0; e < n; e++) {
                if (current[e] == s) {
                    actions[e * 2 + 1] = Categorical.sample(logits, k++, net.actions(), rng, null);
                }
            }
        }
    }

    private PolicyNet net(int s) {
        return nets.computeIfAbsent(s, k -> {
            try {
                return Checkpoint.loadNet(dirs.get(k), Checkpoint.manifest(dirs.get(k)), Device.cpu());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load snapshot " + names.get(k) + ": " + e.getMessage(), e);
            }
        });
    }

    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool/size", names.size());
        double[] p = probabilities();
        double[] w = payoff.winRates(learner, names);
        double expected = 0;
        for (int i = 0; i < p.length; i++) {
            expected += p[i] * w[i];
        }
        m.put("pool/win_rate_vs_sampled", expected);
        return m;
    }

    @Override
    public void close() {
        nets.values().forEach(PolicyNet::close);
        nets.clear();
    }
}
