package dev.realtimehub.transport.base;

import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.api.Setting;
import java.util.List;

/**
 * What the Netty transport needs to know: where to listen, heartbeats, its size limits and the per-connection limits.
 *
 * <p>Immutable; each value is validated by its {@link Setting} (declared here, or in {@link Limits}), which names the
 * config key. Build with {@link #builder()}.
 *
 * @param host the address to bind
 * @param port the port to bind (0 picks a free one)
 * @param heartbeatIntervalMs how often the server pings each connection
 * @param heartbeatTimeoutMs how long a connection may stay silent before it is closed with 4009
 * @param maxBodyBytes the largest HTTP request body accepted ({@code publish.max-body-bytes})
 * @param maxFrameBytes the largest inbound WebSocket message accepted ({@code limits.max-frame-bytes})
 * @param ioThreads event loop threads serving connections (0: one per core)
 * @param allowedOrigins browser origins accepted besides the hub's own
 * @param maxConnections WebSocket connections accepted in total; more are refused with 503
 * @param maxConnectionsPerIp WebSocket connections accepted per client address (0: no limit)
 * @param handshakeTimeoutMs how long a connection may take to send a complete request (upgrade or API call)
 * @param limits the per-connection limits: subscriptions, inbound rate, outbound soft and hard bytes, stall time
 * @param socketSendBufferBytes each connection's kernel send buffer ({@code SO_SNDBUF}, which Linux doubles for its
 *     bookkeeping); 0 leaves it to the kernel's autotuning ({@code limits.socket-send-buffer-bytes})
 * @param socketUnsentBytes how many bytes a connection's socket may hold that the kernel has not sent yet
 *     ({@code TCP_NOTSENT_LOWAT}, epoll transport only); 0: no bound but the send buffer
 *     ({@code limits.socket-unsent-bytes})
 * @param reusePort whether the port is bound with {@code SO_REUSEPORT}, so that a new hub process can listen on it
 *     beside a draining one ({@code reuse-port}; Linux, epoll transport)
 */
public record TransportSettings(String host, int port, long heartbeatIntervalMs, long heartbeatTimeoutMs,
                                int maxBodyBytes, int maxFrameBytes, int ioThreads, List<String> allowedOrigins,
                                int maxConnections, int maxConnectionsPerIp, long handshakeTimeoutMs, Limits limits,
                                int socketSendBufferBytes, int socketUnsentBytes, boolean reusePort) {

    public static final Setting<String> HOST = Setting.ofString("host", "127.0.0.1", h -> !h.isBlank(),
            "a host name or address");
    public static final Setting<Integer> PORT = Setting.ofInt("port", 8000, 0, 65535);
    public static final Setting<Long> HEARTBEAT_INTERVAL_MS =
            Setting.ofLong("heartbeat.interval-ms", 30_000, 10, Long.MAX_VALUE);
    public static final Setting<Long> HEARTBEAT_TIMEOUT_MS =
            Setting.ofLong("heartbeat.timeout-ms", 60_000, 10, Long.MAX_VALUE);
    public static final Setting<Integer> MAX_BODY_BYTES =
            Setting.ofInt("publish.max-body-bytes", 1024 * 1024, 1024, Integer.MAX_VALUE);
    public static final Setting<Integer> MAX_FRAME_BYTES =
            Setting.ofInt("limits.max-frame-bytes", 64 * 1024, 1024, Integer.MAX_VALUE);
    public static final Setting<Integer> IO_THREADS = Setting.ofInt("io-threads", 0, 0, 256);
    public static final Setting<List<String>> ALLOWED_ORIGINS =
            Setting.ofList("allowed-origins", List.of(), list -> true, "a list of origins");
    public static final Setting<Integer> MAX_CONNECTIONS =
            Setting.ofInt("limits.max-connections", 100_000, 1, Integer.MAX_VALUE);
    public static final Setting<Integer> MAX_CONNECTIONS_PER_IP =
            Setting.ofInt("limits.max-connections-per-ip", 0, 0, Integer.MAX_VALUE).describedAs(">= 0 (0: no limit)");
    public static final Setting<Long> HANDSHAKE_TIMEOUT_MS =
            Setting.ofLong("limits.handshake-timeout-ms", 10_000, 100, Long.MAX_VALUE);
    /**
     * The kernel send buffer of each connection; 0 (the default) leaves it to the kernel's autotuning, which sizes it to
     * what is in flight. A fixed buffer below two of the path's largest segments stalls a connection that has more
     * to send: on loopback, where a segment is 64 KiB (a reverse proxy or a client on the same host), the receiver then
     * acknowledges only on its delayed-ACK timer: a 32 KiB buffer took one connection 610-660 of 2,000 events of
     * 4 KB a second, where the default delivers them all (docs/BENCHMARKS.md, "The kernel send buffer").
     * What a client has not read is kept in the hub by {@link #SOCKET_UNSENT_BYTES} instead.
     */
    public static final Setting<Integer> SOCKET_SEND_BUFFER_BYTES =
            Setting.ofInt("limits.socket-send-buffer-bytes", 0, 0, 64 * 1024 * 1024)
                    .describedAs("0 (the kernel's autotuning) or 1..67108864");
    /**
     * How many bytes a connection's socket may hold that the kernel has not sent yet ({@code TCP_NOTSENT_LOWAT}). Small,
     * so that what a connection has not read waits in the hub, where it is counted (slow consumers, overload), and
     * 10,000 connections cannot push the machine's TCP memory into pressure, while the send buffer still grows to what
     * is in flight. The epoll transport only; 0: no bound but the send buffer.
     */
    public static final Setting<Integer> SOCKET_UNSENT_BYTES =
            Setting.ofInt("limits.socket-unsent-bytes", 32 * 1024, 0, 64 * 1024 * 1024)
                    .describedAs("0 (no bound but the send buffer) or 1..67108864");

    /**
     * Binds the port with {@code SO_REUSEPORT}: a new hub process listens on it while the old one still drains, and the
     * old one stops accepting as soon as its drain starts, so clients reconnecting after 1001 reach the new one at once.
     */
    public static final Setting<Boolean> REUSE_PORT = Setting.ofBoolean("reuse-port", false);

    /** The WebSocket endpoint path. */
    public static final String WEBSOCKET_PATH = "/api/ws/realtime";

    public TransportSettings {
        HOST.check(host);
        if (host == null) {
            throw new IllegalArgumentException("host: expected a host name or address but was null");
        }
        PORT.check(port);
        HEARTBEAT_INTERVAL_MS.check(heartbeatIntervalMs);
        HEARTBEAT_TIMEOUT_MS.check(heartbeatTimeoutMs);
        if (heartbeatTimeoutMs < heartbeatIntervalMs) {
            throw new IllegalArgumentException("heartbeat.timeout-ms: expected >= heartbeat.interval-ms ("
                    + heartbeatIntervalMs + ") but was " + heartbeatTimeoutMs);
        }
        MAX_BODY_BYTES.check(maxBodyBytes);
        MAX_FRAME_BYTES.check(maxFrameBytes);
        IO_THREADS.check(ioThreads);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        MAX_CONNECTIONS.check(maxConnections);
        MAX_CONNECTIONS_PER_IP.check(maxConnectionsPerIp);
        HANDSHAKE_TIMEOUT_MS.check(handshakeTimeoutMs);
        limits = limits == null ? Limits.DEFAULTS : limits;
        SOCKET_SEND_BUFFER_BYTES.check(socketSendBufferBytes);
        SOCKET_UNSENT_BYTES.check(socketUnsentBytes);
    }

    /** Queued outbound bytes past which a connection counts as congested ({@code limits.outbound-soft-bytes}). */
    public long outboundSoftBytes() {
        return limits.outboundSoftBytes();
    }

    /** Queued outbound bytes past which a connection is closed with 4008 ({@code limits.outbound-hard-bytes}). */
    public long outboundHardBytes() {
        return limits.outboundHardBytes();
    }

    /** A builder holding every setting's default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TransportSettings}; not thread-safe. */
    public static final class Builder {
        private String host = HOST.defaultValue();
        private int port = PORT.defaultValue();
        private long heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS.defaultValue();
        private long heartbeatTimeoutMs = HEARTBEAT_TIMEOUT_MS.defaultValue();
        private int maxBodyBytes = MAX_BODY_BYTES.defaultValue();
        private int maxFrameBytes = MAX_FRAME_BYTES.defaultValue();
        private int ioThreads = IO_THREADS.defaultValue();
        private List<String> allowedOrigins = ALLOWED_ORIGINS.defaultValue();
        private int maxConnections = MAX_CONNECTIONS.defaultValue();
        private int maxConnectionsPerIp = MAX_CONNECTIONS_PER_IP.defaultValue();
        private long handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS.defaultValue();
        private int maxSubscriptions = Limits.MAX_SUBSCRIPTIONS.defaultValue();
        private int framesPerSecond = Limits.FRAMES_PER_SECOND.defaultValue();
        private long outboundSoftBytes = Limits.OUTBOUND_SOFT_BYTES.defaultValue();
        private long outboundHardBytes = Limits.OUTBOUND_HARD_BYTES.defaultValue();
        private long stallMs = Limits.STALL_MS.defaultValue();
        private int socketSendBufferBytes = SOCKET_SEND_BUFFER_BYTES.defaultValue();
        private int socketUnsentBytes = SOCKET_UNSENT_BYTES.defaultValue();
        private boolean reusePort = REUSE_PORT.defaultValue();

        private Builder() {
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder heartbeatIntervalMs(long value) {
            this.heartbeatIntervalMs = value;
            return this;
        }

        public Builder heartbeatTimeoutMs(long value) {
            this.heartbeatTimeoutMs = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        public Builder maxFrameBytes(int value) {
            this.maxFrameBytes = value;
            return this;
        }

        public Builder ioThreads(int value) {
            this.ioThreads = value;
            return this;
        }

        public Builder allowedOrigins(List<String> value) {
            this.allowedOrigins = value;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder maxConnectionsPerIp(int value) {
            this.maxConnectionsPerIp = value;
            return this;
        }

        public Builder handshakeTimeoutMs(long value) {
            this.handshakeTimeoutMs = value;
            return this;
        }

        public Builder maxSubscriptions(int value) {
            this.maxSubscriptions = value;
            return this;
        }

        public Builder framesPerSecond(int value) {
            this.framesPerSecond = value;
            return this;
        }

        public Builder outboundSoftBytes(long value) {
            this.outboundSoftBytes = value;
            return this;
        }

        public Builder outboundHardBytes(long value) {
            this.outboundHardBytes = value;
            return this;
        }

        /** The validated settings. */
        public Builder stallMs(long value) {
            this.stallMs = value;
            return this;
        }

        public Builder socketSendBufferBytes(int value) {
            this.socketSendBufferBytes = value;
            return this;
        }

        public Builder socketUnsentBytes(int value) {
            this.socketUnsentBytes = value;
            return this;
        }

        public Builder reusePort(boolean value) {
            this.reusePort = value;
            return this;
        }

        public TransportSettings build() {
            return new TransportSettings(host, port, heartbeatIntervalMs, heartbeatTimeoutMs, maxBodyBytes,
                    maxFrameBytes, ioThreads, allowedOrigins, maxConnections, maxConnectionsPerIp, handshakeTimeoutMs,
                    new Limits(maxSubscriptions, framesPerSecond, outboundSoftBytes, outboundHardBytes, stallMs),
                    socketSendBufferBytes, socketUnsentBytes, reusePort);
        }
    }
}
