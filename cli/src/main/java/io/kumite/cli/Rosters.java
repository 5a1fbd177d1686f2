package io.kumite.cli;

import io.kumite.engine.fighter.Roster;
import java.nio.file.Files;
import java.nio.file.Path;

/** The roster a command uses: the built-in one, or a folder given with {@code --roster}. */
final class Rosters {
    private Rosters() {}

    static Roster load(Path dir) {
        if (dir == null) {
            return Roster.builtIn();
        }
        if (!Files.isRegularFile(dir.resolve("roster.json"))) {
            throw new IllegalArgumentException("--roster " + dir + ": no roster.json there (expected a folder with roster.json and character files)");
        }
        return Roster.load(dir);
    }
}
