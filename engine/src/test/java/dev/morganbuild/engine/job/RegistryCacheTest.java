package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.record.StepRecord.StepStatus;
import dev.morganbuild.engine.stack.MorganSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCacheTest {
    static StepRecord importStep(String error) {
        return new StepRecord(8, "importing cache manifest from 127.0.0.1:5000/cache/core:cache", "internal", "", 0,
                false, StepStatus.ERROR, error);
    }

    @Test
    void shouldWarnOfAFailedImportButNotOfACacheThatIsNotThereYet() {
        assertThat(RegistryCache.importFailure("core", List.of(importStep(
                "pulling from host 127.0.0.1:5000 failed with status code [manifests cache]: 401 Unauthorized"))))
                .hasValueSatisfying(w -> assertThat(w).startsWith("core: the registry cache could not be read (127.0.0.1:5000/cache/core:cache: pulling")
                        .contains("401 Unauthorized").contains("docker login"));
        assertThat(RegistryCache.importFailure("core", List.of(importStep(
                "127.0.0.1:5000/cache/core:cache: not found")))).isEmpty();
        assertThat(RegistryCache.importFailure("core", List.of(new StepRecord(5, "[app 1/1] RUN x", "app", "RUN", 0,
                false, StepStatus.ERROR, "exit code: 1")))).as("only the import step").isEmpty();
    }

    @Test
    void shouldExportTheCacheOnlyFromSuccessfulBuiltinBuildsThatAreNotNightly() {
        assertThat(RegistryCache.exports(Backend.BUILTIN, true, false)).isTrue();
        assertThat(RegistryCache.exports(Backend.BUILTIN, true, true)).isFalse();
        assertThat(RegistryCache.exports(Backend.BUILTIN, false, false)).isFalse();
        assertThat(RegistryCache.exports(Backend.BUILDX, true, false)).as("buildx exports while building").isFalse();
    }

    static StepRecord step(int n, boolean cached) {
        return new StepRecord(n, "[app " + n + "/2] RUN echo " + n, "app", "RUN", 10, cached,
                cached ? StepStatus.CACHED : StepStatus.DONE, null);
    }

    @Test
    void shouldNotExportAgainACacheThatTheBuildReadAndRanNoStepOf() {
        StepRecord imported = new StepRecord(3, "importing cache manifest from 127.0.0.1:5000/cache/core:cache",
                "internal", "", 5, false, StepStatus.DONE, null);

        assertThat(RegistryCache.nothingToExport(List.of(imported, step(1, true), step(2, true)))).isTrue();
        assertThat(RegistryCache.nothingToExport(List.of(imported, step(1, true), step(2, false))))
                .as("a step ran: new layers to share").isFalse();
        assertThat(RegistryCache.nothingToExport(List.of(importStep("127.0.0.1:5000/cache/core:cache: not found"),
                step(1, true), step(2, true)))).as("the registry has no cache yet").isFalse();
        assertThat(RegistryCache.nothingToExport(List.of(importStep("401 Unauthorized"), step(1, true))))
                .as("the cache could not be read").isFalse();
        assertThat(RegistryCache.nothingToExport(List.of(step(1, true)))).as("no import at all").isFalse();
        assertThat(RegistryCache.nothingToExport(List.of(imported))).as("no build step").isFalse();
    }

    @Test
    void shouldNameOneCacheImagePerServiceUnderAPrefixAndKeepARefWithATag() {
        MorganSettings prefix = new MorganSettings(null, null, null, null, "registry", "127.0.0.1:5000/cache", null, null,
                null, null);
        MorganSettings tagged = new MorganSettings(null, null, null, null, "registry", "127.0.0.1:5000/cache/tts:build",
                null, null, null, null);
        MorganSettings local = new MorganSettings(null, null, null, null, "local", "127.0.0.1:5000/cache", null, null,
                null, null);

        assertThat(prefix.registryCacheRef("core")).isEqualTo("127.0.0.1:5000/cache/core:cache");
        assertThat(tagged.registryCacheRef("tts")).isEqualTo("127.0.0.1:5000/cache/tts:build");
        assertThat(local.registryCacheRef("core")).isNull();
    }

    @Test
    void shouldNameAnImageInAnotherRegistry() {
        assertThat(ServiceBuild.inRegistry("127.0.0.1:5000", "morgan-stack/core:latest"))
                .isEqualTo("127.0.0.1:5000/morgan-stack/core:latest");
        assertThat(ServiceBuild.inRegistry("127.0.0.1:5000/team", "registry.example.com/ml/tts:1"))
                .isEqualTo("127.0.0.1:5000/team/ml/tts:1");
        assertThat(ServiceBuild.inRegistry("127.0.0.1:5000", "localhost/x:1")).isEqualTo("127.0.0.1:5000/x:1");
        assertThat(ServiceBuild.inRegistry("127.0.0.1:5000", "core")).isEqualTo("127.0.0.1:5000/core");
    }
}
