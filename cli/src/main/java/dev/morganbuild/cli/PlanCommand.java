package dev.morganbuild.cli;

import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlanFormatter;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.engine.plan.Planner;
import dev.morganbuild.engine.record.CacheMountPolicy;
import dev.morganbuild.engine.stack.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the build plan: order, waves, node labels (GPU or CPU), caches, no-cache decisions.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions;

    @ArgGroup(exclusive = false)
    SelectionOptions selection = new SelectionOptions();

    @Mixin
    CacheModeOptions cacheMode;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Stack stack = stackOptions.stack();
        Plan plan = plan(stack, selection, stackOptions, cacheMode);
        if (json) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(PlanFormatter.json(plan)));
        } else {
            System.out.print(PlanFormatter.text(plan));
        }
        return MorganCli.OK;
    }

    static Plan plan(Stack stack, SelectionOptions selection, StackOptions so, CacheModeOptions cm) {
        PlanOptions options = PlanOptions.defaults(so.cacheRoot().root())
                .withNoCache(cm.noCache).withNightly(cm.nightly).withMountPolicy(cm.mountPolicy());
        return Planner.standard().plan(stack, selection.selection(), options);
    }

    /** --no-cache, --nightly and what they do with cache mounts. */
    static final class CacheModeOptions {
        @Option(names = "--no-cache", description = "Rebuild every layer (cache mounts are kept unless --cache-mounts=drop).")
        boolean noCache;

        @Option(names = "--nightly", description = "A nightly build: like --no-cache, and recorded as nightly.")
        boolean nightly;

        @Option(names = "--cache-mounts", paramLabel = "keep|drop",
                description = "For --no-cache/--nightly: keep the apt/pip cache mounts (default, or x-morgan nightly.cache-mounts) or drop them too.")
        String cacheMounts;

        CacheMountPolicy mountPolicy() {
            if (cacheMounts == null) {
                return null;
            }
            return switch (cacheMounts.toLowerCase(java.util.Locale.ROOT)) {
                case "keep" -> CacheMountPolicy.KEEP;
                case "drop" -> CacheMountPolicy.DROP;
                default -> throw dev.morganbuild.engine.MorganException.of(
                        "--cache-mounts must be keep or drop, not '" + cacheMounts + "'", "use --cache-mounts=keep or --cache-mounts=drop");
            };
        }
    }
}
