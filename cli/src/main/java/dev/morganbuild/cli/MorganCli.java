package dev.morganbuild.cli;

import dev.morganbuild.engine.MorganException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code morgan}: builds a docker-compose stack's services with BuildKit, keeps per-machine caches,
 * records build times and writes trend reports. Same engine as the Jenkins plugin.
 */
@Command(name = "morgan", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Build a multi-service Docker stack with BuildKit: cached, recorded, reported.",
        subcommands = {BuildCommand.class, PlanCommand.class, ReportCommand.class, CacheCommand.class,
                dev.morganbuild.cli.bench.BenchCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every service built (or the command succeeded)",
            "1:a service build failed",
            "2:bad input: command line, compose file, Dockerfile (the message names file, line and fix)",
            "3:the host cannot build: docker missing, engine unreachable, no BuildKit, a folder it cannot write",
            "130:interrupted (Ctrl-C / SIGTERM); running docker builds were stopped"})
public final class MorganCli {
    public static final int OK = 0;
    public static final int BUILD_FAILED = 1;
    public static final int USER_ERROR = 2;
    public static final int HOST_ERROR = 3;
    public static final int INTERRUPTED = 130;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new MorganCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof MorganException m) {
                cmd.getErr().println("morgan: " + m.getMessage());
                return m.kind() == MorganException.Kind.HOST ? HOST_ERROR : USER_ERROR;
            }
            if (ex instanceof InterruptedException) {
                cmd.getErr().println("morgan: interrupted");
                return INTERRUPTED;
            }
            if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                // a folder or file of this machine that cannot be read or written: say which, no stack trace
                Throwable cause = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
                cmd.getErr().println("morgan: " + (ex == cause ? "" : ex.getMessage() + ": ") + cause);
                cmd.getErr().println("  fix: check that the path exists, is a folder where one is needed, and that "
                        + "this user may write to it; and that the disk is not full");
                return HOST_ERROR;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("morgan: " + ex.getMessage());
            ex.getCommandLine().getErr().println("  fix: see `" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help`");
            return USER_ERROR;
        });
        return cl.execute(args);
    }
}
