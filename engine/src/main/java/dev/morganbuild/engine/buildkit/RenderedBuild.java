package dev.morganbuild.engine.buildkit;

import dev.morganbuild.engine.exec.Command;
import java.util.List;

/**
 * A build rendered for one back end: the command, and what the back end could not honour.
 *
 * @param command  argv and environment
 * @param warnings requested features the back end does not support (never silently dropped)
 */
public record RenderedBuild(Command command, List<String> warnings) {
    public RenderedBuild {
        warnings = List.copyOf(warnings);
    }
}
