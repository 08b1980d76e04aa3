package dev.morganbuild.jenkins.model;

import dev.morganbuild.engine.history.BuildSummary;
import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.io.Serializable;
import java.time.Instant;

/**
 * The few numbers of one service build kept in build.xml. A plain class of this plugin with JDK
 * field types, so XStream and the JEP-200 class filter accept it (engine records stay in the side file).
 */
public final class ServiceSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final long startMillis;
    private final long durationMillis;
    private final int stepsCached;
    private final int stepsTotal;
    private final String kind;
    private final boolean nightly;
    private final String status;
    private final String node;
    private final String imageId;
    private String digest;

    ServiceSummary(BuildRecord r) {
        this.service = r.service();
        this.startMillis = r.start() == null ? 0 : r.start().toEpochMilli();
        this.durationMillis = r.durationMillis();
        this.stepsCached = r.stepsCached();
        this.stepsTotal = r.stepsTotal();
        this.kind = r.kind() == null ? null : r.kind().name();
        this.nightly = r.nightly();
        this.status = r.status().name();
        this.node = r.node();
        this.imageId = r.imageId();
    }

    /** cold / warm / no-cache / nightly, as shown in the UI and returned by the step. */
    public static String kindText(BuildRecord r) {
        return BuildKind.label(r.kind(), r.nightly());
    }

    /** The engine's summary; its id is {@code <build number>/<service>} so charts can label and link it. */
    BuildSummary toBuildSummary(int buildNumber) {
        return new BuildSummary(buildNumber + "/" + service, service, Instant.ofEpochMilli(startMillis), durationMillis,
                stepsCached, stepsTotal, kind == null ? null : BuildKind.valueOf(kind), nightly, BuildStatus.valueOf(status),
                buildNumber);
    }

    public String getService() {
        return service;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public String getDuration() {
        return dev.morganbuild.engine.trend.DurationText.format(durationMillis);
    }

    public int getStepsCached() {
        return stepsCached;
    }

    public int getStepsTotal() {
        return stepsTotal;
    }

    public String getKind() {
        return BuildKind.label(kind == null ? null : BuildKind.valueOf(kind), nightly);
    }

    public boolean isNightly() {
        return nightly;
    }

    public String getStatus() {
        return status;
    }

    public String getNode() {
        return node;
    }

    public String getImageId() {
        return imageId;
    }

    public String getDigest() {
        return digest;
    }

    void setDigest(String digest) {
        this.digest = digest;
    }
}
