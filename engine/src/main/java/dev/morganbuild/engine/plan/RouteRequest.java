package dev.morganbuild.engine.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * What routing is asked about one service: its label expression, where its last successful build ran
 * (none: null), and how long it may wait for that agent to have a free executor. Built with
 * {@link #builder(String, String)}.
 */
public final class RouteRequest {
    private final String service;
    private final String label;
    private final LastBuild lastBuild;
    private final Duration maxWait;
    private final Duration waited;

    private RouteRequest(Builder b) {
        this.service = Objects.requireNonNull(b.service, "service");
        this.label = Objects.requireNonNull(b.label, "label");
        this.lastBuild = b.lastBuild;
        this.maxWait = b.maxWait;
        this.waited = b.waited;
    }

    /** A request for {@code service}, whose plan gives it the label expression {@code label}. */
    public static Builder builder(String service, String label) {
        return new Builder(service, label);
    }

    public String service() {
        return service;
    }

    String label() {
        return label;
    }

    /** The agent of the service's last successful build, or null when there is none. */
    LastBuild lastBuild() {
        return lastBuild;
    }

    /** How long the service may wait for a busy agent that holds its cache. */
    Duration maxWait() {
        return maxWait;
    }

    /** How long it has waited so far. */
    Duration waited() {
        return waited;
    }

    boolean waitIsOver() {
        return waited.compareTo(maxWait) >= 0;
    }

    /** This request after another {@code waited} of waiting in all. */
    RouteRequest afterWaiting(Duration waited) {
        return new Builder(service, label).lastBuild(lastBuild).maxWait(maxWait).waited(waited).build();
    }

    /** Named options of a {@link RouteRequest}. */
    public static final class Builder {
        private final String service;
        private final String label;
        private LastBuild lastBuild;
        private Duration maxWait = Duration.ZERO;
        private Duration waited = Duration.ZERO;

        private Builder(String service, String label) {
            this.service = service;
            this.label = label;
        }

        public Builder lastBuild(LastBuild value) {
            lastBuild = value;
            return this;
        }

        public Builder maxWait(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("a wait cannot be negative: " + value);
            }
            maxWait = value;
            return this;
        }

        public Builder waited(Duration value) {
            waited = value;
            return this;
        }

        public RouteRequest build() {
            return new RouteRequest(this);
        }
    }
}
