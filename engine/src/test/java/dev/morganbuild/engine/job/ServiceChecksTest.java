package dev.morganbuild.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.buildkit.Backend;
import dev.morganbuild.engine.buildkit.EngineFacts;
import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import dev.morganbuild.engine.stack.BuildSecret;
import dev.morganbuild.engine.stack.BuildSpec;
import dev.morganbuild.engine.stack.GpuRequirement;
import dev.morganbuild.engine.stack.MorganSettings;
import dev.morganbuild.engine.stack.Service;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What runs after a service's docker build: its smoke test and its build-time budget; and its secrets' check. */
class ServiceChecksTest {
    static final String IMAGE = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    final List<String> heard = new ArrayList<>();
    final BuildListener listener = new BuildListener() {
        @Override
        public void message(String service, String text) {
            heard.add(service + ": " + text);
        }

        @Override
        public void output(String service, String line) {
            heard.add(service + "> " + line);
        }
    };

    static PlannedService planned(String name, boolean gpu, MorganSettings settings, List<BuildSecret> secrets) {
        BuildSpec spec = new BuildSpec(Path.of("/repo"), Path.of("/repo/" + name + "/Dockerfile"), null, Map.of(),
                List.of(), Map.of(), List.of(), List.of(), secrets, null, List.of(), Map.of());
        Service s = new Service(name, spec, List.of(), new GpuRequirement(gpu, gpu ? "FROM nvidia/cuda" : "no GPU use"),
                settings, 1);
        return new PlannedService(s, 0, 0, gpu, "", gpu ? "gpu" : "docker", Path.of("/cache/" + name), false, false, null,
                List.of(), List.of());
    }

    static MorganSettings smoke(List<String> test) {
        return new MorganSettings(null, null, null, null, null, null, null, test, null, null);
    }

    static MorganSettings budget(long seconds) {
        return new MorganSettings(null, null, null, null, null, null, null, null, null, seconds);
    }

    static BuildRecord built(String service, String imageId, long millis) {
        return BuildRecord.builder("id-1", "run-1", service).imageId(imageId).start(Instant.EPOCH).durationMillis(millis)
                .status(BuildStatus.SUCCESS).build();
    }

    BuildRun run(boolean smokeTest, String network) {
        StackRequest request = StackRequest.builder().docker("docker").cacheRoot(dir).noHistory().smokeTest(smokeTest)
                .build();
        return new BuildRun(request, new EngineFacts("docker", Backend.BUILTIN, network), "engine",
                Map.of("DOCKER_BUILDKIT", "1"), dir);
    }

    /** docker run that prints a line and exits with {@code exit}. */
    static final class Runs implements CommandRunner {
        final List<Command> calls = new ArrayList<>();
        final int exit;

        Runs(int exit) {
            this.exit = exit;
        }

        @Override
        public int run(Command c, dev.morganbuild.engine.exec.LineSink sink) throws java.io.IOException {
            calls.add(c);
            sink.line("ok from the image");
            return exit;
        }
    }

    @Test
    void shouldRunTheSmokeTestAsArgvInTheBuiltImageWithTheGpusAndTheEnginesNetwork() throws Exception {
        Runs docker = new Runs(0);
        PlannedService tts = planned("tts", true, smoke(List.of("python", "-c", "import torch")), List.of());
        BuildRecord r = built("tts", IMAGE, 100);

        BuildRecord checked = new SmokeTest(run(true, "host"), docker, listener).check(tts, r);

        assertThat(checked).isSameAs(r);
        assertThat(docker.calls).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("docker", "run", "--rm", "--gpus", "all", "--network", "host",
                    "--entrypoint", "python", IMAGE, "-c", "import torch");
            assertThat(c.env()).containsEntry("DOCKER_BUILDKIT", "1");
        });
        assertThat(heard).containsExactly("tts: smoke test: python -c import torch", "tts> ok from the image");
    }

    @Test
    void shouldRunACpuServicesSmokeTestWithoutGpusOnDockersDefaultNetwork() throws Exception {
        Runs docker = new Runs(0);
        PlannedService core = planned("core", false, smoke(List.of("true")), List.of());

        new SmokeTest(run(true, null), docker, listener).check(core, built("core", IMAGE, 100));

        assertThat(docker.calls).singleElement().extracting(Command::argv)
                .isEqualTo(List.of("docker", "run", "--rm", "--entrypoint", "true", IMAGE));
    }

    @Test
    void shouldFailTheRecordWithTheSmokeTestsExitCode() throws Exception {
        PlannedService core = planned("core", false, smoke(List.of("python", "-V")), List.of());

        BuildRecord checked = new SmokeTest(run(true, null), new Runs(3), listener).check(core, built("core", IMAGE, 100));

        assertThat(checked.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(checked.exitCode()).isEqualTo(3);
        assertThat(checked.warnings()).containsExactly("smoke test failed with exit code 3");
        assertThat(checked.error()).isEqualTo("smoke test `python -V` failed (exit 3)");
        assertThat(checked.imageId()).isEqualTo(IMAGE);
    }

    @Test
    void shouldSkipTheSmokeTestWhenOffUnsetEmptyOrWithoutAnImage() throws Exception {
        Runs docker = new Runs(1);
        PlannedService withTest = planned("core", false, smoke(List.of("true")), List.of());
        BuildRecord r = built("core", IMAGE, 100);

        assertThat(new SmokeTest(run(false, null), docker, listener).check(withTest, r)).isSameAs(r);
        assertThat(new SmokeTest(run(true, null), docker, listener).check(planned("core", false, MorganSettings.EMPTY,
                List.of()), r)).isSameAs(r);
        assertThat(new SmokeTest(run(true, null), docker, listener).check(planned("core", false, smoke(List.of()),
                List.of()), r)).isSameAs(r);
        BuildRecord failed = built("core", null, 100);
        assertThat(new SmokeTest(run(true, null), docker, listener).check(withTest, failed)).isSameAs(failed);
        assertThat(docker.calls).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void shouldRecordTheBudgetAndWarnOnlyWhenASuccessfulBuildTookLonger() {
        PlannedService core = planned("core", false, budget(10), List.of());

        BuildRecord within = BuildBudget.check(core, built("core", IMAGE, 10_000), listener);
        assertThat(within.budgetMillis()).isEqualTo(10_000L);
        assertThat(within.warnings()).isEmpty();
        assertThat(heard).isEmpty();

        BuildRecord over = BuildBudget.check(core, built("core", IMAGE, 12_400), listener);
        assertThat(over.budgetMillis()).isEqualTo(10_000L);
        assertThat(over.status()).isEqualTo(BuildStatus.SUCCESS);
        assertThat(over.warnings()).containsExactly("core took 12.4 s, over its x-morgan budget of 10.0 s");
        assertThat(heard).containsExactly("core: core took 12.4 s, over its x-morgan budget of 10.0 s");
    }

    @Test
    void shouldLeaveARecordWithoutABudgetAsItIs() {
        BuildRecord r = built("core", IMAGE, 99_000);

        assertThat(BuildBudget.check(planned("core", false, MorganSettings.EMPTY, List.of()), r, listener)).isSameAs(r);
        assertThat(heard).isEmpty();
    }

    @Test
    void shouldRefuseEnvironmentSecretsTheEnvironmentDoesNotHoldNamingEachOne() {
        List<BuildSecret> secrets = List.of(new BuildSecret("hf", null, "HF_TOKEN"),
                new BuildSecret("npm", "/run/npmrc", null), new BuildSecret("gh", null, "GH_TOKEN"));
        Service core = planned("core", false, MorganSettings.EMPTY, secrets).service();

        assertThat(EnvironmentSecrets.problem(core, Map.of("HF_TOKEN", "x", "GH_TOKEN", "y"))).isEmpty();
        assertThat(EnvironmentSecrets.problem(core, Map.of("GH_TOKEN", "y"))).hasValueSatisfying(p -> assertThat(p)
                .startsWith("the build secret 'hf' (environment: HF_TOKEN) of service 'core' reads a variable the "
                        + "Pipeline did not set;")
                .contains("Bind it with withCredentials"));
        assertThat(EnvironmentSecrets.problem(core, Map.of())).hasValueSatisfying(p -> assertThat(p)
                .startsWith("the build secrets 'hf' (environment: HF_TOKEN), 'gh' (environment: GH_TOKEN) of service "
                        + "'core' read a variable the Pipeline did not set;"));
    }
}
