package dev.realtimehub.server.embedding;

import static dev.realtimehub.server.embedding.Frames.assertShape;
import static dev.realtimehub.server.embedding.Frames.awaitEvent;
import static dev.realtimehub.server.embedding.Frames.frameTypes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.api.RuleAction;
import dev.realtimehub.core.api.Severity;
import dev.realtimehub.core.api.TaskStatus;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every broadcast helper, through a real hub, as a real WebSocket client sees it. */
class BroadcastShapesTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private Broadcasts broadcasts;
    private WsTestClient client;

    @BeforeEach
    void start(RealtimeHub hub) {
        broadcasts = hub.broadcasts();
        client = WsTestClient.connected(hub.webSocketUri()); // subscribed to stats by default
        for (String topic : List.of("rules", "system", "logs", "alerts", "notifications", "tasks")) {
            assertThat(client.subscribe(topic).path("success").asBoolean()).isTrue();
        }
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void statsUpdateSendsTheFiguresAsData() {
        JsonNode event = awaitEvent(client, "stats", broadcasts.statsUpdate(Map.of("forwarded", 12, "failed", 1)));

        assertShape(event, "stats_update", "stats", "data");
        assertThat(event.path("data").path("forwarded").asInt()).isEqualTo(12);
        assertThat(event.path("data").path("failed").asInt()).isEqualTo(1);
    }

    @Test
    void ruleChangeSendsIdActionAndDetails() {
        JsonNode event = awaitEvent(client, "rules",
                broadcasts.ruleChange(42, RuleAction.UPDATED, Map.of("enabled", true)));

        assertShape(event, "rule_change", "rules", "rule_id", "action", "details");
        assertThat(event.path("rule_id").asInt()).isEqualTo(42);
        assertThat(event.path("action").asText()).isEqualTo("updated");
        assertThat(event.path("details").path("enabled").asBoolean()).isTrue();
    }

    @Test
    void ruleChangeWithoutDetailsSendsDetailsNull() {
        JsonNode event = awaitEvent(client, "rules", broadcasts.ruleChange("r-7", "deleted"));

        assertShape(event, "rule_change", "rules", "rule_id", "action", "details");
        assertThat(event.path("rule_id").asText()).isEqualTo("r-7");
        assertThat(event.get("details").isNull()).isTrue();
    }

    @Test
    void systemEventSendsEventMessageAndData() {
        JsonNode withData = awaitEvent(client, "system",
                broadcasts.systemEvent("startup", "Hub started", Map.of("version", "0.1")));
        JsonNode withoutData = awaitEvent(client, "system", broadcasts.systemEvent("shutdown", "Bye"));

        assertShape(withData, "system_event", "system", "event", "message", "data");
        assertThat(withData.path("event").asText()).isEqualTo("startup");
        assertThat(withData.path("message").asText()).isEqualTo("Hub started");
        assertThat(withData.path("data").path("version").asText()).isEqualTo("0.1");
        assertShape(withoutData, "system_event", "system", "event", "message", "data");
        assertThat(withoutData.get("data").isNull()).isTrue();
    }

    @Test
    void logSendsLevelMessageAndModule() {
        JsonNode withModule = awaitEvent(client, "logs", broadcasts.log("ERROR", "Send failed", "forwarder", false));
        JsonNode withoutModule = awaitEvent(client, "logs", broadcasts.log("INFO", "Started"));

        assertShape(withModule, "log", "logs", "level", "message", "module");
        assertThat(withModule.path("level").asText()).isEqualTo("ERROR");
        assertThat(withModule.path("message").asText()).isEqualTo("Send failed");
        assertThat(withModule.path("module").asText()).isEqualTo("forwarder");
        assertShape(withoutModule, "log", "logs", "level", "message", "module");
        assertThat(withoutModule.get("module").isNull()).isTrue();
    }

    @Test
    void alertSendsTypeTitleMessageAndSeverityWarningByDefault() {
        JsonNode byDefault = awaitEvent(client, "alerts", broadcasts.alert("quota", "Quota", "80% used"));
        JsonNode critical = awaitEvent(client, "alerts",
                broadcasts.alert("disk_space", "Disk almost full", "/var at 91%", Severity.CRITICAL));

        assertShape(byDefault, "alert", "alerts", "alert_type", "title", "message", "severity");
        assertThat(byDefault.path("alert_type").asText()).isEqualTo("quota");
        assertThat(byDefault.path("title").asText()).isEqualTo("Quota");
        assertThat(byDefault.path("message").asText()).isEqualTo("80% used");
        assertThat(byDefault.path("severity").asText()).isEqualTo("warning");
        assertThat(critical.path("severity").asText()).isEqualTo("critical");
    }

    @Test
    void notificationForEveryoneSendsUserIdNull() {
        JsonNode event = awaitEvent(client, "notifications",
                broadcasts.notification(null, "Maintenance", "Tonight at 22:00", "/status"));

        assertShape(event, "notification", "notifications", "user_id", "title", "body", "action_url");
        assertThat(event.get("user_id").isNull()).isTrue();
        assertThat(event.path("title").asText()).isEqualTo("Maintenance");
        assertThat(event.path("body").asText()).isEqualTo("Tonight at 22:00");
        assertThat(event.path("action_url").asText()).isEqualTo("/status");
    }

    @Test
    void notificationForAUserDoesNotReachOtherConnections() {
        long forAlice = broadcasts.notification("alice", "Private", "Only for alice").join();
        JsonNode forEveryone = awaitEvent(client, "notifications", broadcasts.notification(null, "Public", "All"));

        // the anonymous client received the later event, so it would have received the earlier one by now
        assertThat(client.seqs("notifications")).containsExactly(forEveryone.path("seq").asLong());
        assertThat(forEveryone.path("seq").asLong()).isEqualTo(forAlice + 1);
        assertThat(forEveryone.get("action_url").isNull()).isTrue();
    }

    @Test
    void taskUpdateSendsIdNameStatusProgressAndMessage() {
        JsonNode event = awaitEvent(client, "tasks",
                broadcasts.taskUpdate("import-1", "Import contacts", TaskStatus.RUNNING, 40, "Step 2 of 5"));

        assertShape(event, "task_update", "tasks", "task_id", "name", "status", "progress", "message");
        assertThat(event.path("task_id").asText()).isEqualTo("import-1");
        assertThat(event.path("name").asText()).isEqualTo("Import contacts");
        assertThat(event.path("status").asText()).isEqualTo("running");
        assertThat(event.path("progress").asInt()).isEqualTo(40);
        assertThat(event.path("message").asText()).isEqualTo("Step 2 of 5");
    }

    @Test
    void throttledStatsGoFirstAtOnceThenTheLatestInABatch() {
        List<CompletableFuture<Long>> seqs = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            seqs.add(broadcasts.statsUpdate(Map.of("n", n)));
        }
        JsonNode last = awaitEvent(client, "stats", seqs.get(19));

        assertThat(last.path("data").path("n").asInt()).isEqualTo(19);
        List<String> frames = frameTypes(client, "stats");
        assertThat(frames.get(0)).as("the first event of a window goes out at once").isEqualTo("stats_update");
        assertThat(frames).as("the rest were merged into the window").contains("batch");
        assertThat(client.events("stats")).as("conflated: older figures replaced by newer").hasSizeLessThan(20);
    }

    @Test
    void unthrottledStatsGoOutOneByOne() {
        List<CompletableFuture<Long>> seqs = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            seqs.add(broadcasts.statsUpdate(Map.of("n", n), false));
        }
        awaitEvent(client, "stats", seqs.get(4));

        assertThat(frameTypes(client, "stats")).containsExactly(
                "stats_update", "stats_update", "stats_update", "stats_update", "stats_update");
    }

    @Test
    void throttledLogsAreBatchedAndNoneIsLost() {
        List<CompletableFuture<Long>> seqs = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            seqs.add(broadcasts.log("INFO", "line " + n, "test"));
        }
        awaitEvent(client, "logs", seqs.get(19));

        List<String> frames = frameTypes(client, "logs");
        assertThat(frames.get(0)).isEqualTo("log");
        assertThat(frames).contains("batch");
        assertThat(client.seqs("logs")).as("every item delivered, in seq order")
                .containsExactlyElementsOf(seqs.stream().map(CompletableFuture::join).toList());
    }

    @Test
    void unthrottledLogsGoOutOneByOne() {
        List<CompletableFuture<Long>> seqs = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            seqs.add(broadcasts.log("WARNING", "line " + n, "test", false));
        }
        awaitEvent(client, "logs", seqs.get(4));

        assertThat(frameTypes(client, "logs")).containsExactly("log", "log", "log", "log", "log");
    }
}
