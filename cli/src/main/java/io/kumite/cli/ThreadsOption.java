package io.kumite.cli;

import io.kumite.engine.Parallel;
import picocli.CommandLine.Option;

/** The {@code --threads N} option of the commands that play many matches at once (a picocli mixin). */
final class ThreadsOption {
    @Option(names = "--threads", description = "Worker threads (default: the number of cores).")
    Integer threads;

    /** The thread count asked for, or the number of cores. */
    int count() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads == null ? Parallel.defaultThreads() : threads;
    }
}
