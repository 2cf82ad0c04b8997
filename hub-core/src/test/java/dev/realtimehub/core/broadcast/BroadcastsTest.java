package dev.realtimehub.core.broadcast;

import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.auth.Identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingPublisher;
import dev.realtimehub.core.testing.RecordingSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.RuleAction;
import dev.realtimehub.core.api.Severity;
import dev.realtimehub.core.api.TaskStatus;
import dev.realtimehub.core.engine.HubEngine;

class BroadcastsTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final Broadcasts broadcasts = new Broadcasts(publisher);

    static Stream<Arguments> helpers() {
        return Stream.of(
                helper("statsUpdate(map)", b -> b.statsUpdate(Map.of("forwarded", 3)),
                        "stats", "stats_update", true, "data"),
                helper("statsUpdate(map, false)", b -> b.statsUpdate(Map.of("forwarded", 3), false),
                        "stats", "stats_update", false, "data"),
                helper("ruleChange", b -> b.ruleChange(7, RuleAction.TOGGLED, Map.of("enabled", false)),
                        "rules", "rule_change", null, "rule_id", "action", "details"),
                helper("systemEvent", b -> b.systemEvent("startup", "HubEngine started", Map.of("version", "1")),
                        "system", "system_event", null, "event", "message", "data"),
                helper("log(level, message, module)", b -> b.log("INFO", "Forwarded 3", "forwarder"),
                        "logs", "log", true, "level", "message", "module"),
                helper("log(…, false)", b -> b.log("ERROR", "Lost connection", "telegram", false),
                        "logs", "log", false, "level", "message", "module"),
                helper("alert", b -> b.alert("disk_space", "Disk almost full", "/var at 91%", Severity.CRITICAL),
                        "alerts", "alert", null, "alert_type", "title", "message", "severity"),
                helper("notification", b -> b.notification("alice", "Rule failed", "Rule 7 failed", "/rules/7"),
                        "notifications", "notification", null, "user_id", "title", "body", "action_url"),
                helper("taskUpdate", b -> b.taskUpdate("t1", "Import", TaskStatus.RUNNING, 40, "Step 2 of 5"),
                        "tasks", "task_update", null, "task_id", "name", "status", "progress", "message"));
    }

    private static Arguments helper(String name, Consumer<Broadcasts> call, String topic, String type,
                                    Boolean throttle, String... fields) {
        return Arguments.of(name, call, topic, type, throttle, List.of(fields));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helpers")
    void eachHelperPublishesTheOldShapeOnItsTopic(String name, Consumer<Broadcasts> call, String topic, String type,
                                                  Boolean throttle, List<String> fields) {
        call.accept(broadcasts);

        RecordingPublisher.Published published = publisher.single();
        assertThat(published.topic()).isEqualTo(topic);
        assertThat(published.publication().type()).isEqualTo(type);
        assertThat(published.publication().fields().keySet()).containsExactlyElementsOf(fields);
        assertThat(published.publication().throttle()).isEqualTo(throttle);
    }

    @Test
    void helpersFillTheFieldsWithTheirArguments() {
        broadcasts.ruleChange("r-7", "Created", Map.of("name", "News"));
        broadcasts.alert("disk_space", "Disk almost full", "/var at 91%", "ERROR");
        broadcasts.taskUpdate("t1", "Import", "done", 100, "Finished");

        List<Map<String, Object>> fields = publisher.published().stream().map(p -> p.publication().fields()).toList();
        assertThat(fields.get(0)).containsExactly(Map.entry("rule_id", "r-7"), Map.entry("action", "created"),
                Map.entry("details", Map.of("name", "News")));
        assertThat(fields.get(1)).containsExactly(Map.entry("alert_type", "disk_space"),
                Map.entry("title", "Disk almost full"), Map.entry("message", "/var at 91%"),
                Map.entry("severity", "error"));
        assertThat(fields.get(2)).containsExactly(Map.entry("task_id", "t1"), Map.entry("name", "Import"),
                Map.entry("status", "done"), Map.entry("progress", 100), Map.entry("message", "Finished"));
    }

    @Test
    void shortOverloadsUseTheOldDefaults() {
        broadcasts.ruleChange(7, "deleted");
        broadcasts.systemEvent("shutdown", "Bye");
        broadcasts.log("INFO", "hello");
        broadcasts.alert("quota", "Quota", "80% used");
        broadcasts.notification(null, "Maintenance", "Tonight at 22:00");

        List<Publication> sent = publisher.published().stream().map(RecordingPublisher.Published::publication).toList();
        assertThat(sent.get(0).fields()).containsEntry("details", null);
        assertThat(sent.get(1).fields()).containsEntry("data", null);
        assertThat(sent.get(2).fields()).containsEntry("module", null);
        assertThat(sent.get(2).throttle()).isTrue();
        assertThat(sent.get(3).fields()).containsEntry("severity", "warning");
        assertThat(sent.get(4).fields()).containsEntry("action_url", null).containsEntry("user_id", null);
    }

    @Test
    void aNotificationWithoutUserIsForEveryoneAndOneWithAUserTargetsThem() {
        broadcasts.notification(null, "All", "For everyone");
        broadcasts.notification("alice", "Alice", "Only for alice");

        List<RecordingPublisher.Published> sent = publisher.published();
        assertThat(sent.get(0).publication().userId()).isNull();
        assertThat(sent.get(1).publication().userId()).isEqualTo("alice");
    }

    @Test
    void helpersReturnTheSeqOfThePublish() {
        assertThat(broadcasts.log("INFO", "one").join()).isEqualTo(1);
        assertThat(broadcasts.log("INFO", "two").join()).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRefusedNamingTheParameterAndNothingIsPublished() {
        assertRefused(() -> broadcasts.ruleChange(7, "renamed"),
                "action: expected one of created, updated, deleted, toggled but was 'renamed'");
        assertRefused(() -> broadcasts.ruleChange(null, RuleAction.CREATED), "ruleId");
        assertRefused(() -> broadcasts.ruleChange(" ", RuleAction.CREATED), "ruleId");
        assertRefused(() -> broadcasts.ruleChange(List.of(7), RuleAction.CREATED), "ruleId");
        assertRefused(() -> broadcasts.alert("disk", "Disk", "full", "fatal"),
                "severity: expected one of info, warning, error, critical but was 'fatal'");
        assertRefused(() -> broadcasts.alert("disk", " ", "full"), "title");
        assertRefused(() -> broadcasts.alert("", "Disk", "full"), "alertType");
        assertRefused(() -> broadcasts.notification(null, "", "body"), "title");
        assertRefused(() -> broadcasts.notification("", "Title", "body"), "userId");
        assertRefused(() -> broadcasts.notification(null, "Title", null), "body");
        assertRefused(() -> broadcasts.log(null, "x"), "level");
        assertRefused(() -> broadcasts.log("INFO", null), "message");
        assertRefused(() -> broadcasts.systemEvent("", "x"), "event");
        assertRefused(() -> broadcasts.statsUpdate(null), "stats");
        assertRefused(() -> broadcasts.taskUpdate("t1", "Import", "paused", 1, null),
                "status: expected one of queued, running, done, failed, cancelled but was 'paused'");
        assertRefused(() -> broadcasts.taskUpdate("t1", "Import", TaskStatus.RUNNING, 101, null),
                "progress: expected 0..100 but was 101");
        assertRefused(() -> broadcasts.taskUpdate("t1", "Import", TaskStatus.RUNNING, -1, null), "progress");
        assertRefused(() -> broadcasts.taskUpdate(" ", "Import", TaskStatus.RUNNING, 0, null), "taskId");
        assertRefused(() -> broadcasts.taskUpdate("t1", null, TaskStatus.RUNNING, 0, null), "name");

        assertThat(publisher.published()).isEmpty();
    }

    private static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void nullFieldsAreEncodedAsJsonNullOnTheWire() {
        ManualTime time = new ManualTime();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        RecordingSession session = new RecordingSession(new DirectLane());
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        for (String topic : List.of("rules", "system", "logs", "notifications")) {
            connection.onText("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
        }
        session.clear();

        hub.broadcasts().ruleChange(7, RuleAction.DELETED);
        hub.broadcasts().systemEvent("startup", "HubEngine started");
        hub.broadcasts().log("INFO", "hello");
        hub.broadcasts().notification(null, "Maintenance", "Tonight");

        List<JsonNode> events = session.messages();
        assertThat(events).extracting(m -> m.path("type").asText())
                .containsExactly("rule_change", "system_event", "log", "notification");
        assertThat(nullFields(events.get(0))).containsExactly("details");
        assertThat(nullFields(events.get(1))).containsExactly("data");
        assertThat(nullFields(events.get(2))).containsExactly("module");
        assertThat(nullFields(events.get(3))).containsExactly("user_id", "action_url");
    }

    private static List<String> nullFields(JsonNode message) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            if (field.getValue().isNull()) {
                names.add(field.getKey());
            }
        }
        return names;
    }

    @Test
    void wireNamesOfTheEnumsAreLowerCase() {
        assertThat(Arrays.stream(RuleAction.values()).map(RuleAction::wireName))
                .containsExactly("created", "updated", "deleted", "toggled");
        assertThat(Arrays.stream(Severity.values()).map(Severity::wireName))
                .containsExactly("info", "warning", "error", "critical");
        assertThat(Arrays.stream(TaskStatus.values()).map(TaskStatus::wireName))
                .containsExactly("queued", "running", "done", "failed", "cancelled");
    }
}
