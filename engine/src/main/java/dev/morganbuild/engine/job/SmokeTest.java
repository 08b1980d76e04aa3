package dev.morganbuild.engine.job;

import dev.morganbuild.engine.exec.Command;
import dev.morganbuild.engine.exec.CommandRunner;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a service's {@code x-morgan.smoke-test} in the freshly built image ({@code --gpus all} for GPU
 * services), as argv with no shell. A failing smoke test fails the service's record.
 */
final class SmokeTest {
    private final BuildRun run;
    private final CommandRunner runner;
    private final BuildListener listener;

    SmokeTest(BuildRun run, CommandRunner runner, BuildListener listener) {
        this.run = run;
        this.runner = runner;
        this.listener = listener;
    }

    BuildRecord check(PlannedService s, BuildRecord r) throws IOException, InterruptedException {
        List<String> test = s.service().settings().smokeTest();
        if (!run.request().smokeTest() || test == null || test.isEmpty() || r.imageId() == null) {
            return r;
        }
        List<String> argv = new ArrayList<>(List.of(run.docker(), "run", "--rm"));
        if (s.gpu()) {
            argv.addAll(List.of("--gpus", "all"));
        }
        if (run.facts().network() != null) {
            argv.addAll(List.of("--network", run.facts().network()));
        }
        argv.add("--entrypoint");
        argv.add(test.get(0));
        argv.add(r.imageId());
        argv.addAll(test.subList(1, test.size()));
        listener.message(s.name(), "smoke test: " + String.join(" ", test));
        int code = runner.run(Command.of(argv).withEnv(run.dockerEnv()), line -> listener.output(s.name(), line));
        if (code == 0) {
            return r;
        }
        return r.toBuilder().status(BuildStatus.FAILED).exitCode(code)
                .warning("smoke test failed with exit code " + code)
                .error("smoke test `" + String.join(" ", test) + "` failed (exit " + code + ")").build();
    }
}
