package dev.morganbuild.engine.cache;

import java.time.Instant;

/**
 * One service's line in the cache ledger.
 *
 * @param service   service name
 * @param sizeBytes size of its cache directory when last measured
 * @param lastUse   when a build last used it, or null
 * @param owner     who last used it (machine, run, process), or null
 */
public record LedgerEntry(String service, long sizeBytes, Instant lastUse, String owner) {
}
