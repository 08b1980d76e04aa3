package dev.morganbuild.jenkins.agent;

import dev.morganbuild.jenkins.Messages;
import dev.morganbuild.jenkins.config.MorganGlobalConfiguration;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Computer;
import hudson.model.Node;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a compose file may read in Jenkins (interpolation, {@code environment:} secrets, args
 * without a value): what the Pipeline set, never the agent process's own environment, which holds
 * whatever the agent was started with (tokens, cloud keys). A Dockerfile RUN of a pull request is
 * isolated in a container; its compose file must not be a way around that.
 *
 * <p>The step context's {@link EnvVars} are the agent's environment ({@link Computer#getEnvironment()})
 * overlaid with Jenkins' build variables, the node's and global properties, job parameters and every
 * {@code environment {}}, {@code withEnv} and {@code withCredentials} around the step. What is left once
 * the agent's own values are taken out is what the Pipeline and Jenkins set; a variable the Pipeline
 * set to a new value stays. Agent variables an admin allowlists (global configuration) are added back.
 * Docker itself still runs with the agent's whole environment (PATH, HOME, DOCKER_HOST): the engine
 * starts it as a child of the agent process.
 */
public final class PipelineEnvironment {
    private PipelineEnvironment() {
    }

    /** The step's variables without the agent process's own, plus those the global configuration allows. */
    public static Map<String, String> of(EnvVars stepEnv, Node node, MorganGlobalConfiguration config)
            throws IOException, InterruptedException {
        Computer computer = node == null ? null : node.toComputer();
        if (computer == null) { // fail closed: without the agent's environment nothing could be taken out
            throw new AbortException(Messages.Step_NoConnection(node == null ? "?" : node.getNodeName()));
        }
        return filter(stepEnv, computer.getEnvironment(), config.getAllowedAgentVariables());
    }

    /**
     * {@code stepEnv} without the entries that {@code agentEnv} has with the same value, plus the
     * {@code allowed} agent variables (names, or prefixes ending in {@code *}).
     */
    public static Map<String, String> filter(Map<String, String> stepEnv, Map<String, String> agentEnv, List<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        stepEnv.forEach((k, v) -> {
            if (v != null && (!v.equals(agentEnv.get(k)) || isAllowed(k, allowed))) {
                out.put(k, v);
            }
        });
        return out;
    }

    public static boolean isAllowed(String name, List<String> allowed) {
        for (String a : allowed) {
            if (a.endsWith("*") ? name.startsWith(a.substring(0, a.length() - 1)) : name.equals(a)) {
                return true;
            }
        }
        return false;
    }
}
