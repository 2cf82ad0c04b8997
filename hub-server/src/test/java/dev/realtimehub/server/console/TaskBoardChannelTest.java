package dev.realtimehub.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@link TaskBoard} publishing each update on the task's own channel {@code task:<id>} as well as on {@code tasks}. */
class TaskBoardChannelTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private static List<Event> history(RealtimeHub hub, String topic) {
        return hub.engine().history(topic).join().events();
    }

    @Test
    void everyUpdateGoesToTheTasksChannelWhoseHistoryKeepsThemAll(RealtimeHub hub) {
        hub.tasks().update("export-7", "Nightly export", "queued", 0, "waiting").join();
        hub.tasks().update("export-7", "Nightly export", "running", 40, "step 2 of 5").join();
        hub.tasks().update("other-1", "Something else", "running", 10, null).join();
        hub.tasks().update("export-7", "Nightly export", "done", 100, "ok").join();

        await().atMost(Duration.ofSeconds(10)).until(() -> history(hub, "task:export-7").size() == 3);
        List<Event> story = history(hub, "task:export-7");
        assertThat(story).extracting(Event::type).containsOnly("task_update");
        assertThat(story).extracting(e -> e.fields().get("status")).containsExactly("queued", "running", "done");
        assertThat(story).extracting(Event::seq).containsExactly(1L, 2L, 3L);
        Event last = story.get(2);
        assertThat(last.fields()).containsEntry("task_id", "export-7").containsEntry("name", "Nightly export")
                .containsEntry("progress", 100).containsEntry("message", "ok");
        assertThat(last.fields().get("started_at")).isEqualTo(story.get(1).fields().get("started_at")).isNotNull();
        assertThat(history(hub, "task:other-1")).hasSize(1);
        // tasks is conflated by task_id: the latest update of each task, the same fields
        List<Event> board = history(hub, TaskBoard.TOPIC);
        assertThat(board).extracting(e -> e.fields().get("task_id")).containsExactly("other-1", "export-7");
        assertThat(board.get(1).fields()).isEqualTo(last.fields());
        assertThat(history(hub, TaskBoard.NAMESPACE)).as("the namespace itself gets nothing").isEmpty();
    }

    @Test
    void aSubscriberOfBothHearsTheChannelFirst(RealtimeHub hub) {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("tasks");
            client.subscribe("task:sync-3");

            long seq = hub.tasks().update("sync-3", "Sync rules", "running", 5, "starting").join();

            JsonNode onTasks = client.awaitMessage(m -> "tasks".equals(m.path("topic").asText())
                    && "task_update".equals(m.path("type").asText()));
            assertThat(onTasks.path("seq").asLong()).isEqualTo(seq);
            List<JsonNode> updates = client.messages("task_update");
            assertThat(updates).extracting(m -> m.path("topic").asText()).containsExactly("task:sync-3", "tasks");
            assertThat(updates.get(0).path("message").asText()).isEqualTo("starting");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "a/b", "ünïcode", "x:y",
            "a-very-long-task-id-that-is-longer-than-sixty-four-characters-for-sure"})
    void anIdThatIsNoChannelKeyGoesToTasksOnly(String id, RealtimeHub hub) {
        long seq = hub.tasks().update(id, "Odd id", "running", 50, null).join();

        assertThat(seq).isPositive();
        assertThat(history(hub, TaskBoard.TOPIC)).extracting(e -> e.fields().get("task_id")).containsExactly(id);
        assertThat(hub.engine().channels().channelCount()).as("no channel was created").isZero();
        assertThat(history(hub, TaskBoard.NAMESPACE)).isEmpty();
    }

    @Test
    void aHubWhoseTaskTopicIsConfiguredWithoutChannelsPublishesOnTasksOnly() {
        RealtimeHub hub = hubs.start(s -> s.topic(TopicConfig.builder("task").build()));

        long seq = hub.tasks().update("export-7", "Nightly export", "running", 40, null).join();

        assertThat(seq).isPositive();
        assertThat(hub.engine().isChannel("task:export-7")).isFalse();
        assertThat(hub.engine().channels().channelCount()).isZero();
        assertThat(history(hub, TaskBoard.TOPIC)).hasSize(1);
        assertThat(history(hub, TaskBoard.NAMESPACE)).isEmpty();
    }
}
