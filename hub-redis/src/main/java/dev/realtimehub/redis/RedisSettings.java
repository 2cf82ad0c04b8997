package dev.realtimehub.redis;

/**
 * How a hub node uses Redis: where it is, the key prefix that separates hubs (and tests) sharing one Redis, the
 * idempotency window, the command timeout, and whether to wait for Redis at start.
 *
 * <p>Immutable; validated on construction with the config key named.
 *
 * @param uri {@code redis.uri}: a Lettuce URI ({@code redis://host:6379}, {@code rediss://…}, {@code redis-sentinel://…})
 * @param keyPrefix {@code redis.key-prefix}: prepended to every key and channel
 * @param idempotencyMs {@code publish.idempotency-ms}: how long a publication id is remembered
 * @param commandTimeoutMs {@code redis.command-timeout-ms}: how long one command may take before it fails
 * @param waitAtStart {@code redis.wait-at-start}: keep retrying an unreachable Redis at start instead of failing
 */
public record RedisSettings(String uri, String keyPrefix, long idempotencyMs, long commandTimeoutMs,
                            boolean waitAtStart) {

    /** The default key prefix. */
    public static final String DEFAULT_PREFIX = "rthub:";

    public RedisSettings {
        if (uri == null || !uri.matches("(?i)(redis|rediss|redis-socket|redis-sentinel|rediss-sentinel)://.+")) {
            throw new IllegalArgumentException("redis.uri: expected redis://host:port (or rediss://, redis-sentinel://)"
                    + " but was '" + uri + "'");
        }
        if (keyPrefix == null || keyPrefix.isEmpty() || keyPrefix.length() > 64 || keyPrefix.contains("{")
                || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("redis.key-prefix: expected 1-64 characters without braces but was '"
                    + keyPrefix + "'");
        }
        if (idempotencyMs < 1000 || idempotencyMs > 86_400_000) {
            throw new IllegalArgumentException("publish.idempotency-ms: expected 1000..86400000 but was " + idempotencyMs);
        }
        if (commandTimeoutMs < 100 || commandTimeoutMs > 60_000) {
            throw new IllegalArgumentException("redis.command-timeout-ms: expected 100..60000 but was " + commandTimeoutMs);
        }
    }

    /** Settings for {@code uri} with the defaults. */
    public static RedisSettings of(String uri) {
        return new RedisSettings(uri, DEFAULT_PREFIX, 600_000, 2_000, false);
    }

    /** The same settings with another key prefix. */
    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, prefix, idempotencyMs, commandTimeoutMs, waitAtStart);
    }
}
