package io.kumite.arena;

import io.kumite.engine.env.Env;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.replay.Replay;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One arena: an environment of a {@link Group}, owned by the principal that created it. The arena
 * object is its lock: one thread at a time steps, resets or reads it.
 */
final class Arena {

    /** Arenas created together by one CreateArenas call: one environment batch and its config. */
    static final class Group {
        final LocalVecEnv env;
        final EnvConfig config;
        final long baseSeed;
        final AtomicInteger open;

        Group(LocalVecEnv env, EnvConfig config, long baseSeed) {
            this.env = env;
            this.config = config;
            this.baseSeed = baseSeed;
            this.open = new AtomicInteger(env.numEnvs());
        }
    }

    final long id;
    final Group group;
    final int index;
    final String owner;
    volatile long lastUsedNanos;
    /**
     * Whether the client holds the newest frame of this arena's last answer (a FRAME_DELTA answer
     * that was sent): then, except at an episode's first observation, that frame is the one below
     * the newest in the arena's stack, and FRAME_DELTA codes against it; else it sends a keyframe.
     */
    boolean deltaValid;

    Arena(long id, Group group, int index, String owner, long now) {
        this.id = id;
        this.group = group;
        this.index = index;
        this.owner = owner;
        this.lastUsedNanos = now;
    }

    int agents() {
        return group.config.agents();
    }

    EnvConfig config() {
        return group.config;
    }

    /** This arena's environment (stepped with the arena's lock held). */
    Env env() {
        return group.env.env(index);
    }

    /** Hands the replays of the group's finished episodes to {@code sink} (none when it is null or the arenas record none). */
    void drainReplays(Consumer<Replay> sink) {
        if (sink != null && group.config.recordReplays()) {
            // A group's replays come out together; the group lock keeps one drainer at a time.
            synchronized (group) {
                for (Replay r : group.env.drainReplays()) {
                    sink.accept(r);
                }
            }
        }
    }
}
