package dev.realtimehub.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.ChannelLimitException;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Channels {@code ns:key}: creation, their own seq and epoch, limits, idle drop, user keys, recovery. */
class ChannelsTest {

    private static final long IDLE_MS = 10_000;

    private final ManualTime time = new ManualTime();
    private final DirectLane lane = new DirectLane();
    private final HubEngine hub = HubEngine.builder().clock(time).scheduler(time).maxChannels(3)
            .topic(TopicConfig.builder("job").channels(true).channelIdleMs(IDLE_MS).history(100).build())
            .topic(TopicConfig.builder("joblog").channels(true).policy(DeliveryPolicy.BATCH).channelIdleMs(IDLE_MS)
                    .build())
            .topic(TopicConfig.builder("inbox").channels(true).userKey(true).channelIdleMs(IDLE_MS).build())
            .topic(TopicConfig.builder("secret").channels(true).roles(java.util.List.of("admin"))
                    .channelIdleMs(IDLE_MS).build())
            .build();

    private ConnectionInbound open(RecordingSession session, Identity identity) {
        return hub.gateway().open(session, identity);
    }

    private RecordingSession subscribe(String topic) {
        RecordingSession session = new RecordingSession(lane);
        open(session, Identity.ANONYMOUS).onText("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
        return session;
    }

    private long publish(String topic, int n) {
        return hub.publish(topic, Publication.of("event", Map.of("n", n))).join();
    }

    private static JsonNode reply(RecordingSession session) {
        var replies = session.messages("subscription");
        return replies.get(replies.size() - 1);
    }

    @Test
    void aChannelHasItsOwnSeqAndEpochAndNeverReachesItsNamespace() {
        RecordingSession job42 = subscribe("job:42");
        RecordingSession job7 = subscribe("job:7");
        RecordingSession namespace = subscribe("job");
        assertThat(reply(job42).path("success").asBoolean()).isTrue();
        assertThat(reply(job42).path("seq").asLong()).isZero();

        assertThat(publish("job:42", 1)).isEqualTo(1);
        assertThat(publish("job:42", 2)).isEqualTo(2);
        assertThat(publish("job:7", 3)).as("job:7 counts on its own").isEqualTo(1);

        assertThat(job42.seqs("job:42")).containsExactly(1L, 2L);
        assertThat(job42.events("job:42")).allSatisfy(e -> assertThat(e.path("topic").asText()).isEqualTo("job:42"));
        assertThat(job7.seqs("job:7")).containsExactly(1L);
        assertThat(namespace.events("job")).isEmpty();
        assertThat(hub.position("job:42").epoch()).isNotEqualTo(hub.position("job:7").epoch())
                .isNotEqualTo(hub.position("job").epoch());
        assertThat(hub.position("job:42").seq()).isEqualTo(2);
        assertThat(hub.channels().channelCount()).isEqualTo(2);
    }

    @Test
    void aChannelIsCreatedByItsFirstPublishAndKeepsHistoryForLaterSubscribers() {
        publish("job:1", 1);
        publish("job:1", 2);
        String epoch = hub.position("job:1").epoch();
        RecordingSession late = new RecordingSession(lane);
        open(late, Identity.ANONYMOUS).onText("{\"action\":\"subscribe\",\"topic\":\"job:1\",\"since\":0,\"epoch\":\""
                + epoch + "\"}");
        assertThat(reply(late).path("recovered").asBoolean()).isTrue();
        assertThat(reply(late).path("epoch").asText()).isEqualTo(epoch);
        assertThat(late.seqs("job:1")).containsExactly(1L, 2L);
        assertThat(hub.history("job:1").join().events()).hasSize(2);
    }

    @Test
    void aChannelTakesItsNamespacesPolicy() {
        RecordingSession session = subscribe("joblog:9");
        for (int i = 0; i < 4; i++) {
            publish("joblog:9", i);
        }
        time.advance(100);
        assertThat(session.messages("batch")).hasSize(1);
        assertThat(session.messages("batch").get(0).path("topic").asText()).isEqualTo("joblog:9");
        assertThat(session.seqs("joblog:9")).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void pastMaxChannelsSubscribeAndPublishAreRefusedWithTheReason() {
        subscribe("job:1");
        subscribe("job:2");
        publish("job:3", 1);
        RecordingSession refused = subscribe("job:4");
        assertThat(reply(refused).path("success").asBoolean()).isFalse();
        assertThat(reply(refused).path("error").asText())
                .startsWith("Too many channels: at most 3 per node (limits.max-channels)");
        assertThatThrownBy(() -> publish("job:5", 1)).isInstanceOf(ChannelLimitException.class)
                .hasMessageContaining("limits.max-channels");
        assertThat(publish("job:1", 1)).as("existing channels still work").isEqualTo(1);
        assertThat(publish("job", 1)).as("so does the namespace").isEqualTo(1);
    }

    @Test
    void badChannelsAreRefusedWithTheReason() {
        assertThat(reply(subscribe("job:a b")).path("error").asText())
                .isEqualTo("Invalid channel 'job:a b': channel key must match [A-Za-z0-9_.-]{1,64}");
        assertThat(reply(subscribe("nope:1")).path("error").asText()).isEqualTo("Unknown namespace: nope");
        assertThat(reply(subscribe("logs:1")).path("error").asText())
                .isEqualTo("Topic logs has no channels (it is not declared with channels: true)");
        assertThatThrownBy(() -> publish("logs:1", 1)).isInstanceOf(PublishException.class)
                .hasMessage("Topic logs has no channels (it is not declared with channels: true)");
        assertThat(hub.channels().channelCount()).isZero();
    }

    @Test
    void anIdleChannelIsDroppedWithItsHistoryAndStartsAfreshLater() {
        publish("job:1", 1);
        String first = hub.position("job:1").epoch();
        time.advance(IDLE_MS - 1000);
        assertThat(hub.channels().channelCount()).as("not idle long enough").isEqualTo(1);
        time.advance(IDLE_MS);
        assertThat(hub.channels().channelCount()).isZero();

        RecordingSession again = subscribe("job:1");
        assertThat(reply(again).path("seq").asLong()).isZero();
        assertThat(reply(again).path("epoch").asText()).isNotEqualTo(first);
        assertThat(publish("job:1", 2)).isEqualTo(1);
    }

    @Test
    void aChannelWithASubscriberIsNeverDroppedAndItsIdleTimeStartsWhenTheLastOneLeaves() {
        RecordingSession session = new RecordingSession(lane);
        ConnectionInbound connection = open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"job:1\"}");
        time.advance(5 * IDLE_MS);
        assertThat(hub.channels().channelCount()).isEqualTo(1);
        connection.onText("{\"action\":\"unsubscribe\",\"topic\":\"job:1\"}");
        assertThat(reply(session).path("success").asBoolean()).isTrue();
        time.advance(IDLE_MS / 2);
        assertThat(hub.channels().channelCount()).isEqualTo(1);
        time.advance(IDLE_MS);
        assertThat(hub.channels().channelCount()).isZero();
    }

    @Test
    void aClosedConnectionLeavesItsChannels() {
        RecordingSession session = new RecordingSession(lane);
        ConnectionInbound connection = open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"job:1\"}");
        connection.onClosed();
        assertThat(hub.channels().existing("job:1").subscriberCount()).isZero();
        time.advance(2 * IDLE_MS);
        assertThat(hub.channels().channelCount()).isZero();
    }

    @Test
    void underUserKeyAUserSubscribesOnlyToTheirOwnChannel() {
        RecordingSession alice = new RecordingSession(lane);
        ConnectionInbound connection = open(alice, new Identity("alice", Set.of(), 0));
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"inbox:bob\"}");
        assertThat(reply(alice).path("success").asBoolean()).isFalse();
        assertThat(reply(alice).path("error").asText()).startsWith("forbidden: channels of inbox are personal");
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"inbox:alice\"}");
        assertThat(reply(alice).path("success").asBoolean()).isTrue();
        assertThat(reply(subscribe("inbox:alice")).path("success").asBoolean()).as("anonymous").isFalse();

        publish("inbox:alice", 1);
        publish("inbox:bob", 2);
        assertThat(alice.seqs("inbox:alice")).containsExactly(1L);
        assertThat(alice.seqs("inbox:bob")).isEmpty();
    }

    @Test
    void aChannelTakesItsNamespacesRoles() {
        assertThat(reply(subscribe("secret:1")).path("error").asText()).isEqualTo("forbidden");
        RecordingSession admin = new RecordingSession(lane);
        open(admin, new Identity("root", Set.of("admin"), 0))
                .onText("{\"action\":\"subscribe\",\"topic\":\"secret:1\"}");
        assertThat(reply(admin).path("success").asBoolean()).isTrue();
    }

    @Test
    void channelsTakeFiltersLikeTopics() {
        RecordingSession session = new RecordingSession(lane);
        open(session, Identity.ANONYMOUS)
                .onText("{\"action\":\"subscribe\",\"topic\":\"job:1\",\"filter\":{\"n\":[2,3]}}");
        for (int n = 1; n <= 4; n++) {
            publish("job:1", n);
        }
        assertThat(session.seqs("job:1")).containsExactly(2L, 3L);
    }

    @Test
    void deliveriesCountUnderTheNamespaceNeverTheChannel() {
        subscribe("job:1");
        subscribe("job:2");
        publish("job:1", 1);
        publish("job:2", 2);
        publish("job:2", 3);
        int job = hub.topics().indexOf("job");
        assertThat(hub.counters().topic(job).published()).isEqualTo(3);
        assertThat(hub.counters().delivered(job)).isEqualTo(3);
        assertThat(hub.stats().topics()).extracting(dev.realtimehub.core.api.HubStats.TopicStats::name).doesNotContain("job:1", "job:2");
    }

}
