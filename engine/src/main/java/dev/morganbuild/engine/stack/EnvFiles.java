package dev.morganbuild.engine.stack;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.text.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads env files ({@code .env}, {@code --env-file}) the way Docker Compose v2 does (the grammar is
 * {@link DotEnvParser}'s): later files override earlier ones, and a file's values may refer to the
 * variables of the files before it; the process environment wins over all of them.
 */
final class EnvFiles {
    static final long MAX_BYTES = 1024 * 1024;

    private EnvFiles() {
    }

    /**
     * The variables of {@code files} (later files override earlier ones) under those of {@code env},
     * which win, as the process environment wins over {@code .env} in Compose.
     */
    static Map<String, String> environment(List<Path> files, Map<String, String> env) {
        Map<String, String> fromFiles = new LinkedHashMap<>();
        for (Path f : files) {
            fromFiles.putAll(read(f, env, fromFiles));
        }
        Map<String, String> out = new HashMap<>(fromFiles);
        out.putAll(env);
        return out;
    }

    /**
     * The variables one env file sets; {@code env} is what its values may refer to (and wins there),
     * then {@code earlier}, the variables of the files read before it.
     */
    static Map<String, String> read(Path file, Map<String, String> env, Map<String, String> earlier) {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new MorganException(file.toString(), 0, 0, "the env file does not exist or is not a regular file",
                        "create it, or fix the path given with --env-file (or include's env_file)");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new MorganException(file.toString(), 0, 0, "the env file is larger than 1 MB", "keep env files small");
            }
            text = Utf8Text.decode(file.toString(), Files.readAllBytes(file), "an env file");
        } catch (IOException e) {
            throw new MorganException(file.toString(), 0, 0, "cannot read the env file: " + e.getMessage(),
                    "check that the file is readable by the build user", e);
        }
        return DotEnvParser.parse(file.toString(), text.startsWith("\uFEFF") ? text.substring(1) : text, env, earlier);
    }

    /** The variables of one env file's {@code text}, as {@link DotEnvParser} reads them. */
    static Map<String, String> parse(String file, String text, Map<String, String> env) {
        return DotEnvParser.parse(file, text, env, Map.of());
    }
}
