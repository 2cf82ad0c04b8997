package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.util.Json;
import java.net.http.HttpResponse;
import java.util.Set;

/** What the fuzzing tests accept as the hub's answer to bad input: documented statuses and errors with a reason. */
final class HubAnswers {

    /** Statuses a JSON endpoint may answer fuzzed input with; 503 only with {@code Retry-After} (held back). */
    static final Set<Integer> API_STATUSES = Set.of(200, 204, 400, 404, 413, 503);

    private HubAnswers() {
    }

    /** A documented status; an error is {@code {"error": "<non-blank reason>"}}; never a 5xx but a held-back 503. */
    static void assertApiAnswer(HttpResponse<String> response, Object input) {
        int status = response.statusCode();
        assertThat(status).as("status for %s (body %s)", input, response.body()).isIn(API_STATUSES);
        if (status >= 400) {
            JsonNode error = parse(response.body());
            assertThat(error != null && error.path("error").isTextual() && !error.path("error").asText().isBlank())
                    .as("a JSON error with a reason for %s, got %s %s", input, status, response.body()).isTrue();
        }
        if (status == 503) {
            assertThat(response.headers().firstValue("Retry-After")).as("Retry-After of a 503").isPresent();
        }
    }

    /** A protocol frame from the hub: JSON with a type; an error frame has a message; a refusal has a reason. */
    static JsonNode assertProtocolFrame(String text) {
        JsonNode frame = parse(text);
        assertThat(frame).as("a JSON frame, got %s", text).isNotNull();
        String type = frame.path("type").asText();
        assertThat(type).as("type of %s", text).isNotEmpty();
        if ("error".equals(type)) {
            assertThat(frame.path("message").asText()).as("message of %s", text).isNotBlank();
        }
        if (("subscription".equals(type) || "unsubscription".equals(type)) && !frame.path("success").asBoolean()) {
            assertThat(frame.path("error").asText()).as("reason of the refusal %s", text).isNotBlank();
        }
        return frame;
    }

    static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception notJson) {
            return null;
        }
    }
}
