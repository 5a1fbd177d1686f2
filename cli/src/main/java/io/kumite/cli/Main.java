package io.kumite.cli;

import io.kumite.engine.EngineVersion;
import io.kumite.engine.fighter.CharacterDataException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kumite} command. Exit codes: 0 success, 1 failure while running, 2 bad arguments (one
 * clear line on stderr). Commands that produce figures print a human table and, last, one JSON line.
 */
@Command(name = "kumite", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Kumite: a deterministic fighting-game benchmark for competitive multi-agent RL.",
        subcommands = {
            CharactersCommand.class,
            PlayCommand.class,
            ArcadeCommand.class,
            BalanceCommand.class,
            BotLevelsCommand.class,
            AuditCommand.class,
            BenchCommand.class,
            QuickstartCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            EloCommand.class,
            LadderCommand.class,
            ExploitCommand.class,
            ExportCommand.class,
            LeagueStatusCommand.class,
            ReplayCommand.class,
            ServeCommand.class,
            HealthCommand.class,
            ViewCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; try `kumite --help`");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            err.println(c.getCommandName() + ": " + ex.getMessage() + " (see `" + c.getCommandSpec().qualifiedName() + " --help`)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof CharacterDataException) {
                err.println(c.getCommandName() + ": " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof UserError) {
                err.println(c.getCommandName() + ": " + ex.getMessage());
                return ((UserError) ex).exitCode;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    /** A failure the user can act on; printed as one line without a stack trace. */
    public static final class UserError extends RuntimeException {
        final int exitCode;

        public UserError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kumite " + EngineVersion.NAME + " (simulation " + EngineVersion.SIMULATION + ")"};
        }
    }
}
