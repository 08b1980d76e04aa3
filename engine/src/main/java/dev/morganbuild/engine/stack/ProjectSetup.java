package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@link ProjectOptions} come to once Compose's rules are applied: the compose files (-f, else
 * COMPOSE_FILE, else the default name found in the working folder or a parent, with its override
 * file), the project directory (--project-directory, else the first file's folder), the environment
 * (process over --env-file files or the {@code .env}), the active profiles (given, else
 * COMPOSE_PROFILES) and the trust root (given, else the enclosing git work tree, else the project
 * directory).
 *
 * @param files      compose files in merge order, absolute
 * @param projectDir real path of the project directory; relative paths in the files start here
 * @param trustRoot  real path every build input must stay inside
 * @param env        variables for interpolation
 * @param profiles   active profiles ({@code *} for all)
 * @param explicitTrustRoot whether the trust root was given (for messages)
 */
record ProjectSetup(List<Path> files, Path projectDir, Path trustRoot, Map<String, String> env, List<String> profiles,
                    boolean explicitTrustRoot) {
    static final List<String> OVERRIDE_FILES = List.of("compose.override.yaml", "compose.override.yml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    static ProjectSetup of(ProjectOptions o) {
        Path wd = o.workingDir().toAbsolutePath().normalize();
        List<Path> explicit = o.files().stream().map(f -> wd.resolve(f).normalize()).toList();
        Path given = o.projectDirectory() == null ? null : wd.resolve(o.projectDirectory()).normalize();
        Path envDir = given != null ? given : explicit.isEmpty() ? wd : explicit.get(0).getParent();
        List<Path> envFiles = o.envFiles().isEmpty()
                ? (Files.isRegularFile(envDir.resolve(".env")) ? List.of(envDir.resolve(".env")) : List.of())
                : o.envFiles().stream().map(f -> wd.resolve(f).normalize()).toList();
        if (o.envFiles().isEmpty() && !envFiles.isEmpty()) { // checked before it is read, and again below
            refuseOutside(envFiles.get(0), o.trustRoot() != null ? realDirectory(wd.resolve(o.trustRoot()), "--trust-root")
                    : gitWorkTree(realDirectory(envDir, "the project directory")));
        }
        Map<String, String> env = EnvFiles.environment(envFiles, o.env());
        List<Path> files = !explicit.isEmpty() ? explicit : fromEnv(env, envDir);
        if (files.isEmpty()) {
            files = defaults(given != null ? given : wd); // docker compose looks in --project-directory too
        }
        Path projectDir = realDirectory(given != null ? given : files.get(0).toAbsolutePath().getParent(),
                given != null ? "--project-directory" : "the compose file's folder");
        Path trust = o.trustRoot() != null ? realDirectory(wd.resolve(o.trustRoot()), "--trust-root")
                : gitWorkTree(projectDir);
        if (o.envFiles().isEmpty() && !envFiles.isEmpty()) {
            refuseOutside(envFiles.get(0), trust);
        }
        List<String> profiles = !o.profiles().isEmpty() ? o.profiles() : defaultProfiles(env.get("COMPOSE_PROFILES"));
        return new ProjectSetup(files, projectDir, trust, env, profiles, o.trustRoot() != null);
    }

    private static List<Path> fromEnv(Map<String, String> env, Path dir) {
        String sep = env.getOrDefault("COMPOSE_PATH_SEPARATOR", File.pathSeparator);
        List<Path> out = new ArrayList<>();
        for (String f : split(env.get("COMPOSE_FILE"), sep)) {
            try {
                out.add(dir.resolve(f).normalize());
            } catch (InvalidPathException e) {
                throw MorganException.of("COMPOSE_FILE entry '" + f + "' is not a valid path",
                        "list compose files separated by '" + sep + "'");
            }
        }
        return out;
    }

    /** The first default compose file in {@code wd} or its nearest parent that has one, and its override. */
    private static List<Path> defaults(Path wd) {
        for (Path dir = wd; dir != null; dir = dir.getParent()) {
            for (String name : ProjectOptions.DEFAULT_FILES) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    List<Path> out = new ArrayList<>(List.of(f));
                    OVERRIDE_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst().ifPresent(out::add);
                    return out;
                }
            }
        }
        throw MorganException.of("no compose file in " + wd + " or its parent folders",
                "run morgan in the folder of your docker-compose.yml, or pass -f path/to/docker-compose.yml");
    }

    /**
     * A checkout's {@code .env} that links out of the trust root (to a credentials file of the agent)
     * must not be read: its lines would become variables, or be quoted in an error.
     */
    private static void refuseOutside(Path dotEnv, Path trust) {
        try {
            Path real = dotEnv.toRealPath();
            if (!real.startsWith(trust)) {
                throw new MorganException(dotEnv.toString(), 0, 0, "the .env file resolves to " + real
                        + ", outside the trust root " + trust, "replace the link with a file, pass the file you mean with "
                        + "--env-file, or widen the boundary with --trust-root DIR");
            }
        } catch (IOException e) {
            throw new MorganException(dotEnv.toString(), 0, 0, "cannot resolve the .env file: " + e.getMessage(),
                    "check the file and its permissions");
        }
    }

    /**
     * The profiles active without {@code --profile}: COMPOSE_PROFILES split at ',' as compose-go does,
     * empty entries kept, so that an unset or empty COMPOSE_PROFILES activates the profile named ""
     * (private-gpt's {@code profiles: ["", ollama-cpu]} is how a service is on by default and in
     * a named profile).
     */
    static List<String> defaultProfiles(String composeProfiles) {
        return Arrays.stream((composeProfiles == null ? "" : composeProfiles).split(",", -1)).map(String::strip).toList();
    }

    static List<String> split(String value, String sep) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(Pattern.quote(sep))).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The enclosing git work tree of {@code dir} (a folder holding {@code .git}), else {@code dir}. */
    static Path gitWorkTree(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return dir;
    }

    static Path realDirectory(Path dir, String what) {
        try {
            if (Files.isDirectory(dir)) {
                return dir.toRealPath();
            }
        } catch (IOException e) {
            // reported below
        }
        throw new MorganException(dir.toString(), 0, 0, what + " does not exist or is not a directory",
                "pass an existing directory" + (what.startsWith("--") ? " with " + what : ""));
    }
}
