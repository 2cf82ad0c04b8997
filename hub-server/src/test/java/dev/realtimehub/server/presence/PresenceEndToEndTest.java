package dev.realtimehub.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.Tokens;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Presence over real sockets: the {@code presence} action, join/leave frames and {@code GET /api/presence/T}. */
class PresenceEndToEndTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s
            .topic(TopicConfig.builder("room").presence(true).joinLeave(true).build())
            .topic(TopicConfig.builder("staff").presence(true).roles(List.of("admin")).build())
            .security().jwtHmacSecret(Tokens.SECRET));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    private WsTestClient as(String user, String... roles) {
        return WsTestClient.connected(URI.create(hub.webSocketUri() + "?token="
                + Tokens.hs256(user, List.of(roles), 300)));
    }

    private static String presence(String topic) {
        return "{\"action\":\"presence\",\"topic\":\"" + topic + "\"}";
    }

    @Test
    void theActionAndTheEndpointCountTabsAndListUsersOnce() {
        try (WsTestClient tab1 = as("alice"); WsTestClient tab2 = as("alice"); WsTestClient bob = as("bob");
             WsTestClient anonymous = WsTestClient.connected(hub.webSocketUri())) {
            for (WsTestClient client : List.of(tab1, tab2, bob, anonymous)) {
                assertThat(client.subscribe("room").path("success").asBoolean()).isTrue();
            }
            JsonNode reply = bob.request(presence("room"), "presence", "room");
            assertThat(reply.path("connections").asInt()).isEqualTo(4);
            assertThat(reply.path("users")).extracting(JsonNode::asText).containsExactly("alice", "bob");

            HttpTestClient.Reply fromHttp = http.get("/api/presence/room");
            assertThat(fromHttp.status()).isEqualTo(200);
            assertThat(fromHttp.json().path("topic").asText()).isEqualTo("room");
            assertThat(fromHttp.json().path("connections").asInt()).isEqualTo(4);
            assertThat(fromHttp.json().path("users")).extracting(JsonNode::asText).containsExactly("alice", "bob");

            tab2.close();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> http.get("/api/presence/room").json().path("connections").asInt() == 3);
            assertThat(http.get("/api/presence/room").json().path("users")).extracting(JsonNode::asText)
                    .containsExactly("alice", "bob");
        }
    }

    @Test
    void subscribersSeeJoinAndLeaveWithoutASeq() {
        try (WsTestClient bob = as("bob")) {
            bob.subscribe("room");
            WsTestClient alice = as("alice");
            alice.subscribe("room");
            JsonNode join = bob.awaitMessage(m -> "join".equals(m.path("type").asText()));
            assertThat(join.path("topic").asText()).isEqualTo("room");
            assertThat(join.path("user_id").asText()).isEqualTo("alice");
            assertThat(join.has("seq")).isFalse();

            alice.close();
            JsonNode leave = bob.awaitMessage(m -> "leave".equals(m.path("type").asText()));
            assertThat(leave.path("user_id").asText()).isEqualTo("alice");

            WsTestClient anonymous = WsTestClient.connected(hub.webSocketUri());
            anonymous.subscribe("room");
            JsonNode anonymousJoin = bob.awaitMessage(m -> "join".equals(m.path("type").asText())
                    && m.path("user_id").isNull());
            assertThat(anonymousJoin.has("user_id")).isTrue();
            anonymous.close();
            assertThat(hub.engine().position("room").seq()).isZero();
        }
    }

    @Test
    void refusalsAreRepliesNamingTheReasonAndTheConnectionStaysOpen() {
        try (WsTestClient guest = as("eve", "guest")) {
            JsonNode unknown = guest.request(presence("nope"), "presence", "nope");
            assertThat(unknown.path("success").asBoolean(true)).isFalse();
            assertThat(unknown.path("error").asText()).isEqualTo("Unknown topic: nope");
            assertThat(guest.request(presence("rules"), "presence", "rules").path("error").asText())
                    .contains("Presence is off");
            assertThat(guest.request(presence("staff"), "presence", "staff").path("error").asText())
                    .isEqualTo("forbidden");
            assertThat(guest.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
        try (WsTestClient admin = as("root", "admin")) {
            admin.subscribe("staff");
            assertThat(admin.request(presence("staff"), "presence", "staff").path("users"))
                    .extracting(JsonNode::asText).containsExactly("root");
        }
    }

    @Test
    void theEndpointAnswersJsonErrorsAndChecksRolesAsSubscribingDoes() {
        HttpTestClient.Reply unknown = http.get("/api/presence/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("Unknown topic: nope");
        HttpTestClient.Reply off = http.get("/api/presence/rules");
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.json().path("error").asText()).contains("topics.rules.presence");

        assertThat(http.get("/api/presence/staff").status()).isEqualTo(401);
        assertThat(http.get("/api/presence/staff?token=" + Tokens.hs256("eve", List.of("guest"), 300)).status())
                .isEqualTo(403);
        HttpTestClient.Reply allowed = http.send(HttpRequest.newBuilder(hub.httpUri().resolve("/api/presence/staff"))
                .header("Authorization", "Bearer " + Tokens.hs256("root", List.of("admin"), 300)).GET().build());
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().path("connections").asInt()).isZero();

        HttpTestClient.Reply post = http.post("/api/presence/room", "{}");
        assertThat(post.status()).isEqualTo(405);
    }
}
