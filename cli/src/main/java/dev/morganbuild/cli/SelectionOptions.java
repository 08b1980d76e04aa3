package dev.morganbuild.cli;

import dev.morganbuild.engine.plan.Selection;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** SERVICE... | --all | --cpu | --cuda, like the seed's build-optimized.sh all|core|cpu|cuda. */
final class SelectionOptions {
    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to build (default: all).")
    List<String> services;

    @ArgGroup(exclusive = true)
    Group group;

    static final class Group {
        @Option(names = "--all", description = "All buildable services.")
        boolean all;
        @Option(names = "--cpu", description = "Only services that need no GPU.")
        boolean cpu;
        @Option(names = "--cuda", description = "Only services that need a GPU (CUDA base image, GPU reservation, runtime: nvidia).")
        boolean cuda;
    }

    Selection selection() {
        boolean named = services != null && !services.isEmpty();
        if (group != null && named) {
            throw UsageError.of("name services or use --all/--cpu/--cuda, not both");
        }
        if (named) {
            return Selection.named(services);
        }
        if (group != null && group.cpu) {
            return Selection.cpu();
        }
        if (group != null && group.cuda) {
            return Selection.cuda();
        }
        return Selection.all();
    }
}
