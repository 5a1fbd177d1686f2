/**
 * The {@code kumite} command line (picocli): characters, play, arcade, balance, botlevels and bench.
 * All commands except bench can take a {@code --roster} folder. Commands that report figures print a
 * human table and then one JSON line. Exit codes are 0 for success, 1 for a failure while running and
 * 2 for bad arguments.
 */
package io.kumite.cli;
