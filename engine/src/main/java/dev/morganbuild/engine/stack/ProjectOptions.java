package dev.morganbuild.engine.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which compose project to read, the way {@code docker compose} is told: the compose files
 * ({@code -f}), the project directory, env files, active profiles, and the environment
 * interpolation reads. {@code trustRoot} is morgan-build's own: the folder every build input must stay
 * inside.
 *
 * @param workingDir       folder relative paths start from
 * @param files            compose files in {@code -f} order; empty to look for the default names in workingDir
 * @param projectDirectory {@code --project-directory}, or null for the first compose file's folder
 * @param envFiles         {@code --env-file} files; empty for the project directory's {@code .env}
 * @param profiles         active profiles; empty for COMPOSE_PROFILES
 * @param trustRoot        the boundary of build inputs, or null for the default
 * @param env              variables for interpolation (the process's, or what a Pipeline set)
 */
public record ProjectOptions(Path workingDir, List<Path> files, Path projectDirectory, List<Path> envFiles,
                             List<String> profiles, Path trustRoot, Map<String, String> env) {
    /** The names docker compose looks for, in its order of preference. */
    static final List<String> DEFAULT_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml");

    public ProjectOptions {
        files = List.copyOf(files == null ? List.of() : files);
        envFiles = List.copyOf(envFiles == null ? List.of() : envFiles);
        profiles = List.copyOf(profiles == null ? List.of() : profiles);
        env = Map.copyOf(env == null ? Map.of() : env);
    }
}
