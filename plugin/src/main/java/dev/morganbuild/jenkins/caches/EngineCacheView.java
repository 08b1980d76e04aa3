package dev.morganbuild.jenkins.caches;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.cache.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One agent's engine build cache as the caches page shows it, read from the JSON {@link AgentCacheUsage}
 * sends back (an {@code EngineCacheUsage}). Plain strings and numbers, for Jelly.
 *
 * @param used        the build cache as docker counts it
 * @param reclaimable what a prune could give back now
 * @param budget      the budget, or "none"
 * @param share       the share of the budget used, e.g. "4%", or "-"
 * @param free        free disk on the engine's data root, or "unknown"
 * @param meterMax    the bar's full width in bytes: used plus free disk (or the budget when the disk is unknown)
 * @param meterValue  used bytes
 * @param meterHigh   the budget in bytes (the bar turns to a warning past it), or the full width without one
 * @param types       per record type
 * @param mounts      per cache mount
 * @param layers      layers per service
 * @param unattributed layers no recent build explains
 * @param forecast    the growth forecast sentence
 * @param diskWarning whether the disk is forecast to fill soon
 * @param notes       what the figures mean now (a running build ...)
 */
public record EngineCacheView(String used, String reclaimable, String budget, String share, String free, long meterMax,
                              long meterValue, long meterHigh, List<TypeRow> types, List<MountRow> mounts,
                              List<LayerRow> layers, String unattributed, String forecast, boolean diskWarning,
                              List<String> notes) {

    /** One record type; {@code sizeText}, not {@code size}: JEXL reads {@code x.size()} as its size operator. */
    public record TypeRow(String label, String type, int records, String sizeText, String counted, String reclaimable) {
    }

    /** One cache mount. */
    public record MountRow(String id, String kind, String sizeText, boolean inUse, String services) {
    }

    /** One service's layers. */
    public record LayerRow(String service, int records, String sizeText, String onlyThis) {
    }

    static EngineCacheView of(JsonNode e) {
        long used = e.path("countedBytes").asLong();
        JsonNode budgetNode = e.path("budgetBytes");
        Long budget = budgetNode.isNumber() ? budgetNode.asLong() : null;
        JsonNode disk = e.path("disk");
        Long free = disk.isObject() ? disk.path("freeBytes").asLong() : null;
        long max = free != null ? used + free : Math.max(used, budget == null ? used : budget);
        List<TypeRow> types = new ArrayList<>();
        for (JsonNode t : e.path("types")) {
            types.add(new TypeRow(MorganCachesLink.text(t.path("label"), t.path("type").asText()), t.path("type").asText(),
                    t.path("records").asInt(), size(t, "sizeBytes"), size(t, "countedBytes"), size(t, "reclaimableBytes")));
        }
        List<MountRow> mounts = new ArrayList<>();
        for (JsonNode m : e.path("mounts")) {
            List<String> services = new ArrayList<>();
            m.path("services").forEach(s -> services.add(s.asText()));
            mounts.add(new MountRow(m.path("id").asText(), m.path("kind").asText(), size(m, "sizeBytes"),
                    m.path("inUse").asBoolean(), services.isEmpty() ? "unknown" : String.join(", ", services)));
        }
        List<LayerRow> layers = new ArrayList<>();
        for (JsonNode s : e.path("layers").path("services")) {
            layers.add(new LayerRow(s.path("service").asText(), s.path("records").asInt(), size(s, "sizeBytes"),
                    size(s, "onlyThisServiceBytes")));
        }
        JsonNode f = e.path("forecast");
        List<String> notes = new ArrayList<>();
        e.path("notes").forEach(n -> notes.add(n.asText()));
        return new EngineCacheView(ByteSize.format(used), size(e, "reclaimableBytes"),
                budget == null ? "none" : ByteSize.format(budget),
                budget == null || budget <= 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * used / budget),
                free == null ? "unknown" : ByteSize.format(free), Math.max(1, max), used,
                budget == null ? Math.max(1, max) : budget, types, mounts, layers,
                ByteSize.format(e.path("layers").path("unattributedBytes").asLong()),
                f.isObject() ? f.path("sentence").asText() : "not enough builds in the history yet",
                f.isObject() && f.path("diskFullSoon").asBoolean(), notes);
    }

    private static String size(JsonNode n, String field) {
        return ByteSize.format(n.path(field).asLong());
    }
}
