package dev.morganbuild.engine.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.morganbuild.engine.record.BuildRecord;
import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.text.IsoInstant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A record as its JSON line, written with Jackson's streaming generator: the same JSON that
 * {@link dev.morganbuild.engine.json.Json#mapper()} writes and reads, without loading the data binder.
 * Every build appends one, and in a one-shot CLI call building the object mapper and its serializers
 * costs more than a warm build of a service takes. {@code RecordLineTest} checks that the mapper reads
 * every field back.
 */
final class RecordLine {
    private static final JsonFactory JSON = new JsonFactory();

    private RecordLine() {
    }

    static byte[] json(BuildRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema", r.schema());
            text(g, "id", r.id());
            text(g, "runId", r.runId());
            text(g, "service", r.service());
            strings(g, "tags", r.tags());
            text(g, "imageId", r.imageId());
            text(g, "digest", r.digest());
            text(g, "start", r.start() == null ? null : IsoInstant.format(r.start()));
            g.writeNumberField("durationMillis", r.durationMillis());
            g.writeArrayFieldStart("steps");
            for (StepRecord s : r.steps()) {
                step(g, s);
            }
            g.writeEndArray();
            g.writeNumberField("stepsCached", r.stepsCached());
            g.writeNumberField("stepsTotal", r.stepsTotal());
            text(g, "kind", r.kind() == null ? null : r.kind().name());
            g.writeBooleanField("nightly", r.nightly());
            text(g, "cacheMountPolicy", r.cacheMountPolicy() == null ? null : r.cacheMountPolicy().name());
            text(g, "node", r.node());
            text(g, "backend", r.backend());
            text(g, "status", r.status() == null ? null : r.status().name());
            g.writeNumberField("exitCode", r.exitCode());
            g.writeNumberField("contextBytes", r.contextBytes());
            g.writeBooleanField("dockerignore", r.dockerignore());
            text(g, "gitCommit", r.gitCommit());
            strings(g, "warnings", r.warnings());
            text(g, "error", r.error());
            text(g, "dockerfileDigest", r.dockerfileDigest());
            if (r.budgetMillis() == null) {
                g.writeNullField("budgetMillis");
            } else {
                g.writeNumberField("budgetMillis", r.budgetMillis());
            }
            strings(g, "pushed", r.pushed());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void step(JsonGenerator g, StepRecord s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", s.index());
        text(g, "name", s.name());
        text(g, "stage", s.stage());
        text(g, "instruction", s.instruction());
        g.writeNumberField("durationMillis", s.durationMillis());
        g.writeBooleanField("cached", s.cached());
        text(g, "status", s.status() == null ? null : s.status().name());
        text(g, "error", s.error());
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
