package io.kumite.policies.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.Rng;
import io.kumite.engine.json.Json;
import io.kumite.policies.play.Payoff;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeagueTest {
    static League league() {
        return new League(1, 1, 1, new Payoff(0.99), 100, 1000);
    }

    @Test
    void mainExploiterPlaysTheLiveMainAgentUnlessHopeless() {
        League l = league();
        League.Player me = l.learner("main_exploiter_0");
        Rng rng = new Rng(1);
        for (int i = 0; i < 50; i++) {
            assertEquals("main_agent_0", l.match(me, rng), "no games yet: win rate .5 > .1");
        }
        League.Player snap = l.snapshot(l.learner("main_agent_0"));
        for (int i = 0; i < 30; i++) {
            l.payoff().update("main_exploiter_0", "main_agent_0", 0);
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(snap.name, l.match(me, rng), "below 10%: the main agent's snapshots instead");
        }
    }

    @Test
    void leagueExploiterDrawsFromHistoricalPlayersAndMainAgentsMixBranches() {
        League l = league();
        League.Player le = l.learner("league_exploiter_0");
        League.Player main = l.learner("main_agent_0");
        Rng rng = new Rng(2);
        assertEquals("main_agent_0", l.match(le, rng), "no historical players yet: a main agent");
        l.seed(main);
        l.snapshot(main);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(l.match(le, rng));
        }
        assertEquals(Set.of("main_agent_0@0", "main_agent_0@1"), seen);
        Set<String> mainSeen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            mainSeen.add(l.match(main, rng));
        }
        assertTrue(mainSeen.contains("main_agent_0") && mainSeen.contains("main_agent_0@0"), mainSeen.toString());
    }

    @Test
    void snapshotRules() {
        League l = league();
        League.Player main = l.learner("main_agent_0");
        l.seed(main);
        l.addSteps(main, 50);
        assertFalse(l.readyToSnapshot(main), "before the minimum steps");
        l.addSteps(main, 100);
        assertFalse(l.readyToSnapshot(main), "win rate .5 against its seed");
        for (int i = 0; i < 20; i++) {
            l.payoff().update("main_agent_0", "main_agent_0@0", 1);
        }
        assertTrue(l.readyToSnapshot(main), "beats every historical player > 70%");
        League.Player snap = l.snapshot(main);
        assertEquals("main_agent_0@1", snap.name);
        assertFalse(l.readyToSnapshot(main), "the count restarts");
        l.addSteps(main, 1000);
        assertTrue(l.readyToSnapshot(main), "the step budget forces one");
        assertTrue(l.resetAfterSnapshot(l.learner("main_exploiter_0"), new Rng(1)));
        assertFalse(l.resetAfterSnapshot(main, new Rng(1)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateSurvivesJson() {
        League l = league();
        l.seed(l.learner("main_agent_0"));
        l.addSteps(l.learner("main_agent_0"), 300);
        l.snapshot(l.learner("main_agent_0"));
        l.payoff().update("main_agent_0", "main_agent_0@0", 1);
        League back = League.fromMap((Map<String, Object>) Json.parse(Json.write(l.toMap()), "test"));
        assertEquals(Json.write(l.toMap()), Json.write(back.toMap()));
    }
}
