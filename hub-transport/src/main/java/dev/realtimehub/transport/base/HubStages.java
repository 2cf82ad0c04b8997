package dev.realtimehub.transport.base;

import java.util.List;

/**
 * The names of the pipeline's stages, in one place: {@code HubChannelInitializer} adds the HTTP stages under them,
 * the WebSocket upgrade removes the HTTP-only ones and adds the WebSocket stages, and a session finds the encoder.
 */
public final class HubStages {

    public static final String TLS = "tls";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_KEEPALIVE = "http-keepalive";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String HTTP_DEADLINE = "http-deadline";
    public static final String HTTP_DRAIN = "http-drain";
    public static final String HTTP_ROUTER = "http-router";
    /** The name Netty's handshaker gives the WebSocket frame encoder it adds to the pipeline. */
    public static final String WS_ENCODER = "wsencoder";
    public static final String WS_UTF8 = "ws-utf8";
    public static final String WS_AGGREGATOR = "ws-aggregator";
    public static final String WS_HEARTBEAT = "ws-heartbeat";
    public static final String WS_FRAMES = "ws-frames";
    /** An SSE stream's comment heartbeat, and its last stage (writability, end, anything the client still sends). */
    public static final String SSE_HEARTBEAT = "sse-heartbeat";
    public static final String SSE_STREAM = "sse-stream";

    /**
     * The stages that serve HTTP requests only: the upgrade removes them once the connection speaks WebSocket, and an
     * SSE stream once its response has begun (the request deadline would cut it, the router has nothing left to route).
     */
    public static final List<String> HTTP_ONLY = List.of(HTTP_KEEPALIVE, HTTP_DEADLINE, HTTP_DRAIN, HTTP_ROUTER);

    private HubStages() {
    }
}
