package dev.morganbuild.engine.plan;

/**
 * Where one service builds, and why.
 *
 * @param service  the service
 * @param decision to the agent that holds its cache, to any agent of its label, or not yet (wait)
 * @param agent    the agent of its last successful build; null when it has none
 * @param label    the service's label expression (what a {@link Decision#LABEL} route is scheduled by)
 * @param reason   why, as the log says it
 */
public record Route(String service, Decision decision, String agent, String label, String reason) {

    /** What routing decided. */
    public enum Decision {
        /** Build on {@link Route#agent()}: its cache is there. */
        AGENT,
        /** Build on any agent that matches {@link Route#label()}. */
        LABEL,
        /** The agent with the cache is busy: ask again shortly. */
        WAIT
    }

    /** The plan log's line: {@code core -> cpu-2: its last successful build (#12) ran there}. */
    public String text() {
        return switch (decision) {
            case AGENT -> service + " -> " + agent + ": " + reason;
            case LABEL -> service + " -> label '" + label + "': " + reason;
            case WAIT -> service + " waits for " + agent + ": " + reason;
        };
    }
}
