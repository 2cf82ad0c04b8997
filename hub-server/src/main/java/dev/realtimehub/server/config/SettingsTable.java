package dev.realtimehub.server.config;

import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.delivery.ChannelRegistry;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.redis.RedisSettings;
import dev.realtimehub.transport.base.TransportSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Every plain setting of the hub, once, with the builder method each one feeds. The key, the default, the accepted
 * values and the error of a setting live in its {@link Setting} constant, declared by the type that uses it; this table
 * only lists them, so the YAML file, the environment ({@code HUB_…}), the command-line flags and the docs' checks all
 * read the same definitions. A topic's settings ({@code topics.<name>.…}) are {@code TopicConfig}'s.
 *
 * <p>Immutable and thread-safe.
 */
public final class SettingsTable {

    /** One setting and the builder method it feeds. */
    public record Binding<T>(Setting<T> setting, BiConsumer<HubConfig.Builder, T> setter) {

        /** Reads {@code raw} as this setting and hands it to {@code builder}; errors name the key. */
        void apply(HubConfig.Builder builder, Object raw) {
            setter.accept(builder, setting.parse(raw));
        }

        /** The setting's key. */
        public String key() {
            return setting.key();
        }
    }

    private static final Map<String, Binding<?>> BY_KEY = new LinkedHashMap<>();

    static {
        bind(TransportSettings.HOST, HubConfig.Builder::host);
        bind(TransportSettings.PORT, HubConfig.Builder::port);
        bind(HubConfig.NODE_ID, HubConfig.Builder::nodeId);
        bind(TransportSettings.IO_THREADS, (b, v) -> b.transport().ioThreads(v));
        bind(TransportSettings.HEARTBEAT_INTERVAL_MS, (b, v) -> b.transport().heartbeatIntervalMs(v));
        bind(TransportSettings.HEARTBEAT_TIMEOUT_MS, (b, v) -> b.transport().heartbeatTimeoutMs(v));
        bind(TransportSettings.ALLOWED_ORIGINS, (b, v) -> b.transport().allowedOrigins(v));
        bind(TransportSettings.MAX_BODY_BYTES, (b, v) -> b.transport().maxBodyBytes(v));
        bind(TransportSettings.MAX_FRAME_BYTES, (b, v) -> b.transport().maxFrameBytes(v));
        bind(TransportSettings.MAX_CONNECTIONS, (b, v) -> b.transport().maxConnections(v));
        bind(TransportSettings.MAX_CONNECTIONS_PER_IP, (b, v) -> b.transport().maxConnectionsPerIp(v));
        bind(TransportSettings.HANDSHAKE_TIMEOUT_MS, (b, v) -> b.transport().handshakeTimeoutMs(v));
        bind(Limits.MAX_SUBSCRIPTIONS, HubConfig.Builder::maxSubscriptions);
        bind(Limits.FRAMES_PER_SECOND, HubConfig.Builder::framesPerSecond);
        bind(ChannelRegistry.MAX_CHANNELS, HubConfig.Builder::maxChannels); // channels (issue 18)
        bind(Limits.OUTBOUND_SOFT_BYTES, (b, v) -> b.transport().outboundSoftBytes(v));
        bind(Limits.OUTBOUND_HARD_BYTES, (b, v) -> b.transport().outboundHardBytes(v));
        bind(Limits.STALL_MS, (b, v) -> b.transport().stallMs(v));
        bind(TransportSettings.SOCKET_SEND_BUFFER_BYTES, (b, v) -> b.transport().socketSendBufferBytes(v));
        bind(TransportSettings.SOCKET_UNSENT_BYTES, (b, v) -> b.transport().socketUnsentBytes(v));
        bind(TransportSettings.REUSE_PORT, (b, v) -> b.transport().reusePort(v));
        bind(FanOutBudget.MAX_QUEUED_BYTES, HubConfig.Builder::maxQueuedBytes);
        bind(FanOutBudget.MAX_WAIT_MS, HubConfig.Builder::publishMaxWaitMs);
        bind(MemoryBroker.IDEMPOTENCY_MS, HubConfig.Builder::idempotencyMs);
        bind(HubConfig.SHUTDOWN_GRACE_MS, HubConfig.Builder::shutdownGraceMs);
        bind(HubConfig.BUS_ROUTES, HubConfig.Builder::busRoutes);
        bind(RedisSettings.URI, HubConfig.Builder::redisUri);
        bind(RedisSettings.KEY_PREFIX, HubConfig.Builder::redisKeyPrefix);
        bind(RedisSettings.COMMAND_TIMEOUT_MS, HubConfig.Builder::redisCommandTimeoutMs);
        bind(RedisSettings.WAIT_AT_START, HubConfig.Builder::redisWaitAtStart);
        bind(RedisSettings.CHANNEL_TTL_MS, HubConfig.Builder::redisChannelTtlMs);
        bind(SecurityConfig.ANONYMOUS, (b, v) -> b.security().anonymous(v));
        bind(SecurityConfig.JWT_HMAC_SECRET, (b, v) -> b.security().jwtHmacSecret(v));
        bind(SecurityConfig.JWT_PUBLIC_KEY_FILE, (b, v) -> b.security().jwtPublicKeyFile(v));
        bind(SecurityConfig.JWT_ROLES_CLAIM, (b, v) -> b.security().jwtRolesClaim(v));
        bind(SecurityConfig.JWT_COOKIE, (b, v) -> b.security().jwtCookie(v));
        bind(SecurityConfig.JWT_REQUIRE_EXP, (b, v) -> b.security().jwtRequireExp(v));
        bind(SecurityConfig.API_KEYS, (b, v) -> b.security().apiKeys(v));
        bind(SecurityConfig.TLS_CERT_FILE, (b, v) -> b.security().tlsCertFile(v));
        bind(SecurityConfig.TLS_KEY_FILE, (b, v) -> b.security().tlsKeyFile(v));
        bind(OperationsConfig.READY_TIMEOUT_MS, (b, v) -> b.operations().readyTimeoutMs(v));
        bind(OperationsConfig.LOG_FORMAT, (b, v) -> b.operations().logFormat(v));
        bind(ConsoleSettings.METRICS_INTERVAL_MS, HubConfig.Builder::metricsIntervalMs);
        bind(ConsoleSettings.HUB_LOG_LEVEL, HubConfig.Builder::hubLogLevel);
        bind(ConsoleSettings.TASK_FADE_MS, HubConfig.Builder::taskFadeMs);
    }

    private SettingsTable() {
    }

    private static <T> void bind(Setting<T> setting, BiConsumer<HubConfig.Builder, T> setter) {
        if (BY_KEY.put(setting.key(), new Binding<>(setting, setter)) != null) {
            throw new IllegalStateException(setting.key() + " is bound twice");
        }
    }

    /** Every setting, in the order of docs/CONFIG.md's sections. */
    public static List<Binding<?>> all() {
        return List.copyOf(BY_KEY.values());
    }

    /** Every key. */
    public static List<String> keys() {
        return List.copyOf(BY_KEY.keySet());
    }

    /** The setting at {@code key}, or {@code null}. */
    public static Binding<?> find(String key) {
        return BY_KEY.get(key);
    }
}
