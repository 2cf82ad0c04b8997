package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    private RealtimeHub hub;

    @BeforeEach
    void start() {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0);
        builder.settings().transport().heartbeatIntervalMs(100).heartbeatTimeoutMs(400);
        hub = builder.start();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void theServerPingsAndAnAnsweringClientStaysConnected() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            await().until(() -> client.pings() >= 10); // ten intervals, four timeouts: the pongs kept it alive
            assertThat(client.isClosed()).isFalse();
            assertThat(client.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
    }

    @Test
    void aSilentClientIsClosedWith4009() throws Exception {
        try (RawWebSocket silent = RawWebSocket.connect(hub.port())) {
            assertThat(silent.upgraded()).isTrue();
            assertThat(silent.readUntilClose()).isEqualTo(4009);
        }
        await().until(() -> hub.engine().connectionCount() == 0);
    }
}
