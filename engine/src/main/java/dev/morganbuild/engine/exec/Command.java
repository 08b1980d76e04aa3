package dev.morganbuild.engine.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A process to run: an argv list (never a shell string), extra environment, working directory and
 * optional bytes for standard input (used for {@code --password-stdin}).
 *
 * @param argv    program and arguments, passed as-is
 * @param env     variables added to the inherited environment
 * @param workDir working directory, or null for the current one
 * @param stdin   bytes written to standard input then closed, or null for none
 * @param secrets values to mask wherever this command's output or argv is shown
 */
public record Command(List<String> argv, Map<String, String> env, Path workDir, byte[] stdin, List<String> secrets) {
    public Command {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), null, null, List.of());
    }

    public Command withEnv(Map<String, String> more) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(env);
        merged.putAll(more);
        return new Command(argv, merged, workDir, stdin, secrets);
    }

    Command withWorkDir(Path dir) {
        return new Command(argv, env, dir, stdin, secrets);
    }

    Command withStdin(byte[] bytes) {
        return new Command(argv, env, workDir, bytes, secrets);
    }

    /** argv joined for display, with secrets masked; for logs only, never for execution. */
    public String display() {
        String s = String.join(" ", argv);
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                s = s.replace(secret, "****");
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return display();
    }
}
