package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.record.StepRecord;
import dev.morganbuild.engine.record.StepRecord.StepStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps a progress parser has seen, in the order BuildKit announced them, keyed by what the format
 * names them with (a step number, a vertex digest). It tells the listener when a step starts and ends,
 * so both parsers keep their books the same way.
 */
final class StepBook<K, V extends StepState> {
    /** Lines of output kept per running step (and of docker's closing lines), to explain a failure. */
    static final int TAIL_LINES = 20;

    private final Map<K, V> steps = new LinkedHashMap<>();
    private final ProgressListener listener;

    StepBook(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    V get(K key) {
        return steps.get(key);
    }

    int size() {
        return steps.size();
    }

    Collection<V> all() {
        return steps.values();
    }

    /** A new step: noted and announced. */
    V start(K key, V step) {
        steps.put(key, step);
        listener.onStepStarted(step.record());
        return step;
    }

    /** A step ended with {@code status}: noted and announced. */
    void finish(V step, StepStatus status) {
        step.status = status;
        listener.onStepFinished(step.record());
    }

    void output(int index, String line) {
        listener.onOutput(index, line);
    }

    List<StepRecord> records() {
        List<StepRecord> out = new ArrayList<>(steps.size());
        steps.values().forEach(v -> out.add(v.record()));
        return out;
    }

    /** A failed step's error text: BuildKit's reason, then the step's last output lines. */
    static String explain(String why, List<String> tail) {
        StringBuilder sb = new StringBuilder(why);
        tail.forEach(l -> sb.append('\n').append(l));
        return sb.toString();
    }

    /** Keeps {@code line} as the newest of at most {@link #TAIL_LINES} lines. */
    static void remember(Deque<String> tail, String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }
}
