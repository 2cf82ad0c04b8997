package dev.realtimehub.server.config;

import java.util.List;
import java.util.Locale;

/**
 * The settings of what the hub publishes about itself and of its console pages.
 *
 * <p>Immutable; validated on construction with the config key named.
 *
 * @param metricsIntervalMs how often the sampler publishes on {@code metrics} ({@code metrics.interval-ms})
 * @param hubLogLevel the level from which the hub's own log lines go to {@code logs}, or {@code OFF}
 *     ({@code logs.hub-level}); the standalone hub applies it, an embedding application chooses its own logging
 * @param taskFadeMs how long the tasks page keeps showing a finished task ({@code console.task-fade-ms}; 0 keeps it)
 */
public record ConsoleSettings(long metricsIntervalMs, String hubLogLevel, long taskFadeMs) {

    /** The levels {@code logs.hub-level} accepts, from the most verbose. */
    public static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** The defaults: a sample a second, INFO and above, finished tasks shown for a minute. */
    public static final ConsoleSettings DEFAULTS = new ConsoleSettings(1_000, "INFO", 60_000);

    public ConsoleSettings {
        if (metricsIntervalMs < 50 || metricsIntervalMs > 60_000) {
            throw new IllegalArgumentException("metrics.interval-ms: expected 50..60000 but was " + metricsIntervalMs);
        }
        String level = hubLogLevel == null ? "" : hubLogLevel.trim().toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new IllegalArgumentException("logs.hub-level: expected one of " + String.join(", ", LOG_LEVELS)
                    + " but was '" + hubLogLevel + "'");
        }
        hubLogLevel = level;
        if (taskFadeMs < 0 || taskFadeMs > 86_400_000) {
            throw new IllegalArgumentException("console.task-fade-ms: expected 0..86400000 but was " + taskFadeMs);
        }
    }
}
