package dev.realtimehub.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metrics sampler and {@code GET /api/metrics} against a real hub. */
class MetricsApiTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s.nodeId("node-a").metricsIntervalMs(100));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    @Test
    void theSamplerPublishesHostAndHubFiguresWithTheNodeAsSource() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("metrics");

            // the first reading of the host may not know the CPU load yet (null): wait for one that does
            JsonNode sample = client.awaitMessage(m -> "metrics".equals(m.path("type").asText())
                    && m.path("data").path("subscriptions").path("metrics").asInt() == 1
                    && m.path("data").path("cpu_percent").isNumber());

            assertThat(sample.path("topic").asText()).isEqualTo("metrics");
            assertThat(sample.path("source").asText()).isEqualTo("node-a");
            JsonNode data = sample.path("data");
            assertThat(data.path("connections").asInt()).isEqualTo(1);
            assertThat(data.path("subscriptions").path("stats").asInt()).isEqualTo(1);
            assertThat(data.path("heap_used_bytes").asLong()).isPositive();
            assertThat(data.path("heap_max_bytes").asLong()).isGreaterThanOrEqualTo(data.path("heap_used_bytes").asLong());
            assertThat(data.path("memory_total_bytes").asLong()).isPositive();
            assertThat(data.path("memory_used_bytes").asLong()).isBetween(1L, data.path("memory_total_bytes").asLong());
            assertThat(data.path("cpu_percent").asDouble()).isBetween(0.0, 100.0);
            assertThat(data.path("events_out_per_sec").isNumber()).isTrue();
        }
    }

    @Test
    void eventsOutPerSecondRisesWhenTheHubDeliversEvents() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("system");
            client.subscribe("metrics");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int i = 0; i < 20; i++) {
                    hub.broadcasts().systemEvent("tick", "tick " + i);
                }
                assertThat(client.events("metrics"))
                        .anyMatch(m -> m.path("data").path("events_out_per_sec").asDouble() >= 20);
            });
        }
    }

    @Test
    void getMetricsServesTheRecentSamplesWithTheTopicsSeqAndEpoch() {
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().position("metrics").seq() >= 3);

        JsonNode reply = http.get("/api/metrics").json();

        JsonNode samples = reply.path("samples");
        long seq = reply.path("seq").asLong();
        assertThat(seq).isGreaterThanOrEqualTo(3);
        assertThat(samples).hasSize((int) seq); // ten minutes hold every sample so far
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.path("type").asText()).isEqualTo("metrics");
            assertThat(s.path("source").asText()).isEqualTo("node-a");
        });
        assertThat(samples.get(samples.size() - 1).path("seq").asLong()).isEqualTo(seq);
        assertThat(reply.path("epoch").asText()).isEqualTo(hub.engine().position("metrics").epoch());
    }

    @Test
    void aDashboardSubscribingWithTheSnapshotSeqContinuesWithoutGapOrRepeat() {
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().position("metrics").seq() >= 2);
        JsonNode snapshot = http.get("/api/metrics").json();
        long seq = snapshot.path("seq").asLong();

        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.request("{\"action\":\"subscribe\",\"topic\":\"metrics\",\"since\":" + seq + ",\"epoch\":\""
                    + snapshot.path("epoch").asText() + "\"}", "subscription", "metrics");
            client.awaitMessage(m -> "metrics".equals(m.path("type").asText()) && m.path("seq").asLong() >= seq + 3);

            assertThat(client.seqs("metrics")).startsWith(seq + 1, seq + 2, seq + 3);
        }
    }
}
