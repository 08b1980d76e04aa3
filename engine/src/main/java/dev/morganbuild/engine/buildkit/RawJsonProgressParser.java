package dev.morganbuild.engine.buildkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.record.StepRecord.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses buildx's {@code --progress=rawjson}: one BuildKit SolveStatus JSON object per line
 * ({@code vertexes} with started/completed/cached/error, {@code statuses}, base64 {@code logs}) into
 * the same step records as {@link PlainProgressParser}. Steps are numbered in order of first appearance.
 */
final class RawJsonProgressParser implements ProgressParser {
    private final StepBook<String, Vertex> vertices;
    private final Map<String, Long> contextBytes = new LinkedHashMap<>();
    private final Deque<String> other = new ArrayDeque<>();
    private String error;

    RawJsonProgressParser(ProgressListener listener) {
        this.vertices = new StepBook<>(listener);
    }

    private static final class Vertex extends StepState {
        Instant started;
        final Deque<String> tail = new ArrayDeque<>();

        Vertex(int index, String name) {
            super(index, name);
        }
    }

    @Override
    public void line(String line) {
        if (!line.startsWith("{")) {
            if (!line.isBlank()) {
                remember(line);
            }
            return;
        }
        JsonNode status;
        try {
            status = Json.mapper().readTree(line);
        } catch (IOException e) {
            remember(line);
            return;
        }
        for (JsonNode v : status.path("vertexes")) {
            vertex(v);
        }
        for (JsonNode s : status.path("statuses")) {
            Vertex v = vertices.get(s.path("vertex").asText());
            if (v != null && v.name.contains("load build context") && s.path("name").asText().startsWith("transferring")) {
                contextBytes.put(s.path("vertex").asText(), s.path("current").asLong());
            }
        }
        for (JsonNode l : status.path("logs")) {
            Vertex v = vertices.get(l.path("vertex").asText());
            String text = new String(Base64.getDecoder().decode(l.path("data").asText("")), StandardCharsets.UTF_8);
            for (String out : text.split("\r?\n")) {
                if (v != null && !out.isEmpty()) {
                    if (v.status == StepStatus.RUNNING) {
                        StepBook.remember(v.tail, out);
                    }
                    vertices.output(v.index, out);
                }
            }
        }
    }

    private void vertex(JsonNode n) {
        String digest = n.path("digest").asText();
        Vertex v = vertices.get(digest);
        if (v == null) {
            v = vertices.start(digest, new Vertex(vertices.size() + 1, n.path("name").asText()));
        }
        if (v.status != StepStatus.RUNNING) {
            return;
        }
        if (n.hasNonNull("started")) {
            v.started = Instant.parse(n.get("started").asText());
        }
        StepStatus status;
        if (n.path("cached").asBoolean(false)) {
            status = StepStatus.CACHED;
        } else if (n.hasNonNull("error") && !n.get("error").asText().isEmpty()) {
            status = n.get("error").asText().contains("context canceled") ? StepStatus.CANCELED : StepStatus.ERROR;
            if (status == StepStatus.ERROR) {
                v.error = StepBook.explain(n.get("error").asText(), List.copyOf(v.tail));
                if (error == null) {
                    error = v.name + ": " + n.get("error").asText();
                }
            }
        } else if (n.hasNonNull("completed")) {
            status = StepStatus.DONE;
        } else {
            return;
        }
        if (n.hasNonNull("completed") && v.started != null && status != StepStatus.CACHED) {
            v.millis = Duration.between(v.started, Instant.parse(n.get("completed").asText())).toMillis();
        }
        vertices.finish(v, status);
    }

    private void remember(String line) {
        StepBook.remember(other, line);
    }

    @Override
    public String imageId() {
        return null; // buildx reports it through --iidfile / --metadata-file
    }

    @Override
    public List<StepRecord> steps() {
        return vertices.records();
    }

    @Override
    public long contextBytes() {
        return contextBytes.isEmpty() ? -1 : contextBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The failing step and BuildKit's error, else buildx's own closing lines; null when none. */
    @Override
    public String errorSummary() {
        if (error != null) {
            return error;
        }
        return other.isEmpty() ? null : String.join("\n", other);
    }
}
