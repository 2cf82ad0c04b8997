package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HeartbeatTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            // the timeout is long enough that a test JVM starved of CPU for a moment (the client's reader thread late by
            // a few hundred ms) does not look like a dead client; the pings still come every 100 ms
            s -> s.transport().heartbeatIntervalMs(100).heartbeatTimeoutMs(1500));

    @Test
    void theServerPingsAndAnAnsweringClientStaysConnected(RealtimeHub hub) {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            // forty intervals, more than two timeouts: only the pongs kept it alive
            await().atMost(Duration.ofSeconds(30)).until(() -> client.pings() >= 40);
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
