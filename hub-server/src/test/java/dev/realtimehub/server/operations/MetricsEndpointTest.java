package dev.realtimehub.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.PrometheusText;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.WsTestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsEndpointTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private static PrometheusText scrape(HttpTestClient http) {
        HttpTestClient.Reply reply = http.get("/metrics");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return new PrometheusText(reply.body());
    }

    @Test
    void everyHubMetricIsThereWithItsLabelsAlongWithTheJvmAndProcessOnes(RealtimeHub hub) {
        PrometheusText metrics = scrape(new HttpTestClient(hub.httpUri()));
        assertThat(metrics.get("hub_connections")).isZero();
        for (String topic : List.of("stats", "logs", "alerts", "tasks")) {
            for (String series : List.of("hub_subscriptions", "hub_events_published_total",
                    "hub_events_delivered_total", "hub_events_throttled_total", "hub_batch_merged_total",
                    "hub_conflated_total")) {
                assertThat(metrics.value(series + "{topic=\"" + topic + "\"}")).as(series).isPresent();
            }
        }
        for (String result : List.of("recovered", "history_gone", "epoch_changed", "out_of_range", "failed")) {
            assertThat(metrics.value("hub_recoveries_total{result=\"" + result + "\"}")).isPresent();
        }
        assertThat(metrics.value("hub_slow_consumers_total{action=\"degraded\"}")).isPresent();
        assertThat(metrics.value("hub_slow_consumers_total{action=\"disconnected\"}")).isPresent();
        assertThat(metrics.value("hub_slow_consumers_stalled_total")).isPresent();
        assertThat(metrics.value("hub_publish_holds_total")).hasValue(0.0);
        assertThat(metrics.value("hub_publish_refused_total")).hasValue(0.0);
        assertThat(metrics.value("hub_fanout_queued_bytes")).isPresent();
        assertThat(metrics.value("hub_auth_failures_total")).isPresent();
        assertThat(metrics.value("hub_bytes_out_total")).isPresent();
        assertThat(metrics.toString()).contains("# TYPE hub_publish_to_write_seconds histogram",
                "hub_publish_to_write_seconds_bucket{le=\"0.001\"}", "hub_publish_to_write_seconds_bucket{le=\"+Inf\"}",
                "hub_publish_to_write_seconds_sum", "hub_publish_to_write_seconds_count");
        assertThat(metrics.toString()).as("the internal probe topic stays hidden").doesNotContain("hub_probe");
        assertThat(metrics.toString()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads",
                "jvm_gc_", "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_count",
                "process_uptime_seconds", "process_files_open_files");
    }

    @Test
    void countersMoveWithPublishesDeliveriesRecoveriesAndRefusedTokens(RealtimeHub hub) throws Exception {
        try (WsTestClient first = WsTestClient.connected(hub.webSocketUri());
             WsTestClient second = WsTestClient.connected(hub.webSocketUri())) {
            HttpTestClient http = new HttpTestClient(hub.httpUri());
            first.subscribe("alerts");
            second.subscribe("alerts");
            first.subscribe("logs");
            for (int i = 0; i < 3; i++) {
                http.publish("alerts", "alert", "\"title\":\"t" + i + "\"");
            }
            for (int i = 0; i < 5; i++) {
                http.publish("logs", "log", "\"message\":\"m" + i + "\"");
            }
            await().until(() -> first.seqs("alerts").size() == 3 && second.seqs("alerts").size() == 3
                    && first.seqs("logs").size() == 5);
            String epoch = first.messages("subscription").get(0).path("epoch").asText();
            try (WsTestClient late = WsTestClient.connected(hub.webSocketUri())) {
                late.request("{\"action\":\"subscribe\",\"topic\":\"alerts\",\"since\":1,\"epoch\":\""
                        + hub.engine().position("alerts").epoch() + "\"}", "subscription", "alerts");
                await().until(() -> late.seqs("alerts").size() == 2);
            }
            assertThat(epoch).isNotEmpty();
            try (RawWebSocket refused = RawWebSocket.connect(hub.port(), "Authorization: Bearer not-a-token")) {
                assertThat(refused.handshakeResponse()).startsWith("HTTP/1.1 401");
            }

            PrometheusText metrics = scrape(http);
            assertThat(metrics.get("hub_connections")).isEqualTo(2);
            assertThat(metrics.get("hub_subscriptions{topic=\"alerts\"}")).isEqualTo(2);
            assertThat(metrics.get("hub_subscriptions{topic=\"logs\"}")).isEqualTo(1);
            assertThat(metrics.get("hub_events_published_total{topic=\"alerts\"}")).isEqualTo(3);
            assertThat(metrics.get("hub_events_published_total{topic=\"logs\"}")).isEqualTo(5);
            assertThat(metrics.get("hub_events_delivered_total{topic=\"alerts\"}")).as("3 to 2 clients, 2 replayed")
                    .isEqualTo(3 * 2 + 2);
            assertThat(metrics.get("hub_events_delivered_total{topic=\"logs\"}")).isEqualTo(5);
            assertThat(metrics.get("hub_batch_merged_total{topic=\"logs\"}")).isPositive();
            assertThat(metrics.get("hub_events_throttled_total{topic=\"logs\"}")).isPositive();
            assertThat(metrics.get("hub_recoveries_total{result=\"recovered\"}")).isEqualTo(1);
            assertThat(metrics.get("hub_auth_failures_total")).isEqualTo(1);
            assertThat(metrics.get("hub_bytes_out_total")).isGreaterThan(500);
            assertThat(metrics.get("hub_publish_to_write_seconds_count")).as("one per frame and lane at least")
                    .isGreaterThanOrEqualTo(3);
            assertThat(metrics.get("hub_publish_to_write_seconds_bucket{le=\"+Inf\"}"))
                    .isEqualTo(metrics.get("hub_publish_to_write_seconds_count"));
            assertThat(metrics.get("hub_publish_to_write_seconds_sum")).isPositive();
        }
    }

    @Test
    void anApplicationCanAddItsOwnMetersAndOpenMetricsIsServedOnRequest(RealtimeHub hub) {
        hub.meterRegistry().counter("app.orders").increment(7);
        HttpTestClient http = new HttpTestClient(hub.httpUri());
        assertThat(scrape(http).get("app_orders_total")).isEqualTo(7);
        HttpTestClient.Reply open = http.send(java.net.http.HttpRequest.newBuilder(hub.httpUri().resolve("/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0").build());
        assertThat(open.raw().headers().firstValue("content-type").orElse(""))
                .startsWith("application/openmetrics-text");
        assertThat(open.body()).contains("# TYPE hub_connections gauge").endsWith("# EOF\n");
        assertThat(http.post("/metrics", "").status()).isEqualTo(405);
    }
}
