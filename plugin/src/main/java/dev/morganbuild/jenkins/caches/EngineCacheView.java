package dev.morganbuild.jenkins.caches;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.cache.ByteSize;
import dev.morganbuild.jenkins.Messages;
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
 * @param bar         the bar of used vs budget vs free disk
 * @param types       per record type
 * @param mounts      per cache mount
 * @param layers      layers per service
 * @param unattributed layers no recent build explains
 * @param forecast    the growth forecast sentence
 * @param diskWarning whether the disk is forecast to fill soon
 * @param notes       what the figures mean now (a running build ...)
 */
public record EngineCacheView(String used, String reclaimable, String budget, String share, String free, Bar bar,
                              List<TypeRow> types, List<MountRow> mounts,
                              List<LayerRow> layers, String unattributed, String forecast, boolean diskWarning,
                              List<String> notes) {

    /**
     * The bar: its full width is what the build cache could grow to (used plus free disk, or the budget
     * when the disk is unknown); used is filled, the budget is a mark.
     *
     * @param usedPercent   the used share of the width, "0.00" to "100.00" (at least "0.50" when anything is used)
     * @param budgetPercent where the budget's mark is, or null without a budget
     * @param overBudget    whether used is past the budget
     * @param label         the bar's text for screen readers and the tooltip
     */
    public record Bar(String usedPercent, String budgetPercent, boolean overBudget, String label) {
        static Bar of(long used, Long budget, Long free) {
            long width = Math.max(1, free != null ? used + free : Math.max(used, budget == null ? used : budget));
            // a cache of some MiB on a disk of some hundred GiB would not show at all: half a percent at least
            String usedPercent = used == 0 ? percent(0, 1) : String.format(Locale.ROOT, "%.2f", Math.max(0.5, 100.0 * used / width));
            return new Bar(usedPercent, budget == null ? null : percent(Math.min(budget, width), width),
                    budget != null && used > budget, Messages.Caches_BarLabel(ByteSize.format(used),
                    budget == null ? Messages.Caches_None() : ByteSize.format(budget),
                    free == null ? Messages.Caches_Unknown() : ByteSize.format(free)));
        }

        /** The used part's CSS classes. */
        public String usedClass() {
            return overBudget ? "morgan-bar__used morgan-bar__used--over" : "morgan-bar__used";
        }

        private static String percent(long part, long whole) {
            return String.format(Locale.ROOT, "%.2f", 100.0 * part / whole);
        }
    }

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
        List<TypeRow> types = new ArrayList<>();
        for (JsonNode t : e.path("types")) {
            types.add(new TypeRow(AgentCacheRow.text(t.path("label"), t.path("type").asText()), t.path("type").asText(),
                    t.path("records").asInt(), size(t, "sizeBytes"), size(t, "countedBytes"), size(t, "reclaimableBytes")));
        }
        List<MountRow> mounts = new ArrayList<>();
        for (JsonNode m : e.path("mounts")) {
            List<String> services = new ArrayList<>();
            m.path("services").forEach(s -> services.add(s.asText()));
            mounts.add(new MountRow(m.path("id").asText(), m.path("kind").asText(), size(m, "sizeBytes"),
                    m.path("inUse").asBoolean(), services.isEmpty() ? Messages.Caches_Unknown() : String.join(", ", services)));
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
                budget == null ? Messages.Caches_None() : ByteSize.format(budget),
                budget == null || budget <= 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * used / budget),
                free == null ? Messages.Caches_Unknown() : ByteSize.format(free), Bar.of(used, budget, free), types,
                mounts, layers, ByteSize.format(e.path("layers").path("unattributedBytes").asLong()),
                f.isObject() ? f.path("sentence").asText() : Messages.Caches_NoForecast(),
                f.isObject() && f.path("diskFullSoon").asBoolean(), notes);
    }

    private static String size(JsonNode n, String field) {
        return ByteSize.format(n.path(field).asLong());
    }
}
