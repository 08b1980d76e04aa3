package dev.morganbuild.engine.history;

import dev.morganbuild.engine.record.BuildKind;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.BuildStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

/**
 * The fixed-size index entry of one record: where it is in the log and the numbers trends need.
 * Layout (64 bytes, big-endian): offset 8, length 4, service id 4, start ms 8, duration ms 8,
 * steps cached 4, steps total 4, kind 1, nightly 1, status 1, pad 5, id (UUID) 16.
 */
record IndexEntry(long offset, int length, int serviceId, long startMillis, long durationMillis, int stepsCached,
                  int stepsTotal, byte kind, boolean nightly, byte status, long idMsb, long idLsb) {
    static final int SIZE = 64;
    private static final BuildKind[] KINDS = BuildKind.values();
    private static final BuildStatus[] STATUSES = BuildStatus.values();

    static IndexEntry of(BuildRecord r, long offset, int length, int serviceId) {
        long msb = 0;
        long lsb = 0;
        try {
            UUID u = UUID.fromString(r.id());
            msb = u.getMostSignificantBits();
            lsb = u.getLeastSignificantBits();
        } catch (IllegalArgumentException | NullPointerException notAUuid) {
            // summary ids then come from the offset
        }
        return new IndexEntry(offset, length, serviceId, r.start() == null ? 0 : r.start().toEpochMilli(),
                r.durationMillis(), r.stepsCached(), r.stepsTotal(), (byte) (r.kind() == null ? -1 : r.kind().ordinal()),
                r.nightly(), (byte) (r.status() == null ? -1 : r.status().ordinal()), msb, lsb);
    }

    void write(ByteBuffer b) {
        b.putLong(offset).putInt(length).putInt(serviceId).putLong(startMillis).putLong(durationMillis)
                .putInt(stepsCached).putInt(stepsTotal).put(kind).put((byte) (nightly ? 1 : 0)).put(status)
                .put(new byte[5]).putLong(idMsb).putLong(idLsb);
    }

    static IndexEntry read(ByteBuffer b) {
        long offset = b.getLong();
        int length = b.getInt();
        int service = b.getInt();
        long start = b.getLong();
        long duration = b.getLong();
        int cached = b.getInt();
        int total = b.getInt();
        byte kind = b.get();
        boolean nightly = b.get() != 0;
        byte status = b.get();
        b.position(b.position() + 5);
        return new IndexEntry(offset, length, service, start, duration, cached, total, kind, nightly, status,
                b.getLong(), b.getLong());
    }

    BuildSummary summary(String service) {
        String id = idMsb == 0 && idLsb == 0 ? "offset-" + offset : new UUID(idMsb, idLsb).toString();
        return new BuildSummary(id, service, Instant.ofEpochMilli(startMillis), durationMillis, stepsCached, stepsTotal,
                kind < 0 ? null : KINDS[kind], nightly, status < 0 ? null : STATUSES[status], offset);
    }
}
