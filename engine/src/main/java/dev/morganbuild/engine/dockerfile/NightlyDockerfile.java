package dev.morganbuild.engine.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Rewrites a Dockerfile for a "no layer cache, keep cache mounts" build: {@code ARG MORGAN_NIGHTLY_ID}
 * goes right after every FROM. A fresh value of that build arg re-runs every RUN step (an ARG is an
 * implicit environment variable of the RUN steps after it, so it is part of their cache key), while
 * cache mounts are untouched. Plain {@code --no-cache} would instead start every cache mount empty on
 * the engine's built-in BuildKit (measured; see docs/cache-mounts-and-no-cache.md).
 *
 * <p>The FROM lines are found by {@link DockerfileLexer}, the one Dockerfile reader: directives,
 * continuations and heredoc bodies are recognised exactly as everywhere else in morgan-build.
 */
final class NightlyDockerfile {
    static final String ARG = "MORGAN_NIGHTLY_ID";

    private NightlyDockerfile() {
    }

    /** {@code dockerfile} with {@code ARG MORGAN_NIGHTLY_ID} after each FROM instruction; lines joined with \n. */
    static String withBustArg(String dockerfile) {
        return withBustArg("Dockerfile", dockerfile);
    }

    /** As {@link #withBustArg(String)}; {@code file} names the Dockerfile in errors. */
    static String withBustArg(String file, String dockerfile) {
        TreeMap<Integer, List<String>> after = new TreeMap<>();
        bustArgLines(DockerfileLexer.lex(file, dockerfile).instructions(), after);
        return BuildDockerfile.insertAfter(DockerfileLexer.lines(dockerfile), after);
    }

    /** Adds the bust ARG after the last line of every FROM of {@code instructions} to {@code after}. */
    static void bustArgLines(List<DockerfileInfo.Instruction> instructions, TreeMap<Integer, List<String>> after) {
        for (DockerfileInfo.Instruction in : instructions) {
            if (in.keyword().equals("FROM")) {
                after.computeIfAbsent(in.lastLine(), k -> new ArrayList<>()).add("ARG " + ARG);
            }
        }
    }
}
