package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.HubStats;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoPublisherTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s.metricsIntervalMs(100));

    private RealtimeHub hub;
    private DemoPublisher demo;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        demo = DemoPublisher.start(hub, 5, new Random(7));
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private List<Event> history(String topic) {
        return hub.engine().history(topic).join().events();
    }

    private Map<String, Long> publishedPerTopic() {
        return hub.engine().stats().topics().stream()
                .collect(Collectors.toMap(HubStats.TopicStats::name, HubStats.TopicStats::published));
    }

    @Test
    void everyBuiltInTopicGetsEvents() {
        // task is a namespace: the demo's updates go to its channels task:<id>, never to task itself
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Long> published = publishedPerTopic();
            assertThat(published).containsOnlyKeys("stats", "rules", "system", "logs", "alerts", "notifications",
                    "tasks", "task", "metrics");
            published.remove("task");
            assertThat(published).allSatisfy((topic, count) -> assertThat(count).as(topic).isPositive());
            assertThat(hub.engine().channels().summary().get("task").channels()).as("task channels").isPositive();
        });
    }

    @Test
    void statsCarryForwardCountersAndForwardEvents() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(history("stats"))
                .anySatisfy(e -> assertThat(e.fields().get("data").toString())
                        .contains("total_forwards=", "successful=", "failed="))
                .anySatisfy(e -> assertThat(e.fields().get("event")).isEqualTo("FORWARD_SUCCESS")));
    }

    @Test
    void logLinesComeAtEveryLevel() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(history("logs").stream()
                .map(e -> e.fields().get("level")).distinct().toList())
                .contains("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"));
    }

    @Test
    void tasksProgressAndEndDoneOrFailedWithAStartTime() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Event> tasks = history("tasks");
            assertThat(tasks).anySatisfy(t -> assertThat(t.fields().get("status")).isEqualTo("done"));
            assertThat(tasks).anySatisfy(t -> assertThat(t.fields().get("status")).isEqualTo("failed"));
            assertThat(tasks).anySatisfy(t -> assertThat((int) t.fields().get("progress")).isBetween(1, 99));
        });
        assertThat(history("tasks")).filteredOn(t -> !"queued".equals(t.fields().get("status")))
                .allSatisfy(t -> assertThat(t.fields().get("started_at")).isNotNull());
    }
}
