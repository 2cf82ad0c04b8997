package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LimitsTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    @Test
    void subscriptionsPerConnectionAreCapped() {
        RealtimeHub hub = hubs.start(s -> s.maxSubscriptions(3));
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            // stats (default) + two more make three
            assertThat(client.subscribe("logs").path("success").asBoolean()).isTrue();
            assertThat(client.subscribe("alerts").path("success").asBoolean()).isTrue();
            JsonNode refused = client.subscribe("rules");
            assertThat(refused.path("success").asBoolean()).isFalse();
            assertThat(refused.path("error").asText()).isEqualTo("Too many subscriptions: at most 3 per connection");
            assertThat(client.subscribe("logs").path("success").asBoolean()).as("again is not more").isTrue();
            client.request("{\"action\":\"unsubscribe\",\"topic\":\"logs\"}", "unsubscription", "logs");
            assertThat(client.subscribe("rules").path("success").asBoolean()).isTrue();
        }
    }

    @Test
    void aFloodGetsAnErrorFrameThenIsClosedWith1008() throws Exception {
        RealtimeHub hub = hubs.start(s -> s.framesPerSecond(20));
        try (RawWebSocket raw = RawWebSocket.connect(hub.port())) {
            raw.readTextContaining("\"connected\"");
            for (int i = 0; i < 60; i++) {
                raw.sendText("{\"action\":\"ping\"}");
            }
            assertThat(raw.readTextContaining("Rate limit exceeded")).contains("at most 20 frames per second");
            assertThat(raw.readUntilClose()).isEqualTo(1008);
        }
    }

    @Test
    void connectionsPastTheTotalOrPerAddressLimitAre503() throws Exception {
        RealtimeHub hub = hubs.start(s -> s.transport().maxConnections(2));
        try (RawWebSocket first = RawWebSocket.connect(hub.port());
             RawWebSocket second = RawWebSocket.connect(hub.port())) {
            assertThat(first.upgraded()).isTrue();
            assertThat(second.upgraded()).isTrue();
            try (RawWebSocket third = RawWebSocket.connect(hub.port())) {
                assertThat(third.handshakeResponse()).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after");
                assertThat(new String(third.readBody(), StandardCharsets.UTF_8)).contains("limits.max-connections");
            }
            first.close();
            await().until(() -> hub.engine().connectionCount() == 1);
            try (RawWebSocket again = RawWebSocket.connect(hub.port())) {
                assertThat(again.upgraded()).as("a freed place is reused").isTrue();
            }
        }
        RealtimeHub perIp = hubs.start(s -> s.transport().maxConnectionsPerIp(1));
        try (RawWebSocket first = RawWebSocket.connect(perIp.port())) {
            assertThat(first.upgraded()).isTrue();
            try (RawWebSocket second = RawWebSocket.connect(perIp.port())) {
                assertThat(second.handshakeResponse()).startsWith("HTTP/1.1 503");
                assertThat(new String(second.readBody(), StandardCharsets.UTF_8)).contains("limits.max-connections-per-ip");
            }
        }
    }

    @Test
    void aHandshakeThatStallsIsClosed() throws Exception {
        RealtimeHub hub = hubs.start(s -> s.transport().handshakeTimeoutMs(300));
        try (Socket socket = new Socket("127.0.0.1", hub.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/ws/realtime HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
            assertThat(new HttpTestClient(hub.httpUri()).get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void aWebSocketIsNotCutByTheHandshakeDeadline() {
        RealtimeHub hub = hubs.start(s -> s.transport().handshakeTimeoutMs(200));
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            // three times the handshake deadline: one left armed after the upgrade would close it meanwhile
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                    .until(() -> !client.isClosed() && hub.engine().connectionCount() == 1);
            assertThat(client.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
    }
}
