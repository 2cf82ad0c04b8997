package dev.realtimehub.core.protocol;

import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.auth.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolHandlerTest {

    private final ManualTime time = new ManualTime();
    private HubEngine hub;
    private RecordingSession session;
    private ConnectionInbound connection;

    @BeforeEach
    void setUp() {
        hub = HubEngine.builder().clock(time).scheduler(time).nodeId("node-a").build();
        session = new RecordingSession(new DirectLane());
        connection = hub.gateway().open(session, Identity.ANONYMOUS);
    }

    private JsonNode last() {
        List<JsonNode> messages = session.messages();
        return messages.get(messages.size() - 1);
    }

    @Test
    void connectedIsTheFirstFrameWithEveryField() {
        JsonNode connected = session.messages().get(0);
        assertThat(connected.path("type").asText()).isEqualTo("connected");
        assertThat(connected.path("client_id").asText()).hasSizeGreaterThanOrEqualTo(22); // 128 bits, base64url
        assertThat(connected.path("available_topics")).extracting(JsonNode::asText)
                .contains("stats", "rules", "system", "logs", "alerts", "notifications", "tasks", "metrics");
        assertThat(connected.path("protocol").asInt()).isEqualTo(1);
        assertThat(connected.path("node").asText()).isEqualTo("node-a");
        assertThat(connected.path("timestamp").asText()).endsWith("Z");
    }

    @Test
    void clientIdsAreUnique() {
        ConnectionInbound other = hub.gateway().open(new RecordingSession(new DirectLane()), Identity.ANONYMOUS);
        assertThat(other.clientId()).isNotEqualTo(connection.clientId());
    }

    @Test
    void newConnectionsReceiveStatsWithoutAsking() {
        hub.publish("stats", Publication.of("stats_update", Map.of("data", Map.of("forwarded", 3)))).join();
        assertThat(last().path("type").asText()).isEqualTo("stats_update");
        assertThat(last().path("data").path("forwarded").asInt()).isEqualTo(3);
    }

    @Test
    void subscribeRepliesWithSeqAndEpoch() {
        hub.publish("rules", Publication.of("rule_change", Map.of("rule_id", 1))).join();
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"rules\"}");
        assertThat(last().path("type").asText()).isEqualTo("subscription");
        assertThat(last().path("topic").asText()).isEqualTo("rules");
        assertThat(last().path("success").asBoolean()).isTrue();
        assertThat(last().path("seq").asLong()).isEqualTo(1);
        assertThat(last().path("epoch").asText()).isEqualTo(hub.position("rules").epoch());
        assertThat(last().has("recovered")).isFalse();
    }

    @Test
    void subscribeToAnEmptyTopicSaysSeqZero() {
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
        assertThat(last().path("seq").asLong()).isZero();
        assertThat(last().path("epoch").asText()).isNotBlank();
    }

    @Test
    void unsubscribeStopsDelivery() {
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"rules\"}");
        connection.onText("{\"action\":\"unsubscribe\",\"topic\":\"rules\"}");
        assertThat(last().path("type").asText()).isEqualTo("unsubscription");
        assertThat(last().path("success").asBoolean()).isTrue();
        session.clear();
        hub.publish("rules", Publication.of("rule_change", Map.of())).join();
        assertThat(session.messages()).isEmpty();
    }

    @Test
    void pingGetsPong() {
        connection.onText("{\"action\":\"ping\"}");
        assertThat(last().path("type").asText()).isEqualTo("pong");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"action\":\"dance\"}|Unknown action: dance",
        "{\"topic\":\"logs\"}|Missing action",
        "{\"action\":null}|Missing action",
        "{\"action\":42}|Unknown action: 42",
        "not json|Invalid JSON format",
        "{\"action\":\"subscribe\"|Invalid JSON format",
        "[1,2]|Invalid message: expected a JSON object",
        "\"ping\"|Invalid message: expected a JSON object",
    })
    void badFramesGetAnErrorAndTheConnectionStaysOpen(String frame, String message) {
        connection.onText(frame);
        assertThat(last().path("type").asText()).isEqualTo("error");
        assertThat(last().path("message").asText()).isEqualTo(message);
        assertThat(session.closedWith()).isNull();
        connection.onText("{\"action\":\"ping\"}");
        assertThat(last().path("type").asText()).isEqualTo("pong");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"action\":\"subscribe\",\"topic\":\"nope\"}|Unknown topic: nope",
        "{\"action\":\"subscribe\"}|Missing topic",
        "{\"action\":\"subscribe\",\"topic\":7}|topic must be a string",
        "{\"action\":\"subscribe\",\"topic\":\"Logs!\"}|Invalid topic name: must match [a-z][a-z0-9_]* (at most 64 characters)",
        "{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":-1}|since must be a non-negative integer",
        "{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":\"x\"}|since must be a non-negative integer",
        "{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":1.5}|since must be a non-negative integer",
        "{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":1,\"epoch\":5}|epoch must be a string",
    })
    void badSubscriptionsAreRefusedWithAReason(String frame, String error) {
        connection.onText(frame);
        assertThat(last().path("type").asText()).isEqualTo("subscription");
        assertThat(last().path("success").asBoolean()).isFalse();
        assertThat(last().path("error").asText()).isEqualTo(error);
    }

    @Test
    void deeplyNestedJsonIsRefusedAsInvalid() {
        String deep = "{\"action\":\"ping\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        connection.onText(deep);
        assertThat(last().path("type").asText()).isEqualTo("error");
    }

    @Test
    void hugeUnknownActionsAreNotEchoedInFull() {
        connection.onText("{\"action\":\"" + "x".repeat(10_000) + "\"}");
        assertThat(last().path("message").asText().length()).isLessThan(100);
    }

    @Test
    void binaryFramesGetAnError() {
        connection.onBinary();
        assertThat(last().path("type").asText()).isEqualTo("error");
        assertThat(last().path("message").asText()).contains("Binary frames are not supported");
    }
}
