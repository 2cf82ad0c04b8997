package dev.realtimehub.server.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) for integration tests: records every message as JSON, the close code, and can stop
 * reading to play a stalled browser.
 */
public final class WsTestClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean reading = true;
    private volatile int pings;

    private WsTestClient(URI uri, WebSocket.Builder builder) {
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects to {@code uri} (ws://…/api/ws/realtime). */
    public static WsTestClient connect(URI uri) {
        return new WsTestClient(uri, HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)));
    }

    /** Connects with extra handshake headers (name, value, name, value…). */
    public static WsTestClient connect(URI uri, String... headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return new WsTestClient(uri, builder);
    }

    /** Connects with extra headers and waits for the {@code connected} frame. */
    public static WsTestClient connected(URI uri, String... headers) {
        WsTestClient client = connect(uri, headers);
        client.awaitMessage(m -> "connected".equals(m.path("type").asText()));
        return client;
    }

    /** Connects and waits for the {@code connected} frame. */
    public static WsTestClient connected(URI uri) {
        WsTestClient client = connect(uri);
        client.awaitMessage(m -> "connected".equals(m.path("type").asText()));
        return client;
    }

    /** Sends a text frame. */
    public WsTestClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** Sends a binary frame. */
    public WsTestClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** Subscribes and waits for the reply; returns it. */
    public JsonNode subscribe(String topic) {
        return request("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}", "subscription", topic);
    }

    /** Sends a frame and waits for the reply of {@code type} about {@code topic}. */
    public JsonNode request(String frame, String type, String topic) {
        int before = messages.size();
        send(frame);
        return awaitMessageAfter(before, m -> type.equals(m.path("type").asText())
                && (topic == null || topic.equals(m.path("topic").asText())));
    }

    /** Waits for a message matching {@code filter} (among all received so far) and returns it. */
    public JsonNode awaitMessage(Predicate<JsonNode> filter) {
        return awaitMessageAfter(0, filter);
    }

    /** Waits for a message matching {@code filter} received after the first {@code index} messages. */
    public JsonNode awaitMessageAfter(int index, Predicate<JsonNode> filter) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<JsonNode> all = messages;
            for (int i = index; i < all.size(); i++) {
                if (filter.test(all.get(i))) {
                    return all.get(i);
                }
            }
            return null;
        }, m -> m != null);
    }

    /** Every message received so far. */
    public List<JsonNode> messages() {
        return new ArrayList<>(messages);
    }

    /** Messages of one type. */
    public List<JsonNode> messages(String type) {
        return messages.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** Every event seq received on {@code topic}, batches unpacked, in arrival order. */
    public List<Long> seqs(String topic) {
        return events(topic).stream().map(event -> event.path("seq").asLong()).toList();
    }

    /** Every event on {@code topic}, batches unpacked. */
    public List<JsonNode> events(String topic) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode message : messages) {
            String type = message.path("type").asText();
            if (!topic.equals(message.path("topic").asText()) || type.equals("subscription")
                    || type.equals("unsubscription") || type.equals("gap")) {
                continue;
            }
            if (type.equals("batch")) {
                message.path("items").forEach(events::add);
            } else {
                events.add(message);
            }
        }
        return events;
    }

    /** The close code the server sent, once it closed. */
    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    /** The close reason the server sent. */
    public CompletableFuture<String> closeReason() {
        return closeReason;
    }

    /** How many pings the server sent. */
    public int pings() {
        return pings;
    }

    /** Stops reading from the socket, like a frozen browser tab: the server's writes pile up. */
    public void stopReading() {
        reading = false;
    }

    /** Whether the server has closed the connection (or it failed). */
    public boolean isClosed() {
        return closeCode.isDone();
    }

    /**
     * Closes with {@code code} and waits for the server's close frame answering it (RFC 6455 5.5.1).
     *
     * @return the code of the server's close frame
     * @throws AssertionError when no close frame arrives within 5 s or the connection ends without one
     */
    public int closeAndAwaitAnswer(int code) {
        try {
            socket.sendClose(code, "bye").get(5, TimeUnit.SECONDS);
            int answer = closeCode.get(5, TimeUnit.SECONDS);
            if (answer == 1006) { // never in a close frame (RFC 6455 7.4.1): the connection ended without one
                throw new AssertionError("the connection ended without a close frame answering " + code + ": "
                        + closeReason.getNow(""));
            }
            return answer;
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not answer the close frame within 5 s", e);
        } catch (ExecutionException e) {
            throw new AssertionError("sending the close frame failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the server's close frame", e);
        } finally {
            socket.abort();
        }
    }

    /** Closes with 1000 and lets the socket go, answered or not: for cleaning up, not for asserting. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
                closeCode.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the server is gone or did not answer: abort below
            }
        }
        socket.abort();
    }

    /** Parses a frame as JSON. */
    static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(parse(partial.toString()));
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings++;
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason.complete(reason);
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason.complete(String.valueOf(error));
            closeCode.complete(1006);
        }
    }
}
