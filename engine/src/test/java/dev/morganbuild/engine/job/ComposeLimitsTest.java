package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compose file from a branch cannot reach agent paths through local caches, nor prune the engine. */
class ComposeLimitsTest {
    @TempDir
    Path dir;

    private StackRequest request(String cacheLines, String topLevel, boolean limited) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM debian:bookworm\n");
        Files.writeString(dir.resolve("docker-compose.yml"), topLevel + """
                services:
                  app:
                    build:
                      context: .
                """ + cacheLines);
        return StackRequest.builder().workingDir(dir).composeFile(dir.resolve("docker-compose.yml"))
                .cacheRoot(dir.resolve("cache")).noHistory().selection("app").limitCompose(limited).build();
    }

    private static void check(StackRequest r) {
        var plan = BuildService.local().plan(r);
        ComposeLimits.check(plan, r.cacheRoot(), r.composeFiles().get(0));
    }

    @Test
    void shouldRefuseLocalCachesOutsideTheCacheRootNamingEachEntry() throws IOException {
        StackRequest r = request("""
                      cache_from: ["type=local,src=/etc"]
                      cache_to: ["type=local,dest=cache/../../elsewhere,mode=max"]
                """, "", true);

        assertThatThrownBy(() -> check(r)).isInstanceOf(MorganException.class)
                .hasMessageContaining("docker-compose.yml")
                .hasMessageContaining("app: cache_from type=local,src=/etc")
                .hasMessageContaining("app: cache_to type=local,dest=cache/../../elsewhere,mode=max")
                .hasMessageContaining("x-morgan.cache.mode: registry");
    }

    @Test
    void shouldAcceptLocalCachesUnderTheCacheRootAndRegistryRefs() throws IOException {
        StackRequest r = request("""
                      cache_from: ["type=local,src=cache/app", "registry.example/app:cache", "type=registry,ref=r/app"]
                      cache_to: ["type=local,dest=%s/app-out"]
                """.formatted(dir.resolve("cache")), "", true);

        assertThatCode(() -> check(r)).doesNotThrowAnyException();
    }

    @Test
    void shouldIgnoreTheComposeFilesCacheBudgetOnlyWhenLimited() throws IOException {
        String budget = "x-morgan:\n  cache:\n    budget: 1MB\n";
        List<String> said = new ArrayList<>();
        BuildListener listener = new BuildListener() {
            @Override
            public void message(String service, String text) {
                said.add(text);
            }
        };
        StackRequest limited = request("", budget, true);
        Stack stack = BuildService.local().stack(limited);
        assertThat(ComposeLimits.budget(limited, stack, listener, "app")).isNull();
        assertThat(said).singleElement().asString().contains("x-morgan.cache.budget", "is ignored");

        StackRequest trusted = request("", budget, false);
        assertThat(ComposeLimits.budget(trusted, BuildService.local().stack(trusted), listener, "app")).isEqualTo(1_000_000L);
        StackRequest admin = limited.toBuilder().cacheBudgetBytes(5L).build();
        assertThat(ComposeLimits.budget(admin, stack, listener, "app")).as("the admin's budget").isEqualTo(5L);
    }
}
