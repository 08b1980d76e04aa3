package dev.morganbuild.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.json.Json;
import hudson.Extension;
import hudson.model.Computer;
import hudson.model.ManagementLink;
import hudson.remoting.VirtualChannel;
import hudson.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins > morgan-build caches: cache size per service, last use and last prune, per online
 * agent and the built-in node. Reading needs Overall/SystemRead (or Administer); pruning needs Administer.
 */
@Extension
public class MorganCachesLink extends ManagementLink {
    private static final Logger LOGGER = Logger.getLogger(MorganCachesLink.class.getName());
    private static final long READ_TIMEOUT_SECONDS = 30;
    private static final long PRUNE_TIMEOUT_SECONDS = 600;

    /** One agent's cache usage, for the page. */
    public record AgentUsage(String node, String root, List<ServiceUsage> services, String total, String lastPrune,
                             String error) {
    }

    /** One service's cache on an agent. */
    public record ServiceUsage(String service, String sizeText, String lastUse, String owner) {
    }

    @Override
    public String getIconFileName() {
        return "/plugin/morgan-build/images/build-times.svg";
    }

    @Override
    public String getDisplayName() {
        return "morgan-build caches";
    }

    @Override
    public String getDescription() {
        return "BuildKit cache usage per agent and service: size, last use, last prune.";
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

    /** Asks every online agent for its usage, each answer bounded in time so one hung agent cannot hold the page. */
    public List<AgentUsage> getUsages() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        List<AgentUsage> out = new ArrayList<>();
        for (Computer c : Jenkins.get().getComputers()) {
            out.add(usage(c, null));
        }
        return out;
    }

    /** Prunes one agent's cache root to a budget; caches in use are never removed. */
    @POST
    public HttpResponse doPrune(@QueryParameter String node, @QueryParameter String budget) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            ByteSize.parse(budget);
        } catch (MorganException e) {
            return HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        for (Computer c : Jenkins.get().getComputers()) {
            if (c.getName().equals(node == null ? "" : node)) {
                AgentUsage result = usage(c, budget);
                return result.error() == null ? HttpResponses.redirectToDot()
                        : HttpResponses.errorWithoutStack(500, "prune on " + result.node() + " failed: " + result.error());
            }
        }
        return HttpResponses.errorWithoutStack(404, "no node named '" + node + "'");
    }

    private AgentUsage usage(Computer c, String pruneTo) {
        String name = c.getName().isEmpty() ? "built-in" : c.getName();
        VirtualChannel channel = c.getChannel();
        if (channel == null || c.getNode() == null) {
            return new AgentUsage(name, "-", List.of(), "-", "-", "offline");
        }
        String root = MorganNodeProperty.cacheRootFor(c.getNode(), MorganGlobalConfiguration.get());
        try {
            // a prune may take a while on a large cache; a read should answer quickly
            long timeout = pruneTo == null ? READ_TIMEOUT_SECONDS : PRUNE_TIMEOUT_SECONDS;
            JsonNode u = Json.mapper().readTree(channel.callAsync(new AgentCacheUsage(root, pruneTo))
                    .get(timeout, TimeUnit.SECONDS));
            List<ServiceUsage> services = new ArrayList<>();
            long total = 0;
            for (JsonNode s : u.path("services")) {
                total += s.path("sizeBytes").asLong();
                services.add(new ServiceUsage(s.path("service").asText(), ByteSize.format(s.path("sizeBytes").asLong()),
                        readable(text(s.path("lastUse"), "-")), text(s.path("owner"), "-")));
            }
            return new AgentUsage(name, u.path("root").asText(), services, ByteSize.format(total),
                    readable(text(u.path("lastPrune"), "never")), null);
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "cannot read morgan-build cache usage of " + name, e);
            return new AgentUsage(name, root == null ? "(default)" : root, List.of(), "-", "-",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** A JSON field's text, or the fallback when it is absent or null (JsonNode.asText(String) is deprecated). */
    private static String text(JsonNode field, String fallback) {
        return field.isMissingNode() || field.isNull() ? fallback : field.asText();
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
