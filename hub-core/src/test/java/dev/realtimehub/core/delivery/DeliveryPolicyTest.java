package dev.realtimehub.core.delivery;

import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.auth.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private final ManualTime time = new ManualTime();
    private final DirectLane lane = new DirectLane();
    private HubEngine hub;
    private RecordingSession session;

    @BeforeEach
    void setUp() {
        hub = HubEngine.builder().clock(time).scheduler(time)
                .topic(TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).batchMaxItems(3).build())
                .topic(TopicConfig.builder("feed").build())
                .build();
        session = new RecordingSession(lane);
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"logs\"}");
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"feed\"}");
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"tasks\"}");
        session.clear();
    }

    private void publish(String topic, String type, Map<String, ?> fields) {
        hub.publish(topic, Publication.of(type, fields)).join();
    }

    private void publish(String topic, Publication publication) {
        hub.publish(topic, publication).join();
    }

    @Test
    void immediateTopicSendsEveryEventAtOnce() {
        int pending = time.pending(); // the backlog sampler's next run
        for (int i = 0; i < 5; i++) {
            publish("feed", "event", Map.of("n", i));
        }
        assertThat(session.messages()).hasSize(5).allMatch(m -> m.path("type").asText().equals("event"));
        assertThat(session.seqs("feed")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(time.pending()).as("no window timer").isEqualTo(pending);
    }

    @Test
    void batchTopicSendsFirstAtOnceAndMergesTheRestWhenTheWindowCloses() {
        publish("logs", "log", Map.of("message", "first"));
        assertThat(session.seqs("logs")).containsExactly(1L);

        for (int i = 0; i < 7; i++) {
            publish("logs", "log", Map.of("message", "m" + i));
        }
        assertThat(session.seqs("logs")).as("held until the window closes").containsExactly(1L);

        time.advance(100);
        List<JsonNode> batches = session.messages("batch");
        assertThat(batches).extracting(b -> b.path("count").asInt()).containsExactly(3, 3, 1);
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.path("items").size()).isEqualTo(b.path("count").asInt());
            assertThat(b.path("topic").asText()).isEqualTo("logs");
            assertThat(b.path("timestamp").asText()).endsWith("Z");
        });
        assertThat(session.seqs("logs")).containsExactlyElementsOf(LongStream.rangeClosed(1, 8).boxed().toList());
        assertThat(batches.get(0).path("items").get(0).path("message").asText()).isEqualTo("m0");
    }

    @Test
    void windowStaysOpenWhileEventsKeepComingAndClosesWhenQuiet() {
        publish("logs", "log", Map.of("n", 1));
        publish("logs", "log", Map.of("n", 2));
        time.advance(100); // flushes 2, window re-armed
        publish("logs", "log", Map.of("n", 3));
        assertThat(session.seqs("logs")).as("a steady stream leaves once per window").containsExactly(1L, 2L);
        time.advance(100); // flushes 3
        time.advance(100); // nothing pending: window closes
        publish("logs", "log", Map.of("n", 4));
        assertThat(session.seqs("logs")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(session.messages()).last().extracting(m -> m.path("type").asText()).isEqualTo("log");
    }

    @Test
    void conflateTopicKeepsOnlyTheLatestEventPerKey() {
        publish("tasks", "task_update", Map.of("task_id", "a", "progress", 0));
        publish("tasks", "task_update", Map.of("task_id", "a", "progress", 10));
        publish("tasks", "task_update", Map.of("task_id", "b", "progress", 5));
        publish("tasks", "task_update", Map.of("task_id", "a", "progress", 20));
        time.advance(100);

        assertThat(session.seqs("tasks")).as("first at once, then b@3 and a@4").containsExactly(1L, 3L, 4L);
        JsonNode batch = session.messages("batch").get(0);
        assertThat(batch.path("items").get(1).path("progress").asInt()).isEqualTo(20);
        assertThat(hub.stats().topics()).filteredOn(t -> t.name().equals("tasks"))
                .singleElement().satisfies(t -> {
                    assertThat(t.conflated()).isEqualTo(1);
                    assertThat(t.throttled()).isEqualTo(3);
                    assertThat(t.merged()).isEqualTo(2);
                });
    }

    @Test
    void throttleFalseSendsAtOnceAfterWhatTheWindowHeld() {
        publish("logs", "log", Map.of("n", 1));
        publish("logs", "log", Map.of("n", 2));
        publish("logs", "log", Map.of("n", 3));
        publish("logs", Publication.builder("log").field("n", 4).throttle(false).build());

        assertThat(session.seqs("logs")).as("in seq order, nothing waits for the window")
                .containsExactly(1L, 2L, 3L, 4L);
        time.advance(100);
        assertThat(session.seqs("logs")).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void throttleTrueOnAnImmediateTopicMergesIntoTheWindow() {
        publish("feed", Publication.builder("event").field("n", 1).throttle(true).build());
        publish("feed", Publication.builder("event").field("n", 2).throttle(true).build());
        publish("feed", Publication.builder("event").field("n", 3).throttle(true).build());
        assertThat(session.seqs("feed")).containsExactly(1L);
        time.advance(100);
        assertThat(session.messages("batch")).singleElement()
                .satisfies(b -> assertThat(b.path("count").asInt()).isEqualTo(2));
        assertThat(hub.stats().throttledCount()).isEqualTo(2);
        assertThat(hub.stats().messagesMerged()).isEqualTo(2);
    }

    @Test
    void anImmediateEventOnAThrottledImmediateTopicFlushesTheWindowFirst() {
        publish("feed", Publication.builder("event").field("n", 1).throttle(true).build());
        publish("feed", Publication.builder("event").field("n", 2).throttle(true).build());
        publish("feed", "event", Map.of("n", 3));
        assertThat(session.seqs("feed")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void eventsOfOneBurstAreFlushedOncePerConnection() {
        lane.pause();
        for (int i = 0; i < 10; i++) {
            publish("feed", "event", Map.of("n", i));
        }
        int before = session.flushes();
        lane.resume();
        assertThat(session.seqs("feed")).hasSize(10);
        assertThat(session.flushes() - before).isEqualTo(1);
    }

    @Test
    void batchesNeverMixUsersAndKeepSeqOrder() {
        publish("logs", "log", Map.of("n", 0));
        publish("logs", "log", Map.of("n", 1));
        publish("logs", "log", Map.of("n", 2, "user_id", "alice"));
        publish("logs", "log", Map.of("n", 3));
        time.advance(100);
        assertThat(session.seqs("logs")).as("anonymous connection: alice's event skipped")
                .containsExactly(1L, 2L, 4L);
        assertThat(session.messages("batch")).hasSize(2);
    }

    @Test
    void everyEventCarriesTopicSeqAndAnIsoTimestamp() {
        publish("feed", "event", Map.of("data", Map.of("k", 1)));
        JsonNode event = session.messages().get(0);
        assertThat(event.path("topic").asText()).isEqualTo("feed");
        assertThat(event.path("seq").asLong()).isEqualTo(1);
        assertThat(event.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(event.path("data").path("k").asInt()).isEqualTo(1);
    }
}
