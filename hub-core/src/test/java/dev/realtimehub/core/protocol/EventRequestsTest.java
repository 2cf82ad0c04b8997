package dev.realtimehub.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.util.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRequestsTest {

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void dataBecomesThePlainJavaValuesAnInProcessEmitterPasses() throws Exception {
        List<EventRequests.Request> events = EventRequests.parse(json("[{\"event\":\"A\",\"data\":{\"n\":1,"
                + "\"l\":[\"x\",2.5]}},"
                + "{\"event\":\"B\",\"data\":\"s\"},{\"event\":\"C\",\"data\":true},{\"event\":\"D\",\"data\":null},"
                + "{\"event\":\"E\"}]"));

        assertThat(events).extracting(EventRequests.Request::name).containsExactly("A", "B", "C", "D", "E");
        assertThat(events.get(0).data()).isEqualTo(Map.of("n", 1, "l", List.of("x", 2.5)));
        assertThat(events.subList(1, 5)).extracting(EventRequests.Request::data).containsExactly("s", true, null, null);
    }

    @Test
    void oneObjectIsOneEvent() throws Exception {
        assertThat(EventRequests.parse(json("{\"data\":[1],\"event\":\"LOG_LINE\"}")))
                .containsExactly(new EventRequests.Request("LOG_LINE", List.of(1)));
    }

    @Test
    void theLimitIsTheOneOfPublish() throws Exception {
        String event = "{\"event\":\"A\"}";
        String[] most = new String[PublishRequests.MAX_EVENTS];
        Arrays.fill(most, event);
        assertThat(EventRequests.parse(json("[" + String.join(",", most) + "]"))).hasSize(PublishRequests.MAX_EVENTS);
        assertThatThrownBy(() -> EventRequests.parse(json("[" + String.join(",", most) + "," + event + "]")))
                .isInstanceOf(PublishException.class).hasMessage("Too many events: at most 10000 per request");
    }

    @Test
    void aBlankNameIsRefusedAsPublishRefusesABlankType() throws Exception {
        assertThatThrownBy(() -> EventRequests.parse(json("[{\"event\":\"A\"},{\"event\":\"  \"}]")))
                .isInstanceOf(PublishException.class)
                .hasMessage("Event 1: Field 'event' must be a non-empty string but was a string");
        assertThatThrownBy(() -> EventRequests.parse(null)).isInstanceOf(PublishException.class)
                .hasMessage("Empty body: expected an event object or an array of them");
    }
}
