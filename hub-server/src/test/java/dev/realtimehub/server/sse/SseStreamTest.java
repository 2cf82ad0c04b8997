package dev.realtimehub.server.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.PrometheusText;
import dev.realtimehub.server.testing.SseTestClient;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SSE transport end to end: the stream, its commands, the same frames as a WebSocket gets, and its end. */
class SseStreamTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s.topic(TopicConfig.builder("orders").build())
            .transport().heartbeatIntervalMs(100).heartbeatTimeoutMs(1500));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        this.http = new HttpTestClient(hub.httpUri());
    }

    private HttpTestClient.Reply command(SseTestClient client, String body) {
        return http.post(SseTestClient.PATH + "/" + client.session(), body);
    }

    @Test
    void theStreamOpensWithConnectedAndAnUnguessableSession() {
        try (SseTestClient sse = SseTestClient.connected(hub.port());
             WsTestClient ws = WsTestClient.connected(hub.webSocketUri())) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("Content-Type")).isEqualTo("text/event-stream");
            assertThat(sse.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(sse.header("Transfer-Encoding")).isEqualTo("chunked");
            JsonNode connected = sse.messages().get(0);
            assertThat(connected.path("type").asText()).isEqualTo("connected");
            // 128 bits in URL-safe base64 (22 characters), a dot, the node holding the stream
            assertThat(connected.path("session").asText()).matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_.-]{1,64}")
                    .endsWith("." + hub.engine().nodeId());
            assertThat(connected.path("client_id").asText()).isNotEqualTo(connected.path("session").asText());
            JsonNode wsConnected = ws.messages().get(0);
            assertThat(wsConnected.has("session")).as("the WebSocket's connected frame is unchanged").isFalse();
            List<String> wsFields = iterate(wsConnected);
            assertThat(iterate(connected)).containsExactlyElementsOf(concat(wsFields, "session"));
            try (SseTestClient other = SseTestClient.connected(hub.port())) {
                assertThat(other.session()).isNotEqualTo(sse.session());
            }
        }
    }

    @Test
    void aCommandSubscribesAndEventsArriveAsTheWebSocketCarriesThem() {
        try (SseTestClient sse = SseTestClient.connected(hub.port());
             WsTestClient ws = WsTestClient.connected(hub.webSocketUri())) {
            assertThat(command(sse, "{\"action\":\"subscribe\",\"topic\":\"orders\"}").status()).isEqualTo(204);
            JsonNode reply = sse.awaitMessage(m -> "subscription".equals(m.path("type").asText()));
            assertThat(reply.path("success").asBoolean()).isTrue();
            ws.subscribe("orders");
            hub.publish("orders", Publication.of("order", Map.of("id", 7, "note", "two\nlines"))).join();
            JsonNode viaSse = sse.awaitMessage(m -> "order".equals(m.path("type").asText()));
            JsonNode viaWs = ws.awaitMessage(m -> "order".equals(m.path("type").asText()));
            assertThat(viaSse).isEqualTo(viaWs);
            assertThat(viaSse.path("note").asText()).isEqualTo("two\nlines");
            assertThat(sse.rawData()).allSatisfy(data -> assertThat(data).doesNotContain("\n"));
        }
    }

    @Test
    void anArrayOfFramesIsHandledInOrderAndErrorsComeOnTheStream() {
        try (SseTestClient sse = SseTestClient.connected(hub.port())) {
            assertThat(command(sse, "[{\"action\":\"subscribe\",\"topic\":\"orders\"},{\"action\":\"ping\"},"
                    + "{\"action\":\"unsubscribe\",\"topic\":\"orders\"},{\"action\":\"dance\"}]").status())
                    .isEqualTo(204);
            sse.awaitMessage(m -> "error".equals(m.path("type").asText()));
            assertThat(sse.messages()).extracting(m -> m.path("type").asText())
                    .containsExactly("connected", "subscription", "pong", "unsubscription", "error");
            assertThat(sse.messages("error").get(0).path("message").asText()).isEqualTo("Unknown action: dance");
        }
    }

    @Test
    void recoveryWithSinceAndEpochWorksOverSse() {
        try (SseTestClient first = SseTestClient.connected(hub.port())) {
            command(first, "{\"action\":\"subscribe\",\"topic\":\"orders\"}");
            hub.publish("orders", Publication.of("order", Map.of("n", 1))).join();
            JsonNode seen = first.awaitMessage(m -> "order".equals(m.path("type").asText()));
            String epoch = first.messages("subscription").get(0).path("epoch").asText();
            first.close();
            for (int n = 2; n <= 4; n++) {
                hub.publish("orders", Publication.of("order", Map.of("n", n))).join();
            }
            try (SseTestClient back = SseTestClient.connected(hub.port())) {
                command(back, "{\"action\":\"subscribe\",\"topic\":\"orders\",\"since\":" + seen.path("seq").asLong()
                        + ",\"epoch\":\"" + epoch + "\"}");
                JsonNode reply = back.awaitMessage(m -> "subscription".equals(m.path("type").asText()));
                assertThat(reply.path("recovered").asBoolean()).isTrue();
                await().atMost(Duration.ofSeconds(20)).until(() -> back.seqs("orders").size() == 3);
                assertThat(back.events("orders")).extracting(e -> e.path("n").asInt()).containsExactly(2, 3, 4);
            }
        }
    }

    @Test
    void heartbeatCommentsArriveEveryInterval() {
        try (SseTestClient sse = SseTestClient.connected(hub.port())) {
            // the interval is 100 ms: ten comments within the wait, and the stream stays open
            await().atMost(Duration.ofSeconds(20)).until(() -> sse.comments() >= 10);
            assertThat(sse.ended()).isFalse();
            assertThat(command(sse, "{\"action\":\"ping\"}").status()).isEqualTo(204);
            sse.awaitMessage(m -> "pong".equals(m.path("type").asText()));
        }
    }

    @Test
    void anUnknownSessionGets404() {
        HttpTestClient.Reply reply = http.post(SseTestClient.PATH + "/no-such-session", "{\"action\":\"ping\"}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").asText()).startsWith("Unknown session");
    }

    @Test
    void badCommandsGet400AndAnOversizedBody413() {
        try (SseTestClient sse = SseTestClient.connected(hub.port())) {
            HttpTestClient.Reply bad = command(sse, "{\"action\":");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("error").asText()).startsWith("Invalid JSON");
            assertThat(command(sse, "\"ping\"").json().path("error").asText())
                    .isEqualTo("Expected a client frame (a JSON object) or an array of them");
            assertThat(command(sse, "").status()).isEqualTo(400);
            String tooMany = "[" + String.join(",", java.util.Collections.nCopies(101, "{\"action\":\"ping\"}")) + "]";
            HttpTestClient.Reply many = command(sse, tooMany);
            assertThat(many.status()).isEqualTo(400);
            assertThat(many.json().path("error").asText()).isEqualTo("Too many frames: at most 100 per request");
            int limit = hub.config().transport().maxBodyBytes();
            HttpTestClient.Reply huge = command(sse, "{\"action\":\"ping\",\"pad\":\"" + "x".repeat(limit) + "\"}");
            assertThat(huge.status()).isEqualTo(413);
            // none of them reached the connection
            assertThat(sse.messages()).extracting(m -> m.path("type").asText()).containsExactly("connected");
            assertThat(command(sse, "{\"action\":\"ping\"}").status()).isEqualTo(204);
            sse.awaitMessage(m -> "pong".equals(m.path("type").asText()));
        }
    }

    @Test
    void aStreamTheClientClosesFreesItsSession() {
        SseTestClient sse = SseTestClient.connected(hub.port());
        String session = sse.session();
        assertThat(hub.engine().connectionCount()).isEqualTo(1);
        sse.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().connectionCount() == 0);
        HttpTestClient.Reply reply = http.post(SseTestClient.PATH + "/" + session, "{\"action\":\"ping\"}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(http.get("/api/ws/stats").json().path("connections_by_transport").path("sse").asInt()).isZero();
    }

    @Test
    void aServerCloseSendsADisconnectEventAndEndsTheStream() {
        try (SseTestClient sse = SseTestClient.connected(hub.port())) {
            String clientId = sse.messages().get(0).path("client_id").asText();
            assertThat(hub.engine().disconnectClient(clientId, dev.realtimehub.core.api.CloseCode.FORBIDDEN,
                    "access revoked")).isEqualTo(1);
            JsonNode disconnect = sse.awaitMessage(m -> "disconnect".equals(m.path("type").asText()));
            assertThat(disconnect.path("code").asInt()).isEqualTo(4003);
            assertThat(disconnect.path("reason").asText()).isEqualTo("access revoked");
            await().atMost(Duration.ofSeconds(20)).until(sse::ended);
            assertThat(sse.endedCleanly()).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().connectionCount() == 0);
        }
    }

    @Test
    void anHttp10ClientGetsTheStreamUnchunkedToTheEndOfTheConnection() {
        try (SseTestClient sse = SseTestClient.openHttp10(hub.port())) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("Transfer-Encoding")).isNull();
            assertThat(sse.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(command(sse, "{\"action\":\"ping\"}").status()).isEqualTo(204);
            sse.awaitMessage(m -> "pong".equals(m.path("type").asText()));
            await().atMost(Duration.ofSeconds(20)).until(() -> sse.comments() >= 2);
            String clientId = sse.messages().get(0).path("client_id").asText();
            hub.engine().disconnectClient(clientId, dev.realtimehub.core.api.CloseCode.FORBIDDEN, "access revoked");
            assertThat(sse.awaitMessage(m -> "disconnect".equals(m.path("type").asText())).path("code").asInt())
                    .isEqualTo(4003);
            await().atMost(Duration.ofSeconds(20)).until(sse::ended);
        }
    }

    @Test
    void aHubThatShutsDownTellsItsStreams1001() {
        try (SseTestClient sse = SseTestClient.connected(hub.port())) {
            hub.close();
            JsonNode disconnect = sse.awaitMessage(m -> "disconnect".equals(m.path("type").asText()));
            assertThat(disconnect.path("code").asInt()).isEqualTo(1001);
            assertThat(disconnect.path("reason").asText()).isEqualTo("server shutting down");
            await().atMost(Duration.ofSeconds(20)).until(sse::ended);
            assertThat(sse.endedCleanly()).isTrue();
        }
    }

    @Test
    void statsAndMetricsCountConnectionsByTransport() {
        try (SseTestClient sse = SseTestClient.connected(hub.port());
             SseTestClient sse2 = SseTestClient.connected(hub.port());
             WsTestClient ws = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode stats = http.get("/api/ws/stats").json();
            assertThat(stats.path("total_connections").asInt()).isEqualTo(3);
            assertThat(stats.path("connections_by_transport").path("sse").asInt()).isEqualTo(2);
            assertThat(stats.path("connections_by_transport").path("websocket").asInt()).isEqualTo(1);
            PrometheusText metrics = new PrometheusText(http.get("/metrics").body());
            assertThat(metrics.get("hub_connections_by_transport{transport=\"sse\"}")).isEqualTo(2.0);
            assertThat(metrics.get("hub_connections_by_transport{transport=\"websocket\"}")).isEqualTo(1.0);
        }
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> concat(List<String> names, String last) {
        List<String> all = new java.util.ArrayList<>(names);
        all.add(last);
        return all;
    }
}
