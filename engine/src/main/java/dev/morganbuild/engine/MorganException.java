package dev.morganbuild.engine;

import java.util.Objects;

/**
 * An error the user caused (bad compose file, missing Dockerfile, unknown service, ...).
 *
 * <p>It carries where the problem is and how to fix it, so every front end (CLI, Jenkins step)
 * prints one clear message instead of a stack trace. {@link #getMessage()} renders
 * {@code file:line:column: problem} followed by a {@code fix:} line. Its {@link #kind()} says whose
 * side the problem is on, decided where it is thrown, so every front end maps it the same way (the
 * CLI's exit codes 2 and 3).
 */
public class MorganException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whose side a problem is on. */
    public enum Kind {
        /** The user's input: command line, step parameters, compose file, Dockerfile. */
        INPUT,
        /** The machine: docker missing, engine unreachable, no BuildKit, a folder that cannot be written. */
        HOST
    }

    private final Kind kind;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;
    private final String hint;

    /**
     * @param file   the file the problem is in, as the user named it (may be null when none applies)
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param problem what is wrong, in the user's terms
     * @param hint   how to fix it (may be null)
     */
    public MorganException(String file, int line, int column, String problem, String hint) {
        this(file, line, column, problem, hint, null);
    }

    public MorganException(String file, int line, int column, String problem, String hint, Throwable cause) {
        this(Kind.INPUT, file, line, column, problem, hint, cause);
    }

    private MorganException(Kind kind, String file, int line, int column, String problem, String hint, Throwable cause) {
        super(problem, cause);
        this.kind = kind;
        this.file = file;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.hint = hint;
    }

    /** A problem of the user's input with no file location (a bad command-line value). */
    public static MorganException of(String problem, String hint) {
        return new MorganException(null, 0, 0, problem, hint);
    }

    /** A problem of the machine (the docker client is missing, a folder cannot be written). */
    public static MorganException host(String problem, String hint) {
        return new MorganException(Kind.HOST, null, 0, 0, problem, hint, null);
    }

    /** A problem of the machine, found at a file (a cache folder, a ledger). */
    static MorganException host(String file, String problem, String hint, Throwable cause) {
        return new MorganException(Kind.HOST, file, 0, 0, problem, hint, cause);
    }

    public Kind kind() { return kind; }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    public String problem() { return problem; }
    public String hint() { return hint; }

    /** {@code file:line:col} or the parts of it that are known; empty when nothing is. */
    String location() {
        if (file == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }

    @Override
    public String getMessage() {
        String where = location();
        String msg = where.isEmpty() ? problem : where + ": " + problem;
        return hint == null || hint.isBlank() ? msg : msg + System.lineSeparator() + "  fix: " + hint;
    }
}
