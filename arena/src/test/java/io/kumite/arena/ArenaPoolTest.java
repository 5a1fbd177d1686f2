package io.kumite.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kumite.engine.fighter.Roster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Limits, ownership and idle reaping of the pool, with a clock the test moves. */
class ArenaPoolTest {
    final AtomicLong now = new AtomicLong();

    ArenaPool pool(long idleMillis) {
        return new ArenaPool(Roster.builtIn(), new ArenaServerConfig(0, 10, 6, 8, 1 << 20, idleMillis, 1), now::get, null);
    }

    @Test
    void idleArenasAreReapedAndUsedOnesStay() {
        try (ArenaPool p = pool(1000)) {
            List<Long> a = new ArrayList<>();
            List<Long> b = new ArrayList<>();
            p.create("alice", 3, "atari84", Map.of("width", "16", "height", "16"), 1, a);
            p.create("alice", 2, "atari84", Map.of("width", "16", "height", "16"), 1, b);
            now.addAndGet(600_000_000L);
            p.reset("alice", b, List.of());
            now.addAndGet(600_000_000L);
            assertEquals(3, p.reapIdle(), "only the untouched arenas go");
            assertEquals(2, p.activeArenas());
            assertThrows(ArenaException.class, () -> p.step("alice", a, List.of(0, 0, 0)));
        }
    }

    @Test
    void perClientLimitAndOwnership() {
        try (ArenaPool p = pool(0)) {
            List<Long> a = new ArrayList<>();
            p.create("alice", 6, "atari84", Map.of("width", "16", "height", "16"), 1, a);
            ArenaException full = assertThrows(ArenaException.class,
                    () -> p.create("alice", 1, "atari84", Map.of(), 1, new ArrayList<>()));
            assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, full.code);
            p.create("bob", 4, "atari84", Map.of("width", "16", "height", "16"), 1, new ArrayList<>());
            ArenaException server = assertThrows(ArenaException.class,
                    () -> p.create("carol", 1, "atari84", Map.of(), 1, new ArrayList<>()));
            assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, server.code);
            ArenaException foreign = assertThrows(ArenaException.class, () -> p.reset("bob", a, List.of()));
            assertEquals(io.grpc.Status.Code.NOT_FOUND, foreign.code, "another principal's arena does not exist for bob");
            assertEquals(6, p.closeAllOf("alice"));
            assertEquals(4, p.activeArenas());
        }
    }
}
