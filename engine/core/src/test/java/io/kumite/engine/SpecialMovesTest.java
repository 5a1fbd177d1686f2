package io.kumite.engine;

import io.kumite.engine.sim.MatchConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Guard;
import io.kumite.engine.fighter.Motion;
import io.kumite.engine.fighter.MoveData;
import io.kumite.engine.fighter.MoveKind;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.FighterState;
import io.kumite.engine.sim.FrameEvents;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.MotionReader;
import io.kumite.engine.sim.Rules;
import io.kumite.engine.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every special move and the throw of every character, performed from raw controller inputs: it must
 * start, connect with the damage its data gives, and (unless it is a grab) be blocked (the defender, on
 * the right, holds right, away from the attacker) with the guard its
 * data gives, dealing its chip damage. The defender stands cornered so blocking cannot walk it away.
 */
class SpecialMovesTest {
    private static final int DEFENDER = 0; // kenta: an ordinary body

    static Stream<Arguments> moves() {
        List<Arguments> out = new ArrayList<>();
        for (CharacterDef c : TestMatches.ROSTER.characters()) {
            for (SpecialDef sd : c.specials()) {
                out.add(Arguments.of(c.name, sd.name()));
            }
            out.add(Arguments.of(c.name, "throw"));
        }
        return out.stream();
    }

    record Outcome(boolean started, int hits, int blocked, int firstDamage) {}

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("moves")
    void performedFromRawInputsAndConnectsAsItsDataSays(String character, String moveName) {
        int c = TestMatches.ROSTER.indexOf(character);
        CharacterDef def = TestMatches.ROSTER.get(c);
        int moveId = moveName.equals("throw") ? CharacterDef.THROW_ID : -1;
        for (int i = 0; i < def.specials().size() && moveId < 0; i++) {
            if (def.special(i).name().equals(moveName)) {
                moveId = CharacterDef.specialMoveId(i);
            }
        }
        MoveData md = def.move(moveId);
        boolean grab = md.kind == MoveKind.THROW;
        int expectedDamage = md.projectile != null ? md.projectile.damage() : md.damage;
        int expectedChip = md.projectile != null ? md.projectile.chip() : md.chip;
        Guard guard = md.projectile != null ? Guard.MID : md.guard;

        for (int gapPx = 0; gapPx <= 200; gapPx += 3) {
            Outcome hit = attempt(c, moveId, gapPx, 0);
            assertTrue(hit.started, moveName + " did not start from its inputs at gap " + gapPx);
            if (hit.hits == 0) {
                continue;
            }
            assertEquals(expectedDamage, hit.firstDamage, moveName + ": damage of the first hit");
            int block = FrameInput.RIGHT | (guard == Guard.HIGH ? 0 : FrameInput.DOWN);
            Outcome guarded = attempt(c, moveId, gapPx, block);
            if (grab) {
                assertEquals(0, guarded.blocked, moveName + " is a grab: it cannot be blocked");
                assertTrue(guarded.hits > 0, moveName + " is a grab: it must connect through a block");
            } else {
                assertTrue(guarded.blocked > 0 && guarded.hits == 0,
                        moveName + " (guard " + guard + ") must be blocked by holding " + FrameInput.toString(block)
                                + " at gap " + gapPx + ": " + guarded);
                assertEquals(expectedChip, guarded.firstDamage, moveName + ": chip damage on block");
                // The wrong guard does not block it (a low must be blocked low, a high standing).
                if (guard != Guard.MID) {
                    int wrong = FrameInput.RIGHT | (guard == Guard.HIGH ? FrameInput.DOWN : 0);
                    assertTrue(attempt(c, moveId, gapPx, wrong).hits > 0, moveName + " must beat the wrong guard " + FrameInput.toString(wrong));
                }
            }
            return;
        }
        fail(character + " " + moveName + " never connected at any distance from 0 to 200 px");
    }

    /** Attacker (seat 0) performs the move against a cornered defender holding {@code defenderInput}. */
    static Outcome attempt(int character, int moveId, int gapPx, int defenderInput) {
        Simulator sim = new Simulator(TestMatches.ROSTER);
        MatchState s = sim.newMatch(new MatchConfig(character, DEFENDER, 3, 99), 1);
        TestMatches.skipIntro(sim, s);
        FighterState a = s.fighters[0];
        FighterState d = s.fighters[1];
        CharacterDef ac = TestMatches.ROSTER.get(character);
        CharacterDef dc = TestMatches.ROSTER.get(DEFENDER);
        d.x = Rules.STAGE_WIDTH - dc.width / 2;
        a.x = d.x - (ac.width / 2 + dc.width / 2 + gapPx * Rules.SUB);
        a.facing = 1;
        d.facing = -1;

        List<Integer> inputs = new ArrayList<>();
        if (moveId == CharacterDef.THROW_ID) {
            inputs.add(FrameInput.RIGHT | FrameInput.HP);
        } else {
            SpecialDef sd = ac.special(moveId - CharacterDef.FIRST_SPECIAL_ID);
            int button = Integer.lowestOneBit(sd.buttons());
            if (sd.motion().isCharge()) {
                for (int i = 0; i < Rules.CHARGE_FRAMES + 2; i++) {
                    inputs.add(FrameInput.DOWN | FrameInput.LEFT);
                }
                inputs.add((sd.motion() == Motion.CHARGE_BACK_FORWARD ? FrameInput.RIGHT : FrameInput.UP) | button);
            } else {
                int[] steps = MotionReader.inputsFor(sd.motion());
                for (int i = 0; i < steps.length; i++) {
                    inputs.add(FrameInput.fromNumpad(steps[i], 1) | (i == steps.length - 1 ? button : 0));
                }
            }
        }
        for (int in : inputs) {
            sim.step(s, in, defenderInput);
        }
        boolean started = a.mode == FighterMode.ATTACK && a.move == moveId;
        int hits = 0;
        int blocked = 0;
        int firstDamage = -1;
        for (int f = 0; f < 240 && started && hits + blocked == 0 && !s.isOver(); f++) {
            FrameEvents ev = sim.step(s, 0, defenderInput);
            hits += ev.hits[0];
            blocked += ev.blocked[0];
            if (ev.hits[0] + ev.blocked[0] > 0) {
                firstDamage = ev.damage[0];
            }
            if (a.mode != FighterMode.ATTACK && !s.projectiles[0].active) {
                break;
            }
        }
        return new Outcome(started, hits, blocked, firstDamage);
    }
}
