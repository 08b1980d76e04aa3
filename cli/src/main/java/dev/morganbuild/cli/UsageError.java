package dev.morganbuild.cli;

import picocli.CommandLine;

/**
 * A command line that picocli accepted but the command refuses, reported as picocli reports its own
 * (exit 2, the message and a pointer to --help). A class of its own so that the classes of a build's
 * hot path never name a picocli type: the JVM's verifier would load it (see {@link BuildArgs}).
 */
final class UsageError {
    private UsageError() {
    }

    static RuntimeException of(String message) {
        return new CommandLine.ParameterException(new CommandLine(new MorganCli()), message);
    }
}
