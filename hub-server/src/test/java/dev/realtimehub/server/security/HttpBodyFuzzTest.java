package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.testing.FuzzTries;
import dev.realtimehub.server.testing.SseTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the bodies of the HTTP endpoints that parse JSON from the network, over real HTTP: {@code POST /api/publish},
 * {@code POST /api/events} and the SSE command endpoint {@code POST /api/sse/realtime/{session}} (of a live stream).
 *
 * <p>Properties: every answer has a documented status — never a 500 — and an error is JSON with a reason; nothing is
 * half-accepted (a publish answered with an error moves no topic's seq; one answered 200 moved it by the seqs it
 * names); the SSE stream of the session stays open and still answers a ping; the hub logs nothing at WARN or above,
 * leaks no buffer and keeps serving a well-behaved client. Corpora: {@code HttpBodyFuzzTestInputs/<method>/}.
 */
class HttpBodyFuzzTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static FuzzedHub hub;
    private static SseTestClient stream;

    @BeforeAll
    static void start() {
        hub = FuzzedHub.start(b -> { });
        stream = SseTestClient.connected(hub.port());
    }

    @AfterAll
    static void stop() {
        stream.close();
        hub.close();
    }

    @FuzzTest(maxDuration = "5m")
    void publishBody(byte[] input) throws Exception {
        long before = hub.hub().engine().position(FuzzedHub.TOPIC).seq();
        HttpResponse<String> response = post("/api/publish", input);
        HubAnswers.assertApiAnswer(response, FuzzTries.preview(input));
        long after = hub.hub().engine().position(FuzzedHub.TOPIC).seq();
        if (response.statusCode() != 200) {
            assertThat(after).as("the seq of '%s' after a refused publish of %s", FuzzedHub.TOPIC,
                    FuzzTries.preview(input)).isEqualTo(before);
        } else {
            JsonNode seqs = HubAnswers.parse(response.body()).path("seqs");
            assertThat(seqs.isArray() && seqs.size() > 0).as("seqs in %s", response.body()).isTrue();
            assertThat(after - before).as("events accepted for '%s'", FuzzedHub.TOPIC).isLessThanOrEqualTo(seqs.size());
        }
        hub.assertHealthy(FuzzTries.preview(input));
    }

    @FuzzTest(maxDuration = "5m")
    void eventsBody(byte[] input) throws Exception {
        HubAnswers.assertApiAnswer(post("/api/events", input), FuzzTries.preview(input));
        hub.assertHealthy(FuzzTries.preview(input));
    }

    @FuzzTest(maxDuration = "5m")
    void sseCommandBody(byte[] input) throws Exception {
        HttpResponse<String> response = post(SseTestClient.PATH + "/" + stream.session(), input);
        HubAnswers.assertApiAnswer(response, FuzzTries.preview(input));
        assertThat(response.statusCode()).as("a live session is never unknown").isNotEqualTo(404);
        assertThat(stream.ended()).as("the SSE stream after the command %s", FuzzTries.preview(input)).isFalse();
        int pongs = stream.messages("pong").size();
        assertThat(post(SseTestClient.PATH + "/" + stream.session(), "{\"action\":\"ping\"}".getBytes()).statusCode())
                .isEqualTo(204);
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                .alias("the stream's pong after " + FuzzTries.preview(input))
                .until(() -> stream.messages("pong").size() > pongs);
        hub.assertHealthy(FuzzTries.preview(input));
    }

    @Test
    void publishBodyShortRun() {
        FuzzTries.run(getClass(), "publishBody", this::publishBody);
    }

    @Test
    void eventsBodyShortRun() {
        FuzzTries.run(getClass(), "eventsBody", this::eventsBody);
    }

    @Test
    void sseCommandBodyShortRun() {
        // two POSTs and a wait for the stream per input: a quarter of the tries keeps the default build's run short
        FuzzTries.run(getClass(), "sseCommandBody", 4, this::sseCommandBody);
    }

    private static HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.hub().httpUri() + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
