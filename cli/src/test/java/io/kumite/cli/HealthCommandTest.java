package io.kumite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.arena.ArenaServer;
import io.kumite.arena.ArenaServerConfig;
import io.kumite.engine.fighter.Roster;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** `kumite health` (the containers' health check): 0 for a serving server, 1 for a gone one, JSON last. */
class HealthCommandTest {
    @Test
    void servingIsZeroGoneIsOne() throws Exception {
        ArenaServer server = new ArenaServer(Roster.builtIn(), new ArenaServerConfig(0, 8, 8, 8, 1 << 20, 0, 1)).start();
        try {
            MainTest.Run up = MainTest.run("health", "--server", "127.0.0.1:" + server.port());
            assertEquals(0, up.code(), up.out() + up.err());
            assertTrue(up.lastLine().contains("\"status\":\"SERVING\""), up.out());
        } finally {
            server.stop(1);
        }
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        MainTest.Run down = MainTest.run("health", "--server", "127.0.0.1:" + closed, "--timeout", "2");
        assertEquals(1, down.code(), down.out() + down.err());
        assertTrue(down.lastLine().contains("\"status\":\"UNAVAILABLE\""), down.out());
    }
}
