package dev.morganbuild.benchmarks;

import dev.morganbuild.engine.plan.Plan;
import dev.morganbuild.engine.plan.PlanOptions;
import dev.morganbuild.engine.plan.Planner;
import dev.morganbuild.engine.plan.Selection;
import dev.morganbuild.engine.stack.ComposeParser;
import dev.morganbuild.engine.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing a compose file of many services (reading and checking every Dockerfile) and planning a
 * build of all of them (dependencies, shared bases, GPU routing, waves). Goal: at most 100 ms for 200.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class ComposePlanBenchmark {
    @Param({"200"})
    public int services;

    Path compose;

    @Setup
    public void setUp() throws IOException {
        Files.createDirectories(Path.of("target"));
        compose = Workloads.composeProject(Files.createTempDirectory(Path.of("target"), "jmh-compose-"), services);
    }

    @Benchmark
    public Plan parseAndPlan() {
        Stack stack = ComposeParser.parse(compose, compose.getParent());
        return Planner.standard().plan(stack, Selection.all(), PlanOptions.defaults(Path.of("/var/cache/morgan")));
    }
}
