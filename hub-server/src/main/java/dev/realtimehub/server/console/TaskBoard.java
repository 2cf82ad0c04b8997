package dev.realtimehub.server.console;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.api.TaskStatus;
import dev.realtimehub.core.util.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's task board: publishes {@code task_update} events on {@value #TOPIC} with the fields of
 * {@link dev.realtimehub.core.broadcast.Broadcasts#taskUpdate} plus {@code started_at}, the time the hub first saw the task
 * under way, so a page that opens later can still show when it started and how long it took.
 *
 * <p>Each update also goes, first, to the task's own channel {@value #NAMESPACE}{@code :<id>} (the built-in namespace
 * {@value #NAMESPACE}), whose history is the task's story update by update: the console's one-task view follows it. An
 * id that is not a channel key ({@code [A-Za-z0-9_.-]{1,64}}), or a hub whose {@value #NAMESPACE} is configured without
 * {@code channels: true}, gets {@value #TOPIC} only; so does an update the channel refuses ({@code limits.max-channels}
 * reached), which is logged.
 *
 * <p>The tasks themselves live in the topic's history (conflated by {@code task_id}: the latest update per task), which
 * is what {@code GET /api/tasks} serves; the board only remembers start times, for as many tasks as that history keeps.
 * Thread-safe: updates from any thread; one thread's updates are published in call order.
 */
public final class TaskBoard {

    private static final Logger LOG = LoggerFactory.getLogger(TaskBoard.class);

    /** The topic task updates go to. */
    public static final String TOPIC = "tasks";
    /** The namespace of the tasks' own channels: {@code task:<id>}. */
    public static final String NAMESPACE = "task";
    /** The longest task id accepted. */
    public static final int MAX_ID_LENGTH = 128;

    private final HubEngine hub;
    private final LongSupplier clock;
    /** Task id to its {@code started_at}, least recently updated first; guarded by itself. */
    private final Map<String, String> startedAt;
    /** Whether the last publish on a task's channel failed; any thread. */
    private final AtomicBoolean channelFailing = new AtomicBoolean();

    /** A board publishing on {@code hub}, stamping start times with the wall clock. */
    public TaskBoard(HubEngine hub) {
        this(hub, System::currentTimeMillis);
    }

    TaskBoard(HubEngine hub, LongSupplier clock) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.clock = Objects.requireNonNull(clock, "clock");
        int capacity = Math.max(1, hub.topics().get(hub.topics().indexOf(TOPIC)).history());
        this.startedAt = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Publishes the state of task {@code id}; the first update that is not {@code queued} stamps {@code started_at}.
     *
     * @param id the task's id, 1 to {@value #MAX_ID_LENGTH} characters, not blank
     * @param name its display name; not blank
     * @param status where it stands; not null
     * @param progress how far, 0 to 100
     * @param message a line about the current step, or null
     * @return the future of the publish on {@value #TOPIC}, completing with the event's seq there (the channel's
     *     publish, started just before, is not waited for: its failure is logged, never reported here)
     * @throws IllegalArgumentException naming the bad parameter ({@code id}, {@code name}, {@code status},
     *     {@code progress})
     */
    public CompletableFuture<Long> update(String id, String name, TaskStatus status, int progress, String message) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id: expected 1.." + MAX_ID_LENGTH + " characters, not blank, but was "
                    + (id == null ? "null" : "'" + id + "'"));
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
        if (status == null) {
            throw new IllegalArgumentException("status: must not be null");
        }
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress: expected 0..100 but was " + progress);
        }
        Publication update = Publication.builder("task_update")
                .field("task_id", id)
                .field("name", name)
                .field("status", status.wireName())
                .field("progress", progress)
                .field("message", message)
                .field("started_at", startedAt(id, status))
                .build();
        publishOnChannel(id, update);
        return hub.publish(TOPIC, update);
    }

    /** The channel of task {@code id}, or null when the id is no channel key or {@value #NAMESPACE} has no channels. */
    private String channelOf(String id) {
        String channel = NAMESPACE + ':' + id;
        return hub.isChannel(channel) ? channel : null;
    }

    private void publishOnChannel(String id, Publication update) {
        String channel = channelOf(id);
        if (channel == null) {
            return;
        }
        try {
            hub.publish(channel, update).whenComplete((seq, failure) -> {
                if (failure != null) {
                    channelFailed(channel, failure.toString());
                } else if (channelFailing.compareAndSet(true, false)) {
                    LOG.info("task updates reach their channels again");
                }
            });
        } catch (PublishException e) {
            channelFailed(channel, e.getMessage());
        }
    }

    /** One warning per run of failures (a full channel table refuses every new task), the rest at debug. */
    private void channelFailed(String channel, String why) {
        if (channelFailing.compareAndSet(false, true)) {
            LOG.warn("task update not published on {} (it went to {} only): {}; further failures at DEBUG until one"
                    + " succeeds", channel, TOPIC, why);
        } else {
            LOG.debug("task update not published on {}: {}", channel, why);
        }
    }

    /** {@link #update} with the status by its wire name: queued, running, done, failed or cancelled. */
    public CompletableFuture<Long> update(String id, String name, String status, int progress, String message) {
        return update(id, name, TaskStatus.parse(status), progress, message);
    }

    private String startedAt(String id, TaskStatus status) {
        synchronized (startedAt) {
            String known = startedAt.get(id);
            if (known != null || status == TaskStatus.QUEUED) {
                return known;
            }
            String now = Timestamps.iso(clock.getAsLong());
            startedAt.put(id, now);
            return now;
        }
    }
}
