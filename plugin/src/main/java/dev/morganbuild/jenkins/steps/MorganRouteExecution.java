package dev.morganbuild.jenkins.steps;

import dev.morganbuild.engine.plan.LastBuild;
import dev.morganbuild.engine.plan.Route;
import dev.morganbuild.engine.plan.RouteRequest;
import dev.morganbuild.jenkins.Messages;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs {@link MorganRouteStep} off the CPS VM thread: the job's history is read and the agents asked on
 * a timer thread, and while the agent that holds the cache is busy the question is asked again every
 * {@link #POLL} until the step's wait (counted from when it was first found busy) is over. Nothing here needs to survive a restart but the question:
 * a resumed step asks again and waits anew.
 */
final class MorganRouteExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MorganRouteExecution.class.getName());
    static final Duration POLL = Duration.ofMillis(250);

    private final String service;
    private final String label;
    private final int waitSeconds;

    private transient volatile boolean done;
    /** Since when the agent that holds the cache has been found busy; 0 while it has not been. */
    private transient volatile long waitingSince;
    private transient volatile Future<?> next;
    /** The service's last successful build, read once per start. */
    private transient LastBuild last;
    private transient boolean lastRead;

    MorganRouteExecution(StepContext context, String service, String label, int waitSeconds) {
        super(context);
        this.service = service;
        this.label = label;
        this.waitSeconds = waitSeconds;
    }

    @Override
    public boolean start() {
        begin();
        return false;
    }

    @Override
    public void onResume() {
        begin();
    }

    private void begin() {
        waitingSince = 0;
        next = Timer.get().submit(this::check);
    }

    private synchronized void check() {
        if (done) {
            return;
        }
        StepContext ctx = getContext();
        try {
            Run<?, ?> run = ctx.get(Run.class);
            if (!lastRead) {
                last = AgentRouting.lastBuild(run, service);
                lastRead = true;
            }
            RouteRequest request = RouteRequest.builder(service, label).lastBuild(last)
                    .maxWait(Duration.ofSeconds(waitSeconds))
                    .waited(waitingSince == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - waitingSince))
                    .build();
            Route route = AgentRouting.decide(run, request);
            TaskListener listener = ctx.get(TaskListener.class);
            if (route.decision() == Route.Decision.WAIT) {
                if (waitingSince == 0) {
                    listener.getLogger().println(Messages.Log_Line(route.text()));
                    waitingSince = System.nanoTime();
                }
                next = Timer.get().schedule(this::check, POLL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            listener.getLogger().println(Messages.Log_Line(route.text()));
            done = true;
            ctx.onSuccess(result(route));
        } catch (Throwable t) {
            LOG.log(Level.FINE, "morgan-build: routing " + service, t);
            done = true;
            ctx.onFailure(t);
        }
    }

    private static Map<String, Object> result(Route route) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean toAgent = route.decision() == Route.Decision.AGENT;
        out.put("label", toAgent ? AgentRouting.labelOf(route.agent()) : route.label());
        out.put("agent", toAgent ? route.agent() : null);
        out.put("decision", route.decision().name());
        out.put("reason", route.reason());
        out.put("text", route.text());
        return out;
    }

    @Override
    public void stop(Throwable cause) {
        synchronized (this) {
            done = true;
            Future<?> f = next;
            if (f != null) {
                f.cancel(false);
            }
        }
        try {
            AgentRouting.release(getContext().get(Run.class), service);
        } catch (Exception e) {
            LOG.log(Level.FINE, "no run to release " + service, e);
        }
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        return Messages.MorganRouteExecution_Status(service, label, String.valueOf(waitSeconds));
    }
}
