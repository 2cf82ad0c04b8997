package dev.realtimehub.server.config;

import dev.realtimehub.core.api.Setting;
import java.util.List;
import java.util.Locale;

/**
 * The settings of what the hub publishes about itself and of its console pages.
 *
 * <p>Immutable; each value is validated by its {@link Setting}, which names the config key.
 *
 * @param metricsIntervalMs how often the sampler publishes on {@code metrics} ({@code metrics.interval-ms})
 * @param hubLogLevel the level from which the hub's own log lines go to {@code logs}, or {@code OFF}
 *     ({@code logs.hub-level}); the standalone hub applies it, an embedding application chooses its own logging
 * @param taskFadeMs how long the tasks page keeps showing a finished task ({@code console.task-fade-ms}; 0 keeps it)
 */
public record ConsoleSettings(long metricsIntervalMs, String hubLogLevel, long taskFadeMs) {

    /** The levels {@code logs.hub-level} accepts, from the most verbose. */
    public static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public static final Setting<Long> METRICS_INTERVAL_MS = Setting.ofLong("metrics.interval-ms", 1_000, 50, 60_000);
    public static final Setting<String> HUB_LOG_LEVEL = Setting.ofString("logs.hub-level", "INFO",
            level -> LOG_LEVELS.contains(level.trim().toUpperCase(Locale.ROOT)), "one of " + String.join(", ", LOG_LEVELS));
    public static final Setting<Long> TASK_FADE_MS = Setting.ofLong("console.task-fade-ms", 60_000, 0, 86_400_000);

    /** The defaults: a sample a second, INFO and above, finished tasks shown for a minute. */
    public static final ConsoleSettings DEFAULTS = new ConsoleSettings(METRICS_INTERVAL_MS.defaultValue(),
            HUB_LOG_LEVEL.defaultValue(), TASK_FADE_MS.defaultValue());

    public ConsoleSettings {
        METRICS_INTERVAL_MS.check(metricsIntervalMs);
        if (hubLogLevel == null) {
            HUB_LOG_LEVEL.check("");
        }
        hubLogLevel = HUB_LOG_LEVEL.check(hubLogLevel).trim().toUpperCase(Locale.ROOT);
        TASK_FADE_MS.check(taskFadeMs);
    }
}
