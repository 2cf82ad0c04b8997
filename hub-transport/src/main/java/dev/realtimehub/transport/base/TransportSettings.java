package dev.realtimehub.transport.base;

import java.util.List;

/**
 * What the Netty transport needs to know: where to listen, heartbeats, and its size limits.
 *
 * <p>Immutable; validated on construction with the config key named. Build with {@link #builder()}.
 *
 * @param host the address to bind
 * @param port the port to bind (0 picks a free one)
 * @param heartbeatIntervalMs how often the server pings each connection
 * @param heartbeatTimeoutMs how long a connection may stay silent before it is closed with 4009
 * @param maxBodyBytes the largest HTTP request body accepted ({@code publish.max-body-bytes})
 * @param maxFrameBytes the largest inbound WebSocket message accepted ({@code limits.max-frame-bytes})
 * @param outboundHardBytes queued outbound bytes past which a connection is closed with 4008
 * @param ioThreads event loop threads serving connections (0: one per core)
 * @param allowedOrigins browser origins accepted besides the hub's own
 * @param outboundSoftBytes queued outbound bytes past which a connection counts as congested
 * @param maxConnections WebSocket connections accepted in total; more are refused with 503
 * @param maxConnectionsPerIp WebSocket connections accepted per client address (0: no limit)
 * @param handshakeTimeoutMs how long a connection may take to send a complete request (upgrade or API call)
 */
public record TransportSettings(String host, int port, long heartbeatIntervalMs, long heartbeatTimeoutMs,
                                int maxBodyBytes, int maxFrameBytes, long outboundHardBytes, int ioThreads,
                                List<String> allowedOrigins, long outboundSoftBytes, int maxConnections,
                                int maxConnectionsPerIp, long handshakeTimeoutMs) {

    /** The WebSocket endpoint path. */
    public static final String WEBSOCKET_PATH = "/api/ws/realtime";

    public TransportSettings {
        require(host != null && !host.isBlank(), "host", "a host name or address", host);
        require(port >= 0 && port <= 65535, "port", "0..65535", port);
        require(heartbeatIntervalMs >= 10, "heartbeat.interval-ms", ">= 10", heartbeatIntervalMs);
        require(heartbeatTimeoutMs >= heartbeatIntervalMs, "heartbeat.timeout-ms",
                ">= heartbeat.interval-ms (" + heartbeatIntervalMs + ")", heartbeatTimeoutMs);
        require(maxBodyBytes >= 1024, "publish.max-body-bytes", ">= 1024", maxBodyBytes);
        require(maxFrameBytes >= 1024, "limits.max-frame-bytes", ">= 1024", maxFrameBytes);
        require(outboundHardBytes >= 1024, "limits.outbound-hard-bytes", ">= 1024", outboundHardBytes);
        require(ioThreads >= 0 && ioThreads <= 256, "io-threads", "0..256", ioThreads);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        require(outboundSoftBytes >= 1024, "limits.outbound-soft-bytes", ">= 1024", outboundSoftBytes);
        require(outboundHardBytes > outboundSoftBytes, "limits.outbound-hard-bytes",
                "> limits.outbound-soft-bytes (" + outboundSoftBytes + ")", outboundHardBytes);
        require(maxConnections >= 1, "limits.max-connections", ">= 1", maxConnections);
        require(maxConnectionsPerIp >= 0, "limits.max-connections-per-ip", ">= 0 (0: no limit)", maxConnectionsPerIp);
        require(handshakeTimeoutMs >= 100, "limits.handshake-timeout-ms", ">= 100", handshakeTimeoutMs);
    }

    private static void require(boolean ok, String key, String expected, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": expected " + expected + " but was " + value);
        }
    }

    /** A builder with the defaults of DESIGN.md. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TransportSettings}; not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8000;
        private long heartbeatIntervalMs = 30_000;
        private long heartbeatTimeoutMs = 60_000;
        private int maxBodyBytes = 1024 * 1024;
        private int maxFrameBytes = 64 * 1024;
        private long outboundHardBytes = 1024 * 1024;
        private int ioThreads;
        private List<String> allowedOrigins = List.of();
        private long outboundSoftBytes = 256 * 1024;
        private int maxConnections = 100_000;
        private int maxConnectionsPerIp;
        private long handshakeTimeoutMs = 10_000;

        private Builder() {
        }

        public Builder outboundSoftBytes(long value) {
            this.outboundSoftBytes = value;
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

        public Builder outboundHardBytes(long value) {
            this.outboundHardBytes = value;
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

        /** The validated settings. */
        public TransportSettings build() {
            return new TransportSettings(host, port, heartbeatIntervalMs, heartbeatTimeoutMs, maxBodyBytes,
                    maxFrameBytes, outboundHardBytes, ioThreads, allowedOrigins, outboundSoftBytes, maxConnections,
                    maxConnectionsPerIp, handshakeTimeoutMs);
        }
    }
}
