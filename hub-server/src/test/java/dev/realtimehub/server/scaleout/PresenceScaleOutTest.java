package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.Tokens;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Presence across hub nodes over the machine's Redis: one view from every node, join/leave relayed. */
class PresenceScaleOutTest {

    private static final TopicConfig ROOM = TopicConfig.builder("room").presence(true).joinLeave(true).build();

    private static WsTestClient as(RealtimeHub node, String user) {
        return WsTestClient.connected(URI.create(node.webSocketUri() + "?token=" + Tokens.hs256(user, List.of(), 300)));
    }

    private static JsonNode presenceOn(RealtimeHub node) {
        return new HttpTestClient(node.httpUri()).get("/api/presence/room").json();
    }

    @Test
    void everyNodeSeesEveryConnectionAndEachUserOnce() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub a = cluster.start("a", s -> s.security().jwtHmacSecret(Tokens.SECRET), ROOM);
            RealtimeHub b = cluster.start("b", s -> s.security().jwtHmacSecret(Tokens.SECRET), ROOM);
            WsTestClient bobOnA = as(a, "bob");
            bobOnA.subscribe("room");
            WsTestClient aliceOnA = as(a, "alice");
            WsTestClient aliceOnB = as(b, "alice");
            aliceOnA.subscribe("room");
            aliceOnB.subscribe("room");

            for (RealtimeHub node : List.of(a, b)) {
                // another node's entries are written to Redis asynchronously: eventually, not at once
                await().atMost(Duration.ofSeconds(10)).until(() -> presenceOn(node).path("connections").asInt() == 3);
                JsonNode presence = presenceOn(node);
                assertThat(presence.path("users")).extracting(JsonNode::asText).containsExactly("alice", "bob");
            }
            // bob on a hears alice join on b (relayed), and the join of alice on a
            await().atMost(Duration.ofSeconds(10)).until(() -> bobOnA.messages("join").size() == 2);
            assertThat(bobOnA.messages("join")).extracting(m -> m.path("user_id").asText())
                    .containsExactly("alice", "alice");

            aliceOnB.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> bobOnA.messages("leave").size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> presenceOn(a).path("connections").asInt() == 2);
            JsonNode after = presenceOn(a);
            assertThat(after.path("connections").asInt()).isEqualTo(2);
            assertThat(after.path("users")).extracting(JsonNode::asText).containsExactly("alice", "bob");
            aliceOnA.close();
            bobOnA.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> presenceOn(b).path("connections").asInt() == 0);
            assertThat(presenceOn(b).path("users")).isEmpty();
        }
    }
}
