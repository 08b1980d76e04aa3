package dev.morganbuild.engine.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The commit a build's checkout is at, recorded with every build. */
final class GitHead {
    private GitHead() {
    }

    /**
     * The checkout's HEAD commit, read from the files under {@code .git} (no git process: one fewer
     * program to need on an agent, and no process start per build), or null when {@code dir} is not
     * inside a git checkout or HEAD cannot be resolved.
     */
    static String of(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return head(dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    // a worktree or submodule: ".git" holds "gitdir: <path>"
                    String text = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    return text.startsWith("gitdir:") ? head(d.resolve(text.substring(7).trim()).normalize()) : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String head(Path gitDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref:")) {
            return sha(head);
        }
        String ref = head.substring(4).trim();
        Path common = gitDir;
        Path commondir = gitDir.resolve("commondir");
        if (Files.isRegularFile(commondir)) {
            common = gitDir.resolve(Files.readString(commondir, StandardCharsets.UTF_8).trim()).normalize();
        }
        for (Path base : List.of(gitDir, common)) {
            Path loose = base.resolve(ref).normalize();
            if (loose.startsWith(base) && Files.isRegularFile(loose)) {
                return sha(Files.readString(loose, StandardCharsets.UTF_8).trim());
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref)) {
                    return sha(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return null;
    }

    private static String sha(String text) {
        return text.matches("[0-9a-f]{40}") ? text : null;
    }
}
