package dev.morganbuild.jenkins.steps;

import dev.morganbuild.engine.plan.AgentPool;
import dev.morganbuild.engine.plan.AgentState;
import dev.morganbuild.engine.plan.LastBuild;
import dev.morganbuild.engine.plan.Route;
import dev.morganbuild.engine.plan.RouteRequest;
import dev.morganbuild.jenkins.model.MorganBuildAction;
import dev.morganbuild.jenkins.model.ServiceSummary;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.labels.LabelAtom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;

/**
 * Jenkins' side of cache-aware routing: reads the agents (online, labels, executors) and the job's
 * history of where each service last built, and asks the engine's {@link AgentPool} where a service
 * goes. Routes to an agent are remembered as claims on one of its executors until the routed branch
 * has its executor, so that siblings routed to the same agent do not count the same idle executor twice.
 */
public final class AgentRouting {
    /** How many earlier builds of the job are read for a service's last successful build. */
    static final int HISTORY_BUILDS = 50;
    /** The controller's node as build records name it. */
    static final String BUILT_IN = "built-in";
    /** A claim whose branch never took its executor (it failed before, the controller lost it) ends after this. */
    static final Duration CLAIM_LIFETIME = Duration.ofMinutes(2);

    /** Per agent name, the routed services ({@code <run id>/<service>}) still to take an executor, with their expiry. */
    private static final Map<String, Map<String, Long>> CLAIMS = new HashMap<>();

    private AgentRouting() {
    }

    /**
     * Where {@code request}'s service goes now. A route to an agent claims one of its executors for the
     * service until {@link #release} (or {@link #CLAIM_LIFETIME}).
     */
    static synchronized Route decide(Run<?, ?> run, RouteRequest request) {
        long now = System.nanoTime();
        CLAIMS.values().forEach(claims -> claims.values().removeIf(expiry -> expiry - now < 0));
        CLAIMS.values().removeIf(Map::isEmpty);
        String key = claimKey(run, request.service());
        CLAIMS.values().forEach(claims -> claims.remove(key)); // a route asked again replaces its claim
        Map<String, Integer> claimed = new HashMap<>();
        CLAIMS.forEach((agent, claims) -> claimed.put(agent, claims.size()));
        Route route = AgentPool.of(agents(), claimed).route(request);
        if (route.decision() == Route.Decision.AGENT) {
            CLAIMS.computeIfAbsent(route.agent(), a -> new HashMap<>()).put(key, now + CLAIM_LIFETIME.toNanos());
        }
        return route;
    }

    /** The routed service has its executor (its node block started) or is done with routing. */
    public static synchronized void release(Run<?, ?> run, String service) {
        String key = claimKey(run, service);
        CLAIMS.values().forEach(claims -> claims.remove(key));
        CLAIMS.values().removeIf(Map::isEmpty);
    }

    private static String claimKey(Run<?, ?> run, String service) {
        return run.getExternalizableId() + "/" + service;
    }

    /** The nodes now, named as build records name them. */
    static List<AgentState> agents() {
        List<AgentState> out = new ArrayList<>();
        for (Computer c : Jenkins.get().getComputers()) {
            Node n = c.getNode();
            if (n == null) {
                continue; // a computer whose node was just removed
            }
            Set<String> labels = new HashSet<>();
            for (LabelAtom a : n.getAssignedLabels()) {
                labels.add(a.getName());
            }
            out.add(new AgentState(recordName(n), c.isOnline() && c.isAcceptingTasks(), labels, c.countExecutors(),
                    c.countIdle()));
        }
        return out;
    }

    static String recordName(Node n) {
        return n.getNodeName().isEmpty() ? BUILT_IN : n.getNodeName();
    }

    /**
     * The agent of {@code service}'s last successful build among the {@link #HISTORY_BUILDS} builds of the
     * job before {@code run}, from their build.xml summaries; null when none built it.
     */
    static LastBuild lastBuild(Run<?, ?> run, String service) {
        int seen = 0;
        for (Run<?, ?> r = run.getPreviousBuild(); r != null && seen < HISTORY_BUILDS; r = r.getPreviousBuild()) {
            seen++;
            MorganBuildAction action = r.getAction(MorganBuildAction.class);
            if (action == null) {
                continue;
            }
            for (ServiceSummary s : action.getServices()) {
                if (s.getService().equals(service) && "SUCCESS".equals(s.getStatus()) && s.getNode() != null) {
                    return new LastBuild(s.getNode(), "#" + r.getNumber());
                }
            }
        }
        return null;
    }

    /** The label expression that names exactly {@code agent} (its own label, quoted when its name needs it). */
    static String labelOf(String agent) {
        Jenkins j = Jenkins.get();
        Node n = BUILT_IN.equals(agent) ? j : j.getNode(agent);
        return n == null ? LabelAtom.escape(agent) : n.getSelfLabel().getExpression();
    }
}
