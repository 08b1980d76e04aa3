package dev.morganbuild.engine.plan;

import java.util.Objects;
import java.util.Set;

/**
 * One agent as routing sees it at one moment: its name as build records write it ({@code built-in} for
 * the controller), whether it takes work now, its labels (Jenkins counts the node's own name among
 * them), and its executors.
 *
 * @param name          the agent's name
 * @param online        connected and accepting tasks
 * @param labels        the labels a label expression is matched against
 * @param executors     how many executors it has
 * @param idleExecutors how many of them are idle now
 */
public record AgentState(String name, boolean online, Set<String> labels, int executors, int idleExecutors) {
    public AgentState {
        Objects.requireNonNull(name, "name");
        labels = Set.copyOf(labels);
    }
}
