package dev.morganbuild.engine.exec;

/** Receives a process's output one line at a time, as it arrives (no trailing newline). */
@FunctionalInterface
public interface LineSink {
    void line(String line);
}
