package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HttpTestClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's snapshots, {@code GET /api/metrics} and {@code GET /api/tasks}, served by every node of a Redis hub. */
class ConsoleSnapshotsScaleOutTest {

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(name).asText()));
        return values;
    }

    @Test
    void everyNodeServesTheMetricsSamplesOfEveryNode() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            List<RealtimeHub> nodes = List.of(cluster.start("a", settings -> settings.metricsIntervalMs(100)),
                    cluster.start("b", settings -> settings.metricsIntervalMs(100)));

            for (RealtimeHub node : nodes) {
                HttpTestClient http = new HttpTestClient(node.httpUri());
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    Reply reply = http.get("/api/metrics");
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    JsonNode samples = reply.json().path("samples");
                    assertThat(field(samples, "type")).containsOnly("metrics");
                    assertThat(field(samples, "source")).contains("a", "b");
                    assertThat(reply.json().path("seq").asLong())
                            .isEqualTo(samples.get(samples.size() - 1).path("seq").asLong());
                    assertThat(reply.json().path("epoch").asText()).isEqualTo(node.engine().position("metrics").epoch());
                });
            }
        }
    }

    @Test
    void aTaskPutOnOneNodeIsListedByEveryNode() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a");
            RealtimeHub b = cluster.start("b");

            Reply put = new HttpTestClient(a.httpUri()).put("/api/tasks/import-1",
                    "{\"name\":\"Import users\",\"status\":\"running\",\"progress\":40,\"message\":\"batch 4\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            long seq = put.json().path("seq").asLong();

            for (RealtimeHub node : List.of(b, a)) {
                Reply list = new HttpTestClient(node.httpUri()).get("/api/tasks");
                assertThat(list.status()).as(list.body()).isEqualTo(200);
                JsonNode tasks = list.json().path("tasks");
                assertThat(field(tasks, "task_id")).containsExactly("import-1");
                assertThat(tasks.get(0).path("status").asText()).isEqualTo("running");
                assertThat(tasks.get(0).path("seq").asLong()).isEqualTo(seq);
                assertThat(list.json().path("seq").asLong()).isGreaterThanOrEqualTo(seq);
            }
        }
    }
}
