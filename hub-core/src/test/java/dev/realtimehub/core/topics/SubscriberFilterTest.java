package dev.realtimehub.core.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.util.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SubscriberFilterTest {

    private static SubscriberFilter filter(String json) throws Exception {
        return SubscriberFilter.parse(Json.mapper().readTree(json));
    }

    private static Event event(String type, Map<String, ?> fields) {
        return Event.accept("logs", 1, 0, Publication.of(type, fields));
    }

    @Test
    void anEventPassesWhenEveryNamedFieldHasOneOfItsValues() throws Exception {
        SubscriberFilter errorsOfBilling = filter("{\"level\":[\"ERROR\",\"CRITICAL\"],\"module\":[\"billing\"]}");
        assertThat(errorsOfBilling.matches(event("log", Map.of("level", "ERROR", "module", "billing")))).isTrue();
        assertThat(errorsOfBilling.matches(event("log", Map.of("level", "CRITICAL", "module", "billing")))).isTrue();
        assertThat(errorsOfBilling.matches(event("log", Map.of("level", "INFO", "module", "billing")))).isFalse();
        assertThat(errorsOfBilling.matches(event("log", Map.of("level", "ERROR", "module", "auth")))).isFalse();
        assertThat(errorsOfBilling.matches(event("log", Map.of("level", "ERROR")))).as("a missing field").isFalse();
    }

    @Test
    void valuesCompareAsJsonValues() throws Exception {
        SubscriberFilter five = filter("{\"n\":[5]}");
        assertThat(five.matches(event("e", Map.of("n", 5)))).isTrue();
        assertThat(five.matches(event("e", Map.of("n", 5L)))).isTrue();
        assertThat(five.matches(event("e", Map.of("n", 5.0)))).as("5 and 5.0 are the same JSON number").isTrue();
        assertThat(five.matches(event("e", Map.of("n", "5")))).as("a string is not a number").isFalse();
        assertThat(filter("{\"ok\":[true]}").matches(event("e", Map.of("ok", true)))).isTrue();
        assertThat(filter("{\"ok\":[true]}").matches(event("e", Map.of("ok", "true")))).isFalse();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("user", null);
        assertThat(filter("{\"user\":[null]}").matches(event("e", withNull))).isTrue();
        assertThat(filter("{\"user\":[null]}").matches(event("e", Map.of()))).as("missing counts as null").isTrue();
        assertThat(filter("{\"n\":[5]}").matches(event("e", Map.of("n", Map.of("a", 5))))).isFalse();
    }

    @Test
    void theEventTypeCanBeFilteredOn() throws Exception {
        SubscriberFilter alerts = filter("{\"type\":[\"alert\"]}");
        assertThat(alerts.matches(event("alert", Map.of()))).isTrue();
        assertThat(alerts.matches(event("log", Map.of()))).isFalse();
    }

    @Test
    void decodedEventsFromAnotherNodeMatchLikeLocalOnes() throws Exception {
        Event local = event("log", Map.of("level", "ERROR", "n", 3));
        Event decoded = Event.decode(local.frame().json(), null);
        SubscriberFilter filter = filter("{\"level\":[\"ERROR\"],\"n\":[3.0]}");
        assertThat(filter.matches(local)).isTrue();
        assertThat(filter.matches(decoded)).isTrue();
    }

    @Test
    void equalFiltersAreEqualWhateverTheOrderTheyWereWrittenIn() throws Exception {
        SubscriberFilter a = filter("{\"level\":[\"ERROR\",\"WARN\"],\"module\":[\"x\"]}");
        SubscriberFilter b = filter("{\"module\":[\"x\"],\"level\":[\"WARN\",\"ERROR\",\"WARN\"]}");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(filter("{\"level\":[\"ERROR\"],\"module\":[\"x\"]}"));
    }

    @Test
    void noFilterMeansEveryEvent() throws Exception {
        assertThat(SubscriberFilter.parse(null)).isNull();
        assertThat(filter("null")).isNull();
        assertThat(filter("{}")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|filter must be an object of field -> list of values",
        "\"level\"|filter must be an object of field -> list of values",
        "{\"level\":\"ERROR\"}|filter field 'level' must list at least one value",
        "{\"level\":[]}|filter field 'level' must list at least one value",
        "{\"level\":[[\"ERROR\"]]}|filter field 'level': values must be JSON scalars (string, number, boolean, null)",
        "{\"level\":[{\"a\":1}]}|filter field 'level': values must be JSON scalars (string, number, boolean, null)",
        "{\"seq\":[1]}|filter field 'seq' is set by the hub and cannot be filtered on",
        "{\"\":[1]}|filter field names must not be empty",
    })
    void malformedFiltersAreRefusedNamingTheProblem(String json, String error) {
        assertThatThrownBy(() -> filter(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(error);
    }

    @Test
    void atMostEightFieldsOfThirtyTwoValues() throws Exception {
        StringBuilder nine = new StringBuilder("{");
        for (int i = 0; i < 9; i++) {
            nine.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":[1]");
        }
        assertThatThrownBy(() -> filter(nine + "}")).hasMessage("filter names 9 fields: at most 8");
        assertThat(filter(nine.substring(0, nine.lastIndexOf(",")) + "}").fields()).hasSize(8);

        StringBuilder values = new StringBuilder("{\"n\":[0");
        for (int i = 1; i < 33; i++) {
            values.append(',').append(i);
        }
        assertThatThrownBy(() -> filter(values + "]}")).hasMessage("filter field 'n' lists 33 values: at most 32");
        assertThat(filter(values.substring(0, values.lastIndexOf(",")) + "]}").matches(event("e", Map.of("n", 31))))
                .isTrue();
    }

    @Test
    void selectKeepsOnlyPassingEventsInOrder() throws Exception {
        var events = java.util.List.of(event("log", Map.of("level", "INFO")), event("log", Map.of("level", "ERROR")));
        assertThat(SubscriberFilter.select(filter("{\"level\":[\"ERROR\"]}"), events)).containsExactly(events.get(1));
        assertThat(SubscriberFilter.select(null, events)).isSameAs(events);
    }
}
