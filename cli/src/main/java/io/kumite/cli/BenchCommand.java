package io.kumite.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. Each prints a human table and, last, one JSON line of figures.",
        subcommands = {BenchEnvCommand.class, BenchGrpcCommand.class, BenchPpoCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing benchmark; one of: env, grpc, ppo");
    }
}
