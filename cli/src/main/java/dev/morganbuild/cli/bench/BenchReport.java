package dev.morganbuild.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.morganbuild.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's figures as a console table, a Markdown table and JSON with every sample. */
final class BenchReport {
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String machine;
    private final String command;

    BenchReport(String machine, String command) {
        this.machine = machine;
        this.command = command;
    }

    void add(Figure f) {
        figures.add(f);
    }

    /** Something the reader must know to trust a figure, e.g. a warm build that missed the cache. */
    void note(String text) {
        notes.add(text);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-58s %8s  %-26s %-26s %-8s %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "figure", "ratio", "numerator (median)", "denominator (median)",
                "goal", "verdict"));
        for (Figure f : figures) {
            sb.append(String.format(Locale.ROOT, fmt, f.name(), ratio(f),
                    f.aName() + " " + f.format(Figure.median(f.a())),
                    f.bName() + " " + f.format(Figure.median(f.b())),
                    f.goal() == null ? "-" : f.goal(), f.verdict()));
        }
        notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("Command: `").append(command).append("`  \nMachine: ").append(machine).append("\n\n");
        sb.append("| figure | ratio | goal | verdict | numerator: median (samples) | denominator: median (samples) |\n");
        sb.append("|---|---:|---|---|---|---|\n");
        for (Figure f : figures) {
            sb.append("| ").append(f.name()).append(" | ").append(ratio(f)).append(" | ")
                    .append(f.goal() == null ? "report" : f.goal()).append(" | ").append(f.verdict()).append(" | ")
                    .append(f.aName()).append(": ").append(f.format(Figure.median(f.a()))).append(" ")
                    .append(samples(f, f.a())).append(" | ")
                    .append(f.bName()).append(": ").append(f.format(Figure.median(f.b()))).append(" ")
                    .append(samples(f, f.b())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bench.md"), markdown(), StandardCharsets.UTF_8);
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("command", command);
        root.put("machine", machine);
        ArrayNode arr = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode o = arr.addObject();
            o.put("name", f.name());
            o.put("ratio", f.ratio());
            o.put("extraMillis", f.extraMillis());
            o.put("goal", f.goal());
            o.put("verdict", f.verdict());
            o.put("unit", f.unit());
            o.put("numerator", f.aName());
            f.a().forEach(o.putArray("numeratorSamples")::add);
            o.put("denominator", f.bName());
            f.b().forEach(o.putArray("denominatorSamples")::add);
        }
        notes.forEach(root.putArray("notes")::add);
        Files.writeString(dir.resolve("bench.json"),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
    }

    /** The ratio of the medians; for a figure whose goal is a time over the other side, that time ("+171 ms"). */
    private static String ratio(Figure f) {
        if (f.goal() != null && f.goal().startsWith("extra")) {
            return String.format(Locale.ROOT, "%+.0f ms", f.extraMillis());
        }
        double r = f.ratio();
        return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String samples(Figure f, List<Long> s) {
        if (s.size() <= 1) {
            return "";
        }
        return "(" + String.join(", ", s.stream().map(v -> f.unit().equals("bytes") ? String.valueOf(v)
                : String.format(Locale.ROOT, "%.2f", v / 1000.0)).toList()) + ")";
    }
}
