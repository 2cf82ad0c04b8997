package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HttpTestClient.Reply;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishApiTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            s -> s.metricsIntervalMs(60_000)); // the sampler's events on 'metrics' stay out of the counts

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    @Test
    void oneEventAnswersItsSeq() {
        Reply reply = http.post("/api/publish", "{\"topic\":\"alerts\",\"type\":\"alert\",\"title\":\"t\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("seqs")).extracting(n -> n.asLong()).containsExactly(1L);
        assertThat(reply.raw().headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    }

    @Test
    void anArrayAnswersEverySeqInOrderAndSubscribersGetThemAll() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("rules");
            Reply reply = http.post("/api/publish", "[{\"topic\":\"rules\",\"type\":\"rule_change\",\"rule_id\":1},"
                    + "{\"topic\":\"alerts\",\"type\":\"alert\"},{\"topic\":\"rules\",\"type\":\"rule_change\",\"rule_id\":2}]");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("seqs")).extracting(n -> n.asLong()).containsExactly(1L, 1L, 2L);
            client.awaitMessage(m -> m.path("rule_id").asInt() == 2);
            assertThat(client.seqs("rules")).containsExactly(1L, 2L);
            assertThat(client.events("rules").get(0).fieldNames()).toIterable()
                    .containsExactly("type", "topic", "seq", "rule_id", "timestamp");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"x\"}|Missing field 'topic'",
        "{\"topic\":\"alerts\"}|Missing field 'type'",
        "{\"topic\":\"nope\",\"type\":\"x\"}|Unknown topic: nope",
        "{\"topic\":5,\"type\":\"x\"}|Field 'topic' must be a non-empty string but was a number",
        "{\"topic\":\"alerts\",\"type\":\"x\",\"throttle\":\"yes\"}|Field 'throttle' must be true, false or null but was a string",
        "{\"topic\":\"alerts\",\"type\":\"x\",\"seq\":5}|Field 'seq' is assigned by the hub and cannot be published",
        "[]|Empty array: expected at least one event",
        "42|Expected an event object but got a number",
        "[{\"topic\":\"alerts\",\"type\":\"x\"},{\"topic\":\"nope\",\"type\":\"x\"}]|Event 1: Unknown topic: nope",
    })
    void badEventsAre400WithTheReasonAndPublishNothing(String body, String error) {
        Reply reply = http.post("/api/publish", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo(error);
        assertThat(hub.engine().stats().totalBroadcasts()).isZero();
    }

    @ParameterizedTest(name = "user_id {0}")
    @CsvSource(delimiter = '|', value = {
        "[\"alice\"]|an array",
        "[]|an array",
        "{\"id\":\"alice\"}|an object",
        "true|a boolean",
        "false|a boolean",
        "\"\"|a string",
        "\"  \"|a string",
    })
    void aUserIdThatCanNameNobodyIs400NamingTheFieldAndPublishesNothing(String value, String kind) {
        String event = "{\"topic\":\"notifications\",\"type\":\"notification\",\"user_id\":" + value + "}";
        String error = "Field 'user_id' must be a non-empty string, a number or null but was " + kind;

        Reply alone = http.post("/api/publish", event);
        Reply second = http.post("/api/publish", "[{\"topic\":\"alerts\",\"type\":\"x\"}," + event + "]");

        assertThat(alone.status()).isEqualTo(400);
        assertThat(alone.body()).isEqualTo("{\"error\":\"" + error + "\"}");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body()).isEqualTo("{\"error\":\"Event 1: " + error + "\"}");
        assertThat(hub.engine().stats().totalBroadcasts()).isZero();
    }

    @Test
    void aUserIdMayBeAStringANumberOrNull() {
        for (String value : new String[] {"\"alice\"", "7", "null"}) {
            Reply reply = http.post("/api/publish",
                    "{\"topic\":\"notifications\",\"type\":\"notification\",\"user_id\":" + value + "}");
            assertThat(reply.status()).as("user_id %s", value).isEqualTo(200);
        }
    }

    @Test
    void invalidJsonIs400() {
        Reply reply = http.post("/api/publish", "{\"topic\":");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).startsWith("Invalid JSON");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        Reply reply = http.post("/api/publish", "{\"topic\":\"logs\",\"type\":\"log\",\"message\":\""
                + "x".repeat(1024 * 1024 + 10) + "\"}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().path("error").asText()).contains("publish.max-body-bytes");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void getOnPublishIs405() {
        assertThat(http.get("/api/publish").status()).isEqualTo(405);
    }

    @Test
    void unknownPathsAre404WithAJsonError() {
        Reply reply = http.get("/nothing/here");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").asText()).contains("Not found");
    }

    @Test
    void aPlainGetOnTheWebSocketPathIs400() {
        Reply reply = http.get("/api/ws/realtime");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).contains("WebSocket upgrade expected");
    }

    @Test
    void aForeignBrowserOriginIsRefusedAndTheOwnOneAccepted() throws Exception {
        try (RawWebSocket foreign = RawWebSocket.connect(hub.port(), "Origin: http://evil.example")) {
            assertThat(foreign.handshakeResponse()).startsWith("HTTP/1.1 403");
        }
        try (RawWebSocket own = RawWebSocket.connect(hub.port(), "Origin: http://127.0.0.1:" + hub.port())) {
            assertThat(own.upgraded()).isTrue();
        }
    }

    @Test
    void malformedHttpIsAnswered400() throws Exception {
        String answer = RawWebSocket.rawExchange(hub.port(),
                "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void statsHasTheOldShapePlusPerTopicFigures() {
        http.publish("logs", "log", "\"message\":\"a\"");
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("logs");
            Reply stats = http.get("/api/ws/stats");
            assertThat(stats.status()).isEqualTo(200);
            assertThat(stats.json().path("total_connections").asInt()).isEqualTo(1);
            assertThat(stats.json().path("subscriptions").path("logs").asInt()).isEqualTo(1);
            assertThat(stats.json().path("subscriptions").path("stats").asInt()).isEqualTo(1);
            assertThat(stats.json().path("broadcast_stats").fieldNames()).toIterable()
                    .contains("total_broadcasts", "throttled_count", "messages_merged");
            assertThat(stats.json().path("broadcast_stats").path("total_broadcasts").asLong()).isEqualTo(1);
            assertThat(stats.json().path("topics").path("logs").path("seq").asLong()).isEqualTo(1);
            assertThat(stats.json().path("topics").path("logs").path("history_size").asInt()).isEqualTo(1);
            assertThat(stats.json().path("topics").path("logs").path("epoch").asText()).isNotBlank();
        }
    }

    @Test
    void keepAliveConnectionsServeSeveralRequests() {
        HttpRequest request = HttpRequest.newBuilder(hub.httpUri().resolve("/health")).GET().build();
        for (int i = 0; i < 5; i++) {
            assertThat(http.send(request).status()).isEqualTo(200);
        }
    }
}
