package dev.realtimehub.bench.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** A recovering client's WebSocket to {@code /api/ws/realtime}, on the JDK's WebSocket client. */
final class WebSocketConnection implements ClientConnection, WebSocket.Listener {

    private final ClientConnection.Sink sink;
    /** Set once open (before any frame); any thread. */
    private volatile WebSocket socket;
    /** The text of a message arriving in parts; the JDK calls the listener one part at a time. */
    private final StringBuilder partial = new StringBuilder();

    private WebSocketConnection(ClientConnection.Sink sink) {
        this.sink = sink;
    }

    /** Opens a WebSocket to the node behind {@code port}; a failed handshake is reported to the sink as a loss. */
    static void open(HttpClient http, int port, ClientConnection.Sink sink) {
        WebSocketConnection connection = new WebSocketConnection(sink);
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/ws/realtime"), connection)
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        sink.onLost(connection, "handshake failed: " + failure);
                    }
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            sink.onFrame(this, frame);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        sink.onLost(this, "closed " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        sink.onLost(this, "error: " + error);
    }

    @Override
    public void send(String frame) {
        try {
            socket.sendText(frame, true).whenComplete((sent, failure) -> {
                if (failure != null) {
                    sink.onLost(this, "send failed: " + failure);
                }
            });
        } catch (RuntimeException failure) {
            sink.onLost(this, "send failed: " + failure);
        }
    }

    @Override
    public void close() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }
}
