package io.kumite.cli;

import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.engine.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "characters", mixinStandardHelpOptions = true,
        description = "List the roster in arcade-ladder order: name, archetype, health, special moves (one per line).")
final class CharactersCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin

    RosterOption roster = new RosterOption();

    @Option(names = "--json", description = "One JSON object per character instead of text.")
    boolean json;

    @Override
    public Integer call() {
        Roster roster = this.roster.load();
        var out = spec.commandLine().getOut();
        for (CharacterDef c : roster.characters()) {
            List<String> specials = new ArrayList<>();
            List<Map<String, Object>> specialsJson = new ArrayList<>();
            for (SpecialDef sd : c.specials()) {
                specials.add(sd.name() + " (" + sd.notation() + ")");
                specialsJson.add(Json.object("name", sd.name(), "input", sd.notation()));
            }
            if (json) {
                out.println(Json.write(Json.object("name", c.name, "displayName", c.displayName, "archetype", c.archetype,
                        "health", c.health, "specials", specialsJson)));
            } else {
                out.printf("%-7s %-12s health %4d  specials: %s%n", c.name, c.archetype, c.health, String.join(", ", specials));
            }
        }
        return 0;
    }
}
