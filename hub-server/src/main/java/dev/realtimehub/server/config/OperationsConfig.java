package dev.realtimehub.server.config;

import java.util.Locale;
import java.util.Objects;

/**
 * How the hub is operated: the bound on the readiness probe and the log format of the standalone command.
 *
 * <p>Immutable; validated on construction with the config key named.
 *
 * @param readyTimeoutMs {@code health.ready-timeout-ms}: how long {@code GET /health/ready} waits for its probe to come
 *     back through the broker before answering 503
 * @param logFormat {@code log.format}: human-readable lines or JSON lines (the {@code realtime-hub} command applies it;
 *     an application that embeds the hub configures its own logging)
 */
public record OperationsConfig(long readyTimeoutMs, LogFormat logFormat) {

    /** The defaults: a 2 s probe, text logs. */
    public static final OperationsConfig DEFAULTS = new OperationsConfig(2_000, LogFormat.TEXT);

    public OperationsConfig {
        if (readyTimeoutMs < 1 || readyTimeoutMs > 60_000) {
            throw new IllegalArgumentException("health.ready-timeout-ms: expected 1..60000 but was " + readyTimeoutMs);
        }
        Objects.requireNonNull(logFormat, "log.format");
    }

    /** The format of log lines. */
    public enum LogFormat {
        /** {@code 14:05:00.123 INFO  RealtimeHub - listening on …} */
        TEXT,
        /** One JSON object per line, for log collectors. */
        JSON;

        /** {@code text} or {@code json}, any case. */
        public static LogFormat parse(String value) {
            String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "text" -> TEXT;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException("expected text or json but was '" + value + "'");
            };
        }

        /** The name used in config and on the command line. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Builds an {@link OperationsConfig}; not thread-safe. */
    public static final class Builder {
        private long readyTimeoutMs = DEFAULTS.readyTimeoutMs();
        private LogFormat logFormat = DEFAULTS.logFormat();

        public Builder readyTimeoutMs(long value) {
            this.readyTimeoutMs = value;
            return this;
        }

        public Builder logFormat(LogFormat value) {
            this.logFormat = value;
            return this;
        }

        /** The validated settings. */
        public OperationsConfig build() {
            return new OperationsConfig(readyTimeoutMs, logFormat);
        }
    }
}
