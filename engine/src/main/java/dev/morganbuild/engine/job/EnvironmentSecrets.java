package dev.morganbuild.engine.job;

import dev.morganbuild.engine.stack.BuildSecret;
import dev.morganbuild.engine.stack.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code environment:} build secret is read by docker from its own environment, and docker runs as
 * a child of the agent process with all of the agent's variables: a secret naming a variable the
 * Pipeline did not set would hand the agent's own value to the build. Such a secret is refused before
 * the build starts (the plugin's PipelineEnvironment says which variables the Pipeline set).
 */
public final class EnvironmentSecrets {
    private EnvironmentSecrets() {
    }

    /** The refusal for {@code service}'s environment secrets that {@code env} does not hold, or empty. */
    public static Optional<String> problem(Service service, Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        for (BuildSecret s : service.build().secrets()) {
            if (s.envVar() != null && !env.containsKey(s.envVar())) {
                missing.add("'" + s.id() + "' (environment: " + s.envVar() + ")");
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the build secret" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                + " of service '" + service.name() + "' read" + (missing.size() == 1 ? "s" : "")
                + " a variable the Pipeline did not set; in Jenkins, environment: secrets come only from the Pipeline "
                + "(withCredentials, withEnv, environment {}, parameters). Bind it with withCredentials, or, for a "
                + "variable of the agent itself, have an admin allow it in Manage Jenkins > System > morgan-build > "
                + "Agent variables compose files may read");
    }
}
