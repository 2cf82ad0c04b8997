package dev.realtimehub.redis;

import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.broker.MemoryBroker;

/**
 * How a hub node uses Redis: where it is, the key prefix that separates hubs (and tests) sharing one Redis, the
 * idempotency window, the command timeout, and whether to wait for Redis at start.
 *
 * <p>Immutable; each value is validated by its {@link Setting}, which names the config key.
 *
 * @param uri {@code redis.uri}: a Lettuce URI ({@code redis://host:6379}, {@code rediss://…}, {@code redis-sentinel://…})
 * @param keyPrefix {@code redis.key-prefix}: prepended to every key and channel
 * @param idempotencyMs {@code publish.idempotency-ms}: how long a publication id is remembered
 * @param commandTimeoutMs {@code redis.command-timeout-ms}: how long one command may take before it fails
 * @param waitAtStart {@code redis.wait-at-start}: keep retrying an unreachable Redis at start instead of failing
 */
public record RedisSettings(String uri, String keyPrefix, long idempotencyMs, long commandTimeoutMs,
                            boolean waitAtStart) {

    /** Where Redis is; unset (null) keeps the embedded in-memory broker. */
    public static final Setting<String> URI = Setting.ofString("redis.uri", null,
            uri -> uri.matches("(?i)(redis|rediss|redis-socket|redis-sentinel|rediss-sentinel)://.+"),
            "redis://host:port (or rediss://, redis-sentinel://)");
    public static final Setting<String> KEY_PREFIX = Setting.ofString("redis.key-prefix", "rthub:",
            prefix -> !prefix.isEmpty() && prefix.length() <= 64 && !prefix.contains("{") && !prefix.contains("}"),
            "1-64 characters without braces");
    public static final Setting<Long> COMMAND_TIMEOUT_MS = Setting.ofLong("redis.command-timeout-ms", 2_000, 100, 60_000);
    public static final Setting<Boolean> WAIT_AT_START = Setting.ofBoolean("redis.wait-at-start", false);

    /** The default key prefix. */
    public static final String DEFAULT_PREFIX = KEY_PREFIX.defaultValue();

    public RedisSettings {
        if (uri == null) {
            throw new IllegalArgumentException("redis.uri: expected " + URI.expected() + " but was 'null'");
        }
        URI.check(uri);
        if (keyPrefix == null) {
            throw new IllegalArgumentException("redis.key-prefix: expected " + KEY_PREFIX.expected() + " but was 'null'");
        }
        KEY_PREFIX.check(keyPrefix);
        MemoryBroker.IDEMPOTENCY_MS.check(idempotencyMs);
        COMMAND_TIMEOUT_MS.check(commandTimeoutMs);
    }

    /** Settings for {@code uri} with the defaults. */
    public static RedisSettings of(String uri) {
        return new RedisSettings(uri, KEY_PREFIX.defaultValue(), MemoryBroker.IDEMPOTENCY_MS.defaultValue(),
                COMMAND_TIMEOUT_MS.defaultValue(), WAIT_AT_START.defaultValue());
    }

    /** The same settings with another key prefix. */
    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, prefix, idempotencyMs, commandTimeoutMs, waitAtStart);
    }
}
