package dev.morganbuild.engine.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.cache.CacheRoot;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.plan.NodeCheck;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlannedService;
import dev.morganbuild.engine.stack.Stack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A build that one process hands to another: the Jenkins step writes it as a file on the agent, and a
 * detached {@code morgan} process there runs it, so that the build outlives the agent's connection to
 * the controller the way Pipeline's {@code sh} step does.
 *
 * <p>The file never holds a secret: the values of the variables the Pipeline set (job parameters,
 * {@code withEnv}, {@code withCredentials}) travel as the running process's environment, and the file
 * names only which of them compose may read ({@link #fromJson}). Besides the request, it carries the
 * checks a Jenkins step makes before it builds: exactly one service, the node's labels.
 */
public final class AgentJob {
    private final StackRequest request;
    private final Set<String> inherited;
    private final List<String> nodeLabels;
    private final boolean labelMismatchWarnOnly;
    private final boolean oneService;
    private final LoginFromEnv login;

    /**
     * A registry login whose user name and password the running process reads from its environment
     * (the Jenkins step sets them from a credential for that process only): the file names the variables.
     */
    public record LoginFromEnv(String registry, String usernameVariable, String passwordVariable) {
    }

    private AgentJob(StackRequest request, Set<String> inherited, List<String> nodeLabels,
                     boolean labelMismatchWarnOnly, boolean oneService, LoginFromEnv login) {
        this.request = request;
        this.inherited = Set.copyOf(inherited);
        this.nodeLabels = List.copyOf(nodeLabels);
        this.labelMismatchWarnOnly = labelMismatchWarnOnly;
        this.oneService = oneService;
        this.login = login;
    }

    /** This job with a registry login for push and registry caches, read from the process's environment. */
    public AgentJob withLogin(LoginFromEnv l) {
        return new AgentJob(request, inherited, nodeLabels, labelMismatchWarnOnly, oneService, l);
    }

    /**
     * @param request    what to build; its environment is what compose may read
     * @param inherited  the names, among the request's environment, whose values the running process takes
     *                   from its own environment (never written to the file)
     * @param nodeLabels the labels of the node that runs it, checked against each service's label
     * @param labelMismatchWarnOnly a label mismatch is a warning, not a refusal
     * @param oneService the selection must be exactly one compose service ({@code morganBuild(service:)})
     */
    public static AgentJob of(StackRequest request, Collection<String> inherited, List<String> nodeLabels,
                              boolean labelMismatchWarnOnly, boolean oneService) {
        return new AgentJob(request, new LinkedHashSet<>(inherited), nodeLabels, labelMismatchWarnOnly, oneService, null);
    }

    StackRequest request() {
        return request;
    }

    /** The JSON form, without the inherited variables' values. */
    public String toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("format", 1);
        try {
            n.set("request", Json.mapper().readTree(request.toJsonWithoutEnv()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode env = n.putObject("env");
        ArrayNode names = n.putArray("inheritedEnv");
        request.env().forEach((k, v) -> {
            if (inherited.contains(k)) {
                names.add(k);
            } else {
                env.put(k, v);
            }
        });
        ArrayNode labels = n.putArray("nodeLabels");
        nodeLabels.forEach(labels::add);
        n.put("labelMismatchWarnOnly", labelMismatchWarnOnly);
        n.put("oneService", oneService);
        if (login != null) {
            ObjectNode l = n.putObject("registryLogin");
            l.put("registry", login.registry());
            l.put("usernameVariable", login.usernameVariable());
            l.put("passwordVariable", login.passwordVariable());
        }
        return n.toString();
    }

    /**
     * Reads a job written by {@link #toJson()}; the inherited variables take their values from
     * {@code processEnv} (a name absent there stays absent, as an unset variable), and so do the cache
     * root and the docker client when the job leaves them open ({@code MORGAN_CACHE_ROOT},
     * {@code XDG_CACHE_HOME}, {@code MORGAN_DOCKER}).
     *
     * @throws MorganException when {@code json} is not such a job ({@code file} names it)
     */
    static AgentJob fromJson(String json, Map<String, String> processEnv, Path file) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            if (n == null || n.path("format").asInt() != 1 || !n.path("request").isObject()) {
                throw new MorganException(file.toString(), 0, 0, "not a morgan-build job file (format 1)",
                        "the Jenkins step writes this file; do not edit it");
            }
            Map<String, String> env = new LinkedHashMap<>();
            n.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            Set<String> names = new LinkedHashSet<>();
            n.path("inheritedEnv").forEach(v -> names.add(v.asText()));
            for (String name : names) {
                String value = processEnv.get(name);
                if (value != null) {
                    env.put(name, value);
                }
            }
            List<String> labels = new ArrayList<>();
            n.path("nodeLabels").forEach(v -> labels.add(v.asText()));
            StackRequest.Builder b = StackRequest.fromJson(n.get("request").toString()).env(env);
            // what the step left open is the agent's to choose, from the agent's own environment (the
            // compose environment holds only what the Pipeline set)
            if (b.cacheRootUnset()) {
                b.cacheRoot(CacheRoot.defaultRoot(processEnv));
            }
            if (b.dockerUnset() && processEnv.get("MORGAN_DOCKER") != null) {
                b.docker(processEnv.get("MORGAN_DOCKER"));
            }
            LoginFromEnv login = null;
            JsonNode l = n.path("registryLogin");
            if (l.isObject()) {
                login = new LoginFromEnv(l.path("registry").asText(), l.path("usernameVariable").asText(),
                        l.path("passwordVariable").asText());
                String user = processEnv.get(login.usernameVariable());
                String password = processEnv.get(login.passwordVariable());
                if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
                    throw new MorganException(file.toString(), 0, 0, "the registry login for " + login.registry()
                            + " names variables " + login.usernameVariable() + " and " + login.passwordVariable()
                            + " that this process does not have", "the Jenkins step sets them when it starts the build");
                }
                b.registryLogins(List.of(new RegistryLogin(login.registry(), user, password)));
            }
            StackRequest request = b.build();
            return new AgentJob(request, names, labels, n.path("labelMismatchWarnOnly").asBoolean(),
                    n.path("oneService").asBoolean(), login);
        } catch (JsonProcessingException e) {
            throw new MorganException(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    0, "not a morgan-build job file: " + e.getOriginalMessage(),
                    "the Jenkins step writes this file; do not edit it");
        }
    }

    /**
     * Checks the job as the Jenkins step does (exactly one service when asked, environment secrets set by
     * the Pipeline, the node's labels) and builds it.
     *
     * @throws MorganException when a check refuses the build, or for bad input
     */
    StackBuildResult run(BuildService engine, BuildListener listener) throws IOException, InterruptedException {
        BuildService.Prepared prepared;
        if (oneService) {
            // the selection must name one service before it is planned: "all" plans fine, and is refused here
            Stack stack = engine.stack(request);
            List<String> known = new ArrayList<>(stack.serviceNames());
            known.addAll(stack.problems().keySet());
            Optional<String> notOne = SingleService.problem(request.selection().toString(), known,
                    stack.serviceNames(), shown(stack.composeFile()));
            if (notOne.isPresent()) {
                throw MorganException.of(notOne.get(), null);
            }
        }
        prepared = engine.prepare(request);
        Plan plan = prepared.plan();
        for (PlannedService s : plan.services()) {
            Optional<String> leak = EnvironmentSecrets.problem(s.service(), request.env());
            if (leak.isPresent()) {
                throw MorganException.of(leak.get(), null);
            }
        }
        for (PlannedService s : plan.services()) {
            Optional<String> mismatch = NodeCheck.mismatch(s, request.node(), nodeLabels);
            if (mismatch.isPresent()) {
                if (!labelMismatchWarnOnly) {
                    throw MorganException.of(mismatch.get() + ". Run it inside node('" + s.nodeLabel()
                            + "') (morgan.buildAll() does), or make this a warning in Manage Jenkins > System > "
                            + "morgan-build", null);
                }
                listener.message(s.name(), "WARNING: " + mismatch.get());
            }
        }
        return engine.build(prepared, listener);
    }

    /** A compose file as the user named it: relative to the working folder (the workspace) when inside it. */
    private String shown(Path file) {
        Path dir = request.workingDir();
        return file.startsWith(dir) ? dir.relativize(file).toString() : file.toString();
    }
}
