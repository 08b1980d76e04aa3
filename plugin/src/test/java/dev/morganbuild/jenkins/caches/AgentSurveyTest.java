package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentSurveyTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final AgentSurvey<String, String> survey = new AgentSurvey<>(
            new DeadlineFanOut(pool, Duration.ofMillis(300), System::nanoTime, clock),
            new ExpiringCache<>(Duration.ofMinutes(1), clock));
    private final Map<String, AtomicInteger> calls = new LinkedHashMap<>();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        pool.shutdownNow();
    }

    private Callable<String> counted(String agent, Callable<String> body) {
        AtomicInteger n = calls.computeIfAbsent(agent, k -> new AtomicInteger());
        return () -> {
            n.incrementAndGet();
            return body.call();
        };
    }

    private Map<String, Callable<String>> agents() {
        Map<String, Callable<String>> m = new LinkedHashMap<>();
        m.put("built-in", counted("built-in", () -> "1 GiB"));
        m.put("agent-1", counted("agent-1", () -> {
            throw new IOException("docker: not found");
        }));
        m.put("agent-2", counted("agent-2", () -> {
            never.await();
            return "never";
        }));
        m.put("gpu-1", counted("gpu-1", () -> "7 GiB"));
        return m;
    }

    @Test
    void shouldAnswerFromTheCacheWithinAMinuteWithoutAskingAgain() {
        survey.read(agents());
        clock.advance(Duration.ofSeconds(59));

        Map<String, Answer<String>> second = survey.read(agents());

        assertThat(calls.get("built-in")).hasValue(1);
        assertThat(calls.get("gpu-1")).hasValue(1);
        assertThat(second.get("gpu-1").cached()).isTrue();
        assertThat(second.get("gpu-1").value()).isEqualTo("7 GiB");
        assertThat(second.get("gpu-1").at()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    }

    @Test
    void shouldAskAgainOnceTheMinuteIsOver() {
        survey.read(agents());
        clock.advance(Duration.ofMinutes(1));

        Map<String, Answer<String>> second = survey.read(agents());

        assertThat(calls.get("gpu-1")).hasValue(2);
        assertThat(second.get("gpu-1").cached()).isFalse();
    }

    @Test
    void shouldAskAgainAnAgentThatFailedOrDidNotAnswer() {
        Map<String, Answer<String>> first = survey.read(agents());
        Map<String, Answer<String>> second = survey.read(agents());

        assertThat(first.get("agent-1").status()).isEqualTo(Answer.Status.FAILED);
        assertThat(first.get("agent-2").status()).isEqualTo(Answer.Status.TIMED_OUT);
        assertThat(calls.get("agent-1")).hasValue(2);
        assertThat(calls.get("agent-2")).hasValue(2);
        assertThat(second.get("agent-2").problem()).isEqualTo("did not answer within 0.3 s; the call was cancelled");
    }

    @Test
    void shouldKeepTheAgentsOrderWhenSomeAnswersAreCached() {
        survey.cache().put("agent-2", "2 GiB", clock.instant());

        Map<String, Answer<String>> answers = survey.read(agents());

        assertThat(answers.keySet()).containsExactly("built-in", "agent-1", "agent-2", "gpu-1");
        assertThat(answers.get("agent-2").value()).isEqualTo("2 GiB");
        assertThat(calls.get("agent-2")).hasValue(0);
    }

    @Test
    void shouldAskAnAgentAgainAfterItsAnswerWasDropped() {
        survey.read(agents());

        survey.cache().drop("gpu-1");
        survey.read(agents());

        assertThat(calls.get("gpu-1")).hasValue(2);
        assertThat(calls.get("built-in")).hasValue(1);
    }
}
