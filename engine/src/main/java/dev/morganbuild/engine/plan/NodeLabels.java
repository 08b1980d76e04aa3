package dev.morganbuild.engine.plan;

import dev.morganbuild.engine.stack.Service;

/** Chooses the node label expression a service builds on. */
final class NodeLabels {
    private NodeLabels() {
    }

    /**
     * {@code x-morgan.node-label} when set; else the GPU label for services that need a GPU and the
     * CPU label for the others, each from x-morgan when set there, else the given defaults.
     */
    static String labelFor(Service s, String defaultGpuLabel, String defaultCpuLabel) {
        if (s.settings().nodeLabel() != null && !s.settings().nodeLabel().isBlank()) {
            return s.settings().nodeLabel();
        }
        if (s.gpu().required()) {
            return firstNonBlank(s.settings().gpuLabel(), defaultGpuLabel, PlanOptions.GPU_LABEL);
        }
        return firstNonBlank(s.settings().cpuLabel(), defaultCpuLabel, PlanOptions.CPU_LABEL);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        throw new IllegalStateException("no label");
    }
}
