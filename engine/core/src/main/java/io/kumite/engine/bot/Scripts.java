package io.kumite.engine.bot;

import io.kumite.engine.FrameInput;
import io.kumite.engine.Player;
import io.kumite.engine.action.Actions;
import io.kumite.engine.action.DiscreteInputs;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.sim.FighterMode;
import io.kumite.engine.sim.MatchPhase;
import io.kumite.engine.sim.MatchState;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripted exploit policies of the degenerate-strategy audit, written {@code script:...}
 * wherever a policy is accepted:
 * <ul>
 *   <li>{@code script:const:<action>[:<character>]} sends one discrete action (0..21, see
 *       {@link Actions}) on every agent step, with the frame skip of the {@code atari84} preset (4):
 *       exactly what an agent that always picks that action does in an environment;</li>
 *   <li>{@code script:<pattern>[:<character>]} one of the named {@link #PATTERNS} a player would try
 *       first: zoning, wake-up reversals, jump-ins, throw loops, sweep and poke spam, block-and-punish,
 *       turtling, cross-ups, corner pressure.</li>
 * </ul>
 * The character defaults to the first of the roster. Each pattern reads the true match state every
 * frame (no reaction delay) and is deterministic from the match seed.
 */
public final class Scripts {
    private Scripts() {}

    /** Frames per decision of a constant action: the frame skip of the atari84 preset. */
    public static final int CONST_FRAME_SKIP = 4;

    /** A named pattern: its name, what it does (for --help and docs), and how to make one. */
    public record Pattern(String name, String description, Factory factory) {}

    /** Makes the controller of a pattern for one match. */
    @FunctionalInterface
    public interface Factory {
        Controller make(Roster roster, Player seat, long matchSeed);
    }

    /** The named patterns, in the order the audit lists them. */
    public static final List<Pattern> PATTERNS = List.of(
        pattern("zoning", "fireball at range, anti-air jumps, jump back when rushed (characters without a projectile: "
                + "their longest poke at its tip)", Zoning::new),
        pattern("reversal", "block until the opponent comes in range or jumps, then the invincible special (a DP); "
                + "the same special on every wake-up", Reversal::new),
        pattern("jump-in", "jump forward from mid range, the strongest air button on the way down, a combo on landing",
                JumpIn::new),
        pattern("throw-loop", "walk up and throw, again and again (a meaty throw as the opponent gets up)", ThrowLoop::new),
        pattern("sweep", "walk to sweep range and sweep", Sweep::new),
        pattern("poke", "walk to the tip of the best poke, poke, step back", Poke::new),
        pattern("block-punish", "hold the right guard; punish what is left open in recovery with the strongest move "
                + "that hits in time", BlockPunish::new),
        pattern("bait", "creep into the opponent's reach a frame at a time behind the guard, punish what it presses; "
                + "throw it when it only blocks", Bait::new),
        pattern("turtle", "block; throw the projectile or a chip special when the opponent is far and idle; throw "
                + "it when it stands close", Turtle::new),
        pattern("cross-up", "jump over the opponent from close range and attack late, behind its guard", CrossUp::new),
        pattern("corner", "walk the opponent into the corner with jabs and pokes, throw it when it blocks", Corner::new),
        pattern("special-spam", "the character's specials one after another, each as soon as it can be done",
                SpecialSpam::new));

    private static Pattern pattern(String name, String description, Factory factory) {
        return new Pattern(name, description, factory);
    }

    /** The pattern called {@code name}, or null. */
    public static Pattern pattern(String name) {
        for (Pattern p : PATTERNS) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Every script of the audit's library for a character: the 22 constant actions, then every pattern. */
    public static List<String> library(String character) {
        List<String> out = new ArrayList<>();
        for (int a = 0; a < Actions.DISCRETE_COUNT; a++) {
            out.add("script:const:" + a + ":" + character);
        }
        for (Pattern p : PATTERNS) {
            out.add("script:" + p.name() + ":" + character);
        }
        return out;
    }

    /** What each script name means, one line each (for help texts). */
    public static String usage() {
        StringBuilder b = new StringBuilder("script:const:<action 0..21>[:<character>]");
        for (Pattern p : PATTERNS) {
            b.append(", script:").append(p.name()).append("[:<character>]");
        }
        return b.toString();
    }

    /** Parses the part after {@code script:} (already split on ':'). */
    static Policy parse(String spec, String[] parts, Roster roster) {
        if (parts.length < 2 || parts[1].isEmpty()) {
            throw new IllegalArgumentException("bad policy \"" + spec + "\": expected script:<pattern>[:<character>] or "
                    + "script:const:<action>[:<character>]; patterns: " + names());
        }
        if (parts[1].equals("const")) {
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalArgumentException("bad policy \"" + spec + "\": expected script:const:<action 0.."
                        + (Actions.DISCRETE_COUNT - 1) + ">[:<character>], e.g. script:const:16:" + roster.get(0).name);
            }
            int action;
            try {
                action = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                action = -1;
            }
            if (action < 0 || action >= Actions.DISCRETE_COUNT) {
                throw new IllegalArgumentException("bad policy \"" + spec + "\": the action must be a number in 0.."
                        + (Actions.DISCRETE_COUNT - 1) + " (the discrete action space), got \"" + parts[2] + "\"");
            }
            int character = parts.length == 4 ? roster.indexOf(parts[3]) : 0;
            int a = action;
            return new ScriptPolicy(character, "script:const:" + action + ":" + roster.get(character).name,
                    (r, seat, seed) -> new Const(r, seat, a));
        }
        Pattern p = pattern(parts[1]);
        if (p == null) {
            throw new IllegalArgumentException("unknown script \"" + parts[1] + "\" in policy \"" + spec
                    + "\"; expected const:<action> or one of " + names());
        }
        if (parts.length > 3) {
            throw new IllegalArgumentException("bad policy \"" + spec + "\": expected script:" + p.name() + "[:<character>]");
        }
        int character = parts.length == 3 ? roster.indexOf(parts[2]) : 0;
        return new ScriptPolicy(character, "script:" + p.name() + ":" + roster.get(character).name, p.factory());
    }

    private static String names() {
        List<String> n = new ArrayList<>();
        for (Pattern p : PATTERNS) {
            n.add(p.name());
        }
        return String.join(", ", n);
    }

    /** A scripted policy: a character and the factory of its per-match controller. */
    record ScriptPolicy(int character, String spec, Factory factory) implements Policy {
        @Override
        public Controller newController(Roster roster, Player seat, long matchSeed) {
            return factory.make(roster, seat, matchSeed);
        }
    }

    // ------------------------------------------------------------------ constant actions

    /**
     * One discrete action on every agent step of {@link #CONST_FRAME_SKIP} frames, turned into frame
     * inputs the way an environment does (a macro runs to its end; other actions repeat every frame
     * of the step).
     */
    static final class Const implements Controller {
        private final int seat;
        private final int action;
        private final DiscreteInputs inputs;
        private int fightFrames = -1;

        Const(Roster roster, Player seat, int action) {
            this.seat = seat.index();
            this.action = action;
            this.inputs = new DiscreteInputs(roster);
        }

        @Override
        public int act(MatchState s) {
            if (s.phase != MatchPhase.FIGHT) {
                fightFrames = -1;
                inputs.reset();
                return 0;
            }
            return inputs.next(s, seat, action, ++fightFrames % CONST_FRAME_SKIP == 0);
        }
    }

    // ------------------------------------------------------------------ the named patterns

    /** Fireball at range; anti-air; jump back when rushed. Without a projectile: footsies at the longest poke's tip. */
    static final class Zoning extends Script {
        Zoning(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int decide() {
            if (opAirborne() && gap < 90 * PX) {
                return antiAir();
            }
            if (opAttacking() && gap < 60 * PX) {
                return guard();
            }
            if (mine.projectile >= 0) {
                if (gap < 45 * PX) {
                    return rng.chance(500) ? jump(-1) : normal(mine.poke);
                }
                if (!myProjectileOut() && specialReady(mine.projectile)) {
                    return special(mine.projectile);
                }
                return mine.charge ? back | FrameInput.DOWN : guard();
            }
            int tip = tipMove();
            int reach = mine.edgeReach(tip);
            if (gap <= reach - 2 * PX && gap >= reach - 24 * PX) {
                return normal(tip);
            }
            return hold(gap > reach - 2 * PX ? fwd : back, 3);
        }

        private int antiAir() {
            if (mine.risingAntiAir >= 0 && specialReady(mine.risingAntiAir)) {
                return special(mine.risingAntiAir);
            }
            return normal(mine.antiAirNormal);
        }

        private int tipMove() {
            int best = mine.poke;
            for (int id = 0; id < CharacterDef.JUMPING_BASE; id++) {
                if (mine.def.move(id).reach > mine.def.move(best).reach && mine.def.move(id).firstActiveFrame <= 12) {
                    best = id;
                }
            }
            return best;
        }
    }

    /** Block until the opponent is in range or jumps, then the invincible special; the same on wake-up. */
    static final class Reversal extends Script {
        Reversal(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        private int reversal() {
            if (mine.risingAntiAir >= 0) {
                return mine.risingAntiAir;
            }
            int best = -1;
            for (int i = 0; i < mine.def.specials().size(); i++) {
                if (mine.special(i).projectile == null && (best < 0
                        || mine.special(i).firstActiveFrame < mine.special(best).firstActiveFrame)) {
                    best = i;
                }
            }
            return best;
        }

        @Override
        protected int whileBusy() {
            int r = reversal();
            if (r >= 0 && !mine.def.special(r).motion().isCharge()
                    && reversalTiming(io.kumite.engine.sim.MotionReader.inputFrames(mine.def.special(r).motion()))) {
                return special(r);
            }
            return me.mode == FighterMode.KNOCKDOWN || me.mode == FighterMode.WAKEUP ? back | FrameInput.DOWN : 0;
        }

        @Override
        protected int decide() {
            int r = reversal();
            boolean inRange = r >= 0 && specialReaches(r) && gap < 50 * PX;
            if (r >= 0 && specialReady(r) && (inRange || opAirborne() && gap < 80 * PX)) {
                return special(r);
            }
            return guard();
        }
    }

    /** Jump forward from mid range, the strongest air button on the way down, a combo on landing. */
    static final class JumpIn extends Script {
        JumpIn(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int inAir() {
            if (!me.airAttackUsed && me.vy < 0 && gap < 40 * PX) {
                return press(FrameInput.button(mine.jumpIn % 6), 0);
            }
            return 0;
        }

        @Override
        protected int decide() {
            if (gap < 25 * PX && mine.comboStarter >= 0 && reaches(mine.comboStarter)) {
                return normal(mine.comboStarter);
            }
            if (gap < 140 * PX) {
                return jump(1);
            }
            return fwd;
        }
    }

    /** Walk up and throw; again as the opponent gets up. */
    static final class ThrowLoop extends Script {
        ThrowLoop(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int decide() {
            if (gap <= throwRange() && !opAirborne() && !opDown()) {
                if (mine.grab >= 0 && rng.chance(500)) {
                    return special(mine.grab);
                }
                return throwAttempt();
            }
            return fwd;
        }
    }

    /** Walk to sweep range and sweep. */
    static final class Sweep extends Script {
        Sweep(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int decide() {
            int sweep = mine.sweep >= 0 ? mine.sweep : CharacterDef.CROUCHING_BASE + 5;
            if (reaches(sweep)) {
                return normal(sweep);
            }
            return fwd;
        }
    }

    /** Walk to the tip of the best poke, poke, step back. */
    static final class Poke extends Script {
        Poke(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int decide() {
            if (reaches(mine.poke)) {
                return rng.chance(700) ? normal(mine.poke) : hold(back, 6);
            }
            return fwd;
        }
    }

    /** Hold the right guard; punish a move left open in recovery with the strongest move that hits in time. */
    static class BlockPunish extends Script {
        BlockPunish(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected final int decide() {
            int punish = punishRecovery();
            return punish != Integer.MIN_VALUE ? punish : nothingToPunish();
        }

        /** What to do while nothing is left open: guard. */
        protected int nothingToPunish() {
            return guard();
        }
    }

    /**
     * Creep in behind the guard: outside the opponent's reach walk in; within it, one frame forward and
     * then guard, again and again, so a reversal or a poke meets a guard and is punished in its
     * recovery; throw an opponent who only blocks.
     */
    static final class Bait extends BlockPunish {
        Bait(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int nothingToPunish() {
            if (opAttacking() || opAirborne() || incomingProjectile()) {
                return guard();
            }
            if (gap <= throwRange() && !opDown()) {
                return throwAttempt();
            }
            int reach = theirs.edgeReach(theirs.poke);
            if (theirs.risingAntiAir >= 0) {
                reach = Math.max(reach, theirs.specialRange(theirs.risingAntiAir) - theirs.def.width / 2);
            }
            if (gap > reach + 12 * PX) {
                return hold(fwd, 3);
            }
            return step(fwd, back | FrameInput.DOWN, 8);
        }
    }

    /** Block; chip from afar when the opponent is idle; throw it when it stands close. */
    static final class Turtle extends Script {
        Turtle(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int decide() {
            boolean idle = !opAttacking() && !opAirborne() && !incomingProjectile();
            if (idle && gap <= throwRange() && !opDown()) {
                return throwAttempt();
            }
            if (idle && gap > 100 * PX && mine.projectile >= 0 && !myProjectileOut() && specialReady(mine.projectile)) {
                return special(mine.projectile);
            }
            if (idle && gap > 100 * PX && mine.projectile < 0 && mine.rush >= 0 && specialReaches(mine.rush)
                    && specialReady(mine.rush)) {
                return special(mine.rush);
            }
            return guard();
        }
    }

    /** Jump over the opponent from close range and attack late, behind its guard. */
    static final class CrossUp extends Script {
        CrossUp(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int inAir() {
            boolean behind = Integer.signum(op.x - me.x) != me.facing;
            if (!me.airAttackUsed && me.vy < 0 && (behind || Math.abs(op.x - me.x) < 12 * PX)) {
                return press(FrameInput.button(mine.jumpIn % 6), 0);
            }
            return 0;
        }

        @Override
        protected int decide() {
            int jumpDistance = crossDistance();
            if (gap <= jumpDistance && gap >= jumpDistance - 40 * PX) {
                return jump(1);
            }
            if (gap < 10 * PX && mine.comboStarter >= 0) {
                return normal(mine.comboStarter);
            }
            return hold(gap > jumpDistance ? fwd : back, 2);
        }

        /** The gap from which a forward jump lands just past the opponent's centre. */
        private int crossDistance() {
            CharacterDef c = mine.def;
            int airFrames = 2 * c.jumpUp / Math.max(1, c.gravity);
            int travel = airFrames * c.jumpForward;
            return Math.max(0, travel - c.width / 2 - theirs.def.width / 2 - theirs.def.width / 2);
        }
    }

    /** Walk the opponent into the corner with jabs and pokes; throw when it blocks. */
    static final class Corner extends Script {
        Corner(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int decide() {
            if (op.mode == FighterMode.BLOCKSTUN || op.mode == FighterMode.HITSTUN) {
                return fwd; // walk in behind the blockstun, then throw or jab
            }
            if (gap <= throwRange() && !opAirborne() && !opDown() && rng.chance(600)) {
                return throwAttempt();
            }
            if (reaches(mine.jab) && rng.chance(500)) {
                return normal(mine.jab);
            }
            if (reaches(mine.poke) && rng.chance(300)) {
                return normal(mine.poke);
            }
            return hold(fwd, 4);
        }
    }

    /** Every special in turn, each as soon as it can be done. */
    static final class SpecialSpam extends Script {
        private int next;

        SpecialSpam(Roster roster, Player seat, long seed) {
            super(roster, seat, seed);
        }

        @Override
        protected int decide() {
            int n = mine.def.specials().size();
            for (int k = 0; k < n; k++) {
                int i = (next + k) % n;
                if (specialReady(i) && !(mine.special(i).projectile != null && myProjectileOut())) {
                    next = (i + 1) % n;
                    return special(i);
                }
            }
            return back | FrameInput.DOWN; // charging
        }
    }
}
