package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.record.StepRecord.StepStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Parses BuildKit's {@code --progress=plain} output line by line, as it arrives, into per-step
 * records. Memory stays bounded by the number of steps: step output is not kept, except the last
 * lines of each running step, so a failing step can be explained.
 */
public final class PlainProgressParser implements ProgressParser {
    private static final String IMAGE = "writing image sha256:";

    private final StepBook<Integer, Vertex> vertices;
    private final Deque<String> trailer = new ArrayDeque<>();
    private Vertex lastVertex;
    private String imageId;
    private String errorStep;
    private List<String> errorTail = List.of();

    public PlainProgressParser(ProgressListener listener) {
        this.vertices = new StepBook<>(listener);
    }

    private static final class Vertex extends StepState {
        long contextBytes = -1;
        Deque<String> tail = new ArrayDeque<>();

        Vertex(int index, String name) {
            super(index, name);
        }
    }

    // Hand-written scanning instead of regular expressions: this runs for every line docker prints,
    // and the JMH benchmark (benchmarks/ProgressParsingBenchmark) holds it to 200 MB/s on one core.

    /** The step number of a {@code #<n> <text>} line, or -1 when the line is not one. */
    private static int stepNumber(String line) {
        if (line.length() < 3 || line.charAt(0) != '#') {
            return -1;
        }
        int n = 0;
        int i = 1;
        for (; i < line.length() && i <= 9; i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                break;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return i > 1 && i < line.length() && line.charAt(i) == ' ' ? n : -1;
    }

    /** Milliseconds of a {@code DONE 1.234s} text, or -1. */
    private static long doneMillis(String text) {
        if (!text.startsWith("DONE ") || !text.endsWith("s") || text.length() < 7) {
            return -1;
        }
        String number = text.substring(5, text.length() - 1);
        int dots = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return -1;
            }
        }
        if (dots > 1 || number.equals(".")) {
            return -1;
        }
        return Math.round(Double.parseDouble(number) * 1000);
    }

    /** Where the output after a {@code 12.345 } timestamp starts, or 0 when there is none. */
    private static int afterTimestamp(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == 0 || i >= n || text.charAt(i) != '.') {
            return 0;
        }
        int frac = ++i;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i > frac && i < n && text.charAt(i) == ' ' ? i + 1 : 0;
    }

    /** The image id in a "writing image sha256:<64 hex>" text, or null. */
    private static String imageIn(String text) {
        int at = text.indexOf(IMAGE);
        if (at < 0 || at + IMAGE.length() + 64 > text.length()) {
            return null;
        }
        int from = at + IMAGE.length();
        for (int i = from; i < from + 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return text.substring(at + "writing image ".length(), from + 64);
    }

    @Override
    public void line(String line) {
        int n = stepNumber(line);
        if (n < 0) {
            if (lastVertex != null && lastVertex.tail != null) {
                // the rest of a step's output line split at a carriage return (apt's progress)
                remember(lastVertex.tail, line);
            } else if (!line.isBlank()) {
                remember(trailer, line);
            }
            return;
        }
        String text = line.substring(line.indexOf(' ') + 1);
        Vertex v = vertices.get(n);
        if (v == null) {
            lastVertex = vertices.start(n, new Vertex(n, text));
            return;
        }
        lastVertex = v;
        if (text.equals(v.name) || text.startsWith("sha256:")) {
            return; // header repeated when BuildKit switches back to this step, or its digest
        }
        long doneMillis = doneMillis(text);
        if (doneMillis >= 0) {
            v.millis = doneMillis;
            finish(v, StepStatus.DONE);
        } else if (text.equals("CACHED")) {
            finish(v, StepStatus.CACHED);
        } else if (text.startsWith("ERROR")) {
            String why = text.replaceFirst("^ERROR:?\\s*", "");
            errorStep = v.name + ": " + why;
            errorTail = v.tail == null ? List.of() : List.copyOf(v.tail);
            v.error = StepBook.explain(why, errorTail);
            finish(v, StepStatus.ERROR);
        } else if (text.startsWith("CANCELED")) {
            finish(v, StepStatus.CANCELED);
        } else if (text.startsWith("transferring context:") && v.name.contains("load build context")) {
            long bytes = ByteUnits.first(text.substring("transferring context:".length()));
            v.contextBytes = Math.max(v.contextBytes, bytes);
        } else {
            String image = imageIn(text);
            if (image != null) {
                imageId = image;
            }
            String content = text.substring(afterTimestamp(text));
            if (v.tail != null) {
                remember(v.tail, content);
            }
            vertices.output(n, content);
        }
    }

    private void finish(Vertex v, StepStatus status) {
        v.tail = null; // only running steps keep their last lines
        vertices.finish(v, status);
    }

    private static void remember(Deque<String> tail, String line) {
        StepBook.remember(tail, line);
    }

    /** The steps seen so far, in the order BuildKit announced them. */
    @Override
    public List<StepRecord> steps() {
        return vertices.records();
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
        for (Vertex v : vertices.all()) {
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
