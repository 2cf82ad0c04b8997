package dev.realtimehub.server.config;

import dev.realtimehub.core.bus.EventRoutes;
import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.delivery.ChannelRegistry;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.redis.RedisSettings;
import dev.realtimehub.core.topics.TopicCatalog;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.transport.base.TransportSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a hub is configured with: the transport's settings, the node id, shutdown grace, the topics, the event
 * bus routes and the console's settings.
 *
 * <p>Immutable; every value is validated by its {@link Setting} (declared by the type that uses it; {@link
 * SettingsTable} lists them all), which names the config key. Build with {@link #builder()} or load with {@link
 * ConfigLoader}.
 *
 * @param transport listening address, heartbeats, size limits and the per-connection limits
 * @param nodeId this node's id, or null for a random one
 * @param shutdownGraceMs how long shutdown waits for connections to close
 * @param topics declared topics and overrides of the built-in ones
 * @param busRoutes where {@link dev.realtimehub.core.bus.EventBus} events go; every route's topic must be built in or
 *     declared in {@code topics}
 * @param security who may connect and publish, and TLS
 * @param redis the Redis backplane, or null for the embedded in-memory broker
 * @param idempotencyMs {@code publish.idempotency-ms}: how long a publication {@code id} is remembered
 * @param operations readiness probe bound and log format
 * @param console the metrics sampler, the hub's own log lines and the console pages
 * @param publishLimits backpressure toward publishers
 * @param maxChannels {@code limits.max-channels}: how many channels ({@code ns:key}) may exist on this node
 */
public record HubConfig(TransportSettings transport, String nodeId, long shutdownGraceMs, List<TopicConfig> topics,
                        EventRoutes busRoutes, SecurityConfig security, RedisSettings redis, long idempotencyMs,
                        OperationsConfig operations, ConsoleSettings console, PublishLimits publishLimits,
                        int maxChannels) {

    public static final Setting<String> NODE_ID = Setting.ofString("node-id", null,
            id -> id.matches("[A-Za-z0-9_.-]{1,64}"), "1-64 of [A-Za-z0-9_.-]");
    public static final Setting<Long> SHUTDOWN_GRACE_MS = Setting.ofLong("shutdown.grace-ms", 5_000, 0, 600_000);
    public static final Setting<EventRoutes> BUS_ROUTES = EventRouteValues.setting(EventRoutes.CONFIG_KEY);

    public HubConfig {
        publishLimits = publishLimits == null ? PublishLimits.DEFAULTS : publishLimits;
        if (transport == null) {
            throw new IllegalArgumentException("transport must not be null");
        }
        if (publishLimits.maxQueuedBytes() < transport.limits().outboundHardBytes()) {
            throw new IllegalArgumentException("publish.max-queued-bytes: expected >= limits.outbound-hard-bytes ("
                    + transport.limits().outboundHardBytes() + ") but was " + publishLimits.maxQueuedBytes()
                    + ": one connection's queue alone would hold every publisher back");
        }
        SHUTDOWN_GRACE_MS.check(shutdownGraceMs);
        NODE_ID.check(nodeId);
        topics = List.copyOf(topics == null ? List.of() : topics);
        busRoutes = busRoutes == null ? BUS_ROUTES.defaultValue() : busRoutes;
        // a route may name a topic or a channel of a namespace
        TopicCatalog known = TopicCatalog.withDefaults(topics);
        busRoutes.requireTopics(topic -> known.refusal(topic) == null);
        security = security == null ? SecurityConfig.DEFAULTS : security;
        operations = operations == null ? OperationsConfig.DEFAULTS : operations;
        console = console == null ? ConsoleSettings.DEFAULTS : console;
        MemoryBroker.IDEMPOTENCY_MS.check(idempotencyMs);
        ChannelRegistry.MAX_CHANNELS.check(maxChannels);
    }

    /** The per-connection limits core enforces. */
    public Limits limits() {
        return transport.limits();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link HubConfig}; not thread-safe. Each field starts at its setting's default. */
    public static final class Builder {
        private final TransportSettings.Builder transport = TransportSettings.builder();
        private final Map<String, TopicConfig> topics = new LinkedHashMap<>();
        private String nodeId = NODE_ID.defaultValue();
        private long shutdownGraceMs = SHUTDOWN_GRACE_MS.defaultValue();
        private EventRoutes busRoutes = BUS_ROUTES.defaultValue();
        private final SecurityConfig.Builder security = new SecurityConfig.Builder();
        private final OperationsConfig.Builder operations = new OperationsConfig.Builder();
        private String redisUri = RedisSettings.URI.defaultValue();
        private String redisKeyPrefix = RedisSettings.KEY_PREFIX.defaultValue();
        private long redisCommandTimeoutMs = RedisSettings.COMMAND_TIMEOUT_MS.defaultValue();
        private boolean redisWaitAtStart = RedisSettings.WAIT_AT_START.defaultValue();
        private long redisChannelTtlMs = RedisSettings.CHANNEL_TTL_MS.defaultValue();
        private long idempotencyMs = MemoryBroker.IDEMPOTENCY_MS.defaultValue();
        private long maxQueuedBytes = FanOutBudget.MAX_QUEUED_BYTES.defaultValue();
        private long publishMaxWaitMs = FanOutBudget.MAX_WAIT_MS.defaultValue();
        private long metricsIntervalMs = ConsoleSettings.METRICS_INTERVAL_MS.defaultValue();
        private String hubLogLevel = ConsoleSettings.HUB_LOG_LEVEL.defaultValue();
        private long taskFadeMs = ConsoleSettings.TASK_FADE_MS.defaultValue();
        private int maxChannels = ChannelRegistry.MAX_CHANNELS.defaultValue();

        private Builder() {
        }

        /** Sets {@code limits.max-channels}. */
        public Builder maxChannels(int value) {
            this.maxChannels = value;
            return this;
        }

        /** Sets {@code publish.max-queued-bytes}. */
        public Builder maxQueuedBytes(long value) {
            this.maxQueuedBytes = value;
            return this;
        }

        /** Sets {@code publish.max-wait-ms}. */
        public Builder publishMaxWaitMs(long value) {
            this.publishMaxWaitMs = value;
            return this;
        }

        /** Switches from the in-memory broker to Redis at {@code uri} ({@code redis.uri}); null keeps memory. */
        public Builder redisUri(String value) {
            this.redisUri = value;
            return this;
        }

        public Builder redisKeyPrefix(String value) {
            this.redisKeyPrefix = value;
            return this;
        }

        public Builder redisCommandTimeoutMs(long value) {
            this.redisCommandTimeoutMs = value;
            return this;
        }

        public Builder redisWaitAtStart(boolean value) {
            this.redisWaitAtStart = value;
            return this;
        }

        /** Sets {@code redis.channel-ttl-ms}: how long a channel's keys outlive their last use. */
        public Builder redisChannelTtlMs(long value) {
            this.redisChannelTtlMs = value;
            return this;
        }

        public Builder idempotencyMs(long value) {
            this.idempotencyMs = value;
            return this;
        }

        /** The security settings being built. */
        public SecurityConfig.Builder security() {
            return security;
        }

        /** The operations settings being built: readiness probe bound, log format. */
        public OperationsConfig.Builder operations() {
            return operations;
        }

        public Builder maxSubscriptions(int value) {
            transport.maxSubscriptions(value);
            return this;
        }

        public Builder framesPerSecond(int value) {
            transport.framesPerSecond(value);
            return this;
        }

        /** The transport settings being built, to set listening address, heartbeats and limits. */
        public TransportSettings.Builder transport() {
            return transport;
        }

        public Builder host(String value) {
            transport.host(value);
            return this;
        }

        public Builder port(int value) {
            transport.port(value);
            return this;
        }

        public Builder nodeId(String value) {
            this.nodeId = value;
            return this;
        }

        public Builder shutdownGraceMs(long value) {
            this.shutdownGraceMs = value;
            return this;
        }

        /** Declares a topic or overrides a built-in one. */
        public Builder topic(TopicConfig topic) {
            topics.put(topic.name(), topic);
            return this;
        }

        /** Sets where event bus events go ({@link EventRoutes#defaults()} by default); config key {@code bus.routes}. */
        public Builder busRoutes(EventRoutes value) {
            this.busRoutes = Objects.requireNonNull(value, "busRoutes");
            return this;
        }

        /** Sets how often the sampler publishes on {@code metrics}; config key {@code metrics.interval-ms}. */
        public Builder metricsIntervalMs(long value) {
            this.metricsIntervalMs = value;
            return this;
        }

        /** Sets the level from which the hub's own log lines go to {@code logs}; config key {@code logs.hub-level}. */
        public Builder hubLogLevel(String value) {
            this.hubLogLevel = value;
            return this;
        }

        /** Sets how long the tasks page shows a finished task; config key {@code console.task-fade-ms}. */
        public Builder taskFadeMs(long value) {
            this.taskFadeMs = value;
            return this;
        }

        /** The validated config. */
        public HubConfig build() {
            return new HubConfig(transport.build(), nodeId, shutdownGraceMs, new ArrayList<>(topics.values()),
                    busRoutes, security.build(),
                    redisUri == null ? null : new RedisSettings(redisUri, redisKeyPrefix, idempotencyMs,
                            redisCommandTimeoutMs, redisWaitAtStart, redisChannelTtlMs),
                    idempotencyMs, operations.build(), new ConsoleSettings(metricsIntervalMs, hubLogLevel, taskFadeMs),
                    new PublishLimits(maxQueuedBytes, publishMaxWaitMs), maxChannels);
        }
    }
}
