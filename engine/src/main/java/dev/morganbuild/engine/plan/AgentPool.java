package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.plan.Route.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Cache-aware routing: sends a service to the agent of its last successful build, whose engine holds its
 * layer cache, when that agent is online, still matches the service's label and has a free executor;
 * waits a little for a busy one; otherwise leaves the service to its label (any matching agent, where a
 * registry cache, if configured, warms it). The pool is a snapshot of the agents and of the executors
 * already promised to services routed there that have not started yet (siblings of one wave compete for
 * the same executors).
 */
public final class AgentPool {
    private final List<AgentState> agents;
    private final Map<String, Integer> claimed;

    private AgentPool(List<AgentState> agents, Map<String, Integer> claimed) {
        this.agents = List.copyOf(agents);
        this.claimed = Map.copyOf(claimed);
    }

    /**
     * @param agents  the agents now
     * @param claimed per agent name, how many of its idle executors routed services that have not started
     *                yet will take
     */
    public static AgentPool of(List<AgentState> agents, Map<String, Integer> claimed) {
        return new AgentPool(agents, claimed);
    }

    /** Executors of {@code agent} that are idle and not promised to another routed service. */
    int free(String agent) {
        return find(agent).map(a -> Math.max(0, a.idleExecutors() - claimed.getOrDefault(agent, 0))).orElse(0);
    }

    public Route route(RouteRequest r) {
        LastBuild last = r.lastBuild();
        if (last == null) {
            return label(r, "no earlier successful build to follow");
        }
        String where = " (its last successful build, " + last.build() + ", ran there)";
        Optional<AgentState> found = find(last.agent());
        if (found.isEmpty()) {
            return label(r, last.agent() + " is no longer an agent" + where);
        }
        AgentState agent = found.get();
        if (!agent.online()) {
            return label(r, agent.name() + " offline" + where);
        }
        LabelExpression expression;
        try {
            expression = LabelExpression.parse(r.label());
        } catch (MorganException e) {
            return label(r, "its label cannot be matched here: " + e.getMessage());
        }
        if (!expression.matches(agent.labels())) {
            return label(r, agent.name() + " no longer matches the label (its labels: " + new TreeSet<>(agent.labels())
                    + ")" + where);
        }
        if (agent.executors() == 0) {
            return label(r, agent.name() + " has no executors" + where);
        }
        if (free(agent.name()) > 0) {
            String waited = r.waited().isZero() ? "" : " (waited " + seconds(r.waited()) + " for an executor)";
            return new Route(r.service(), Decision.AGENT, agent.name(), r.label(), "its last successful build ("
                    + last.build() + ") ran there" + waited);
        }
        String busy = busy(agent);
        if (!r.waitIsOver()) {
            return new Route(r.service(), Decision.WAIT, agent.name(), r.label(), busy + "; waiting up to "
                    + seconds(r.maxWait()) + where);
        }
        return label(r, agent.name() + " busy" + (r.maxWait().isZero() ? "" : " for " + seconds(r.maxWait()))
                + ": " + busy + where);
    }

    private String busy(AgentState agent) {
        int promised = Math.min(agent.idleExecutors(), claimed.getOrDefault(agent.name(), 0));
        return "no free executor (" + (agent.executors() - agent.idleExecutors()) + " of " + agent.executors()
                + " in use" + (promised > 0 ? ", " + promised + " promised to services routed there" : "") + ")";
    }

    private static Route label(RouteRequest r, String reason) {
        String agent = r.lastBuild() == null ? null : r.lastBuild().agent();
        return new Route(r.service(), Decision.LABEL, agent, r.label(), reason);
    }

    private Optional<AgentState> find(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** 5 s, 2.5 s: waits are short, and the plan package writes them without the trend package. */
    static String seconds(Duration d) {
        long tenths = Math.round(d.toMillis() / 100.0);
        return tenths % 10 == 0 ? tenths / 10 + " s" : String.format(Locale.ROOT, "%.1f s", tenths / 10.0);
    }
}
