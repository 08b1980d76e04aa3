package dev.morganbuild.jenkins.caches;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.jenkins.Messages;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One node's row on the caches page, from what its {@link AgentCacheUsage} answered (or why it did
 * not), and its latest prune. Plain strings for Jelly.
 *
 * @param node       the node's name ("built-in" for the controller)
 * @param nodeParam  the node's name as the prune forms send it ("" for the built-in node)
 * @param root       the cache root
 * @param services   the cache root's folders
 * @param total      their total size
 * @param lastPrune  when the cache root was last pruned to its budget
 * @param error      why the node has no figures (offline, did not answer within the deadline ...), or null
 * @param readAt     when the figures were read, and whether they come from the page's one-minute cache
 * @param engine     the engine's build cache, or null when its engine did not answer
 * @param engineError why the engine did not answer, or null
 * @param prune      the node's latest prune, or null
 */
public record AgentCacheRow(String node, String nodeParam, String root, List<ServiceUsage> services, String total,
                            String lastPrune, String error, String readAt, EngineCacheView engine, String engineError,
                            PruneView prune) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One service's cache folder. */
    public record ServiceUsage(String service, String sizeText, String lastUse, String owner) {
    }

    /**
     * A prune as the page shows it.
     *
     * @param running whether it still runs
     * @param text    "running since ..." or what it reclaimed and when it finished
     * @param failed  whether it ended with an error
     */
    public record PruneView(boolean running, String text, boolean failed) {
        /** The paragraph's CSS classes. */
        public String cssClass() {
            return running ? "morgan-prune morgan-prune--running" : failed ? "morgan-prune morgan-prune--failed" : "morgan-prune";
        }

        static PruneView of(String node, PruneJobs.Job j) {
            if (j.running()) {
                return new PruneView(true, Messages.Caches_PruneRunning(node, time(j.started()), j.what()), false);
            }
            String took = took(Duration.between(j.started(), j.finished()));
            if (j.error() != null) {
                return new PruneView(false, Messages.Caches_PruneFailed(j.what(), time(j.started()), time(j.finished()),
                        took, j.error()), true);
            }
            return new PruneView(false, Messages.Caches_PruneFinished(j.what(), j.result(), time(j.finished()), took),
                    false);
        }
    }

    /** A node that answered. */
    static AgentCacheRow of(String node, String nodeParam, Answer<String> answer, PruneView prune) throws IOException {
        JsonNode u = Json.mapper().readTree(answer.value());
        JsonNode folders = u.path("cacheRoot");
        List<ServiceUsage> services = new ArrayList<>();
        long total = 0;
        for (JsonNode s : folders.path("services")) {
            total += s.path("sizeBytes").asLong();
            services.add(new ServiceUsage(s.path("service").asText(), ByteSize.format(s.path("sizeBytes").asLong()),
                    readable(text(s.path("lastUse"), "-")), text(s.path("owner"), "-")));
        }
        JsonNode engine = u.path("engine");
        String at = time(answer.at());
        String readAt = answer.cached() ? Messages.Caches_ReadAtCached(at) : Messages.Caches_ReadAt(at);
        return new AgentCacheRow(node, nodeParam, folders.path("root").asText(), services, ByteSize.format(total),
                readable(text(folders.path("lastPrune"), Messages.Caches_Never())), null, readAt,
                engine.isObject() ? EngineCacheView.of(engine) : null,
                u.path("engineError").isTextual() ? u.path("engineError").asText() : null, prune);
    }

    /** A node without figures. */
    static AgentCacheRow failure(String node, String nodeParam, String root, String why, PruneView prune) {
        return new AgentCacheRow(node, nodeParam, root == null ? Messages.Caches_DefaultRoot() : root, List.of(), "-", "-",
                why, null, null, null, prune);
    }

    /** A JSON field's text, or the fallback when it is absent or null (JsonNode.asText(String) is deprecated). */
    static String text(JsonNode field, String fallback) {
        return field.isMissingNode() || field.isNull() ? fallback : field.asText();
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    /** "2026-12-01T15:58:57.246581961Z" as "2026-12-01 15:58:57 UTC"; anything else as it is. */
    static String readable(String instant) {
        try {
            return time(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    static String took(Duration d) {
        long s = d.toSeconds();
        // numbers as text: MessageFormat would group the digits of a long prune's seconds by locale
        return s < 60 ? Messages.Caches_Seconds(String.valueOf(s))
                : Messages.Caches_MinutesSeconds(String.valueOf(s / 60), String.format(Locale.ROOT, "%02d", s % 60));
    }
}
