package dev.realtimehub.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Flow;

/**
 * A recovering client's Server-Sent Events stream, {@code GET /api/sse/realtime}, with its commands sent as
 * {@code POST /api/sse/realtime/{session}} to the same node (docs/API.md, "HTTP fallback transport"). Every
 * {@code data:} line is one server frame; comments ({@code : ping}) are skipped.
 */
final class SseConnection implements ClientConnection, Flow.Subscriber<String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final int port;
    private final ClientConnection.Sink sink;
    /** Set once, from the {@code connected} frame; any thread. */
    private volatile String session;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;

    private SseConnection(HttpClient http, int port, ClientConnection.Sink sink) {
        this.http = http;
        this.port = port;
        this.sink = sink;
    }

    /** Opens a stream to the node behind {@code port}; a refused or failed stream is reported to the sink as a loss. */
    static void open(HttpClient http, int port, ClientConnection.Sink sink) {
        SseConnection connection = new SseConnection(http, port, sink);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sse/realtime"))
                .header("Accept", "text/event-stream").GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(connection)).whenComplete((answer, failure) -> {
            if (failure != null) {
                sink.onLost(connection, "stream failed: " + failure);
            } else if (answer.statusCode() != 200) {
                sink.onLost(connection, "stream refused: " + answer.statusCode());
            }
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription opened) {
        subscription = opened;
        if (closed) {
            opened.cancel();
        } else {
            opened.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        if (!line.startsWith("data:")) {
            return; // blank separators, ": ping" comments, or the JSON body of a refusal (its status says it)
        }
        String frame = line.substring(5).trim();
        if (session == null) {
            try {
                session = JSON.readTree(frame).path("session").asText(null);
            } catch (IOException unreadable) {
                sink.onLost(this, "unreadable first frame: " + frame);
                return;
            }
        }
        sink.onFrame(this, frame);
    }

    @Override
    public void onError(Throwable error) {
        sink.onLost(this, "stream broke: " + error);
    }

    @Override
    public void onComplete() {
        sink.onLost(this, "stream ended");
    }

    @Override
    public void send(String frame) {
        if (session == null) {
            sink.onLost(this, "no session to send to");
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sse/realtime/" + session))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(frame)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
            if (failure != null) {
                sink.onLost(this, "command failed: " + failure);
            } else if (answer.statusCode() != 204) {
                sink.onLost(this, "command refused: " + answer.statusCode() + " " + answer.body());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription open = subscription;
        if (open != null) {
            open.cancel();
        }
    }
}
