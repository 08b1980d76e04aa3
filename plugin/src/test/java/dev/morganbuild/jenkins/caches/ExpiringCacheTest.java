package dev.morganbuild.jenkins.caches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), clock);

    @Test
    void shouldKeepAValueForJustUnderItsTimeToLive() {
        cache.put("agent-1", "3 GiB", clock.instant());
        clock.advance(Duration.ofSeconds(59));

        assertThat(cache.fresh("agent-1")).get().extracting(ExpiringCache.Entry::value).isEqualTo("3 GiB");
    }

    @Test
    void shouldForgetAValueOnceItsTimeToLiveHasPassed() {
        cache.put("agent-1", "3 GiB", clock.instant());
        clock.advance(Duration.ofMinutes(1));

        assertThat(cache.fresh("agent-1")).isEmpty();
    }

    @Test
    void shouldCountTheTimeToLiveFromWhenTheValueWasRead() {
        cache.put("agent-1", "3 GiB", clock.instant().minusSeconds(50));
        clock.advance(Duration.ofSeconds(10));

        assertThat(cache.fresh("agent-1")).isEmpty();
    }

    @Test
    void shouldDropOneKeyAndKeepTheOthers() {
        cache.put("agent-1", "3 GiB", clock.instant());
        cache.put("agent-2", "5 GiB", clock.instant());

        cache.drop("agent-1");

        assertThat(cache.fresh("agent-1")).isEmpty();
        assertThat(cache.fresh("agent-2")).isPresent();
    }

    @Test
    void shouldClearEverything() {
        cache.put("agent-1", "3 GiB", clock.instant());
        cache.put("agent-2", "5 GiB", clock.instant());

        cache.clear();

        assertThat(cache.fresh("agent-1")).isEmpty();
        assertThat(cache.fresh("agent-2")).isEmpty();
    }

    @Test
    void shouldReplaceAValueWithANewerOne() {
        cache.put("agent-1", "3 GiB", clock.instant());
        clock.advance(Duration.ofSeconds(30));
        cache.put("agent-1", "1 GiB", clock.instant());
        clock.advance(Duration.ofSeconds(45));

        assertThat(cache.fresh("agent-1")).get().extracting(ExpiringCache.Entry::value).isEqualTo("1 GiB");
    }
}
