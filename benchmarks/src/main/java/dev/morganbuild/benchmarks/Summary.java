package dev.morganbuild.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the JMH figures next to their goals, from JMH's JSON result file and the TrendHeap line.
 *
 * <p>Usage: {@code Summary <jmh-result.json> <trend-heap output file> <summary.md>}
 */
public final class Summary {
    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = Json.mapper().readTree(Path.of(args[0]).toFile());
        List<String[]> rows = new ArrayList<>();
        for (JsonNode r : results) {
            String bench = r.path("benchmark").asText();
            bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
            JsonNode metric = r.path("primaryMetric");
            double score = metric.path("score").asDouble();
            JsonNode params = r.path("params");
            if (bench.startsWith("ProgressParsingBenchmark")) {
                double mbps = params.path("logBytes").asDouble() / (score / 1000) / 1e6;
                rows.add(row("BuildKit plain progress parsing, one core", fmt(mbps) + " MB/s",
                        ">= 200 MB/s", mbps >= 200));
            } else if (bench.startsWith("HistoryAppendBenchmark")) {
                JsonNode p = metric.path("scorePercentiles");
                rows.add(row("history append, crash-safe (fsync), per record",
                        "p50 " + fmt(p.path("50.0").asDouble()) + " us, p99 " + fmt(p.path("99.0").asDouble()) + " us",
                        "report", null));
            } else if (bench.startsWith("TrendQueryBenchmark")) {
                int builds = params.path("builds").asInt();
                rows.add(row("trend query + chart JSON, one service, " + builds + " builds", fmt(score) + " ms",
                        builds == 10000 ? "<= 50 ms" : "report", builds == 10000 ? score <= 50 : null));
            } else if (bench.startsWith("ComposePlanBenchmark")) {
                rows.add(row("compose parse + plan, " + params.path("services").asText() + " services",
                        fmt(score) + " ms", "<= 100 ms", score <= 100));
            }
        }
        Path heap = Path.of(args[1]);
        String heapLine = Files.exists(heap) ? Files.readAllLines(heap).stream()
                .filter(l -> l.startsWith("trend-heap")).findFirst().orElse(null) : null;
        if (heapLine != null) {
            String peak = heapLine.replaceAll(".*peakHeapMiB=([0-9.]+).*", "$1");
            String live = heapLine.replaceAll(".*liveHeapMiB=([0-9.]+).*", "$1");
            String max = heapLine.replaceAll(".*maxHeapMiB=([0-9.]+).*", "$1");
            String builds = heapLine.replaceAll(".*builds=([0-9]+).*", "$1");
            rows.add(row("trend query over " + builds + " builds in a " + max + " MiB heap (-Xmx64m)",
                    "finished; peak in use " + peak + " MiB, live " + live + " MiB", "<= 64 MiB",
                    Double.parseDouble(peak) <= 64));
        } else {
            rows.add(row("trend query over 100000 builds in -Xmx64m", "did not finish (see its output)", "<= 64 MiB", false));
        }
        StringBuilder md = new StringBuilder("| benchmark | measured | goal | verdict |\n|---|---|---|---|\n");
        System.out.printf(Locale.ROOT, "%n%-62s %-32s %-12s %s%n", "benchmark", "measured", "goal", "verdict");
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, "%-62s %-32s %-12s %s%n", r[0], r[1], r[2], r[3]);
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        Files.writeString(Path.of(args[2]), md.toString());
    }

    private static String[] row(String name, String measured, String goal, Boolean met) {
        return new String[] {name, measured, goal, met == null ? "-" : met ? "met" : "MISSED"};
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
