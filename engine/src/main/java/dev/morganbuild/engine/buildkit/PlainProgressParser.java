package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.record.StepRecord.StepStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses BuildKit's {@code --progress=plain} output line by line, as it arrives, into per-step
 * records. Memory stays bounded by the number of steps: step output is not kept, except the last
 * lines of each running step, so a failing step can be explained.
 */
public final class PlainProgressParser implements ProgressParser {
    static final int TAIL_LINES = 20;
    private static final Pattern LINE = Pattern.compile("^#(\\d+) (.*)$");
    private static final Pattern DONE = Pattern.compile("^DONE ([0-9.]+)s$");
    private static final Pattern OUTPUT = Pattern.compile("^[0-9]+\\.[0-9]+ (.*)$");
    private static final Pattern IMAGE = Pattern.compile("writing image (sha256:[0-9a-f]{64})");

    private final ProgressListener listener;
    private final Map<Integer, Vertex> vertices = new LinkedHashMap<>();
    private final Deque<String> trailer = new ArrayDeque<>();
    private Vertex lastVertex;
    private String imageId;
    private String errorStep;
    private List<String> errorTail = List.of();

    public PlainProgressParser(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    private static final class Vertex extends StepState {
        long contextBytes = -1;
        Deque<String> tail = new ArrayDeque<>();

        Vertex(int index, String name) {
            super(index, name);
        }
    }

    @Override
    public void line(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            if (lastVertex != null && lastVertex.tail != null) {
                // the rest of a step's output line split at a carriage return (apt's progress)
                remember(lastVertex.tail, line);
            } else if (!line.isBlank()) {
                remember(trailer, line);
            }
            return;
        }
        int n = Integer.parseInt(m.group(1));
        String text = m.group(2);
        Vertex v = vertices.get(n);
        if (v == null) {
            v = new Vertex(n, text);
            vertices.put(n, v);
            lastVertex = v;
            listener.onStepStarted(v.record());
            return;
        }
        lastVertex = v;
        if (text.equals(v.name) || text.startsWith("sha256:")) {
            return; // header repeated when BuildKit switches back to this step, or its digest
        }
        Matcher done = DONE.matcher(text);
        if (done.matches()) {
            v.millis = Math.round(Double.parseDouble(done.group(1)) * 1000);
            finish(v, StepStatus.DONE);
        } else if (text.equals("CACHED")) {
            finish(v, StepStatus.CACHED);
        } else if (text.startsWith("ERROR")) {
            errorStep = v.name + ": " + text.replaceFirst("^ERROR:?\\s*", "");
            errorTail = List.copyOf(v.tail);
            finish(v, StepStatus.ERROR);
        } else if (text.startsWith("CANCELED")) {
            finish(v, StepStatus.CANCELED);
        } else if (text.startsWith("transferring context:") && v.name.contains("load build context")) {
            long bytes = ByteUnits.first(text.substring("transferring context:".length()));
            v.contextBytes = Math.max(v.contextBytes, bytes);
        } else {
            Matcher image = IMAGE.matcher(text);
            if (image.find()) {
                imageId = image.group(1);
            }
            Matcher out = OUTPUT.matcher(text);
            String content = out.matches() ? out.group(1) : text;
            if (v.tail != null) {
                remember(v.tail, content);
            }
            listener.onOutput(n, content);
        }
    }

    private void finish(Vertex v, StepStatus status) {
        v.status = status;
        v.tail = null; // only running steps keep their last lines
        listener.onStepFinished(v.record());
    }

    private static void remember(Deque<String> tail, String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** The steps seen so far, in the order BuildKit announced them. */
    @Override
    public List<StepRecord> steps() {
        List<StepRecord> out = new ArrayList<>(vertices.size());
        vertices.values().forEach(v -> out.add(v.record()));
        return out;
    }

    /** The image id from "writing image sha256:...", or null. */
    @Override
    public String imageId() {
        return imageId;
    }

    /** Build-context bytes transferred, summed over the build's context loads; -1 when none was reported. */
    @Override
    public long contextBytes() {
        long sum = -1;
        for (Vertex v : vertices.values()) {
            if (v.contextBytes >= 0) {
                sum = Math.max(sum, 0) + v.contextBytes;
            }
        }
        return sum;
    }

    /**
     * Why the build failed, for the record: the failing step and BuildKit's error, then the step's
     * last output lines and docker's closing lines. Null when no error was seen.
     */
    @Override
    public String errorSummary() {
        if (errorStep == null && trailer.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(errorStep == null ? "docker build failed" : errorStep);
        List<String> tail = errorTail.size() > 5 ? errorTail.subList(errorTail.size() - 5, errorTail.size()) : errorTail;
        tail.forEach(l -> sb.append('\n').append("  ").append(l));
        if (errorStep == null) {
            trailer.forEach(l -> sb.append('\n').append(l));
        }
        return sb.toString();
    }
}
