package dev.morganbuild.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.morganbuild.engine.exec.LocalCommandRunner;
import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.job.StackRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several readers of one real engine at once, as the Jenkins caches page asks every agent at once and
 * agents may share an engine: dockerd refuses a disk-usage query while another runs, and every reader
 * must still get its answer. Needs a Docker engine (scripts/test.sh starts one); fails without one.
 */
class EngineCacheReaderIT {
    @Test
    void shouldAnswerEveryReaderWhenSeveralAskOneEngineAtOnce() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("DOCKER_BUILDKIT", "1");
        String docker = BuildService.local().dockerClient(StackRequest.builder().env(env).build());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<EngineCacheReader.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> EngineCacheReader.read(new LocalCommandRunner(), docker, env)));
            }
            for (Future<EngineCacheReader.Answer> a : answers) {
                assertThat(a.get().total()).as("docker's Build Cache line").isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
