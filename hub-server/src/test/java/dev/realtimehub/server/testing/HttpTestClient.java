package dev.realtimehub.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the hub's JSON API in tests. */
public final class HttpTestClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;

    public HttpTestClient(URI base) {
        this.base = base;
    }

    /** A response: status and body parsed as JSON (or null when it is not JSON). */
    public record Reply(int status, JsonNode json, String body, HttpResponse<String> raw) {
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    public Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = WsTestClient.parse(response.body());
            } catch (RuntimeException notJson) {
                // left null
            }
            return new Reply(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Publishes one event and returns its seq. */
    public long publish(String topic, String type, String fieldsJson) {
        String body = "{\"topic\":\"" + topic + "\",\"type\":\"" + type + "\""
                + (fieldsJson == null || fieldsJson.isEmpty() ? "" : "," + fieldsJson) + "}";
        Reply reply = post("/api/publish", body);
        if (reply.status() != 200) {
            throw new IllegalStateException("publish failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().path("seqs").get(0).asLong();
    }
}
