package dev.morganbuild.engine.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.json.Json;
import java.util.Locale;

/** Renders a {@link Plan} for people (text) and for tools and the Jenkins plugin (JSON). */
public final class PlanFormatter {
    private PlanFormatter() {
    }

    public static String text(Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan for ").append(plan.composeFile()).append(" (").append(plan.selection()).append("): ")
                .append(plan.services().size()).append(" service(s) in ").append(plan.waves()).append(" wave(s)\n");
        if (plan.services().isEmpty()) {
            sb.append("  nothing to build\n");
        }
        for (PlannedService s : plan.services()) {
            sb.append(String.format(Locale.ROOT, "%2d. %-16s wave %d  %-4s label: %-12s cache: %s%n", s.order() + 1,
                    s.name(), s.wave() + 1, s.gpu() ? "GPU" : "CPU", s.nodeLabel(), s.cacheDir()));
            sb.append("      gpu: ").append(s.gpuReason()).append('\n');
            if (s.service().build().isRemote()) {
                sb.append("      context: ").append(s.service().build().contextText()).append(" (BuildKit fetches it)\n");
            }
            sb.append("      layer cache: ").append(cacheText(s)).append('\n');
            String ref = s.service().settings().registryCacheRef(s.name());
            sb.append("      cache mode: ").append(s.service().settings().cacheMode() == null ? "local"
                    : s.service().settings().cacheMode()).append(ref == null ? "" : " " + ref).append('\n');
            for (int i = 0; i < s.after().size(); i++) {
                sb.append("      after ").append(s.after().get(i)).append(" (").append(s.afterReasons().get(i)).append(")\n");
            }
        }
        return sb.toString();
    }

    private static String cacheText(PlannedService s) {
        if (!s.noCache()) {
            return "used";
        }
        return (s.nightly() ? "ignored (nightly)" : "ignored (--no-cache)") + ", cache mounts "
                + (s.mountPolicy() == dev.morganbuild.engine.record.CacheMountPolicy.KEEP ? "kept" : "dropped");
    }

    public static ObjectNode json(Plan plan) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("composeFile", plan.composeFile().toString());
        root.put("selection", plan.selection().toString());
        root.put("waves", plan.waves());
        ArrayNode services = root.putArray("services");
        for (PlannedService s : plan.services()) {
            ObjectNode n = services.addObject();
            n.put("service", s.name());
            n.put("order", s.order());
            n.put("wave", s.wave());
            n.put("gpu", s.gpu());
            n.put("gpuReason", s.gpuReason());
            n.put("gpuRule", s.service().gpu().rule().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            n.put("nodeLabel", s.nodeLabel());
            n.put("cacheDir", s.cacheDir().toString());
            n.put("noCache", s.noCache());
            n.put("nightly", s.nightly());
            if (s.mountPolicy() != null) {
                n.put("cacheMounts", s.mountPolicy().name().toLowerCase(Locale.ROOT));
            }
            n.put("cacheMode", s.service().settings().cacheMode() == null ? "local" : s.service().settings().cacheMode());
            n.put("cacheRef", s.service().settings().registryCacheRef(s.name()));
            ArrayNode after = n.putArray("after");
            s.after().forEach(after::add);
            ArrayNode needs = n.putArray("needs"); // a failure of one of these skips this service
            s.needs().forEach(needs::add);
            n.put("dockerfile", s.service().build().dockerfileText());
            n.put("context", s.service().build().contextText());
            n.put("remoteContext", s.service().build().isRemote());
            if (s.service().build().target() != null) {
                n.put("target", s.service().build().target());
            }
        }
        return root;
    }
}
