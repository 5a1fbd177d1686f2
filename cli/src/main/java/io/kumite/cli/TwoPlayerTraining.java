package io.kumite.cli;

import io.kumite.policies.ppo.PpoConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the self-play trainers: the two seats' characters, the arenas and the PPO sizes. */
final class TwoPlayerTraining {
    @Option(names = "--character", defaultValue = "kenta", description = "Seat 0's character (default ${DEFAULT-VALUE}).")
    String character;

    @Option(names = "--opponent-character", defaultValue = "kenta", description = "Seat 1's character (default ${DEFAULT-VALUE}).")
    String opponentCharacter;

    @Option(names = "--preset", defaultValue = "atari84", description = "Observation preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--env", split = ",", description = "Environment settings over the preset, e.g. width=48,height=48.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--num-envs", defaultValue = "8", description = "Arenas per learner (default ${DEFAULT-VALUE}).")
    int numEnvs;

    @Option(names = "--n-steps", defaultValue = "256", description = "Steps per arena per rollout (default ${DEFAULT-VALUE}).")
    int nSteps;

    @Option(names = "--batch", defaultValue = "1024", description = "Minibatch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--env-threads", description = "Environment threads (default: the number of cores).")
    Integer envThreads;

    /** FightLadder's PPO settings with these sizes, the learning rate and clip annealed to 1e-4 and 0.1. */
    PpoConfig ppo(long steps) {
        return PpoConfig.shortRunDefaults().withRollout(numEnvs, nSteps).withMinibatch(batch).withTotalSteps(steps).withSeed(seed);
    }

    /** The environment settings: the seats' characters, then {@code --env}. */
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("agent_character", character);
        s.put("opponent_character", opponentCharacter);
        s.putAll(env);
        return s;
    }

    int threads() {
        return envThreads != null ? envThreads : Runtime.getRuntime().availableProcessors();
    }

    /** {@code NAME=RATING} as given to {@code --anchor}; null when not given. */
    static Map.Entry<String, Double> anchor(String spec) {
        if (spec == null) {
            return null;
        }
        int eq = spec.lastIndexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--anchor must be NAME=RATING, e.g. bot:kenta:1=1000; got " + spec);
        }
        try {
            return Map.entry(spec.substring(0, eq), Double.parseDouble(spec.substring(eq + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--anchor rating must be a number, got " + spec.substring(eq + 1));
        }
    }
}
