package dev.morganbuild.jenkins.caches;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.cache.EngineCachePrune;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import dev.morganbuild.jenkins.config.MorganNodeProperty;
import hudson.Extension;
import hudson.model.Computer;
import hudson.model.ManagementLink;
import hudson.remoting.VirtualChannel;
import hudson.security.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins > morgan-build caches: per online agent and the built-in node, the cache root's
 * folders and the Docker engine's build cache (per type, per cache mount, per service where known,
 * against the budget and the free disk, with the growth forecast). All agents are asked at once and
 * the page waits for them within one deadline, so a hung agent costs the page no more than that.
 * Reading needs Overall/SystemRead (or Administer); pruning needs Administer.
 */
@Extension
public class MorganCachesLink extends ManagementLink {
    private static final Logger LOGGER = Logger.getLogger(MorganCachesLink.class.getName());
    private static final long READ_DEADLINE_SECONDS = 30;
    private static final long PRUNE_TIMEOUT_SECONDS = 600;

    /** One agent's caches, for the page; {@code engine} is null when its engine did not answer. */
    public record AgentUsage(String node, String root, List<ServiceUsage> services, String total, String lastPrune,
                             String error, EngineCacheView engine, String engineError) {
    }

    /** One service's cache folder on an agent. */
    public record ServiceUsage(String service, String sizeText, String lastUse, String owner) {
    }

    @Override
    public String getIconFileName() {
        return "/plugin/morgan-build/images/build-times.svg";
    }

    @Override
    public String getDisplayName() {
        return Messages.MorganCachesLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return "Cache usage per agent: the engine's layers and cache mounts, per service, against budget and disk.";
    }

    @Override
    public String getUrlName() {
        return "morgan-build-caches";
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.SYSTEM_READ;
    }

    @Override
    public Category getCategory() {
        return Category.STATUS;
    }

    /** Whether the prune forms are shown. */
    public boolean isPruneAllowed() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** The record types a prune can target. */
    public List<String> getPruneTypes() {
        return EngineCachePrune.TYPES.subList(0, 3);
    }

    /** Asks every online node at once; each answer that is not back by the deadline is shown as such. */
    public List<AgentUsage> getUsages() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        Computer[] computers = Jenkins.get().getComputers();
        Map<Computer, Future<String>> asked = new LinkedHashMap<>();
        Map<Computer, String> failed = new LinkedHashMap<>();
        for (Computer c : computers) {
            try {
                asked.put(c, ask(c, AgentCacheUsage.Action.NONE, null));
            } catch (Exception e) {
                failed.put(c, message(e));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READ_DEADLINE_SECONDS);
        List<AgentUsage> out = new ArrayList<>();
        for (Computer c : computers) {
            Future<String> f = asked.get(c);
            if (f == null) {
                out.add(failure(c, failed.getOrDefault(c, "offline")));
                continue;
            }
            try {
                out.add(usage(c, f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)));
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                out.add(failure(c, "no answer within " + READ_DEADLINE_SECONDS + " s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(failure(c, "interrupted"));
            } catch (Exception e) {
                LOGGER.log(Level.FINE, "cannot read morgan-build cache usage of " + name(c), e);
                out.add(failure(c, message(e)));
            }
        }
        return out;
    }

    /** Prunes one node's cache root to a budget; caches in use are never removed. */
    @POST
    public HttpResponse doPrune(@QueryParameter String node, @QueryParameter String budget) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            ByteSize.parse(budget);
        } catch (MorganException e) {
            return HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        return pruneOn(node, AgentCacheUsage.Action.BUDGET, budget);
    }

    /**
     * Prunes one node's engine build cache: the records of a type, or of one cache mount (its id,
     * target or kind). Records a running build holds are never removed (BuildKit keeps them).
     */
    @POST
    public HttpResponse doPruneEngine(@QueryParameter String node, @QueryParameter String type,
                                      @QueryParameter String mount) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        boolean byType = type != null && !type.isBlank();
        boolean byMount = mount != null && !mount.isBlank();
        if (byType == byMount) {
            return HttpResponses.errorWithoutStack(400, "name either a record type or a cache mount");
        }
        if (byType && !EngineCachePrune.TYPES.contains(type)) {
            return HttpResponses.errorWithoutStack(400, "'" + type + "' is not a build-cache record type");
        }
        return byType ? pruneOn(node, AgentCacheUsage.Action.TYPE, type) : pruneOn(node, AgentCacheUsage.Action.MOUNT, mount);
    }

    private HttpResponse pruneOn(String node, AgentCacheUsage.Action action, String value) {
        for (Computer c : Jenkins.get().getComputers()) {
            if (c.getName().equals(node == null ? "" : node)) {
                try {
                    ask(c, action, value).get(PRUNE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return HttpResponses.redirectToDot();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return HttpResponses.errorWithoutStack(503, "interrupted");
                } catch (Exception e) {
                    LOGGER.log(Level.FINE, "prune on " + name(c) + " failed", e);
                    return HttpResponses.errorWithoutStack(500, "prune on " + name(c) + " failed: " + message(e));
                }
            }
        }
        return HttpResponses.errorWithoutStack(404, "no node named '" + node + "'");
    }

    private static Future<String> ask(Computer c, AgentCacheUsage.Action action, String value) throws Exception {
        VirtualChannel channel = c.getChannel();
        if (channel == null || c.getNode() == null) {
            throw new IllegalStateException("offline");
        }
        MorganGlobalConfiguration config = MorganGlobalConfiguration.get();
        String root = MorganNodeProperty.cacheRootFor(c.getNode(), config);
        return channel.callAsync(new AgentCacheUsage(root, blankToNull(config.getDockerExecutable()),
                blankToNull(config.getCacheBudget()), action, value));
    }

    private static AgentUsage usage(Computer c, String json) throws java.io.IOException {
        JsonNode u = Json.mapper().readTree(json);
        JsonNode folders = u.path("cacheRoot");
        List<ServiceUsage> services = new ArrayList<>();
        long total = 0;
        for (JsonNode s : folders.path("services")) {
            total += s.path("sizeBytes").asLong();
            services.add(new ServiceUsage(s.path("service").asText(), ByteSize.format(s.path("sizeBytes").asLong()),
                    readable(text(s.path("lastUse"), "-")), text(s.path("owner"), "-")));
        }
        JsonNode engine = u.path("engine");
        return new AgentUsage(name(c), folders.path("root").asText(), services, ByteSize.format(total),
                readable(text(folders.path("lastPrune"), "never")), null,
                engine.isObject() ? EngineCacheView.of(engine) : null,
                u.path("engineError").isTextual() ? u.path("engineError").asText() : null);
    }

    private static AgentUsage failure(Computer c, String why) {
        String root = c.getNode() == null ? null : MorganNodeProperty.cacheRootFor(c.getNode(), MorganGlobalConfiguration.get());
        return new AgentUsage(name(c), root == null ? "(default)" : root, List.of(), "-", "-", why, null, null);
    }

    private static String name(Computer c) {
        return c.getName().isEmpty() ? "built-in" : c.getName();
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A JSON field's text, or the fallback when it is absent or null (JsonNode.asText(String) is deprecated). */
    static String text(JsonNode field, String fallback) {
        return field.isMissingNode() || field.isNull() ? fallback : field.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** "2026-12-01T15:58:57.246581961Z" as "2026-12-01 15:58:57 UTC"; anything else as it is. */
    static String readable(String instant) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", java.util.Locale.ROOT)
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }
}
