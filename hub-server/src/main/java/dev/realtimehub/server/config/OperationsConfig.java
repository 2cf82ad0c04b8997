package dev.realtimehub.server.config;

import dev.realtimehub.transport.http.ReadyEndpoint;
import dev.realtimehub.core.api.Setting;
import java.util.Locale;
import java.util.Objects;

/**
 * How the hub is operated: the bound on the readiness probe and the log format of the standalone command.
 *
 * <p>Immutable; each value is validated by its {@link Setting}, which names the config key.
 *
 * @param readyTimeoutMs {@code health.ready-timeout-ms}: how long {@code GET /health/ready} waits for its probe to come
 *     back through the broker before answering 503
 * @param logFormat {@code log.format}: human-readable lines or JSON lines (the {@code realtime-hub} command applies it;
 *     an application that embeds the hub configures its own logging)
 */
public record OperationsConfig(long readyTimeoutMs, LogFormat logFormat) {

    /** {@code health.ready-timeout-ms}, declared by the endpoint that waits for the probe. */
    public static final Setting<Long> READY_TIMEOUT_MS = ReadyEndpoint.TIMEOUT_MS;
    public static final Setting<LogFormat> LOG_FORMAT = Setting.of("log.format", LogFormat.TEXT, (key, raw) -> {
        try {
            return LogFormat.parse(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    });

    /** The defaults: a 2 s probe, text logs. */
    public static final OperationsConfig DEFAULTS = new OperationsConfig(READY_TIMEOUT_MS.defaultValue(),
            LOG_FORMAT.defaultValue());

    public OperationsConfig {
        READY_TIMEOUT_MS.check(readyTimeoutMs);
        Objects.requireNonNull(logFormat, LOG_FORMAT.key());
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
