package dev.morganbuild.engine.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.morganbuild.engine.MorganException;
import dev.morganbuild.engine.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code docker system df} as it streams, one line at a time. Two shapes of the verbose form are
 * read: one build-cache record per line ({@code docker system df -v --format '{{range
 * .BuildCache}}{{json .}}\n{{end}}'}, what {@link EngineCacheReader} asks for) and the whole answer on
 * one line ({@code --format '{{json .}}'}). The totals come from {@code docker system df --format
 * '{{json .}}'}, one kind of storage per line. Both are pinned by real output of Docker 20.10 under
 * {@code src/test/resources/cache/}. Anything else is refused with the line it met.
 */
final class SystemDfParser {
    /** Go's time.String(): {@code 2026-12-02 21:15:14.775826483 +0000 UTC}. */
    private static final Pattern GO_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})(\\.\\d+)? ([+-]\\d{2})(\\d{2})(?: \\S+)?(?: m=.*)?");
    private static final String HINT = "morgan-build reads docker's JSON form (docker system df -v --format "
            + "'{{json .}}'); if this docker prints something else, report it with this output";

    private final String source;
    private final List<BuildCacheRecord> records = new ArrayList<>();
    private int lineNo;

    /** @param source what is read, for messages (e.g. {@code docker system df -v}) */
    SystemDfParser(String source) {
        this.source = source;
    }

    /** Reads the next line of the verbose form; blank lines are skipped. */
    void line(String line) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty()) {
            return;
        }
        if (!s.startsWith("{")) {
            throw refused(s, s.startsWith("CACHE ID") || s.startsWith("Build cache usage")
                    ? "this is docker's table output, not its JSON form" : "this line is not JSON");
        }
        try (JsonParser p = Json.mapper().getFactory().createParser(s)) {
            p.nextToken();
            Map<String, String> first = new HashMap<>();
            boolean whole = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("BuildCache") && (t == JsonToken.START_ARRAY || t == JsonToken.VALUE_NULL)) {
                    whole = true;
                    while (t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.START_OBJECT) {
                        records.add(record(fields(p), s));
                    }
                } else if (t.isStructStart()) {
                    // Images, Containers, Volumes of the whole answer: not ours; or a nested field a newer docker added
                    whole |= name.equals("Images") || name.equals("Containers") || name.equals("Volumes");
                    p.skipChildren();
                } else {
                    first.put(name, p.getValueAsString());
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw refused(s, "the JSON object is not complete");
            }
            if (!whole) {
                records.add(record(first, s));
            }
        } catch (IOException e) {
            throw refused(s, "this line is not JSON (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ")");
        }
    }

    /** The records read so far, in docker's order. */
    List<BuildCacheRecord> records() {
        return List.copyOf(records);
    }

    /** Reads a whole verbose answer. */
    static List<BuildCacheRecord> records(Reader in, String source) {
        SystemDfParser parser = new SystemDfParser(source);
        eachLine(in, parser::line);
        return parser.records();
    }

    /** Reads {@code docker system df --format '{{json .}}'}: one kind of storage per line. */
    static List<DfTotal> totals(Reader in, String source) {
        List<DfTotal> out = new ArrayList<>();
        int[] n = {0};
        eachLine(in, line -> {
            n[0]++;
            if (!line.isBlank()) {
                out.add(total(line.strip(), source, n[0]));
            }
        });
        return out;
    }

    /** One line of the totals. */
    static DfTotal total(String line, String source, int lineNo) {
        SystemDfParser at = new SystemDfParser(source);
        at.lineNo = lineNo;
        Map<String, String> f;
        try (JsonParser p = Json.mapper().getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw at.refused(line, "this line is not a JSON object");
            }
            f = fields(p);
        } catch (IOException e) {
            throw at.refused(line, "this line is not JSON (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ")");
        }
        String type = at.required(f, "Type", line);
        String reclaimable = f.getOrDefault("Reclaimable", "0B").replaceFirst("\\s*\\(.*\\)$", "");
        return new DfTotal(type, at.count(f, "TotalCount", line), at.count(f, "Active", line),
                at.size(at.required(f, "Size", line), line), at.size(reclaimable, line));
    }

    private BuildCacheRecord record(Map<String, String> f, String line) {
        String id = required(f, "ID", line);
        boolean star = id.endsWith("*"); // docker marks records in use with a star
        String inUse = f.getOrDefault("InUse", "");
        return new BuildCacheRecord(star ? id.substring(0, id.length() - 1) : id, required(f, "CacheType", line),
                f.getOrDefault("Description", ""), size(required(f, "Size", line), line),
                time(f.get("CreatedAt"), line), time(f.get("LastUsedAt"), line), count(f, "UsageCount", line),
                star || inUse.equals("true"), "true".equals(f.get("Shared")), blankToNull(f.get("Parent")));
    }

    /** The flat string fields of the object the parser stands in; nested values are skipped. */
    private static Map<String, String> fields(JsonParser p) throws IOException {
        Map<String, String> f = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken().isStructStart()) {
                p.skipChildren();
            } else {
                f.put(name, p.getValueAsString());
            }
        }
        return f;
    }

    private String required(Map<String, String> f, String name, String line) {
        String v = f.get(name);
        if (v == null || v.isBlank()) {
            throw refused(line, "the field " + name + " is missing");
        }
        return v;
    }

    private long size(String text, String line) {
        try {
            return ByteSize.parse(text);
        } catch (MorganException e) {
            throw refused(line, "'" + text + "' is not a size");
        }
    }

    private int count(Map<String, String> f, String name, String line) {
        String v = f.getOrDefault(name, "0");
        try {
            return v.isBlank() ? 0 : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw refused(line, name + " '" + v + "' is not a count");
        }
    }

    private Instant time(String text, String line) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = GO_TIME.matcher(text.strip());
        if (m.matches()) {
            String iso = m.group(1) + "T" + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + m.group(4) + ":" + m.group(5);
            return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        try {
            return Instant.parse(text.strip()); // RFC 3339, as newer clients may print it
        } catch (java.time.format.DateTimeParseException e) {
            throw refused(line, "'" + text + "' is not a time");
        }
    }

    private MorganException refused(String line, String why) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "…" : line;
        return new MorganException(source, lineNo, 0, "cannot read the engine's cache usage: " + why + ": " + shown, HINT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void eachLine(Reader in, java.util.function.Consumer<String> each) {
        try (BufferedReader r = new BufferedReader(in)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                each.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
