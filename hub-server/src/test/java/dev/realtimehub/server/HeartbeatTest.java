package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HeartbeatTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            s -> s.transport().heartbeatIntervalMs(100).heartbeatTimeoutMs(400));

    @Test
    void theServerPingsAndAnAnsweringClientStaysConnected(RealtimeHub hub) {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            await().until(() -> client.pings() >= 10); // ten intervals, four timeouts: the pongs kept it alive
            assertThat(client.isClosed()).isFalse();
            assertThat(client.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
    }

    @Test
    void aSilentClientIsClosedWith4009(RealtimeHub hub) throws Exception {
        try (RawWebSocket silent = RawWebSocket.connect(hub.port())) {
            assertThat(silent.upgraded()).isTrue();
            assertThat(silent.readUntilClose()).isEqualTo(4009);
        }
        await().until(() -> hub.engine().connectionCount() == 0);
    }
}
