package dev.morganbuild.engine.stack;

/**
 * Whether a service needs a GPU node, and why (shown in plans so users can see the decision).
 *
 * @param required true when the service must build and smoke-test on a GPU node
 * @param reason   e.g. "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04", "runtime: nvidia",
 *                 "deploy.resources.reservations.devices gpu", "x-morgan.gpu: false", "no GPU use found"
 */
public record GpuRequirement(boolean required, String reason) {
}
