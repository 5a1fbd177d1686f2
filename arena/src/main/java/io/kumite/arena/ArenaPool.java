package io.kumite.arena;

import io.kumite.arena.StepResults.Transfer;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.replay.Replay;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The arenas as the service sees them: checks each request (batch size, duplicate ids, action
 * counts and ranges, reset before step) and hands it to the two halves, {@link ArenaRegistry}
 * (which arenas exist, whose they are, quotas, idle reaping) and {@link BatchStepper} (stepping a
 * batch in parallel and writing its answer). Thread-safe: calls may come from many gRPC threads.
 */
final class ArenaPool implements AutoCloseable {
    private final Roster roster;
    private final ArenaServerConfig config;
    private final ArenaRegistry registry;
    private final BatchStepper stepper;
    private final boolean recordReplays;

    ArenaPool(Roster roster, ArenaServerConfig config, LongSupplier clock, Consumer<Replay> replaySink) {
        this.roster = roster;
        this.config = config;
        this.registry = new ArenaRegistry(roster, config, clock, replaySink);
        this.stepper = new BatchStepper(config.effectiveThreads(), replaySink);
        this.recordReplays = replaySink != null;
    }

    Roster roster() {
        return roster;
    }

    ArenaServerConfig config() {
        return config;
    }

    int activeArenas() {
        return registry.active();
    }

    // ------------------------------------------------------------------ create and close

    /** Creates {@code count} arenas for {@code owner}; returns the group and the new ids. */
    Arena.Group create(String owner, int count, String preset, Map<String, String> settings, long baseSeed, List<Long> idsOut) {
        if (count < 1 || count > config.maxBatch()) {
            throw ArenaException.invalid("count must be in 1.." + config.maxBatch() + " (the server's max batch), got " + count);
        }
        EnvConfig envConfig;
        try {
            envConfig = EnvConfig.preset(preset == null || preset.isEmpty() ? "default" : preset).with(settings, roster).validate(roster);
            if (recordReplays) {
                envConfig = envConfig.with("record_replays", "true"); // the server keeps every episode
            }
        } catch (IllegalArgumentException e) {
            throw ArenaException.invalid("bad arena config: " + e.getMessage());
        }
        return registry.create(owner, count, envConfig, baseSeed, idsOut);
    }

    int close(String owner, List<Long> ids) {
        return registry.close(owner, ids);
    }

    /** Closes those of {@code ids} that still exist and belong to {@code owner}; never fails. */
    int closeQuietly(String owner, List<Long> ids) {
        return registry.closeQuietly(owner, ids);
    }

    /** Closes arenas idle for longer than the timeout; returns how many. */
    int reapIdle() {
        return registry.reapIdle();
    }

    /** Closes every arena of {@code owner} (its connection went away). */
    int closeAllOf(String owner) {
        return registry.closeAllOf(owner);
    }

    // ------------------------------------------------------------------ reset and step

    StepResults reset(String owner, List<Long> ids, List<Long> seeds) {
        return reset(owner, ids, seeds, Transfer.FULL);
    }

    StepResults reset(String owner, List<Long> ids, List<Long> seeds, Transfer transfer) {
        checkBatch(ids);
        if (!seeds.isEmpty() && seeds.size() != ids.size()) {
            throw ArenaException.invalid("seeds must be empty (no reseeding) or one per arena: " + ids.size() + " arenas, "
                    + seeds.size() + " seeds");
        }
        List<Arena> arenas = registry.lookup(owner, ids);
        return stepper.run(arenas, transfer, (k, s) -> {
            Long seed = seeds.isEmpty() ? (s.env().started() ? null : s.group.baseSeed + s.index) : seeds.get(k);
            s.env().reset(seed);
        });
    }

    StepResults step(String owner, List<Long> ids, List<Integer> actionList) {
        return step(owner, ids, actionList, Transfer.FULL);
    }

    StepResults step(String owner, List<Long> ids, List<Integer> actionList, Transfer transfer) {
        checkBatch(ids);
        List<Arena> arenas = registry.lookup(owner, ids);
        int expected = 0;
        for (Arena s : arenas) {
            expected += s.agents();
        }
        if (actionList.size() != expected) {
            throw ArenaException.invalid("expected " + expected + " actions (the agents of the " + ids.size()
                    + " arenas, in order), got " + actionList.size());
        }
        int[] actions = new int[expected];
        int a = 0;
        for (Arena s : arenas) {
            for (int k = 0; k < s.agents(); k++) {
                int v = actionList.get(a);
                checkAction(s.config(), "arena " + s.id + " agent " + k, v);
                actions[a++] = v;
            }
        }
        for (Arena s : arenas) {
            if (!s.env().started()) {
                throw ArenaException.precondition("arena " + s.id + " has not been reset yet: call Reset before Step");
            }
            if (s.env().done() && s.config().autoreset() == EnvConfig.Autoreset.DISABLED) {
                throw ArenaException.precondition("arena " + s.id + ": the episode is over and autoreset is disabled; call Reset");
            }
        }
        int[] offsets = new int[arenas.size()];
        for (int k = 1; k < arenas.size(); k++) {
            offsets[k] = offsets[k - 1] + arenas.get(k - 1).agents();
        }
        return stepper.run(arenas, transfer, (k, s) -> s.env().step(actions, offsets[k]));
    }

    /** Refuses an action outside {@code config}'s action space; {@code where} names its sender in the message. */
    static void checkAction(EnvConfig config, String where, int v) {
        if (config.actions() == EnvConfig.ActionType.DISCRETE) {
            if (v < 0 || v >= io.kumite.engine.action.Actions.DISCRETE_COUNT) {
                throw ArenaException.invalid(where + ": discrete action must be in 0.."
                        + (io.kumite.engine.action.Actions.DISCRETE_COUNT - 1) + ", got " + v);
            }
        } else if (v < 0 || v > 1023) {
            throw ArenaException.invalid(where + ": multi_binary action must be a 10-bit mask 0..1023, got " + v);
        }
    }

    private void checkBatch(List<Long> ids) {
        if (ids.isEmpty()) {
            throw ArenaException.invalid("no arena ids: give at least one");
        }
        if (ids.size() > config.maxBatch()) {
            throw ArenaException.invalid(ids.size() + " arenas in one call; the server's max batch is " + config.maxBatch());
        }
        Set<Long> seen = new HashSet<>();
        for (long id : ids) {
            if (!seen.add(id)) {
                throw ArenaException.invalid("arena " + id + " appears twice in one call");
            }
        }
    }

    @Override
    public void close() {
        stepper.close();
        registry.closeAll();
    }
}
