package dev.realtimehub.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HttpTestClient.Reply;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code PUT /api/tasks/{id}} and {@code GET /api/tasks} against a real hub over real HTTP and WebSocket. */
class TasksApiTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s.taskFadeMs(1_500));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    private Reply put(String id, String body) {
        return http.put("/api/tasks/" + id, body);
    }

    private static String task(String name, String status, int progress, String message) {
        return "{\"name\":\"" + name + "\",\"status\":\"" + status + "\",\"progress\":" + progress
                + ",\"message\":" + (message == null ? "null" : "\"" + message + "\"") + "}";
    }

    @Test
    void putPublishesATaskUpdateOnTasksAndAnswersItsSeq() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("tasks");

            Reply reply = put("import-1", task("Import users", "running", 40, "batch 4 of 10"));

            assertThat(reply.status()).isEqualTo(200);
            long seq = reply.json().path("seq").asLong();
            JsonNode event = client.awaitMessage(m -> "task_update".equals(m.path("type").asText()));
            assertThat(event.path("seq").asLong()).isEqualTo(seq);
            assertThat(event.path("topic").asText()).isEqualTo("tasks");
            assertThat(event.path("task_id").asText()).isEqualTo("import-1");
            assertThat(event.path("name").asText()).isEqualTo("Import users");
            assertThat(event.path("status").asText()).isEqualTo("running");
            assertThat(event.path("progress").asInt()).isEqualTo(40);
            assertThat(event.path("message").asText()).isEqualTo("batch 4 of 10");
            assertThat(event.path("started_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
    }

    @Test
    void getListsTheLatestUpdateOfEveryTaskWithTheTopicsSeqAndEpoch() {
        put("a", task("Task A", "running", 10, null));
        put("b", task("Task B", "queued", 0, null));
        long last = put("a", task("Task A", "done", 100, "ok")).json().path("seq").asLong();

        Reply reply = http.get("/api/tasks");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode tasks = reply.json().path("tasks");
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).path("task_id").asText()).isEqualTo("b");
        assertThat(tasks.get(1).path("task_id").asText()).isEqualTo("a");
        assertThat(tasks.get(1).path("status").asText()).isEqualTo("done");
        assertThat(tasks.get(1).path("progress").asInt()).isEqualTo(100);
        assertThat(reply.json().path("seq").asLong()).isEqualTo(last);
        assertThat(reply.json().path("epoch").asText()).isEqualTo(hub.engine().position("tasks").epoch());
        assertThat(reply.json().path("fade_after_ms").asLong()).isEqualTo(1_500);
        assertThat(reply.json().path("server_time").asText()).endsWith("Z");
    }

    @Test
    void tasksPublishedThroughTheBroadcastHelperAreInTheListToo() {
        hub.broadcasts().taskUpdate("nightly", "Nightly export", "running", 30, null).join();

        JsonNode tasks = http.get("/api/tasks").json().path("tasks");

        assertThat(tasks).singleElement().satisfies(t -> assertThat(t.path("name").asText()).isEqualTo("Nightly export"));
    }

    @Test
    void aPageSubscribingWithTheSnapshotSeqGetsEveryLaterUpdateAndNothingTwice() {
        put("a", task("Task A", "running", 10, null));
        JsonNode snapshot = http.get("/api/tasks").json();
        long seq = snapshot.path("seq").asLong();
        put("a", task("Task A", "running", 60, null)); // between the snapshot and the subscription
        put("b", task("Task B", "running", 5, null));

        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode reply = client.request("{\"action\":\"subscribe\",\"topic\":\"tasks\",\"since\":" + seq
                    + ",\"epoch\":\"" + snapshot.path("epoch").asText() + "\"}", "subscription", "tasks");
            assertThat(reply.path("recovered").asBoolean()).isTrue();
            long live = put("b", task("Task B", "done", 100, null)).json().path("seq").asLong();
            client.awaitMessage(m -> m.path("seq").asLong() == live && "tasks".equals(m.path("topic").asText()));

            List<JsonNode> events = client.events("tasks");
            assertThat(events).extracting(e -> e.path("task_id").asText() + ":" + e.path("progress").asInt())
                    .containsExactly("a:60", "b:5", "b:100");
            assertThat(client.seqs("tasks")).allMatch(s -> s > seq).doesNotHaveDuplicates();
        }
    }

    @Test
    void startedAtIsStampedWhenATaskFirstLeavesTheQueueAndThenKept() {
        JsonNode queued = publishAndRead("t1", task("Build", "queued", 0, null));
        JsonNode running = publishAndRead("t1", task("Build", "running", 20, null));
        JsonNode done = publishAndRead("t1", task("Build", "done", 100, null));

        assertThat(queued.path("started_at").isNull()).isTrue();
        assertThat(running.path("started_at").asText()).isNotBlank();
        assertThat(done.path("started_at").asText()).isEqualTo(running.path("started_at").asText());
    }

    private JsonNode publishAndRead(String id, String body) {
        assertThat(put(id, body).status()).isEqualTo(200);
        return http.get("/api/tasks").json().path("tasks").get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            progress over 100  | {"name":"x","status":"running","progress":150}                | progress
            progress a string  | {"name":"x","status":"running","progress":"50"}               | progress
            progress missing   | {"name":"x","status":"running"}                               | progress
            unknown status     | {"name":"x","status":"paused","progress":5}                   | status
            name missing       | {"status":"running","progress":5}                             | name
            blank name         | {"name":" ","status":"running","progress":5}                  | name
            message a number   | {"name":"x","status":"running","progress":5,"message":3}      | message
            unknown field      | {"name":"x","status":"running","progress":5,"eta":3}          | eta
            not an object      | [1,2]                                                         | body
            invalid JSON       | {"name":                                                      | body
            """)
    void aBadUpdateIsRefusedWith400NamingTheFieldAndPublishesNothing(String why, String body, String field) {
        Reply reply = put("t1", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo(field);
        assertThat(reply.json().path("error").asText()).startsWith(field + ":");
        assertThat(hub.engine().position("tasks").seq()).isZero();
    }

    @Test
    void anOverlongIdIsRefused() {
        Reply reply = put("x".repeat(129), task("x", "running", 1, null));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("id");
    }

    @Test
    void anIdIsPercentDecodedOnceAsAPathSegment() {
        // %25 is a literal '%' and '+' is a literal '+' in a path; decoding twice made "100%25" a bad escape (a 500)
        Reply reply = put("100%25+a%2Bb", task("Half", "running", 50, null));

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        JsonNode task = http.get("/api/tasks").json().path("tasks").get(0);
        assertThat(task.path("task_id").asText()).isEqualTo("100%+a+b");
    }

    @Test
    void theListAnswersOnlyGetAndATaskOnlyPut() {
        Reply postList = http.post("/api/tasks", "{}");
        Reply getOne = http.send(HttpRequest.newBuilder(URI.create(hub.httpUri() + "/api/tasks/a")).GET().build());

        assertThat(postList.status()).isEqualTo(405);
        assertThat(getOne.status()).isEqualTo(405);
    }
}
