package dev.realtimehub.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.SilentBroker;
import dev.realtimehub.server.testing.WsTestClient;
import dev.realtimehub.transport.base.HubEventLoops;
import dev.realtimehub.transport.base.HubSecurity;
import dev.realtimehub.transport.HubServer;
import dev.realtimehub.transport.base.TransportSettings;
import dev.realtimehub.transport.http.ApiKeyGuard;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReadinessTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    @Test
    void livenessAndReadinessAnswer200WithTheMemoryBroker(RealtimeHub hub) {
        HttpTestClient http = new HttpTestClient(hub.httpUri());
        HttpTestClient.Reply live = http.get("/health");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("ok");

        HttpTestClient.Reply ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("ready");
        assertThat(ready.json().path("broker").asText()).isEqualTo("memory");
        assertThat(ready.json().path("latency_ms").isNumber()).isTrue();
        assertThat(ready.json().path("latency_ms").asDouble()).isGreaterThanOrEqualTo(0).isLessThan(2000);
        assertThat(ready.json().path("node").asText()).isEqualTo(hub.engine().nodeId());
    }

    @Test
    void probesStayInvisibleToClients(RealtimeHub hub) {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            HttpTestClient http = new HttpTestClient(hub.httpUri());
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            assertThat(client.messages("connected").get(0).path("available_topics").toString()).doesNotContain("hub_probe");
            assertThat(client.subscribe("hub_probe").path("success").asBoolean()).isFalse();
            assertThat(http.post("/api/publish", "{\"topic\":\"hub_probe\",\"type\":\"probe\"}").status()).isEqualTo(400);
            assertThat(http.get("/api/ws/stats").body()).doesNotContain("hub_probe");
            assertThat(client.messages()).noneMatch(m -> m.path("type").asText().equals("probe"));
        }
    }

    @Test
    void aNodeWhoseBrokerStoppedDeliveringIsUnready() throws Exception {
        HubEventLoops loops = HubEventLoops.create(1);
        try {
            HubEngine hub = HubEngine.builder().scheduler(loops.scheduler()).broker(new SilentBroker()).build();
            HubServer server = HubServer.bind(hub, loops, TransportSettings.builder().port(0).build(), HubSecurity.OPEN,
                    HubServer.coreRoutes(hub, new ApiKeyGuard(List.of()), 300).build());
            try {
                HttpTestClient http = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port()));
                assertThat(http.get("/health").status()).as("still alive").isEqualTo(200);
                HttpTestClient.Reply ready = http.get("/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().path("status").asText()).isEqualTo("unready");
                assertThat(ready.json().path("reason").asText()).contains("did not come back", "300 ms");
                assertThat(ready.json().path("broker").asText()).isEqualTo("silent");
            } finally {
                server.close(1000);
                hub.close();
            }
        } finally {
            loops.close();
        }
    }
}
