package dev.realtimehub.server.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.testing.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Assertions on the frames a {@link WsTestClient} received, shared by the embedding tests. */
final class Frames {

    /** What every event carries besides its own fields. */
    private static final List<String> ENVELOPE = List.of("type", "topic", "seq", "timestamp");

    private Frames() {
    }

    /** Waits for the event published with {@code seq} on {@code topic} (alone or inside a batch) and returns it. */
    static JsonNode awaitEvent(WsTestClient client, String topic, CompletableFuture<Long> seq) {
        long wanted = seq.join();
        client.awaitMessage(m -> topic.equals(m.path("topic").asText()) && carries(m, wanted));
        return client.events(topic).stream().filter(e -> e.path("seq").asLong() == wanted).findFirst().orElseThrow();
    }

    private static boolean carries(JsonNode message, long seq) {
        String type = message.path("type").asText();
        if (type.equals("batch")) {
            for (JsonNode item : message.path("items")) {
                if (item.path("seq").asLong() == seq) {
                    return true;
                }
            }
            return false;
        }
        return !type.equals("subscription") && message.path("seq").asLong() == seq;
    }

    /** Asserts {@code event} is a {@code type} event on {@code topic} with exactly the envelope and {@code fields}. */
    static void assertShape(JsonNode event, String type, String topic, String... fields) {
        List<String> expected = new ArrayList<>(ENVELOPE);
        expected.addAll(List.of(fields));
        assertThat(fieldNames(event)).as("fields of %s", event).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(event.path("type").asText()).isEqualTo(type);
        assertThat(event.path("topic").asText()).isEqualTo(topic);
        assertThat(event.path("seq").isIntegralNumber()).isTrue();
        assertThat(event.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The types of the frames received on {@code topic}, in arrival order (replies left out). */
    static List<String> frameTypes(WsTestClient client, String topic) {
        return client.messages().stream()
                .filter(m -> topic.equals(m.path("topic").asText()))
                .map(m -> m.path("type").asText())
                .filter(t -> !t.equals("subscription") && !t.equals("unsubscription"))
                .toList();
    }
}
