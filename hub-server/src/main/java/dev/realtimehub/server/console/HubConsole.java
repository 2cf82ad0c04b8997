package dev.realtimehub.server.console;

import dev.realtimehub.core.api.Hub;
import dev.realtimehub.server.config.ConsoleSettings;
import dev.realtimehub.transport.http.HttpRoutes;

/**
 * What the admin console needs from the server: the metrics sampler, the task board and the console's API
 * ({@code GET /api/metrics}, {@code GET /api/tasks}, {@code PUT /api/tasks/{id}}). The pages themselves are static files.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class HubConsole implements AutoCloseable {

    private final Hub hub;
    private final ConsoleSettings settings;
    private final TaskBoard tasks;
    private final MetricsSampler sampler;

    private HubConsole(Hub hub, ConsoleSettings settings) {
        this.hub = hub;
        this.settings = settings;
        this.tasks = new TaskBoard(hub);
        this.sampler = MetricsSampler.start(hub, settings.metricsIntervalMs());
    }

    /** Starts sampling {@code hub} as {@code settings} say. */
    public static HubConsole start(Hub hub, ConsoleSettings settings) {
        return new HubConsole(hub, settings);
    }

    /** Adds the console's API to {@code routes} and returns it. */
    public HttpRoutes.Builder addRoutes(HttpRoutes.Builder routes) {
        TasksEndpoint tasksEndpoint = new TasksEndpoint(hub, tasks, settings.taskFadeMs());
        return routes.exact("/api/metrics", new MetricsEndpoint(hub))
                .exact(TasksEndpoint.PATH, tasksEndpoint)
                .prefix(TasksEndpoint.PATH + "/", tasksEndpoint);
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
