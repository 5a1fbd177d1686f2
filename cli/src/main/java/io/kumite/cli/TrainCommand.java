package io.kumite.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train agents: PPO against a fixed opponent, or self-play.",
        subcommands = {TrainPpoCommand.class, TrainSelfPlayCommand.class, TrainLeagueCommand.class})
final class TrainCommand implements Runnable {
    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing trainer; try `kumite train ppo --help`");
    }
}
