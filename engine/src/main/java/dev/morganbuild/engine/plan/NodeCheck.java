package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.MorganException;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks that the node a service is about to build on carries the service's label, e.g. that a
 * CUDA service is not built on a CPU-only agent. Returns the problem as text so callers can either
 * fail (the default) or only warn (Jenkins global option).
 */
public final class NodeCheck {
    private NodeCheck() {
    }

    /** The mismatch, or empty when the node's labels satisfy the service's label expression. */
    public static Optional<String> mismatch(PlannedService service, String nodeName, Collection<String> nodeLabels) {
        LabelExpression expr = LabelExpression.parse(service.nodeLabel());
        if (expr.matches(nodeLabels)) {
            return Optional.empty();
        }
        return Optional.of("service '" + service.name() + "'" + (service.gpu() ? " needs a GPU (" + service.gpuReason() + ") and" : "")
                + " must build on a node matching '" + service.nodeLabel() + "', but node '" + nodeName
                + "' has labels " + new TreeSet<>(nodeLabels));
    }

    /** Throws the mismatch as a user error, with the fix. */
    static void require(PlannedService service, String nodeName, Collection<String> nodeLabels) {
        mismatch(service, nodeName, nodeLabels).ifPresent(m -> {
            throw MorganException.of(m, "run it inside node('" + service.nodeLabel() + "') (morgan.buildAll() does), "
                    + "add the label to the node, or set x-morgan node-label for the service");
        });
    }
}
