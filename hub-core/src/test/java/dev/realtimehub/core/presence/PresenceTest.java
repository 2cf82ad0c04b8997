package dev.realtimehub.core.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Presence on one node: the {@code presence} action, join/leave frames, and the counts behind them. */
class PresenceTest {

    private final ManualTime time = new ManualTime();
    private HubEngine hub;

    @BeforeEach
    void setUp() {
        hub = HubEngine.builder().clock(time).scheduler(time).nodeId("node-a")
                .topic(TopicConfig.builder("room").presence(true).joinLeave(true).build())
                .topic(TopicConfig.builder("quiet").presence(true).build())
                .topic(TopicConfig.builder("staff").presence(true).roles(List.of("admin")).build())
                .build();
    }

    private record Client(RecordingSession session, ConnectionInbound inbound) {
        void send(String json) {
            inbound.onText(json);
        }

        JsonNode last() {
            List<JsonNode> messages = session.messages();
            return messages.get(messages.size() - 1);
        }

        List<JsonNode> frames(String type) {
            return session.messages(type);
        }
    }

    private Client open(String user, String... roles) {
        RecordingSession session = new RecordingSession(new DirectLane());
        Identity identity = user == null ? Identity.ANONYMOUS : new Identity(user, Set.of(roles), 0);
        return new Client(session, hub.gateway().open(session, identity));
    }

    private static String subscribe(String topic) {
        return "{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}";
    }

    private static String presence(String topic) {
        return "{\"action\":\"presence\",\"topic\":\"" + topic + "\"}";
    }

    @Test
    void presenceCountsConnectionsAndListsEachUserOnce() {
        Client aliceTab1 = open("alice");
        Client aliceTab2 = open("alice");
        Client bob = open("bob");
        Client anonymous = open(null);
        for (Client c : List.of(aliceTab1, aliceTab2, bob, anonymous)) {
            c.send(subscribe("quiet"));
        }
        bob.send(presence("quiet"));

        JsonNode reply = bob.last();
        assertThat(reply.path("type").asText()).isEqualTo("presence");
        assertThat(reply.path("topic").asText()).isEqualTo("quiet");
        assertThat(reply.path("connections").asInt()).isEqualTo(4);
        assertThat(reply.path("users")).extracting(JsonNode::asText).containsExactly("alice", "bob");
        assertThat(reply.has("seq")).isFalse();
    }

    @Test
    void askingNeedsNoSubscription() {
        Client watcher = open("carol");
        open("alice").send(subscribe("quiet"));
        watcher.send(presence("quiet"));
        assertThat(watcher.last().path("connections").asInt()).isEqualTo(1);
        assertThat(watcher.last().path("users")).extracting(JsonNode::asText).containsExactly("alice");
    }

    @Test
    void subscribingTwiceOrLeavingTwiceNeverMiscounts() {
        Client alice = open("alice");
        alice.send(subscribe("quiet"));
        alice.send(subscribe("quiet"));
        assertThat(hub.presence("quiet").join().connections()).isEqualTo(1);

        alice.send("{\"action\":\"unsubscribe\",\"topic\":\"quiet\"}");
        alice.send("{\"action\":\"unsubscribe\",\"topic\":\"quiet\"}");
        alice.inbound().onClosed();
        PresenceSnapshot snapshot = hub.presence("quiet").join();
        assertThat(snapshot.connections()).isZero();
        assertThat(snapshot.users()).isEmpty();
    }

    @Test
    void closingAConnectionRemovesItsPresenceEverywhere() {
        Client alice = open("alice");
        alice.send(subscribe("quiet"));
        alice.send(subscribe("room"));
        alice.inbound().onClosed();
        assertThat(hub.presence("quiet").join().connections()).isZero();
        assertThat(hub.presence("room").join().connections()).isZero();
    }

    @Test
    void joinAndLeaveReachTheOtherSubscribersOncePerConnection() {
        Client bob = open("bob");
        bob.send(subscribe("room"));
        Client aliceTab1 = open("alice");
        Client aliceTab2 = open("alice");
        Client anonymous = open(null);
        aliceTab1.send(subscribe("room"));
        aliceTab2.send(subscribe("room"));
        anonymous.send(subscribe("room"));
        aliceTab2.send("{\"action\":\"unsubscribe\",\"topic\":\"room\"}");
        anonymous.inbound().onClosed();

        assertThat(bob.frames("join")).extracting(f -> f.path("user_id").isNull() ? null : f.path("user_id").asText())
                .containsExactly("alice", "alice", null);
        assertThat(bob.frames("leave")).hasSize(2);
        assertThat(bob.frames("leave").get(0).path("user_id").asText()).isEqualTo("alice");
        assertThat(bob.frames("leave").get(1).has("user_id")).isTrue();
        assertThat(bob.frames("leave").get(1).path("user_id").isNull()).isTrue();
        assertThat(bob.frames("join").get(0).path("topic").asText()).isEqualTo("room");
        assertThat(bob.frames("join").get(0).has("seq")).isFalse();
        // the connection a change is about does not get it; one that joined later sees only what came after
        assertThat(aliceTab1.frames("join")).hasSize(2); // tab 2 and the anonymous one
        assertThat(aliceTab2.frames("join")).hasSize(1); // the anonymous one
    }

    @Test
    void joinAndLeaveDoNotTouchTheTopicsSeq() {
        Client bob = open("bob");
        bob.send(subscribe("room"));
        hub.publish("room", Publication.of("event", Map.of("n", 1))).join();
        open("alice").send(subscribe("room"));
        hub.publish("room", Publication.of("event", Map.of("n", 2))).join();
        assertThat(bob.session().seqs("room")).containsExactly(1L, 2L);
        assertThat(hub.position("room").seq()).isEqualTo(2);
    }

    @Test
    void withoutJoinLeaveNobodyIsTold() {
        Client bob = open("bob");
        bob.send(subscribe("quiet"));
        open("alice").send(subscribe("quiet"));
        assertThat(bob.frames("join")).isEmpty();
    }

    @Test
    void unsubscribedConnectionsGetNoMoreChanges() {
        Client bob = open("bob");
        bob.send(subscribe("room"));
        bob.send("{\"action\":\"unsubscribe\",\"topic\":\"room\"}");
        open("alice").send(subscribe("room"));
        assertThat(bob.frames("join")).isEmpty();
    }

    @Test
    void refusalsNameTheReason() {
        Client anonymous = open(null);
        anonymous.send(presence("nope"));
        assertThat(anonymous.last().path("type").asText()).isEqualTo("presence");
        assertThat(anonymous.last().path("success").asBoolean(true)).isFalse();
        assertThat(anonymous.last().path("error").asText()).isEqualTo("Unknown topic: nope");

        anonymous.send(presence("rules"));
        assertThat(anonymous.last().path("error").asText()).contains("Presence is off for topic rules");

        anonymous.send(presence("staff"));
        assertThat(anonymous.last().path("error").asText()).isEqualTo("forbidden");

        anonymous.send("{\"action\":\"presence\"}");
        assertThat(anonymous.last().path("error").asText()).isEqualTo("Missing topic");
        anonymous.send("{\"action\":\"presence\",\"topic\":\"Bad Name\"}");
        assertThat(anonymous.last().path("error").asText()).startsWith("Invalid topic name");
    }

    @Test
    void theRolesThatMaySubscribeMayAsk() {
        Client admin = open("root", "admin");
        admin.send(subscribe("staff"));
        admin.send(presence("staff"));
        assertThat(admin.last().path("connections").asInt()).isEqualTo(1);
        assertThat(admin.last().path("users")).extracting(JsonNode::asText).containsExactly("root");
    }

    @Test
    void theJavaApiRefusesUnknownTopicsAndTopicsWithoutPresence() {
        assertThatThrownBy(() -> hub.presence("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown topic: nope");
        assertThatThrownBy(() -> hub.presence("rules")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topics.rules.presence");
    }

    @Test
    void joinLeaveWithoutPresenceIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> TopicConfig.builder("room").joinLeave(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topics.room.join-leave: needs topics.room.presence: true");
    }

    @Test
    void presenceOnTheDefaultTopicCountsNewConnections() {
        hub = HubEngine.builder().clock(time).scheduler(time)
                .topic(TopicConfig.builder("stats").policy(dev.realtimehub.core.topics.DeliveryPolicy.CONFLATE)
                        .conflateKey(List.of("type")).presence(true).build())
                .build();
        open("alice");
        open(null);
        assertThat(hub.presence("stats").join().connections()).isEqualTo(2);
    }
}
