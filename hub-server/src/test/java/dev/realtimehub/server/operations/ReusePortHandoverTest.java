package dev.realtimehub.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code reuse-port}: a new hub process (here a second hub in this JVM) listens on the port of one that is about to
 * drain; once the old one drains it stops listening, so every client reconnecting after its 1001 reaches the new one
 * at once, instead of finding the port refused (503 while draining, nothing while it restarts).
 */
class ReusePortHandoverTest {

    private static RealtimeHub.Builder hub(String nodeId, int port, boolean reusePort) {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(port).nodeId(nodeId);
        builder.settings().transport().reusePort(reusePort);
        return builder;
    }

    @Test
    void aHubStartedBesideADrainingOneTakesEveryNewConnection() throws Exception {
        try (RealtimeHub old = hub("old", 0, true).start()) {
            int port = old.port();
            WsTestClient client = WsTestClient.connected(old.webSocketUri());
            client.subscribe("logs");
            try (RealtimeHub fresh = hub("fresh", port, true).start()) {
                assertThat(fresh.port()).isEqualTo(port);

                old.startDraining(); // stops listening; its open connection is still served
                for (int i = 0; i < 20; i++) {
                    try (RawWebSocket next = RawWebSocket.connect(port)) {
                        assertThat(next.upgraded()).as("connection %d", i).isTrue();
                        assertThat(next.readTextContaining("\"connected\"")).contains("\"node\":\"fresh\"");
                    }
                }
                assertThat(old.engine().connectionCount()).as("the client it had").isEqualTo(1);

                old.close();
                assertThat(client.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
                WsTestClient back = WsTestClient.connected(fresh.webSocketUri());
                back.subscribe("logs");
                assertThat(fresh.engine().connectionCount()).isPositive();
                back.close();
            }
        }
    }

    @Test
    void withoutReusePortASecondHubCannotBindTheSamePort() {
        try (RealtimeHub first = hub("first", 0, false).start()) {
            assertThatThrownBy(() -> hub("second", first.port(), true).start())
                    .hasMessageContaining("cannot listen on");
        }
    }
}
