package dev.morganbuild.engine.stack;

/**
 * Whether a service needs a GPU node, which rule decided it, and why in words (shown in plans so
 * users can see the decision).
 *
 * @param required true when the service must build and smoke-test on a GPU node
 * @param reason   e.g. "deploy.resources.reservations.devices: driver nvidia (line 12)",
 *                 "base image nvidia/cuda:12.4.1-runtime-ubuntu22.04: cuda in repository (FROM line 1 of
 *                 Dockerfile)", "x-morgan.gpu: false (set in the compose file; GPU detection skipped)"
 * @param rule     the rule that decided it
 */
public record GpuRequirement(boolean required, String reason, Rule rule) {
    /** The rules, in the order they are tried. */
    public enum Rule {
        /** {@code x-morgan.gpu} set on the service or at top level. */
        FORCED,
        /** {@code deploy.resources.reservations.devices} that Docker hands to the NVIDIA driver ({@link DeviceReservations}). */
        DEVICE_RESERVATION,
        /** {@code gpus:} on the service. */
        GPUS,
        /** {@code runtime: nvidia}. */
        RUNTIME,
        /** The target's base image is a CUDA image by the built-in rules. */
        CUDA_IMAGE,
        /** The target's base image matches an {@code x-morgan.gpu-images} pattern. */
        GPU_IMAGE_PATTERN,
        /** None of the above: a CPU service. */
        NONE,
        /** Made by code that does not say (the two-argument constructor). */
        UNSPECIFIED
    }

    public GpuRequirement {
        rule = rule == null ? Rule.UNSPECIFIED : rule;
    }

    /** A requirement without a rule, for callers that only know the outcome. */
    public GpuRequirement(boolean required, String reason) {
        this(required, reason, Rule.UNSPECIFIED);
    }
}
