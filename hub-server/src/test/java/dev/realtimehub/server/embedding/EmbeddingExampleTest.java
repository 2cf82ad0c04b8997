package dev.realtimehub.server.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.WsTestClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedding example of the README, line for line, run against a real WebSocket client. Keep the two in step: only
 * the port differs (0 here, so tests never collide) and the lines marked "test:" are not in the README.
 */
class EmbeddingExampleTest {

    private RealtimeHub hub;
    private WsTestClient browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theReadmeExampleServesARealClient() {
        // README, "Embedding in a Java application":
        List<String> audit = new CopyOnWriteArrayList<>();   // what the bus listener records; any thread may add

        RealtimeHub hub = RealtimeHub.builder()
                .port(0)
                .start();
        this.hub = hub; // test: close it after the test even if an assertion fails
        browser = WsTestClient.connected(hub.webSocketUri()); // test: a browser, subscribed to stats by default
        browser.subscribe("rules"); // test
        browser.subscribe("alerts"); // test

        hub.broadcasts().ruleChange(42, "updated", Map.of("enabled", true));
        hub.broadcasts().alert("disk_space", "Disk almost full", "/var is at 91%", "critical");
        hub.eventBus().on("ALERT_*", (name, data) -> audit.add(name + " " + data));
        hub.eventBus().emit("FORWARD_SUCCESS", Map.of("rule_id", 42));
        hub.eventBus().emit("ALERT_QUOTA", Map.of("used", 0.8));

        JsonNode rule = browser.awaitMessage(m -> m.path("type").asText().equals("rule_change"));
        JsonNode alert = browser.awaitMessage(m -> m.path("type").asText().equals("alert"));
        JsonNode forwarded = browser.awaitMessage(m -> m.path("event").asText().equals("FORWARD_SUCCESS"));
        JsonNode quota = browser.awaitMessage(m -> m.path("event").asText().equals("ALERT_QUOTA"));
        assertThat(rule.path("topic").asText()).isEqualTo("rules");
        assertThat(rule.path("action").asText()).isEqualTo("updated");
        assertThat(alert.path("severity").asText()).isEqualTo("critical");
        assertThat(forwarded.path("topic").asText()).isEqualTo("stats");
        assertThat(forwarded.path("data").path("rule_id").asInt()).isEqualTo(42);
        assertThat(quota.path("topic").asText()).isEqualTo("alerts");
        assertThat(audit).containsExactly("ALERT_QUOTA {used=0.8}");

        hub.close();

        assertThat(browser.closeCode().join()).as("clients are told the hub is going away").isEqualTo(1001);
    }
}
