package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.HubStats;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionLifecycleTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    @Test
    void aThousandConnectDisconnectCyclesLeaveTheRegistryEmpty(RealtimeHub hub) throws Exception {
        for (int i = 0; i < 1000; i++) {
            try (RawWebSocket raw = RawWebSocket.connect(hub.port())) {
                raw.readTextContaining("\"connected\"");
                raw.sendText("{\"action\":\"subscribe\",\"topic\":\"logs\"}");
                raw.readTextContaining("\"subscription\"");
                if (i % 2 == 0) {
                    raw.sendFrame(true, 8, new byte[] {0x03, (byte) 0xE8}); // a clean close half of the time
                }
            }
        }
        await().until(() -> hub.engine().connectionCount() == 0);
        assertThat(hub.engine().stats().topics()).extracting(HubStats.TopicStats::subscribers).containsOnly(0);
        HttpTestClient.Reply stats = new HttpTestClient(hub.httpUri()).get("/api/ws/stats");
        assertThat(stats.json().path("total_connections").asInt()).isZero();
    }

    @Test
    void closeSends1001ToEveryClientFlushesWindowsAndReleasesThePort(RealtimeHub hub) throws Exception {
        int port = hub.port();
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WsTestClient client = WsTestClient.connected(hub.webSocketUri());
            client.subscribe("logs");
            clients.add(client);
        }
        for (int i = 0; i < 3; i++) {
            hub.publish("logs", Publication.of("log", Map.of("n", i))).join(); // 2 and 3 wait in the window
        }
        hub.close();
        for (WsTestClient client : clients) {
            assertThat(client.closeCode().get()).isEqualTo(1001);
            assertThat(client.seqs("logs")).as("the window was flushed before the close").containsExactly(1L, 2L, 3L);
        }
        // the address the hub listened on: a wildcard bind would also collide with other processes' client sockets
        // that happen to use the same port number on another loopback address
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
