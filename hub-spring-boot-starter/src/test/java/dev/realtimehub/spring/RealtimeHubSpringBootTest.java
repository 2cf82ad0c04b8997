package dev.realtimehub.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.WsTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A whole Spring Boot application with Actuator and the starter, on the versions Boot 4.0 manages: a browser-like
 * WebSocket client gets what the application publishes through the beans, and Actuator's health endpoint has the
 * {@code realtimeHub} indicator.
 */
@SpringBootTest(classes = RealtimeHubSpringBootTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"realtime-hub.port=0", "realtime-hub.node-id=boot-test",
                "realtime-hub.topics.alerts.history=50", "management.endpoint.health.show-details=always"})
class RealtimeHubSpringBootTest {

    @Autowired
    private RealtimeHub hub;
    @Autowired
    private Broadcasts broadcasts;
    @Autowired
    private EventBus eventBus;
    @Autowired
    private HealthEndpoint health;
    @Autowired
    private MeterRegistry registry;

    @Test
    void aWebSocketClientReceivesWhatTheBroadcastsBeanPublishes() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode connected = client.awaitMessage(m -> "connected".equals(m.path("type").asText()));
            assertThat(connected.path("node").asText()).isEqualTo("boot-test");
            client.subscribe("alerts");
            broadcasts.alert("disk_space", "Disk almost full", "/var is at 91%", "critical").join();
            eventBus.emit("ALERT_QUOTA", Map.of("used", 0.8));
            await().atMost(Duration.ofSeconds(10)).until(() -> client.events("alerts").size() == 2);
            List<JsonNode> events = client.events("alerts");
            assertThat(events.get(0).path("title").asText()).isEqualTo("Disk almost full");
            assertThat(events.get(0).path("severity").asText()).isEqualTo("critical");
            assertThat(events.get(1).path("event").asText()).isEqualTo("ALERT_QUOTA");
        }
    }

    @Test
    void actuatorsHealthHasTheRealtimeHubIndicator() {
        assertThat(health.healthForPath("realtimeHub").getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void theHubsMetersAreInTheApplicationsRegistry() {
        assertThat(registry.find("hub.connections").gauge()).isNotNull();
        assertThat(registry.find("hub.events.published").tag("topic", "alerts").functionCounter()).isNotNull();
    }

    @SpringBootApplication
    static class App {
    }
}
