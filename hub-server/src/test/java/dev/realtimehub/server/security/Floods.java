package dev.realtimehub.server.security;

import static dev.realtimehub.server.security.BadFrames.bytes;
import static dev.realtimehub.server.security.BadFrames.masked;
import static dev.realtimehub.server.security.WsProbe.frames;
import static dev.realtimehub.server.security.WsProbe.nextReply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.security.WsProbe.Case;
import dev.realtimehub.server.security.WsProbe.Close;
import dev.realtimehub.server.security.WsProbe.ErrorFrame;
import dev.realtimehub.server.security.WsProbe.Refused;
import dev.realtimehub.server.security.WsProbe.Subscribed;
import dev.realtimehub.server.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Floods: bursts of frames over {@code limits.frames-per-second} (one warning, then a 1008 close), subscriptions past
 * {@code limits.max-subscriptions}, pipelined bad HTTP requests, bodies over the limit, many bad clients at once.
 */
final class Floods {

    static final String RATE_LIMITED = "Rate limit exceeded: at most " + BadInputSuiteTest.FRAMES_PER_SECOND
            + " frames per second; frames are dropped";
    private static final int LIMIT = BadInputSuiteTest.FRAMES_PER_SECOND;
    private static final int POLICY_VIOLATION = 1008;
    private static final byte[] PING = masked(0x81, bytes("{\"action\":\"ping\"}"));

    private Floods() {
    }

    static Stream<Case> webSocketFloods() {
        byte[] subscribe = masked(0x81, bytes("{\"action\":\"subscribe\",\"topic\":\"rules\"}"));
        byte[] unsubscribe = masked(0x81, bytes("{\"action\":\"unsubscribe\",\"topic\":\"rules\"}"));
        return Stream.of(
                frames("101 pings in one burst", s -> {
                    s.sendRaw(repeat(PING, 2 * LIMIT + 1));
                    expectReplies(s, "pong", LIMIT);
                    expectRateWarning(s);
                }, new Close(POLICY_VIOLATION)),
                frames("1000 pings in one burst", s -> {
                    s.sendRaw(repeat(PING, 1000));
                    expectReplies(s, "pong", LIMIT);
                    expectRateWarning(s);
                }, new Close(POLICY_VIOLATION)),
                frames("101 binary frames in one burst", s -> {
                    s.sendRaw(repeat(masked(0x82, new byte[] {1}), 2 * LIMIT + 1));
                    expectReplies(s, "error", LIMIT);
                    expectRateWarning(s);
                }, new Close(POLICY_VIOLATION)),
                frames("101 subscribes and unsubscribes in one burst", s -> {
                    ByteArrayOutputStream burst = new ByteArrayOutputStream();
                    for (int i = 0; i <= 2 * LIMIT; i++) {
                        burst.writeBytes(i % 2 == 0 ? subscribe : unsubscribe);
                    }
                    s.sendRaw(burst.toByteArray());
                    for (int i = 0; i < LIMIT; i++) {
                        JsonNode reply = nextReply(s);
                        assertThat(reply.path("type").asText())
                                .isEqualTo(i % 2 == 0 ? "subscription" : "unsubscription");
                        assertThat(reply.path("success").asBoolean()).as("reply %s", reply).isTrue();
                    }
                    expectRateWarning(s);
                }, new Close(POLICY_VIOLATION)),
                frames("twice the limit keeps the connection, one frame more closes it", s -> {
                    s.sendRaw(repeat(PING, 2 * LIMIT));
                    expectReplies(s, "pong", LIMIT);
                    expectRateWarning(s);
                    s.sendFrame(true, WsProbe.OP_PING, bytes("alive"));
                    assertThat(WsProbe.nextPong(s)).as("still open after 2 x the limit").isEqualTo(bytes("alive"));
                    s.sendRaw(PING);
                }, new Close(POLICY_VIOLATION)),
                frames("a subscription past limits.max-subscriptions", s -> {
                    for (String topic : new String[] {"rules", "alerts", "system"}) {
                        s.sendText("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
                        assertThat(nextReply(s).path("success").asBoolean()).as("subscribing to %s", topic).isTrue();
                    }
                    s.sendText("{\"action\":\"subscribe\",\"topic\":\"logs\"}");
                }, new Refused("subscription", "logs", "Too many subscriptions: at most 4 per connection")),
                frames("40 subscribes to one topic count once", s -> {
                    s.sendRaw(repeat(subscribe, 40));
                    expectReplies(s, "subscription", 40);
                    s.sendText("{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
                }, new Subscribed("alerts", null)),
                frames("48 bad frames, an unknown action and a ping: exactly the limit", s -> {
                    s.sendRaw(repeat(masked(0x81, bytes("{")), LIMIT - 2));
                    expectReplies(s, "error", LIMIT - 2);
                    s.sendText("{\"action\":\"dance\"}");
                }, new ErrorFrame("Unknown action: dance")));
    }

    private static void expectReplies(RawWebSocket socket, String type, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            JsonNode reply = nextReply(socket);
            assertThat(reply.path("type").asText()).as("reply %d: %s", i + 1, reply).isEqualTo(type);
            assertThat(reply.path("message").asText()).as("reply %d", i + 1).isNotEqualTo(RATE_LIMITED);
        }
    }

    private static void expectRateWarning(RawWebSocket socket) throws IOException {
        JsonNode warning = nextReply(socket);
        assertThat(warning.path("type").asText()).as("warning %s", warning).isEqualTo("error");
        assertThat(warning.path("message").asText()).isEqualTo(RATE_LIMITED);
    }

    /** {@code count} bad publishes pipelined on one connection: every one answered 400, in order, then the close. */
    static void pipelinedBadPublishes(int port, int count) throws IOException {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            String body = "[" + "{\"topic\":\"alerts\",\"type\":\"x\"},".repeat(i % 3) + "{\"n\":" + i + "}]";
            requests.writeBytes(("POST /api/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n" + (i == count - 1 ? "Connection: close\r\n" : "")
                    + "\r\n" + body).getBytes(StandardCharsets.UTF_8));
        }
        try (RawHttp http = RawHttp.open(port)) {
            http.send(requests.toByteArray());
            List<RawHttp.Answer> answers = http.read(count);
            for (int i = 0; i < count; i++) {
                HttpProbe.check(answers.get(i), HttpProbe.error(400, "Event " + (i % 3) + ": Missing field 'topic'"));
            }
            assertThat(http.closedSilently()).as("closed after the last answer").isTrue();
        }
    }

    /** A chunked body that passes {@code publish.max-body-bytes} midway: 413 with the JSON error, then the close. */
    static void chunkedBodyOverTheLimit(int port) throws IOException {
        byte[] chunk = BadFrames.concat(bytes("10000\r\n"), BadFrames.padding(0x10000), bytes("\r\n"));
        try (RawHttp http = RawHttp.open(port)) {
            http.send("POST /api/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int sent = 0; sent <= 1024 * 1024; sent += 0x10000) {
                http.send(chunk);
            }
            HttpProbe.check(http.read(), BadHandshakes.tooLarge());
            assertThat(http.closedSilently()).as("closed after the 413").isTrue();
        }
    }

    /**
     * An upload of {@code mebibytes} over the limit: the 413 arrives while the client is still writing, and the hub
     * reads the rest instead of resetting the connection under the client's feet.
     */
    static void uploadOverTheLimitIsAnsweredAndDrained(int port, int mebibytes) throws Exception {
        int size = mebibytes * 1024 * 1024;
        try (RawHttp http = RawHttp.open(port)) {
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                try {
                    http.send("POST /api/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + size + "\r\n\r\n");
                    for (int sent = 0; sent < size; sent += 0x10000) {
                        http.send(BadFrames.padding(0x10000));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            HttpProbe.check(http.read(), BadHandshakes.tooLarge());
            upload.get(RawHttp.TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(http.closedSilently()).as("closed after the 413").isTrue();
        }
    }

    /** {@code clients} connections at once, each sending bad JSON: each gets its error and still answers a ping. */
    static void concurrentBadClients(int port, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                WsProbe.Case probe = WsProbe.text("bad client " + i, "{\"action\":" + i,
                        new ErrorFrame(BadTextFrames.INVALID_JSON));
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        WsProbe.run(port, probe);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] repeat(byte[] frame, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length * times);
        for (int i = 0; i < times; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }
}
