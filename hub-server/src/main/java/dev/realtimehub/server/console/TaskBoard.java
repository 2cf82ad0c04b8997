package dev.realtimehub.server.console;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.TaskStatus;
import dev.realtimehub.core.util.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The hub's task board: publishes {@code task_update} events on {@value #TOPIC} with the fields of
 * {@link dev.realtimehub.core.broadcast.Broadcasts#taskUpdate} plus {@code started_at}, the time the hub first saw the task
 * under way, so a page that opens later can still show when it started and how long it took.
 *
 * <p>The tasks themselves live in the topic's history (conflated by {@code task_id}: the latest update per task), which
 * is what {@code GET /api/tasks} serves; the board only remembers start times, for as many tasks as that history keeps.
 * Thread-safe: updates from any thread; one thread's updates are published in call order.
 */
public final class TaskBoard {

    /** The topic task updates go to. */
    public static final String TOPIC = "tasks";
    /** The longest task id accepted. */
    public static final int MAX_ID_LENGTH = 128;

    private final HubEngine hub;
    private final LongSupplier clock;
    /** Task id to its {@code started_at}, least recently updated first; guarded by itself. */
    private final Map<String, String> startedAt;

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
     * @return the future of the publish, completing with the event's seq
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
        return hub.publish(TOPIC, Publication.builder("task_update")
                .field("task_id", id)
                .field("name", name)
                .field("status", status.wireName())
                .field("progress", progress)
                .field("message", message)
                .field("started_at", startedAt(id, status))
                .build());
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
