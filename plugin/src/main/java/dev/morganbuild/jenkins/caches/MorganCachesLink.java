package dev.morganbuild.jenkins.caches;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.BuildWindows;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.engine.cache.CacheService;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import dev.morganbuild.jenkins.config.MorganNodeProperty;
import hudson.Extension;
import hudson.model.Computer;
import hudson.model.ManagementLink;
import hudson.remoting.VirtualChannel;
import hudson.security.Permission;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins > morgan-build caches: per online agent (and the built-in node when it has executors), the Docker engine's
 * build cache (per type, per cache mount, per service where known, against the budget and the free
 * disk, with the growth forecast) and the cache root's folders.
 *
 * <p>All nodes are asked at once and the page waits for them against one deadline
 * ({@value #DEADLINE_PROPERTY}, default 10 s): a node that misses it is named as such and its call
 * cancelled, so N hung agents hold the page for the deadline once. A node's figures are kept for a
 * minute; Refresh drops them. Prunes run in the background, one per node at a time: the POST returns
 * at once and the page shows the prune running, then what it reclaimed or its error. Reading needs
 * Overall/SystemRead (or Administer); pruning needs Administer.
 */
@Extension
public class MorganCachesLink extends ManagementLink {
    /** System property: how long, in seconds, the page waits for all nodes together. */
    public static final String DEADLINE_PROPERTY = "dev.morganbuild.jenkins.caches.MorganCachesLink.deadlineSeconds";
    private static final Logger LOGGER = Logger.getLogger(MorganCachesLink.class.getName());
    private static final Duration DEADLINE = Duration.ofSeconds(Math.max(1, SystemProperties.getLong(DEADLINE_PROPERTY, 10L)));
    private static final Duration KEEP_FOR = Duration.ofMinutes(1);
    private static final Duration PRUNE_TIMEOUT = Duration.ofMinutes(10);

    private final AgentSurvey<String, String> survey = new AgentSurvey<>(
            new DeadlineFanOut(Computer.threadPoolForRemoting, DEADLINE, System::nanoTime, Clock.systemUTC()),
            new ExpiringCache<>(KEEP_FOR, Clock.systemUTC()));
    private final PruneJobs<String> prunes = new PruneJobs<>(Computer.threadPoolForRemoting, Clock.systemUTC());

    /**
     * What one visit of the page read.
     *
     * @param agents  one row per node
     * @param summary how many nodes were asked, how long it took, the deadline
     * @param pruning whether a prune runs on some node (the page then reloads itself)
     */
    public record Survey(List<AgentCacheRow> agents, String summary, boolean pruning) {
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
        return Messages.MorganCachesLink_Description();
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
        return CacheService.RECORD_TYPES.subList(0, 3);
    }

    /** Asks every online node at once (those read within the minute answer from the cache) within the deadline. */
    public Survey getSurvey() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        // the built-in node without executors (as Jenkins recommends) builds nothing: it has no caches of ours
        Computer[] computers = Arrays.stream(Jenkins.get().getComputers())
                .filter(c -> !(c instanceof Jenkins.MasterComputer) || c.getNumExecutors() > 0).toArray(Computer[]::new);
        boolean toAsk = Arrays.stream(computers).anyMatch(c -> c.getChannel() != null && survey.cache().fresh(c.getName()).isEmpty());
        Map<String, List<BuildRecord>> records = toAsk ? NodeBuildRecords.byNode() : Map.of();
        Map<String, Callable<String>> calls = new LinkedHashMap<>();
        for (Computer c : computers) {
            VirtualChannel channel = c.getChannel();
            if (channel != null && c.getNode() != null) {
                AgentCacheUsage read = request(c, AgentCacheUsage.Action.NONE, null, records.get(name(c)));
                calls.put(c.getName(), () -> Cancelling.await(channel.callAsync(read), DEADLINE));
            }
        }
        long start = System.nanoTime();
        Map<String, Answer<String>> answers = survey.read(calls);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<AgentCacheRow> rows = new ArrayList<>();
        long asked = answers.values().stream().filter(a -> !a.cached()).count();
        boolean pruning = false;
        for (Computer c : computers) {
            AgentCacheRow.PruneView prune = prunes.latest(c.getName()).map(j -> AgentCacheRow.PruneView.of(name(c), j)).orElse(null);
            pruning |= prune != null && prune.running();
            rows.add(row(c, answers.get(c.getName()), prune));
        }
        String summary = asked == 0 ? Messages.Caches_AllFromCache(answers.size())
                : Messages.Caches_Asked(asked, answers.size(),
                        String.format(java.util.Locale.ROOT, "%.1f", took.toMillis() / 1000.0), seconds(DEADLINE));
        return new Survey(rows, summary, pruning);
    }

    /** Forgets the kept figures (of one node, or of all), so the page asks again. */
    @POST
    public HttpResponse doRefresh(@QueryParameter String node) {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        if (node == null) {
            survey.cache().clear();
        } else {
            survey.cache().drop(node);
        }
        return HttpResponses.redirectToDot();
    }

    /** Starts pruning one node's cache root to a budget; caches in use are never removed. */
    @POST
    public HttpResponse doPrune(@QueryParameter String node, @QueryParameter String budget) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            ByteSize.parse(budget);
        } catch (MorganException e) {
            return HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        return startPrune(node, AgentCacheUsage.Action.BUDGET, budget, Messages.Caches_PruneWhatFolders(budget));
    }

    /**
     * Starts pruning one node's engine build cache: the records of a type, or of one cache mount (its
     * id, target or kind). Records a running build holds are never removed (BuildKit keeps them).
     */
    @POST
    public HttpResponse doPruneEngine(@QueryParameter String node, @QueryParameter String type,
                                      @QueryParameter String mount) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        boolean byType = type != null && !type.isBlank();
        boolean byMount = mount != null && !mount.isBlank();
        if (byType == byMount) {
            return HttpResponses.errorWithoutStack(400, Messages.Caches_TypeOrMount());
        }
        if (byType && !CacheService.RECORD_TYPES.contains(type)) {
            return HttpResponses.errorWithoutStack(400, Messages.Caches_NotAType(type));
        }
        return byType ? startPrune(node, AgentCacheUsage.Action.TYPE, type, Messages.Caches_PruneWhatType(type))
                : startPrune(node, AgentCacheUsage.Action.MOUNT, mount, Messages.Caches_PruneWhatMount(mount));
    }

    private HttpResponse startPrune(String node, AgentCacheUsage.Action action, String value, String what) {
        Computer c = Jenkins.get().getComputer(node == null ? "" : node);
        if (c == null) {
            return HttpResponses.errorWithoutStack(404, Messages.Caches_NoSuchNode(node));
        }
        VirtualChannel channel = c.getChannel();
        if (channel == null || c.getNode() == null) {
            return HttpResponses.errorWithoutStack(409, Messages.Caches_NodeIsOffline(name(c)));
        }
        AgentCacheUsage request = request(c, action, value, NodeBuildRecords.byNode().get(name(c)));
        PruneJobs.Started s = prunes.start(c.getName(), what, () -> {
            String json = Cancelling.await(channel.callAsync(request), PRUNE_TIMEOUT);
            // the answer is the node's figures after the prune: the page shows them at once
            survey.cache().put(c.getName(), json, Clock.systemUTC().instant());
            JsonNode pruned = Json.mapper().readTree(json).path("pruned");
            return pruned.isTextual() ? pruned.asText() : Messages.Caches_PruneDone();
        });
        if (!s.now()) {
            return HttpResponses.errorWithoutStack(409, Messages.Caches_PruneAlreadyRunning(name(c),
                    AgentCacheRow.time(s.job().started()), s.job().what()));
        }
        return HttpResponses.redirectToDot();
    }

    private static AgentCacheUsage request(Computer c, AgentCacheUsage.Action action, String value, List<BuildRecord> builds) {
        MorganGlobalConfiguration config = MorganGlobalConfiguration.get();
        String root = MorganNodeProperty.cacheRootFor(c.getNode(), config);
        String windows = null;
        if (builds != null && !builds.isEmpty()) {
            try {
                windows = Json.mapper().writeValueAsString(BuildWindows.recent(builds));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "cannot send the build windows of " + name(c) + "; its caches stay unattributed", e);
            }
        }
        return new AgentCacheUsage(root, blankToNull(config.getDockerExecutable()), blankToNull(config.getCacheBudget()),
                action, value, windows);
    }

    private static AgentCacheRow row(Computer c, Answer<String> answer, AgentCacheRow.PruneView prune) {
        String param = c.getName();
        if (answer == null) {
            return AgentCacheRow.failure(name(c), param, root(c), Messages.Caches_Offline(), prune);
        }
        if (!answer.ok()) {
            if (answer.failure() != null) {
                LOGGER.log(Level.FINE, "cannot read morgan-build cache usage of " + name(c), answer.failure());
            }
            return AgentCacheRow.failure(name(c), param, root(c), answer.problem(), prune);
        }
        try {
            return AgentCacheRow.of(name(c), param, answer, prune);
        } catch (IOException e) {
            return AgentCacheRow.failure(name(c), param, root(c), Messages.Caches_Unreadable(e.getMessage()), prune);
        }
    }

    private static String root(Computer c) {
        return c.getNode() == null ? null : MorganNodeProperty.cacheRootFor(c.getNode(), MorganGlobalConfiguration.get());
    }

    private static String name(Computer c) {
        return c.getName().isEmpty() ? "built-in" : c.getName();
    }

    private static String seconds(Duration d) {
        return Messages.Caches_Seconds(String.valueOf(d.toSeconds()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
