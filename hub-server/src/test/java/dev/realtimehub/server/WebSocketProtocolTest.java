package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebSocketProtocolTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s.nodeId("node-1"));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    @Test
    void connectedIsTheFirstFrameWithEveryField() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode connected = client.messages().get(0);
            assertThat(connected.path("type").asText()).isEqualTo("connected");
            assertThat(connected.path("client_id").asText()).hasSizeGreaterThanOrEqualTo(22);
            assertThat(connected.path("available_topics")).extracting(JsonNode::asText)
                    .containsExactly("stats", "rules", "system", "logs", "alerts", "notifications", "tasks", "task",
                            "metrics");
            assertThat(connected.path("protocol").asInt()).isEqualTo(1);
            assertThat(connected.path("node").asText()).isEqualTo("node-1");
            assertThat(connected.path("timestamp").asText()).matches("\\d{4}-.*T.*\\.\\d{3}Z");
        }
    }

    @Test
    void aNewConnectionIsSubscribedToStats() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            long seq = http.publish("stats", "stats_update", "\"data\":{\"forwarded\":12}");
            JsonNode event = client.awaitMessage(m -> "stats_update".equals(m.path("type").asText()));
            assertThat(event.path("seq").asLong()).isEqualTo(seq);
            assertThat(event.path("topic").asText()).isEqualTo("stats");
            assertThat(event.path("data").path("forwarded").asInt()).isEqualTo(12);
        }
    }

    @Test
    void subscribeUnsubscribeAndPing() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            http.publish("rules", "rule_change", "\"rule_id\":1");
            JsonNode reply = client.subscribe("rules");
            assertThat(reply.path("success").asBoolean()).isTrue();
            assertThat(reply.path("seq").asLong()).isEqualTo(1);
            assertThat(reply.path("epoch").asText()).isNotBlank();

            http.publish("rules", "rule_change", "\"rule_id\":2");
            assertThat(client.awaitMessage(m -> m.path("rule_id").asInt() == 2).path("seq").asLong()).isEqualTo(2);

            JsonNode unsubscribed = client.request("{\"action\":\"unsubscribe\",\"topic\":\"rules\"}", "unsubscription", "rules");
            assertThat(unsubscribed.path("success").asBoolean()).isTrue();
            http.publish("rules", "rule_change", "\"rule_id\":3");
            assertThat(client.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
            assertThat(client.seqs("rules")).containsExactly(2L);
        }
    }

    @Test
    void subscribingToAnEmptyTopicGivesSeqZeroAndAnEpoch() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode reply = client.subscribe("alerts");
            assertThat(reply.path("seq").asLong()).isZero();
            assertThat(reply.path("epoch").asText()).isNotBlank();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"action\":\"dance\"}|Unknown action: dance",
        "{\"foo\":1}|Missing action",
        "this is not json|Invalid JSON format",
        "{\"action\":|Invalid JSON format",
        "[]|Invalid message: expected a JSON object",
    })
    void badFramesGetAnErrorFrameAndTheConnectionStaysOpen(String frame, String message) {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode error = client.request(frame, "error", null);
            assertThat(error.path("message").asText()).isEqualTo(message);
            assertThat(client.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void unknownTopicIsRefusedWithAReason() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode reply = client.request("{\"action\":\"subscribe\",\"topic\":\"nope\"}", "subscription", "nope");
            assertThat(reply.path("success").asBoolean()).isFalse();
            assertThat(reply.path("error").asText()).isEqualTo("Unknown topic: nope");
        }
    }

    @Test
    void binaryFramesGetAnErrorFrame() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            int before = client.messages().size();
            client.sendBinary(new byte[] {1, 2, 3});
            JsonNode error = client.awaitMessageAfter(before, m -> "error".equals(m.path("type").asText()));
            assertThat(error.path("message").asText()).contains("Binary frames are not supported");
            assertThat(client.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
    }

    @Test
    void fragmentedTextFramesAreReassembled() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(hub.port())) {
            assertThat(raw.upgraded()).isTrue();
            raw.readTextContaining("\"connected\"");
            raw.sendFrame(false, 1, "{\"action\":".getBytes(StandardCharsets.UTF_8));
            raw.sendFrame(true, 0, "\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readTextContaining("pong")).contains("\"type\":\"pong\"");
        }
    }

    @Test
    void anInboundFrameOverTheLimitClosesWith1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(hub.port())) {
            raw.readTextContaining("\"connected\"");
            raw.sendText("{\"action\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertThat(raw.readUntilClose()).isEqualTo(1009);
        }
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void invalidUtf8ClosesWith1007AndTheHubKeepsServing() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(hub.port())) {
            raw.readTextContaining("\"connected\"");
            raw.sendFrame(true, 1, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
            assertThat(raw.readUntilClose()).isEqualTo(1007);
        }
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            assertThat(client.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
    }

    @Test
    void aClientCloseIsAnsweredAndTheConnectionLeaves() {
        WsTestClient client = WsTestClient.connected(hub.webSocketUri());
        await().until(() -> hub.engine().connectionCount() == 1);

        assertThat(client.closeAndAwaitAnswer(1000)).as("the server's close frame echoes the client's code")
                .isEqualTo(1000);
        await().until(() -> hub.engine().connectionCount() == 0);
    }
}
