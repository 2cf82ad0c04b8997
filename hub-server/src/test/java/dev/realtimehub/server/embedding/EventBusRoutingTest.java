package dev.realtimehub.server.embedding;

import static dev.realtimehub.server.embedding.Frames.assertShape;
import static dev.realtimehub.server.embedding.Frames.awaitEvent;
import static dev.realtimehub.server.embedding.Frames.frameTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.core.bus.EventRoute;
import dev.realtimehub.core.bus.EventRoutes;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.config.ConfigException;
import dev.realtimehub.server.config.ConfigLoader;
import dev.realtimehub.server.config.HubConfig;
import dev.realtimehub.server.testing.WsTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event bus events on a real hub: each route's topic and throttling, as a real WebSocket client sees them. */
class EventBusRoutingTest {

    /** Enough events in a tight loop that at least two fall into one 100 ms window. */
    private static final int BURST = 20;

    private RealtimeHub hub;
    private WsTestClient client;

    private void start(RealtimeHub started, String... topics) {
        hub = started;
        client = WsTestClient.connected(hub.webSocketUri()); // subscribed to stats by default
        for (String topic : topics) {
            assertThat(client.subscribe(topic).path("success").asBoolean()).isTrue();
        }
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}, throttled: {2}")
    @CsvSource({
        "FORWARD_SUCCESS, stats, true",
        "STATS_REFRESHED, stats, true",
        "LOG_LINE, logs, true",
        "ALERT_DISK_FULL, alerts, false",
        "ERROR_DATABASE, alerts, false",
        "NOTIFICATION_NEW, notifications, false",
        "NOTIFY_USER, notifications, false",
        "RULE_CREATED, system, false"
    })
    void eachDefaultPrefixLandsOnItsTopicWithItsThrottling(String name, String topic, boolean throttled) {
        start(RealtimeHub.builder().port(0).start(), "logs", "alerts", "notifications", "system");

        List<CompletableFuture<Long>> seqs = emitBurst(hub.eventBus(), name);
        JsonNode last = awaitEvent(client, topic, seqs.get(BURST - 1));

        assertShape(last, "event", topic, "event", "data");
        assertThat(last.path("event").asText()).isEqualTo(name);
        assertThat(last.path("data").path("n").asInt()).isEqualTo(BURST - 1);
        List<String> frames = frameTypes(client, topic);
        assertThat(frames.get(0)).as("the first event goes out at once").isEqualTo("event");
        if (throttled) {
            assertThat(frames).as("the rest were merged into the topic's window").contains("batch");
        } else {
            assertThat(frames).as("every event on its own, at once").hasSize(BURST).containsOnly("event");
        }
        for (String other : List.of("stats", "logs", "alerts", "notifications", "system")) {
            if (!other.equals(topic)) {
                assertThat(client.events(other)).as("nothing on %s", other).isEmpty();
            }
        }
    }

    @Test
    void customRoutesFromJavaAreTriedBeforeTheDefaults() {
        start(RealtimeHub.builder().port(0)
                .topic(TopicConfig.builder("audit").build())
                .busRoutes(EventRoutes.defaults().prepend(
                        EventRoute.throttled("AUDIT_", "audit"),
                        EventRoute.immediate("LOG_AUDIT_", "system")))
                .start(), "audit", "system", "logs");

        List<CompletableFuture<Long>> audit = emitBurst(hub.eventBus(), "AUDIT_LOGIN");
        JsonNode auditLog = awaitEvent(client, "system", hub.eventBus().emit("LOG_AUDIT_EXPORT", "csv"));
        JsonNode logLine = awaitEvent(client, "logs", hub.eventBus().emit("LOG_LINE", "x"));
        awaitEvent(client, "audit", audit.get(BURST - 1));

        assertThat(frameTypes(client, "audit")).startsWith("event").contains("batch");
        assertThat(client.seqs("audit")).as("an immediate topic delivers every merged item")
                .containsExactlyElementsOf(audit.stream().map(CompletableFuture::join).toList());
        assertShape(auditLog, "event", "system", "event", "data");
        assertThat(auditLog.path("data").asText()).isEqualTo("csv");
        assertThat(logLine.path("event").asText()).isEqualTo("LOG_LINE");
    }

    @Test
    void customRoutesFromAConfigFileReplaceTheDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hub.yaml"), String.join("\n",
                "port: 0",
                "topics:",
                "  audit:",
                "    policy: immediate",
                "bus:",
                "  routes:",
                "    - {prefix: AUDIT_, topic: audit}",
                "    - prefix: LOG_",
                "      topic: logs",
                "      throttle: false",
                "    - \"=alerts\"",
                ""));
        HubConfig config = ConfigLoader.load(file, Map.of(), Map.of());
        start(RealtimeHub.builder().config(config).start(), "audit", "logs", "alerts");

        JsonNode audit = awaitEvent(client, "audit", hub.eventBus().emit("AUDIT_LOGIN", Map.of("user", "alice")));
        List<CompletableFuture<Long>> logs = emitBurst(hub.eventBus(), "LOG_LINE");
        JsonNode forward = awaitEvent(client, "alerts", hub.eventBus().emit("FORWARD_SUCCESS", 1));
        awaitEvent(client, "logs", logs.get(BURST - 1));

        assertShape(audit, "event", "audit", "event", "data");
        assertThat(audit.path("data").path("user").asText()).isEqualTo("alice");
        assertThat(frameTypes(client, "logs")).as("throttle: false beats the batch policy of logs")
                .hasSize(BURST).containsOnly("event");
        assertThat(forward.path("event").asText()).as("the catch-all route replaced the defaults")
                .isEqualTo("FORWARD_SUCCESS");
        assertThat(client.events("stats")).isEmpty();
    }

    @Test
    void aRouteToAnUnknownTopicStopsTheStartNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hub.yaml"), String.join("\n",
                "bus:",
                "  routes:",
                "    - {prefix: FORWARD_, topic: stats, throttle: true}",
                "    - {prefix: LOG_, topic: logs}",
                "    - {prefix: AUDIT_, topic: x}",
                ""));

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("bus.routes[2].topic: unknown topic 'x'");
        assertThatThrownBy(() -> RealtimeHub.builder().port(0)
                .busRoutes(EventRoutes.of(EventRoute.of("AUDIT_", "audit"))).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bus.routes[0].topic: unknown topic 'audit'");
    }

    private static List<CompletableFuture<Long>> emitBurst(EventBus bus, String name) {
        List<CompletableFuture<Long>> seqs = new ArrayList<>();
        for (int n = 0; n < BURST; n++) {
            seqs.add(bus.emit(name, Map.of("n", n)));
        }
        return seqs;
    }
}
