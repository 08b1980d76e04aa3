package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkout's commit, read from .git without a git process, checked against real git. */
class GitHeadTest {
    @TempDir
    Path dir;

    private String git(Path in, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git", "-C", in.toString(), "-c", "user.name=t", "-c",
                "user.email=t@example.invalid", "-c", "commit.gpgsign=false"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    private Path repoWithCommit() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("a.txt"), "a");
        git(repo, "add", "a.txt");
        git(repo, "commit", "-q", "-m", "first");
        return repo;
    }

    @Test
    void shouldReadTheHeadCommitOfABranchFromASubfolderAsGitDoes() throws Exception {
        Path repo = repoWithCommit();
        Path sub = Files.createDirectories(repo.resolve("examples/stack"));

        assertThat(GitHead.of(sub)).isEqualTo(git(repo, "rev-parse", "HEAD"));
    }

    @Test
    void shouldReadPackedRefsDetachedHeadsAndWorktrees() throws Exception {
        Path repo = repoWithCommit();
        git(repo, "pack-refs", "--all");
        assertThat(Files.exists(repo.resolve(".git/refs/heads/main"))).isFalse();
        assertThat(GitHead.of(repo)).isEqualTo(git(repo, "rev-parse", "HEAD"));

        Files.writeString(repo.resolve("b.txt"), "b");
        git(repo, "add", "b.txt");
        git(repo, "commit", "-q", "-m", "second");
        Path worktree = dir.resolve("wt");
        git(repo, "worktree", "add", "-q", "--detach", worktree.toString(), "HEAD~1");
        assertThat(GitHead.of(worktree)).isEqualTo(git(worktree, "rev-parse", "HEAD"))
                .isNotEqualTo(GitHead.of(repo));
    }

    @Test
    void shouldGiveNullOutsideACheckoutOrForAnUnbornBranch() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(GitHead.of(plain)).isNull();

        Path unborn = Files.createDirectories(dir.resolve("unborn"));
        git(unborn, "init", "-q");
        assertThat(GitHead.of(unborn)).isNull();
    }
}
