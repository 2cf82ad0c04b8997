package dev.realtimehub.app;

import dev.realtimehub.core.api.RuleAction;
import dev.realtimehub.core.api.Severity;
import dev.realtimehub.core.api.TaskStatus;
import dev.realtimehub.server.RealtimeHub;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --demo} publisher: plays a message-forwarding service on a hub through its public Java API only, so a
 * newcomer sees a living console at once — forward counters and forward events on {@code stats}, rule changes, system
 * events, tasks that progress to done or fail, log lines at every level, and now and then an alert and a notification.
 * ({@code metrics} is the hub's own sampler.)
 *
 * <p>Everything happens on one daemon thread, one tick at a time; its state is confined to that thread.
 * {@link #close()} from any thread.
 */
public final class DemoPublisher implements AutoCloseable {

    /** The pace of the demo: one tick every half second. */
    public static final long DEFAULT_TICK_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(DemoPublisher.class);
    private static final String[] LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};
    private static final int[] LEVEL_WEIGHTS = {25, 50, 15, 8, 2};
    private static final String[] MODULES = {"forwarder", "rules.engine", "scheduler", "telegram.client", "storage"};
    private static final String[] CHANNELS = {"@market_news", "@dev_updates", "@support", "@releases", "@alerts_feed"};
    private static final String[] TASK_NAMES = {"Backfill channel history", "Re-index forwarding rules",
        "Export monthly statistics", "Sync subscriber list", "Rotate API credentials", "Compact message archive"};

    private final RealtimeHub hub;
    private final long tickMs;
    private final Random random;
    private final ScheduledExecutorService executor;
    /** Demo thread only, like every field below. */
    private final List<DemoTask> tasks = new ArrayList<>();
    private long tick;
    private long forwarded;
    private long failed;
    private int taskCounter;
    private boolean warned;

    private DemoPublisher(RealtimeHub hub, long tickMs, Random random) {
        this.hub = hub;
        this.tickMs = tickMs;
        this.random = random;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hub-demo");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(this::tickSafely, 0, tickMs, TimeUnit.MILLISECONDS);
        LOG.info("demo publisher started: events on every topic, see {}/", hub.httpUri());
    }

    /** Starts the demo on {@code hub} at its usual pace. */
    public static DemoPublisher start(RealtimeHub hub) {
        return start(hub, DEFAULT_TICK_MS, new Random());
    }

    /** Starts the demo on {@code hub}, a tick every {@code tickMs}, choices drawn from {@code random}. */
    static DemoPublisher start(RealtimeHub hub, long tickMs, Random random) {
        return new DemoPublisher(hub, tickMs, random);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("demo tick failed; later failures are logged at debug", e);
            } else {
                LOG.debug("demo tick failed again", e);
            }
        }
    }

    private void tick() {
        tick++;
        if (tick == 1) {
            hub.broadcasts().systemEvent("demo_started", "Demo publisher started", Map.of("tick_ms", tickMs));
        }
        forward();
        for (int i = random.nextInt(4); i >= 0; i--) {
            logLine();
        }
        if (tick % 16 == 3) {
            ruleChange();
        }
        if (tick % 60 == 30) {
            hub.broadcasts().systemEvent("cache_refreshed", "Rule cache refreshed", Map.of("rules", 40));
        }
        if (tick % 5 == 2 && tasks.size() < 4) {
            startTask();
        }
        progressTasks();
        if (tick % 70 == 6) {
            alert();
        }
        if (tick % 110 == 12) {
            hub.broadcasts().notification(null, "Weekly report ready",
                    "Forwarding statistics for last week are ready to download.", "/tasks.html");
        }
    }

    private void forward() {
        int count = random.nextInt(7);
        for (int i = 0; i < count; i++) {
            boolean ok = random.nextInt(100) >= 6;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("rule_id", 1 + random.nextInt(40));
            data.put("source", pick(CHANNELS));
            data.put("target", pick(CHANNELS));
            if (ok) {
                forwarded++;
                hub.eventBus().emit("FORWARD_SUCCESS", data);
            } else {
                failed++;
                data.put("error", "FloodWait: retry in " + (5 + random.nextInt(50)) + " s");
                hub.eventBus().emit("FORWARD_FAILED", data);
            }
        }
        if (tick % 2 == 0) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("total_forwards", forwarded + failed);
            stats.put("successful", forwarded);
            stats.put("failed", failed);
            stats.put("active_rules", 36 + (int) (tick / 40 % 5));
            stats.put("queue_depth", random.nextInt(25));
            hub.broadcasts().statsUpdate(stats);
        }
    }

    private void logLine() {
        String level = weightedLevel();
        String module = pick(MODULES);
        String message = switch (level) {
            case "DEBUG" -> "poll cycle " + tick + ": fetched " + random.nextInt(30) + " updates from " + pick(CHANNELS);
            case "INFO" -> "forwarded message " + (100_000 + random.nextInt(900_000)) + " from " + pick(CHANNELS)
                    + " to " + pick(CHANNELS);
            case "WARNING" -> "rate limit close for " + pick(CHANNELS) + ": " + (70 + random.nextInt(30)) + "% of quota";
            case "ERROR" -> "forward to " + pick(CHANNELS) + " failed: FloodWait " + (5 + random.nextInt(50)) + " s";
            default -> "storage latency " + (800 + random.nextInt(2000)) + " ms: write queue stalled";
        };
        hub.broadcasts().log(level, message, module);
    }

    private String weightedLevel() {
        int roll = random.nextInt(100);
        for (int i = 0; i < LEVELS.length; i++) {
            roll -= LEVEL_WEIGHTS[i];
            if (roll < 0) {
                return LEVELS[i];
            }
        }
        return LEVELS[0];
    }

    private void ruleChange() {
        RuleAction action = RuleAction.values()[random.nextInt(RuleAction.values().length)];
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", pick(CHANNELS));
        details.put("target", pick(CHANNELS));
        details.put("enabled", random.nextBoolean());
        hub.broadcasts().ruleChange(1 + random.nextInt(40), action, details);
    }

    private void alert() {
        int kind = random.nextInt(3);
        switch (kind) {
            case 0 -> hub.broadcasts().alert("disk_space", "Disk almost full",
                    "/var/lib/forwarder is at " + (85 + random.nextInt(14)) + "%", Severity.WARNING);
            case 1 -> hub.broadcasts().alert("forward_errors", "Forward errors rising",
                    failed + " failed forwards so far", Severity.ERROR);
            default -> hub.broadcasts().alert("rate_limit", "Rate limit reached",
                    pick(CHANNELS) + " is throttled for a minute", Severity.INFO);
        }
    }

    private void startTask() {
        taskCounter++;
        DemoTask task = new DemoTask("demo-" + taskCounter, TASK_NAMES[(taskCounter - 1) % TASK_NAMES.length],
                random.nextInt(100) < 15 ? 20 + random.nextInt(70) : -1);
        tasks.add(task);
        hub.tasks().update(task.id, task.name, TaskStatus.QUEUED, 0, "waiting for a worker");
    }

    private void progressTasks() {
        for (Iterator<DemoTask> it = tasks.iterator(); it.hasNext(); ) {
            DemoTask task = it.next();
            if (task.status == TaskStatus.QUEUED) {
                task.status = TaskStatus.RUNNING;
                hub.tasks().update(task.id, task.name, task.status, 0, "started");
                continue;
            }
            task.progress = Math.min(100, task.progress + 1 + random.nextInt(6));
            if (task.failAt >= 0 && task.progress >= task.failAt) {
                hub.tasks().update(task.id, task.name, TaskStatus.FAILED, task.failAt, "worker lost: connection reset");
                it.remove();
            } else if (task.progress >= 100) {
                hub.tasks().update(task.id, task.name, TaskStatus.DONE, 100, "finished");
                it.remove();
            } else {
                hub.tasks().update(task.id, task.name, TaskStatus.RUNNING, task.progress,
                        "step " + (task.progress / 10 + 1) + " of 10");
            }
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Stops the demo; a tick under way finishes. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task the demo is running; the demo thread only. */
    private static final class DemoTask {
        final String id;
        final String name;
        /** The progress at which it fails, or -1 when it succeeds. */
        final int failAt;
        TaskStatus status = TaskStatus.QUEUED;
        int progress;

        DemoTask(String id, String name, int failAt) {
            this.id = id;
            this.name = name;
            this.failAt = failAt;
        }
    }
}
