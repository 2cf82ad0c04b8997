package dev.realtimehub.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subscriptions with a filter: who gets which event, batches and conflation per filter, recovery, encode-once. */
class FilteredDeliveryTest {

    private static final String ERRORS = "{\"level\":[\"ERROR\",\"CRITICAL\"]}";

    private final ManualTime time = new ManualTime();
    private final DirectLane lane = new DirectLane();
    private final HubEngine hub = HubEngine.builder().clock(time).scheduler(time)
            .topic(TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).batchMaxItems(3).build())
            .topic(TopicConfig.builder("feed").build())
            .build();

    private RecordingSession subscribe(String topic, String filter) {
        RecordingSession session = new RecordingSession(lane);
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\""
                + (filter == null ? "" : ",\"filter\":" + filter) + "}");
        return session;
    }

    private void log(String topic, String level, int n) {
        hub.publish(topic, Publication.of("log", Map.of("level", level, "n", n))).join();
    }

    private static List<String> levels(RecordingSession session, String topic) {
        return session.events(topic).stream().map(e -> e.path("level").asText()).toList();
    }

    @Test
    void aFilteredSubscriberGetsOnlyMatchingEventsAndTheOthersGetAll() {
        RecordingSession errors = subscribe("feed", ERRORS);
        RecordingSession all = subscribe("feed", null);
        log("feed", "INFO", 1);
        log("feed", "ERROR", 2);
        log("feed", "DEBUG", 3);
        log("feed", "CRITICAL", 4);

        assertThat(levels(errors, "feed")).containsExactly("ERROR", "CRITICAL");
        assertThat(errors.seqs("feed")).as("seqs keep their topic numbering, with holes").containsExactly(2L, 4L);
        assertThat(levels(all, "feed")).containsExactly("INFO", "ERROR", "DEBUG", "CRITICAL");
        assertThat(errors.messages("gap")).as("a filtered-out event is not a gap").isEmpty();
    }

    @Test
    void filteringChoosesRecipientsAndNeverReEncodes() {
        RecordingSession errors = subscribe("feed", ERRORS);
        RecordingSession all = subscribe("feed", null);
        log("feed", "ERROR", 1);
        Frame seenByFiltered = errors.written().stream().filter(f -> f.lastSeq() == 1).findFirst().orElseThrow();
        Frame seenByAll = all.written().stream().filter(f -> f.lastSeq() == 1).findFirst().orElseThrow();
        assertThat(seenByFiltered.json()).isSameAs(seenByAll.json());
    }

    @Test
    void subscribersWithTheSameFilterShareOneGroup() {
        TopicDispatcher feed = hub.channels().existing("feed");
        subscribe("feed", ERRORS);
        subscribe("feed", "{\"level\":[\"CRITICAL\",\"ERROR\"]}");
        subscribe("feed", null);
        subscribe("feed", "{\"level\":[\"INFO\"]}");
        assertThat(feed.subscriberCount()).isEqualTo(4);
        assertThat(feed.filterCount()).as("errors, info and unfiltered").isEqualTo(3);
    }

    @Test
    void subscribingAgainReplacesTheFilter() {
        RecordingSession session = new RecordingSession(lane);
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"feed\",\"filter\":" + ERRORS + "}");
        log("feed", "INFO", 1);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"feed\",\"filter\":{\"level\":[\"INFO\"]}}");
        log("feed", "INFO", 2);
        log("feed", "ERROR", 3);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"feed\"}");
        log("feed", "ERROR", 4);

        assertThat(session.seqs("feed")).containsExactly(2L, 4L);
        assertThat(hub.channels().existing("feed").subscriberCount()).isEqualTo(1);
        assertThat(hub.channels().existing("feed").filterCount()).isEqualTo(1);
    }

    @Test
    void aBatchFrameForAFilterGroupCarriesOnlyMatchingItems() {
        RecordingSession errors = subscribe("logs", ERRORS);
        RecordingSession all = subscribe("logs", null);
        log("logs", "INFO", 0); // opens the window, goes out at once (to the unfiltered only)
        for (int i = 1; i <= 8; i++) {
            log("logs", i % 2 == 0 ? "ERROR" : "INFO", i);
        }
        time.advance(100);

        List<JsonNode> batches = errors.messages("batch");
        assertThat(batches).extracting(b -> b.path("count").asInt()).containsExactly(3, 1);
        assertThat(batches).allSatisfy(b -> assertThat(b.path("items").size()).isEqualTo(b.path("count").asInt()));
        assertThat(levels(errors, "logs")).containsOnly("ERROR").hasSize(4);
        assertThat(errors.seqs("logs")).containsExactly(3L, 5L, 7L, 9L);
        assertThat(all.seqs("logs")).hasSize(9);
        assertThat(all.messages("batch")).extracting(b -> b.path("count").asInt()).containsExactly(3, 3, 2);
    }

    @Test
    void aWindowWithNothingMatchingSendsTheFilteredSubscriberNothing() {
        RecordingSession errors = subscribe("logs", ERRORS);
        log("logs", "INFO", 0);
        log("logs", "INFO", 1);
        time.advance(100);
        assertThat(errors.messages()).extracting(m -> m.path("type").asText()).containsOnly("connected", "subscription");
    }

    @Test
    void conflateTopicsHonourFiltersWithinTheirWindow() {
        RecordingSession running = subscribe("tasks", "{\"status\":[\"running\"]}");
        task("a", "running");     // opens the window: out at once
        task("a", "done");        // held: latest of a
        task("b", "queued");      // held
        task("b", "running");     // held: latest of b, replaces queued
        time.advance(100);
        // a's latest (done) does not match; b's latest (running) does
        assertThat(running.events("tasks")).extracting(e -> e.path("task_id").asText() + "=" + e.path("status").asText())
                .containsExactly("a=running", "b=running");
    }

    private void task(String id, String status) {
        hub.publish("tasks", Publication.of("task_update", Map.of("task_id", id, "status", status, "name", id,
                "progress", 0, "message", ""))).join();
    }

    @Test
    void recoveryReplaysOnlyMatchingEvents() {
        for (int i = 1; i <= 6; i++) {
            log("feed", i % 3 == 0 ? "ERROR" : "INFO", i);
        }
        String epoch = hub.position("feed").epoch();
        RecordingSession session = new RecordingSession(lane);
        hub.gateway().open(session, Identity.ANONYMOUS).onText("{\"action\":\"subscribe\",\"topic\":\"feed\",\"since\":1,"
                + "\"epoch\":\"" + epoch + "\",\"filter\":" + ERRORS + "}");
        log("feed", "ERROR", 7);
        log("feed", "INFO", 8);

        JsonNode reply = session.messages("subscription").get(0);
        assertThat(reply.path("recovered").asBoolean()).isTrue();
        assertThat(reply.path("seq").asLong()).isEqualTo(6);
        assertThat(session.seqs("feed")).containsExactly(3L, 6L, 7L);
    }

    @Test
    void aMalformedFilterIsRefusedWithTheReasonAndNothingIsSubscribed() {
        RecordingSession session = subscribe("feed", "{\"level\":\"ERROR\"}");
        JsonNode reply = session.messages("subscription").get(0);
        assertThat(reply.path("success").asBoolean()).isFalse();
        assertThat(reply.path("topic").asText()).isEqualTo("feed");
        assertThat(reply.path("error").asText()).isEqualTo("Invalid filter: filter field 'level' must list at least"
                + " one value");
        log("feed", "ERROR", 1);
        assertThat(session.seqs("feed")).isEmpty();
    }

    @Test
    void unsubscribingAFilteredSubscriberEmptiesItsGroup() {
        RecordingSession session = new RecordingSession(lane);
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"feed\",\"filter\":" + ERRORS + "}");
        connection.onText("{\"action\":\"unsubscribe\",\"topic\":\"feed\"}");
        log("feed", "ERROR", 1);
        assertThat(session.seqs("feed")).isEmpty();
        assertThat(hub.channels().existing("feed").subscriberCount()).isZero();
        assertThat(hub.channels().existing("feed").filterCount()).isZero();
    }
}
