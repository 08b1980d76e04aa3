package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.record.CacheMountPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request's defaults, how its builder reads values, and that its copies (builder, JSON) keep every option. */
class StackRequestTest {
    @TempDir
    Path dir;

    /** A request with every option set away from its default. */
    StackRequest full() {
        return StackRequest.builder().workingDir(dir).composeFiles(List.of(Path.of("a.yml"), Path.of("sub/b.yml")))
                .projectDirectory(Path.of("proj")).envFiles(List.of(Path.of("x.env"))).profiles(List.of("gpu"))
                .trustRoot(Path.of("trust")).env(Map.of("TOKEN", "t0ken")).selection("core, llm").noCache(true)
                .nightly(true).cacheMounts(CacheMountPolicy.DROP).target("runtime").buildArgs(Map.of("A", "1"))
                .tags(List.of("extra:1")).cacheRoot(Path.of("cache")).historyDir(Path.of("hist"))
                .cacheBudgetBytes(123L).docker("/usr/bin/docker").backend(Backend.BUILTIN).builderName("b1")
                .network("host").labels("cuda", "cpu-only").node("agent-7").runId("run-42").smokeTest(true)
                .parallelism(3).failFast(true).progress("rawjson").push(true).registry("127.0.0.1:5000/team/")
                .limitCompose(true).registryLogins(List.of(new RegistryLogin("127.0.0.1:5000", "u", "pw12")))
                .build();
    }

    static final List<Function<StackRequest, Object>> OPTIONS = List.of(StackRequest::workingDir,
            StackRequest::composeFiles, StackRequest::projectDirectory, StackRequest::envFiles, StackRequest::profiles,
            StackRequest::trustRoot, StackRequest::selection, StackRequest::noCache, StackRequest::nightly,
            StackRequest::cacheMounts, StackRequest::target, StackRequest::buildArgs, StackRequest::tags,
            StackRequest::cacheRoot, StackRequest::historyDir, StackRequest::cacheBudgetBytes, StackRequest::docker,
            StackRequest::backend, StackRequest::builderName, StackRequest::network, StackRequest::gpuLabel,
            StackRequest::cpuLabel, StackRequest::node, StackRequest::runId, StackRequest::smokeTest,
            StackRequest::parallelism, StackRequest::failFast, StackRequest::progress, StackRequest::push,
            StackRequest::registry, StackRequest::limitCompose);

    static List<Object> options(StackRequest r) {
        List<Object> out = new ArrayList<>();
        OPTIONS.forEach(f -> out.add(f.apply(r)));
        return out;
    }

    @Test
    void shouldResolvePathsFromTheWorkingFolderAndKeepEveryOptionAsSet() {
        StackRequest r = full();

        assertThat(r.workingDir()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(r.composeFiles()).containsExactly(dir.resolve("a.yml"), dir.resolve("sub/b.yml"));
        assertThat(r.projectDirectory()).isEqualTo(dir.resolve("proj"));
        assertThat(r.envFiles()).containsExactly(dir.resolve("x.env"));
        assertThat(r.profiles()).containsExactly("gpu");
        assertThat(r.trustRoot()).isEqualTo(dir.resolve("trust"));
        assertThat(r.env()).containsExactly(Map.entry("TOKEN", "t0ken"));
        assertThat(r.selection()).isEqualTo(Selection.named(List.of("core", "llm")));
        assertThat(r.noCache()).isTrue();
        assertThat(r.nightly()).isTrue();
        assertThat(r.cacheMounts()).isEqualTo(CacheMountPolicy.DROP);
        assertThat(r.target()).isEqualTo("runtime");
        assertThat(r.buildArgs()).containsExactly(Map.entry("A", "1"));
        assertThat(r.tags()).containsExactly("extra:1");
        assertThat(r.cacheRoot()).isEqualTo(dir.resolve("cache"));
        assertThat(r.historyDir()).isEqualTo(dir.resolve("hist"));
        assertThat(r.cacheBudgetBytes()).isEqualTo(123L);
        assertThat(r.docker()).isEqualTo("/usr/bin/docker");
        assertThat(r.backend()).isEqualTo(Backend.BUILTIN);
        assertThat(r.builderName()).isEqualTo("b1");
        assertThat(r.network()).isEqualTo("host");
        assertThat(r.gpuLabel()).isEqualTo("cuda");
        assertThat(r.cpuLabel()).isEqualTo("cpu-only");
        assertThat(r.node()).isEqualTo("agent-7");
        assertThat(r.runId()).isEqualTo("run-42");
        assertThat(r.smokeTest()).isTrue();
        assertThat(r.parallelism()).isEqualTo(3);
        assertThat(r.failFast()).isTrue();
        assertThat(r.progress()).isEqualTo("rawjson");
        assertThat(r.push()).isTrue();
        assertThat(r.registry()).isEqualTo("127.0.0.1:5000/team");
        assertThat(r.limitCompose()).isTrue();
        assertThat(r.registryLogins()).extracting(RegistryLogin::username).containsExactly("u");
    }

    @Test
    void shouldCopyEveryOptionThroughItsBuilderAndItsJsonFormButTheSecrets() throws Exception {
        StackRequest r = full();

        StackRequest copy = r.toBuilder().build();
        assertThat(options(copy)).isEqualTo(options(r));
        assertThat(copy.env()).isEqualTo(r.env());
        assertThat(copy.registryLogins()).isEqualTo(r.registryLogins());

        StackRequest fromJson = StackRequest.fromJson(r.toJsonWithoutEnv()).build();
        assertThat(options(fromJson)).isEqualTo(options(r));
        assertThat(fromJson.env()).isEmpty();
        assertThat(fromJson.registryLogins()).isEmpty();
        assertThat(r.toJsonWithoutEnv()).doesNotContain("t0ken").doesNotContain("pw12");
        // the copy's builder is its own: changing it leaves the request as it was
        StackRequest.Builder b = r.toBuilder();
        b.tags(List.of()).env(Map.of());
        assertThat(r.tags()).containsExactly("extra:1");
        assertThat(r.env()).isNotEmpty();
    }

    @Test
    void shouldDefaultEveryOptionAsDocumented() {
        StackRequest r = StackRequest.builder().env(Map.of("MORGAN_CACHE_ROOT", dir.toString())).build();

        assertThat(r.workingDir()).isEqualTo(Path.of(".").toAbsolutePath().normalize());
        assertThat(r.composeFiles()).isEmpty();
        assertThat(r.projectDirectory()).isNull();
        assertThat(r.envFiles()).isEmpty();
        assertThat(r.trustRoot()).isNull();
        assertThat(r.selection()).isEqualTo(Selection.all());
        assertThat(r.noCache()).isFalse();
        assertThat(r.nightly()).isFalse();
        assertThat(r.cacheMounts()).isNull();
        assertThat(r.target()).isNull();
        assertThat(r.cacheRoot()).isEqualTo(dir);
        assertThat(r.historyDir()).isEqualTo(dir.resolve("history"));
        assertThat(r.cacheBudgetBytes()).isNull();
        assertThat(r.docker()).isNull();
        assertThat(r.backend()).isNull();
        assertThat(r.builderName()).isEqualTo(StackRequest.DEFAULT_BUILDER);
        assertThat(r.network()).isNull();
        assertThat(r.gpuLabel()).isEqualTo(PlanOptions.GPU_LABEL);
        assertThat(r.cpuLabel()).isEqualTo(PlanOptions.CPU_LABEL);
        assertThat(r.node()).isEqualTo("localhost");
        assertThat(r.runId()).hasSize(8);
        assertThat(StackRequest.builder().build().runId()).isNotEqualTo(r.runId());
        assertThat(r.smokeTest()).isFalse();
        assertThat(r.parallelism()).isEqualTo(StackRequest.DEFAULT_PARALLELISM).isEqualTo(2);
        assertThat(r.failFast()).isFalse();
        assertThat(r.progress()).isEqualTo("plain");
        assertThat(r.push()).isFalse();
        assertThat(r.registry()).isNull();
        assertThat(r.limitCompose()).isFalse();
        assertThat(r.registryLogins()).isEmpty();
    }

    @Test
    void shouldReadBlankAndNullValuesAsTheirDefaults() {
        StackRequest r = StackRequest.builder().composeFile(null).projectDirectory(null).envFiles(null).profiles(null)
                .trustRoot(null).env(null).selection(" ").target(" ").buildArgs(null).tags(null).cacheRoot(null)
                .docker(" ").builderName("").network(" ").labels(" ", null).node("").runId(" ").progress(null)
                .registry(" ").registryLogins(null).historyDir(null).build();

        assertThat(r.composeFiles()).isEmpty();
        assertThat(r.selection()).isEqualTo(Selection.all());
        assertThat(r.target()).isNull();
        assertThat(r.docker()).isNull();
        assertThat(r.builderName()).isEqualTo(StackRequest.DEFAULT_BUILDER);
        assertThat(r.network()).isNull();
        assertThat(r.gpuLabel()).isEqualTo(PlanOptions.GPU_LABEL);
        assertThat(r.cpuLabel()).isEqualTo(PlanOptions.CPU_LABEL);
        assertThat(r.node()).isEqualTo("localhost");
        assertThat(r.runId()).hasSize(8);
        assertThat(r.progress()).isEqualTo("plain");
        assertThat(r.registry()).isNull();
        assertThat(StackRequest.builder().selection((Selection) null).build().selection()).isEqualTo(Selection.all());
        assertThat(StackRequest.builder().selection(Selection.cuda()).build().selection()).isEqualTo(Selection.cuda());
        assertThat(StackRequest.builder().composeFile(Path.of("c.yml")).workingDir(dir).build().composeFiles())
                .containsExactly(dir.resolve("c.yml"));
    }

    @Test
    void shouldKeepNoRecordsWithNoHistoryUntilAHistoryFolderIsGivenAgain() {
        StackRequest.Builder b = StackRequest.builder().workingDir(dir).cacheRoot(Path.of("c")).noHistory();
        assertThat(b.build().historyDir()).isNull();

        assertThat(b.historyDir(null).build().historyDir()).isEqualTo(dir.resolve("c/history"));
        assertThat(b.historyDir(Path.of("h")).build().historyDir()).isEqualTo(dir.resolve("h"));
        assertThat(b.noHistory().build().toBuilder().build().historyDir()).isNull();
    }

    @Test
    void shouldReadBuildArgEntriesSplittingAtTheFirstEqualsSign() {
        StackRequest r = StackRequest.builder().buildArgEntries(List.of("A=1", "B=x=y", "EMPTY=")).build();

        assertThat(r.buildArgs()).containsExactly(Map.entry("A", "1"), Map.entry("B", "x=y"), Map.entry("EMPTY", ""));
        assertThat(StackRequest.builder().buildArgEntries(null).build().buildArgs()).isEmpty();
        assertThatThrownBy(() -> StackRequest.builder().buildArgEntries(List.of("=1"))).isInstanceOf(MorganException.class)
                .hasMessageContaining("build arg '=1' has no KEY=VALUE form");
        assertThatThrownBy(() -> StackRequest.builder().buildArgEntries(List.of("NOVALUE")))
                .isInstanceOf(MorganException.class).hasMessageContaining("'NOVALUE'");
    }

    @Test
    void shouldRefuseParallelismBelowOneAndUnknownProgressModesAndSelections() {
        assertThat(StackRequest.builder().parallelism(1).build().parallelism()).isEqualTo(1);
        assertThatThrownBy(() -> StackRequest.builder().parallelism(0)).isInstanceOf(MorganException.class)
                .hasMessageContaining("parallelism must be 1 or more, not 0");
        assertThat(StackRequest.builder().progress(" plain ").build().progress()).isEqualTo("plain");
        assertThatThrownBy(() -> StackRequest.builder().progress("tty")).isInstanceOf(MorganException.class)
                .hasMessageContaining("progress must be plain or rawjson, not 'tty'");
        assertThat(StackRequest.builder().backend("builtin").build().backend()).isEqualTo(Backend.BUILTIN);
        assertThat(StackRequest.builder().registry("reg:5000//").build().registry()).isEqualTo("reg:5000");
    }

    @Test
    void shouldTakeTheDefaultCacheRootFromTheProcessEnvironmentWhenTheRequestHasNone() {
        StackRequest r = StackRequest.builder().build();

        assertThat(r.cacheRoot()).isEqualTo(dev.morganbuild.engine.cache.CacheRoot.defaultRoot(System.getenv()));
    }

    @Test
    void shouldTellWhetherTheCacheRootAndDockerClientWereLeftUnset() {
        assertThat(StackRequest.builder().cacheRootUnset()).isTrue();
        assertThat(StackRequest.builder().cacheRoot(dir).cacheRootUnset()).isFalse();
        assertThat(StackRequest.builder().dockerUnset()).isTrue();
        assertThat(StackRequest.builder().docker("docker").dockerUnset()).isFalse();
    }
}
