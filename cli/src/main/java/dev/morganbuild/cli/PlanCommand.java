package dev.morganbuild.cli;

import dev.morganbuild.engine.job.BuildService;
import dev.morganbuild.engine.json.Json;
import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlanFormatter;
import dev.morganbuild.engine.record.CacheMountPolicy;
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
        Plan plan = BuildService.local().plan(stackOptions.request().selection(selection.selection())
                .noCache(cacheMode.noCache).nightly(cacheMode.nightly).cacheMounts(cacheMode.mountPolicy()).build());
        if (json) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(PlanFormatter.json(plan)));
        } else {
            System.out.print(PlanFormatter.text(plan));
        }
        return MorganCli.OK;
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
            return CacheMountPolicy.parse(cacheMounts, "--cache-mounts");
        }
    }
}
