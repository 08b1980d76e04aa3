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
            "4:morgan-build itself failed unexpectedly (a bug): one line names what failed; please report it",
            "5:with --fail-on-regression: every service built, but the build completes a regression or is over a budget",
            "130:interrupted (Ctrl-C / SIGTERM); running docker builds were stopped"})
public final class MorganCli {
    public static final int OK = 0;
    public static final int BUILD_FAILED = 1;
    public static final int USER_ERROR = 2;
    public static final int HOST_ERROR = 3;
    public static final int INTERNAL_ERROR = 4;
    public static final int GATE_FAILED = 5;
    public static final int INTERRUPTED = 130;

    /** When main() began, for {@code --timings}. */
    static final long STARTED_NANOS = System.nanoTime();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String... args) {
        // the commonest call, `morgan build ...`, skips picocli's model (see BuildArgs); anything else,
        // and any build command line BuildArgs does not know, goes through picocli
        BuildCommand build = BuildArgs.parse(args);
        if (build != null) {
            try {
                return build.call();
            } catch (Exception ex) {
                return exitCodeFor(ex, new java.io.PrintWriter(System.err, true));
            }
        }
        return runPicocli(args);
    }

    /** The same through picocli alone, whatever the command line (tests compare both). */
    static int runPicocli(String... args) {
        CommandLine cl = new CommandLine(new MorganCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> exitCodeFor(ex, cmd.getErr()));
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("morgan: " + ex.getMessage());
            ex.getCommandLine().getErr().println("  fix: see `" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help`");
            return USER_ERROR;
        });
        return cl.execute(args);
    }

    /**
     * The one place where an error becomes an exit code and a message: input and host problems as
     * their kind says (2, 3), an interrupt 130, a machine's unreadable file 3, anything else one line
     * naming what failed, exit 4 (never 1, which means "a service failed"), and no stack trace.
     */
    static int exitCodeFor(Exception ex, java.io.PrintWriter err) {
        if (ex instanceof MorganException m) {
            err.println("morgan: " + m.getMessage());
            return m.kind() == MorganException.Kind.HOST ? HOST_ERROR : USER_ERROR;
        }
        if (ex instanceof InterruptedException) {
            err.println("morgan: interrupted");
            return INTERRUPTED;
        }
        if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
            // a folder or file of this machine that cannot be read or written: say which, no stack trace
            Throwable cause = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
            err.println("morgan: " + (ex == cause ? "" : ex.getMessage() + ": ") + cause);
            err.println("  fix: check that the path exists, is a folder where one is needed, and that "
                    + "this user may write to it; and that the disk is not full");
            return HOST_ERROR;
        }
        StackTraceElement at = ex.getStackTrace().length == 0 ? null : ex.getStackTrace()[0];
        err.println("morgan: internal error: " + ex + (at == null ? "" : " at " + at)
                + "; please report it (with the command line) at the project's issue tracker");
        return INTERNAL_ERROR;
    }
}
