package dev.realtimehub.transport;

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
 */
public record TransportSettings(String host, int port, long heartbeatIntervalMs, long heartbeatTimeoutMs,
                                int maxBodyBytes, int maxFrameBytes, long outboundHardBytes, int ioThreads,
                                List<String> allowedOrigins) {

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
                    maxFrameBytes, outboundHardBytes, ioThreads, allowedOrigins);
        }
    }
}
