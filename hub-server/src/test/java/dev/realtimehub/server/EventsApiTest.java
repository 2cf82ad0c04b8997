package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.bus.EventRoute;
import dev.realtimehub.core.bus.EventRoutes;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HttpTestClient.Reply;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /api/events}: event-bus events over HTTP, routed by the hub's {@code bus.routes}, on a real hub. */
class EventsApiTest {

    private static final String KEY = "k-0123456789abcdef";
    private static final String NAME_RULE = "must be an event name ([A-Z][A-Z0-9_]*, at most 128 characters)";

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            s -> s.metricsIntervalMs(60_000)); // the sampler's events on 'metrics' stay out of the counts

    private RealtimeHub hub;
    private HttpTestClient http;
    /** Every bus event the hub's in-process listeners heard. */
    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    private record Heard(String name, Object data) {
    }

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
        hub.eventBus().on("*", (name, data) -> heard.add(new Heard(name, data)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "FORWARD_SUCCESS, stats",
        "LOG_LINE, logs",
        "ALERT_DISK_FULL, alerts",
        "RULE_CREATED, system",
    })
    void theDefaultPrefixesRouteAnEventToItsTopicAndSubscribersGetAnEventFrame(String name, String topic) {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) { // on stats by default
            for (String other : List.of("logs", "alerts", "system")) {
                client.subscribe(other);
            }

            Reply reply = http.post("/api/events", "{\"event\":\"" + name + "\",\"data\":{\"rule_id\":7}}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"topic\":\"" + topic + "\",\"seq\":1}");
            JsonNode event = awaitEvent(client, topic, 1);
            assertThat(fieldNames(event)).containsExactlyInAnyOrder("type", "topic", "seq", "timestamp", "event", "data");
            assertThat(event.path("type").asText()).isEqualTo("event");
            assertThat(event.path("event").asText()).isEqualTo(name);
            assertThat(event.path("data").toString()).isEqualTo("{\"rule_id\":7}");
            for (String other : List.of("stats", "logs", "alerts", "system")) {
                if (!other.equals(topic)) {
                    assertThat(client.events(other)).as("nothing on %s", other).isEmpty();
                }
            }
        }
    }

    @Test
    void customBusRoutesDecideTheTopicAsTheyDoForJavaEmits() {
        RealtimeHub custom = hubs.start(s -> s
                .topic(TopicConfig.builder("audit").build())
                .busRoutes(EventRoutes.of(EventRoute.of("AUDIT_", "audit"), EventRoute.of("", "alerts"))));
        HttpTestClient customHttp = new HttpTestClient(custom.httpUri());
        try (WsTestClient client = WsTestClient.connected(custom.webSocketUri())) {
            client.subscribe("audit");
            client.subscribe("alerts");

            Reply audit = customHttp.post("/api/events", "{\"event\":\"AUDIT_LOGIN\",\"data\":\"alice\"}");
            Reply forward = customHttp.post("/api/events", "{\"event\":\"FORWARD_SUCCESS\"}");
            long javaSeq = custom.eventBus().emit("FORWARD_FAILED").join();

            assertThat(audit.body()).isEqualTo("{\"topic\":\"audit\",\"seq\":1}");
            assertThat(forward.body()).as("the catch-all route replaced the defaults")
                    .isEqualTo("{\"topic\":\"alerts\",\"seq\":1}");
            assertThat(javaSeq).as("a Java emit counts on the same topic").isEqualTo(2);
            assertThat(awaitEvent(client, "audit", 1).path("data").asText()).isEqualTo("alice");
            assertThat(awaitEvent(client, "alerts", 2).path("event").asText()).isEqualTo("FORWARD_FAILED");
            assertThat(client.events("alerts")).extracting(e -> e.path("event").asText())
                    .containsExactly("FORWARD_SUCCESS", "FORWARD_FAILED");
            assertThat(client.events("stats")).isEmpty();
        }
    }

    @Test
    void anArrayAnswersEveryTopicAndSeqInRequestOrderAndSubscribersGetThemAll() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("logs");
            client.subscribe("alerts");
            client.subscribe("system");

            Reply reply = http.post("/api/events", "[{\"event\":\"LOG_A\",\"data\":1},{\"event\":\"ALERT_B\",\"data\":2},"
                    + "{\"event\":\"LOG_C\",\"data\":3},{\"event\":\"RULE_D\",\"data\":4},{\"event\":\"LOG_E\",\"data\":5}]");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"events\":[{\"topic\":\"logs\",\"seq\":1},{\"topic\":\"alerts\",\"seq\":1},"
                    + "{\"topic\":\"logs\",\"seq\":2},{\"topic\":\"system\",\"seq\":1},{\"topic\":\"logs\",\"seq\":3}]}");
            awaitEvent(client, "logs", 3);
            awaitEvent(client, "alerts", 1);
            awaitEvent(client, "system", 1);
            assertThat(client.events("logs")).extracting(e -> e.path("event").asText() + "=" + e.path("data"))
                    .containsExactly("LOG_A=1", "LOG_C=3", "LOG_E=5");
            assertThat(heard).extracting(Heard::name).containsExactly("LOG_A", "ALERT_B", "LOG_C", "RULE_D", "LOG_E");
        }
    }

    @Test
    void aOneElementArrayIsAnsweredAsAnArray() {
        assertThat(http.post("/api/events", "[{\"event\":\"ALERT_X\"}]").body())
                .isEqualTo("{\"events\":[{\"topic\":\"alerts\",\"seq\":1}]}");
    }

    @Test
    void dataIsAnyJsonAndPassesThroughAsSentOrAsNullWhenLeftOut() {
        List<String> data = List.of("{\"a\":[1,2.5,{\"b\":null}],\"c\":\"d\"}", "[1,\"x\",true]", "3.5", "-7",
                "\"text\"", "false", "null");
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("alerts");
            List<String> events = new ArrayList<>();
            for (String value : data) {
                events.add("{\"event\":\"ALERT_X\",\"data\":" + value + "}");
            }
            events.add("{\"event\":\"ALERT_X\"}");

            Reply reply = http.post("/api/events", "[" + String.join(",", events) + "]");

            assertThat(reply.status()).isEqualTo(200);
            awaitEvent(client, "alerts", events.size());
            List<String> expected = new ArrayList<>(data);
            expected.add("null");
            assertThat(client.events("alerts")).extracting(e -> e.path("data").toString())
                    .containsExactlyElementsOf(expected);
            assertThat(client.events("alerts")).allSatisfy(e -> assertThat(e.has("data")).isTrue());
        }
    }

    @Test
    void listenersSeeAnHttpEventAsTheySeeTheSameEventEmittedInJava() {
        List<Heard> alerts = new CopyOnWriteArrayList<>();
        List<Heard> logs = new CopyOnWriteArrayList<>();
        hub.eventBus().on("ALERT_*", (name, data) -> alerts.add(new Heard(name, data)));
        hub.eventBus().on("LOG_*", (name, data) -> logs.add(new Heard(name, data)));
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("alerts");

            hub.eventBus().emit("ALERT_DISK", Map.of("disk", "/var", "percent", 91, "tags", List.of("prod", "eu")));
            Reply reply = http.post("/api/events",
                    "{\"event\":\"ALERT_DISK\",\"data\":{\"disk\":\"/var\",\"percent\":91,\"tags\":[\"prod\",\"eu\"]}}");

            assertThat(reply.status()).isEqualTo(200);
            // the listeners ran on the emitting thread before the hub answered
            assertThat(alerts).hasSize(2);
            assertThat(alerts.get(1)).as("the HTTP event, as the Java one").isEqualTo(alerts.get(0));
            assertThat(alerts.get(1).data()).isInstanceOf(Map.class);
            assertThat(logs).as("a listener whose pattern does not take the name").isEmpty();
            awaitEvent(client, "alerts", 2);
            List<JsonNode> frames = client.events("alerts");
            assertThat(without(frames.get(1))).as("subscribers cannot tell them apart")
                    .isEqualTo(without(frames.get(0)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"data\":1}|Missing field 'event'",
        "{\"event\":null}|Missing field 'event'",
        "{\"event\":\"\"}|Field 'event' must be a non-empty string but was a string",
        "{\"event\":5}|Field 'event' must be a non-empty string but was a number",
        "{\"event\":[\"LOG_A\"]}|Field 'event' must be a non-empty string but was an array",
        "{\"event\":\"log_line\"}|Field 'event' " + NAME_RULE + " but was 'log_line'",
        "{\"event\":\"_X\"}|Field 'event' " + NAME_RULE + " but was '_X'",
        "{\"event\":\"LOG LINE\"}|Field 'event' " + NAME_RULE + " but was 'LOG LINE'",
        "{\"event\":\"LOG_LINE\",\"topic\":\"alerts\"}|Unknown field 'topic': an event has only 'event' and 'data'",
        "[]|Empty array: expected at least one event",
        "42|Expected an event object but got a number",
        "\"LOG_LINE\"|Expected an event object but got a string",
        "[{\"event\":\"LOG_A\"},{\"event\":\"LOG_B\"},{\"event\":\"bad\"}]|Event 2: Field 'event' " + NAME_RULE
                + " but was 'bad'",
        "[{\"event\":\"LOG_A\"},7]|Event 1: Expected an event object but got a number",
    })
    void badEventsAre400WithTheReasonAndEmitNothing(String body, String error) {
        Reply reply = http.post("/api/events", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo(error);
        assertNothingEmitted();
    }

    @Test
    void aNameOverTheLengthLimitIsRefusedAndEchoedClipped() {
        assertThat(http.post("/api/events", "{\"event\":\"" + "A".repeat(128) + "\"}").status()).isEqualTo(200);
        heard.clear();

        Reply reply = http.post("/api/events", "{\"event\":\"" + "A".repeat(129) + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText())
                .isEqualTo("Field 'event' " + NAME_RULE + " but was '" + "A".repeat(64) + "…'");
        assertThat(heard).isEmpty();
    }

    @Test
    void anEmptyBodyInvalidJsonAndTooManyEventsAre400() {
        assertError(http.post("/api/events", ""), 400, "Empty body: expected an event object or an array of them");
        assertError(http.post("/api/events", "   "), 400, "Empty body: expected an event object or an array of them");
        Reply invalid = http.post("/api/events", "{\"event\":");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("error").asText()).startsWith("Invalid JSON: ");
        String event = "{\"event\":\"LOG_A\"}";
        assertError(http.post("/api/events", "[" + String.join(",", Collections.nCopies(10_001, event)) + "]"), 400,
                "Too many events: at most 10000 per request");
        assertNothingEmitted();
        Reply most = http.post("/api/events", "[" + String.join(",", Collections.nCopies(10_000, event)) + "]");
        assertThat(most.status()).as("the limit itself is accepted").isEqualTo(200);
        assertThat(most.json().path("events")).hasSize(10_000);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        Reply reply = http.post("/api/events", "{\"event\":\"LOG_LINE\",\"data\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().path("error").asText())
                .isEqualTo("Body too large: at most 1048576 bytes (publish.max-body-bytes)");
        assertNothingEmitted();
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void otherMethodsAre405() {
        assertError(http.get("/api/events"), 405, "Use POST");
        assertError(http.put("/api/events", "{\"event\":\"LOG_A\"}"), 405, "Use POST");
        assertError(http.send(HttpRequest.newBuilder(hub.httpUri().resolve("/api/events")).DELETE().build()), 405,
                "Use POST");
        assertNothingEmitted();
    }

    @Test
    void onceApiKeysAreConfiguredAnEventNeedsOne() {
        RealtimeHub guarded = hubs.start(s -> s.security().apiKeys(List.of(KEY)));
        List<Heard> guardedHeard = new CopyOnWriteArrayList<>();
        guarded.eventBus().on("*", (name, data) -> guardedHeard.add(new Heard(name, data)));
        HttpTestClient guardedHttp = new HttpTestClient(guarded.httpUri());
        String event = "{\"event\":\"ALERT_X\"}";

        for (String wrong : new String[] {null, "Bearer nope", "Bearer " + KEY + "x", "Basic " + KEY}) {
            Reply reply = guardedHttp.send(post(guarded, event, wrong));
            assertThat(reply.status()).as(String.valueOf(wrong)).isEqualTo(401);
            assertThat(reply.json().path("error").asText())
                    .isEqualTo("Missing or invalid API key: send 'Authorization: Bearer <key>'");
            assertThat(reply.raw().headers().firstValue("www-authenticate")).hasValue("Bearer");
        }
        assertThat(guardedHeard).isEmpty();
        assertThat(guarded.engine().stats().totalBroadcasts()).isZero();

        Reply allowed = guardedHttp.send(post(guarded, event, "Bearer " + KEY));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("{\"topic\":\"alerts\",\"seq\":1}");
        assertThat(guardedHeard).extracting(Heard::name).containsExactly("ALERT_X");
    }

    private static HttpRequest post(RealtimeHub target, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.httpUri().resolve("/api/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private void assertNothingEmitted() {
        assertThat(heard).as("no listener heard an event").isEmpty();
        assertThat(hub.engine().stats().totalBroadcasts()).as("nothing was published").isZero();
    }

    private static void assertError(Reply reply, int status, String error) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.json().path("error").asText()).isEqualTo(error);
    }

    /** Waits until {@code client} has the event of {@code seq} on {@code topic} (alone or in a batch) and returns it. */
    private static JsonNode awaitEvent(WsTestClient client, String topic, long seq) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> client.events(topic).stream().filter(e -> e.path("seq").asLong() == seq).findFirst().orElse(null),
                e -> e != null);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code event} without what differs between two emits of the same event: seq and timestamp. */
    private static JsonNode without(JsonNode event) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = event.deepCopy();
        copy.remove("seq");
        copy.remove("timestamp");
        return copy;
    }
}
