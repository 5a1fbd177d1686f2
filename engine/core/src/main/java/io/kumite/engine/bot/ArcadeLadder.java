package io.kumite.engine.bot;

import io.kumite.engine.fighter.Roster;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-player arcade ladder: every character of the roster in roster order (the order of
 * {@code roster.json}), each played by a CPU bot. The level of each stage is fixed, or climbs from
 * {@code startLevel} to {@code endLevel} across the ladder.
 */
public final class ArcadeLadder {
    /** One opponent of the ladder. */
    public record Stage(int number, int character, int level) {}

    private final List<Stage> stages;

    private ArcadeLadder(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** All characters at one level. */
    public static ArcadeLadder atLevel(Roster roster, int level) {
        return climbing(roster, level, level);
    }

    /** Levels rise linearly (rounded down) from {@code startLevel} at stage 1 to {@code endLevel} at the last. */
    public static ArcadeLadder climbing(Roster roster, int startLevel, int endLevel) {
        BotLevel.of(startLevel);
        BotLevel.of(endLevel);
        if (endLevel < startLevel) {
            throw new IllegalArgumentException("the ladder's end level " + endLevel + " is below its start level " + startLevel);
        }
        List<Stage> stages = new ArrayList<>();
        int n = roster.size();
        for (int i = 0; i < n; i++) {
            int level = n == 1 ? startLevel : startLevel + (endLevel - startLevel) * i / (n - 1);
            stages.add(new Stage(i + 1, i, level));
        }
        return new ArcadeLadder(stages);
    }

    public List<Stage> stages() {
        return stages;
    }

    public Policy policy(Stage stage, Roster roster) {
        return new Policies.Bot(stage.character(), stage.level(),
                "bot:" + roster.get(stage.character()).name + ":" + stage.level());
    }
}
