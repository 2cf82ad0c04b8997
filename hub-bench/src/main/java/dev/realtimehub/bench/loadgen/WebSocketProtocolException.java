package dev.realtimehub.bench.loadgen;

/** The server broke the WebSocket protocol as the load generator reads it; the connection is closed. */
final class WebSocketProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WebSocketProtocolException(String message) {
        super(message, null, false, false);
    }
}
