package io.kumite.cli;

import io.kumite.engine.fighter.Roster;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --roster DIR} option every command that uses characters shares (a picocli mixin). */
final class RosterOption {
    @Option(names = "--roster", paramLabel = "DIR",
            description = "A roster folder (roster.json + character files) instead of the built-in characters.")
    Path dir;

    Roster load() {
        return Rosters.load(dir);
    }
}
