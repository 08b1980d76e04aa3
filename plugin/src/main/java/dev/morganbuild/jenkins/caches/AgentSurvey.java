package dev.morganbuild.jenkins.caches;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Reads every agent's caches for the page: an agent read less than the cache's time to live ago is
 * answered from the cache; all others are asked at once within the fan-out's one deadline. Only
 * values are cached; an agent that failed or did not answer is asked again next time.
 *
 * @param <K> the agent's key (its name)
 * @param <V> what it answers
 */
public final class AgentSurvey<K, V> {
    private final DeadlineFanOut fanOut;
    private final ExpiringCache<K, V> cache;

    public AgentSurvey(DeadlineFanOut fanOut, ExpiringCache<K, V> cache) {
        this.fanOut = fanOut;
        this.cache = cache;
    }

    /** The deadline all calls of one read share. */
    public DeadlineFanOut fanOut() {
        return fanOut;
    }

    /** The cache. */
    public ExpiringCache<K, V> cache() {
        return cache;
    }

    /**
     * One answer per agent, in the calls' order; only the agents without a fresh cached value are called.
     */
    public Map<K, Answer<V>> read(Map<K, ? extends Callable<V>> calls) {
        Map<K, Answer<V>> out = new LinkedHashMap<>();
        Map<K, Callable<V>> ask = new LinkedHashMap<>();
        calls.forEach((k, c) -> cache.fresh(k).ifPresentOrElse(
                e -> out.put(k, Answer.answered(e.value(), fanOut.deadline(), e.at()).fromCache()),
                () -> {
                    out.put(k, null); // keeps the calls' order
                    ask.put(k, c);
                }));
        fanOut.ask(ask).forEach((k, a) -> {
            if (a.ok()) {
                cache.put(k, a.value(), a.at());
            }
            out.put(k, a);
        });
        return out;
    }
}
