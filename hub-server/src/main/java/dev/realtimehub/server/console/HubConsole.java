package dev.realtimehub.server.console;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.server.config.ConsoleSettings;
import dev.realtimehub.transport.base.HubSecurity;
import dev.realtimehub.transport.http.ApiKeyGuard;
import dev.realtimehub.transport.http.HttpRoutes;

/**
 * What the admin console needs from the server: the metrics sampler, the task board and the console's API
 * ({@code GET /api/metrics}, {@code GET /api/tasks}, {@code PUT /api/tasks/{id}}, {@code GET /api/presence/{topic}}). The pages themselves are static files.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class HubConsole implements AutoCloseable {

    private final HubEngine hub;
    private final ConsoleSettings settings;
    private final TaskBoard tasks;
    private final MetricsSampler sampler;

    private HubConsole(HubEngine hub, ConsoleSettings settings) {
        this.hub = hub;
        this.settings = settings;
        this.tasks = new TaskBoard(hub);
        this.sampler = MetricsSampler.start(hub, settings.metricsIntervalMs());
    }

    /** Starts sampling {@code hub} as {@code settings} say. */
    public static HubConsole start(HubEngine hub, ConsoleSettings settings) {
        return new HubConsole(hub, settings);
    }

    /**
     * Adds the console's API to {@code routes} and returns it: reading is open unless a topic has roles (then it takes
     * a connection token, as {@code security} verifies them); updating a task needs a key of {@code guard}.
     */
    public HttpRoutes.Builder addRoutes(HttpRoutes.Builder routes, ApiKeyGuard guard, HubSecurity security) {
        TopicReadAccess access = new TopicReadAccess(security);
        TasksEndpoint tasksEndpoint = new TasksEndpoint(hub, tasks, access, guard, settings.taskFadeMs());
        return routes.exact("/api/metrics", new MetricsSnapshotEndpoint(hub, access))
                .exact(TasksEndpoint.PATH, tasksEndpoint)
                .prefix(TasksEndpoint.PATH + "/", tasksEndpoint)
                .prefix(PresenceEndpoint.PATH, new PresenceEndpoint(hub, access)); // presence (issue 18)
    }

    /** The task board. */
    public TaskBoard tasks() {
        return tasks;
    }

    /** Stops the sampler. */
    @Override
    public void close() {
        sampler.close();
    }
}
