package dev.morganbuild.engine.plan;

import java.util.Objects;

/**
 * Where a service's layer cache is: the agent its last successful build ran on, and which build that
 * was as the log names it ({@code #12}).
 */
public record LastBuild(String agent, String build) {
    public LastBuild {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(build, "build");
    }
}
