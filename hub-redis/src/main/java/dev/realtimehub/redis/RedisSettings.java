package dev.realtimehub.redis;

import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.broker.MemoryBroker;

/**
 * How a hub node uses Redis: where it is, the key prefix that separates hubs (and tests) sharing one Redis, the
 * idempotency window, the command timeout, whether to wait for Redis at start, and how long an unused channel's keys
 * stay.
 *
 * <p>Immutable; each value is validated by its {@link Setting}, which names the config key.
 *
 * @param uri {@code redis.uri}: a Lettuce URI ({@code redis://host:6379}, {@code rediss://…}, {@code redis-sentinel://…})
 * @param keyPrefix {@code redis.key-prefix}: prepended to every key and channel
 * @param idempotencyMs {@code publish.idempotency-ms}: how long a publication id is remembered
 * @param commandTimeoutMs {@code redis.command-timeout-ms}: how long one command may take before it fails
 * @param waitAtStart {@code redis.wait-at-start}: keep retrying an unreachable Redis at start instead of failing
 * @param channelTtlMs {@code redis.channel-ttl-ms}: how long a channel's keys (seq, epoch, history) stay in Redis after
 *     the last publish, subscribe, history read or refresh by a node that holds the channel
 */
public record RedisSettings(String uri, String keyPrefix, long idempotencyMs, long commandTimeoutMs,
                            boolean waitAtStart, long channelTtlMs) {

    /** Where Redis is; unset (null) keeps the embedded in-memory broker. */
    public static final Setting<String> URI = Setting.ofString("redis.uri", null,
            uri -> uri.matches("(?i)(redis|rediss|redis-socket|redis-sentinel|rediss-sentinel)://.+"),
            "redis://host:port (or rediss://, redis-sentinel://)");
    public static final Setting<String> KEY_PREFIX = Setting.ofString("redis.key-prefix", "rthub:",
            prefix -> !prefix.isEmpty() && prefix.length() <= 64 && !prefix.contains("{") && !prefix.contains("}"),
            "1-64 characters without braces");
    public static final Setting<Long> COMMAND_TIMEOUT_MS = Setting.ofLong("redis.command-timeout-ms", 2_000, 100, 60_000);
    public static final Setting<Boolean> WAIT_AT_START = Setting.ofBoolean("redis.wait-at-start", false);
    /**
     * How long a channel's keys outlive their last use: every node that holds the channel refreshes them (a third of
     * this apart), so only channels no node holds any more lose them. Plain topics' keys never expire.
     */
    public static final Setting<Long> CHANNEL_TTL_MS = Setting.ofLong("redis.channel-ttl-ms", 3_600_000, 1_000,
            2_592_000_000L);

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
        CHANNEL_TTL_MS.check(channelTtlMs);
    }

    /** Settings for {@code uri} with the defaults. */
    public static RedisSettings of(String uri) {
        return new RedisSettings(uri, KEY_PREFIX.defaultValue(), MemoryBroker.IDEMPOTENCY_MS.defaultValue(),
                COMMAND_TIMEOUT_MS.defaultValue(), WAIT_AT_START.defaultValue(), CHANNEL_TTL_MS.defaultValue());
    }

    /** The same settings with another key prefix. */
    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, prefix, idempotencyMs, commandTimeoutMs, waitAtStart, channelTtlMs);
    }

    /** The same settings with another {@code redis.channel-ttl-ms}. */
    public RedisSettings withChannelTtlMs(long ttlMs) {
        return new RedisSettings(uri, keyPrefix, idempotencyMs, commandTimeoutMs, waitAtStart, ttlMs);
    }
}
