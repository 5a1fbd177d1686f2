package io.kumite.arena;

import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.LocalVecEnv;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Which arenas exist and whose they are: ids, the server's and each client's arena quotas, lookups
 * that report another principal's arena as missing, closing and idle reaping. Thread-safe (calls
 * come from many gRPC threads); stepping is {@link BatchStepper}'s.
 */
final class ArenaRegistry {
    private final Roster roster;
    private final ArenaServerConfig config;
    private final LongSupplier clock;
    private final Consumer<Replay> replaySink;
    private final ConcurrentHashMap<Long, Arena> arenas = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perOwner = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(1);

    ArenaRegistry(Roster roster, ArenaServerConfig config, LongSupplier clock, Consumer<Replay> replaySink) {
        this.roster = roster;
        this.config = config;
        this.clock = clock;
        this.replaySink = replaySink;
    }

    int active() {
        return total.get();
    }

    /** Creates {@code count} arenas of {@code envConfig} for {@code owner} within the quotas; adds their ids to {@code idsOut}. */
    Arena.Group create(String owner, int count, EnvConfig envConfig, long baseSeed, List<Long> idsOut) {
        reserve(owner, count);
        Arena.Group group;
        try {
            LocalVecEnv env = new LocalVecEnv(roster, envConfig, count, 1); // its environments are stepped one by one
            for (int i = 0; i < count; i++) {
                env.env(i).lazyObservations(true); // a stack is written only for an answer that sends it
            }
            group = new Arena.Group(env, envConfig, baseSeed);
        } catch (RuntimeException e) {
            release(owner, count);
            throw e;
        }
        long now = clock.getAsLong();
        for (int i = 0; i < count; i++) {
            long id = nextId.getAndIncrement();
            arenas.put(id, new Arena(id, group, i, owner, now));
            idsOut.add(id);
        }
        return group;
    }

    private void reserve(String owner, int count) {
        while (true) {
            int t = total.get();
            if (t + count > config.maxArenas()) {
                throw ArenaException.exhausted("the server holds " + t + " of its " + config.maxArenas()
                        + " arenas; " + count + " more do not fit: close arenas or use another server");
            }
            if (total.compareAndSet(t, t + count)) {
                break;
            }
        }
        AtomicInteger mine = perOwner.computeIfAbsent(owner, k -> new AtomicInteger());
        while (true) {
            int m = mine.get();
            if (m + count > config.maxArenasPerClient()) {
                total.addAndGet(-count);
                throw ArenaException.exhausted("this client holds " + m + " of its " + config.maxArenasPerClient()
                        + " arenas; " + count + " more do not fit: close arenas first");
            }
            if (mine.compareAndSet(m, m + count)) {
                return;
            }
        }
    }

    private void release(String owner, int count) {
        total.addAndGet(-count);
        AtomicInteger mine = perOwner.get(owner);
        if (mine != null) {
            mine.addAndGet(-count);
        }
    }

    /** The arenas of {@code ids}, checking that they exist and belong to {@code owner} (else NOT_FOUND); marks them used. */
    List<Arena> lookup(String owner, List<Long> ids) {
        List<Arena> found = new ArrayList<>(ids.size());
        long now = clock.getAsLong();
        for (long id : ids) {
            Arena s = arenas.get(id);
            if (s == null || !s.owner.equals(owner)) {
                throw ArenaException.notFound(id); // another principal's arena is reported as missing
            }
            s.lastUsedNanos = now;
            found.add(s);
        }
        return found;
    }

    int close(String owner, List<Long> ids) {
        int closed = 0;
        for (Arena s : lookup(owner, ids)) {
            if (remove(s)) {
                closed++;
            }
        }
        return closed;
    }

    /** Closes those of {@code ids} that still exist and belong to {@code owner}; never fails. */
    int closeQuietly(String owner, List<Long> ids) {
        int closed = 0;
        for (long id : ids) {
            Arena s = arenas.get(id);
            if (s != null && s.owner.equals(owner) && remove(s)) {
                closed++;
            }
        }
        return closed;
    }

    /** Closes arenas idle for longer than the timeout; returns how many. */
    int reapIdle() {
        if (config.idleTimeoutMillis() == 0) {
            return 0;
        }
        long cutoff = clock.getAsLong() - config.idleTimeoutMillis() * 1_000_000L;
        int reaped = 0;
        for (Arena s : new ArrayList<>(arenas.values())) {
            if (s.lastUsedNanos < cutoff && remove(s)) {
                reaped++;
            }
        }
        return reaped;
    }

    /** Closes every arena of {@code owner} (its connection went away). */
    int closeAllOf(String owner) {
        int n = 0;
        for (Arena s : new ArrayList<>(arenas.values())) {
            if (s.owner.equals(owner) && remove(s)) {
                n++;
            }
        }
        return n;
    }

    /** Closes every arena. */
    void closeAll() {
        for (Arena s : new ArrayList<>(arenas.values())) {
            remove(s);
        }
    }

    private boolean remove(Arena s) {
        if (!arenas.remove(s.id, s)) {
            return false;
        }
        release(s.owner, 1);
        synchronized (s) {
            s.drainReplays(replaySink);
        }
        if (s.group.open.decrementAndGet() == 0) {
            s.group.env.close();
        }
        return true;
    }
}
