package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.Stance;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.FrameEvents;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Rules;
import io.kumite.engine.sim.Simulator;
import org.junit.jupiter.api.Test;

/** The combat mechanics one by one: juggles, knockdown, chip, projectiles, throw protection, combos. */
class MechanicsTest {
    static final int KENTA = 0;
    final Simulator sim = new Simulator(TestMatches.ROSTER);
    final CharacterDef kenta = TestMatches.ROSTER.get(KENTA);

    /** A kenta mirror in the fight phase, P1 at 300 px, P2 {@code gapPx} pixels of air away. */
    MatchState fight(int gapPx) {
        MatchState s = sim.newMatch(new MatchConfig(KENTA, KENTA, 3, 99), 1);
        TestMatches.skipIntro(sim, s);
        s.fighters[0].x = 300 * Rules.SUB;
        s.fighters[1].x = s.fighters[0].x + kenta.width + gapPx * Rules.SUB;
        return s;
    }

    /** Puts P1 into move {@code id} one frame before its first active frame. */
    static void attacking(MatchState s, int id, MoveData md) {
        FighterState a = s.fighters[0];
        a.mode = FighterMode.ATTACK;
        a.move = id;
        a.moveFrame = md.firstActiveFrame - 1;
        a.hitMask = 0;
    }

    int hitsOver(MatchState s, int frames, int in1) {
        int hits = 0;
        for (int i = 0; i < frames; i++) {
            hits += sim.step(s, 0, in1).hits[0];
        }
        return hits;
    }

    @Test
    void airborneOpponentsCanBeJuggledOnlyUpToTheLimit() {
        int antiAir = CharacterDef.normalId(Stance.CROUCHING, 2); // cr.HP hits high above the body
        MoveData md = kenta.move(antiAir);
        for (int juggle = Rules.JUGGLE_LIMIT - 1; juggle <= Rules.JUGGLE_LIMIT; juggle++) {
            MatchState s = fight(0);
            FighterState d = s.fighters[1];
            d.mode = FighterMode.AIR_HIT;
            d.y = 40 * Rules.SUB;
            d.juggle = juggle;
            attacking(s, antiAir, md);
            int hits = hitsOver(s, 2, 0);
            assertEquals(juggle < Rules.JUGGLE_LIMIT ? 1 : 0, hits, "juggle count " + juggle);
        }
    }

    @Test
    void aKnockdownLeadsToAnInvulnerableWakeUp() {
        MatchState s = fight(0);
        int sweep = CharacterDef.normalId(Stance.CROUCHING, 5);
        attacking(s, sweep, kenta.move(sweep));
        assertEquals(1, hitsOver(s, 2, 0));
        FighterState d = s.fighters[1];
        assertEquals(FighterMode.AIR_HIT, d.mode, "a sweep knocks down");
        int frames = 0;
        while (d.mode != FighterMode.KNOCKDOWN && frames++ < 120) {
            sim.step(s, 0, 0);
        }
        assertEquals(FighterMode.KNOCKDOWN, d.mode);
        // Lying and getting up: nothing connects.
        int seen = 0;
        while (d.mode == FighterMode.KNOCKDOWN || d.mode == FighterMode.WAKEUP) {
            int jab = CharacterDef.normalId(Stance.CROUCHING, 3);
            s.fighters[0].x = d.x - kenta.width;
            attacking(s, jab, kenta.move(jab));
            assertEquals(0, sim.step(s, 0, 0).hits[0], "hit while " + d.mode);
            seen++;
        }
        assertEquals(Rules.KNOCKDOWN_FRAMES + Rules.WAKEUP_FRAMES, seen + 1, "knockdown then wake-up durations");
        assertEquals(FighterMode.STAND, d.mode);
    }

    @Test
    void chipDamageCanKo() {
        MatchState s = fight(120);
        int fireball = CharacterDef.specialMoveId(0);
        MoveData md = kenta.move(fireball);
        assertTrue(md.projectile != null && md.projectile.chip() > 0);
        s.fighters[1].health = 1;
        attacking(s, fireball, md);
        s.fighters[0].moveFrame = md.projectile.spawnFrame();
        FrameEvents ev = null;
        for (int i = 0; i < 120 && s.phase == MatchPhase.FIGHT; i++) {
            ev = sim.step(s, 0, FrameInput.RIGHT | FrameInput.DOWN);
        }
        assertEquals(MatchPhase.ROUND_END, s.phase);
        assertEquals(MatchState.P1_WINS, ev.roundResult);
        assertEquals(1, ev.blocked[0], "it was blocked, and still KO'd");
    }

    @Test
    void projectilesThatMeetCancelOut() {
        MatchState s = fight(200);
        int fireball = CharacterDef.specialMoveId(0);
        MoveData md = kenta.move(fireball);
        for (int p = 0; p < 2; p++) {
            FighterState f = s.fighters[p];
            f.mode = FighterMode.ATTACK;
            f.move = fireball;
            f.moveFrame = md.projectile.spawnFrame();
        }
        int launched = 0;
        int hits = 0;
        for (int i = 0; i < 100; i++) {
            FrameEvents ev = sim.step(s, 0, 0);
            launched += ev.projectilesLaunched[0] + ev.projectilesLaunched[1];
            hits += ev.hits[0] + ev.hits[1];
        }
        assertEquals(2, launched);
        assertEquals(0, hits);
        assertFalse(s.projectiles[0].active || s.projectiles[1].active);
    }

    @Test
    void fightersJustOutOfHitstunCannotBeThrownButOutOfBlockstunCan() {
        for (FighterMode stun : new FighterMode[] {FighterMode.HITSTUN, FighterMode.BLOCKSTUN}) {
            MatchState s = fight(2);
            s.fighters[1].mode = stun;
            s.fighters[1].stun = 1;
            sim.step(s, 0, 0);
            assertEquals(FighterMode.STAND, s.fighters[1].mode);
            int thrown = 0;
            sim.step(s, FrameInput.RIGHT | FrameInput.HP, 0);
            for (int i = 0; i < 5 + Rules.THROW_TECH_FRAMES; i++) {
                thrown += sim.step(s, 0, 0).throwsLanded[0];
            }
            assertEquals(stun == FighterMode.BLOCKSTUN ? 1 : 0, thrown, "a throw right after " + stun);
        }
    }

    @Test
    void aThrowIsBrokenByHpOrHkWithinTheTechWindowAndLandsOtherwise() {
        for (int techAt : new int[] {-1, 1, Rules.THROW_TECH_FRAMES - 1, Rules.THROW_TECH_FRAMES + 1}) {
            MatchState s = fight(2);
            int health = s.fighters[1].health;
            sim.step(s, FrameInput.RIGHT | FrameInput.HP, 0);
            int landed = 0;
            int broken = 0;
            boolean held = false;
            for (int i = 0; i < 40; i++) {
                held |= s.fighters[1].mode == FighterMode.THROWN;
                int frameInThrow = s.fighters[1].mode == FighterMode.THROWN ? s.fighters[1].modeFrame : -100;
                FrameEvents ev = sim.step(s, 0, frameInThrow == techAt ? FrameInput.HK : 0);
                landed += ev.throwsLanded[0];
                broken += ev.throwsBroken[1];
            }
            assertTrue(held, "the throw connected");
            boolean inWindow = techAt >= 1 && techAt < Rules.THROW_TECH_FRAMES;
            assertEquals(inWindow ? 0 : 1, landed, "throw landed, tech on frame " + techAt + " of the hold");
            assertEquals(inWindow ? 1 : 0, broken, "throw broken, tech on frame " + techAt);
            assertEquals(inWindow, s.fighters[1].health == health, "no damage from a broken throw");
        }
    }

    @Test
    void twoQuarterCirclesInARowAreAFireballNotADragonPunch() {
        MatchState s = fight(200);
        int[] qcf = {FrameInput.DOWN, FrameInput.DOWN | FrameInput.RIGHT, FrameInput.RIGHT | FrameInput.HP, 0};
        int specials = 0;
        int launched = 0;
        for (int rep = 0; rep < 2; rep++) {
            for (int in : qcf) {
                FrameEvents ev = sim.step(s, in, 0);
                specials += ev.specialsStarted[0];
            }
            for (int i = 0; i < 60; i++) {
                launched += sim.step(s, 0, 0).projectilesLaunched[0];
                s.projectiles[0].active = false;
            }
        }
        assertEquals(2, specials);
        assertEquals(2, launched, "both were fireballs");
        // The motion a quarter circle leaves behind (6 then 2 3) followed by 6+P must not read as 6 2 3+P.
        MatchState t = fight(200);
        int[] rolled = {FrameInput.RIGHT, 0, FrameInput.DOWN, FrameInput.DOWN | FrameInput.RIGHT, FrameInput.RIGHT | FrameInput.HP};
        int launchedRolled = 0;
        for (int in : rolled) {
            sim.step(t, in, 0);
        }
        assertEquals(FighterMode.ATTACK, t.fighters[0].mode);
        assertEquals("Kiai Fireball", TestMatches.ROSTER.get(0).move(t.fighters[0].move).name);
        for (int i = 0; i < 30; i++) {
            launchedRolled += sim.step(t, 0, 0).projectilesLaunched[0];
        }
        assertEquals(1, launchedRolled);
    }

    @Test
    void fightersJustWokenUpCannotBeThrown() {
        for (int protection : new int[] {0, 5}) {
            MatchState s = fight(2);
            s.fighters[1].throwProtection = protection;
            FrameEvents ev = sim.step(s, FrameInput.RIGHT | FrameInput.HP, 0);
            int thrown = ev.throwsLanded[0];
            for (int i = 0; i < 5 + Rules.THROW_TECH_FRAMES; i++) {
                thrown += sim.step(s, 0, 0).throwsLanded[0];
            }
            assertEquals(protection == 0 ? 1 : 0, thrown, "throw protection " + protection);
        }
    }

    @Test
    void aConnectedCancelableNormalCancelsIntoASpecialAndCombos() {
        MatchState s = fight(10);
        int crMk = CharacterDef.normalId(Stance.CROUCHING, 4);
        assertTrue(kenta.move(crMk).cancelable);
        // cr.MK, then the fireball motion (2 3 6 + P) during it.
        int[] inputs = {FrameInput.DOWN | FrameInput.MK, FrameInput.DOWN, FrameInput.DOWN, FrameInput.DOWN, FrameInput.DOWN,
            FrameInput.DOWN, FrameInput.DOWN | FrameInput.RIGHT, FrameInput.RIGHT | FrameInput.HP};
        int hits = 0;
        int specials = 0;
        for (int in : inputs) {
            FrameEvents ev = sim.step(s, in, 0);
            hits += ev.hits[0];
            specials += ev.specialsStarted[0];
        }
        for (int i = 0; i < 60; i++) {
            FrameEvents ev = sim.step(s, 0, 0);
            hits += ev.hits[0];
        }
        assertEquals(1, specials, "the fireball came out of the cancel");
        assertEquals(2, hits, "cr.MK and the fireball both hit");
        assertTrue(s.fighters[1].health < kenta.health - kenta.move(crMk).damage, "the second hit did damage too");
    }
}
