package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.Tokens;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A notification for one user reaches that user's tabs and nobody else, on every path. */
class TargetedDeliveryTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s.security().jwtHmacSecret(Tokens.SECRET));

    private RealtimeHub hub;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
    }

    private WsTestClient as(String user) {
        WsTestClient client = WsTestClient.connected(URI.create(hub.webSocketUri() + "?token="
                + Tokens.hs256(user, List.of(), 300)));
        client.subscribe("notifications");
        client.subscribe("logs");
        return client;
    }

    private static List<String> titles(WsTestClient client) {
        return client.events("notifications").stream().map(e -> e.path("title").asText()).toList();
    }

    @Test
    void liveNotificationsReachOnlyTheirUsersTabs() {
        try (WsTestClient aliceTab1 = as("alice"); WsTestClient aliceTab2 = as("alice"); WsTestClient bob = as("bob");
             WsTestClient anonymous = WsTestClient.connected(hub.webSocketUri())) {
            anonymous.subscribe("notifications");
            hub.broadcasts().notification("alice", "for alice", "secret", null).join();
            hub.broadcasts().notification("bob", "for bob", "secret", null).join();
            hub.broadcasts().notification(null, "for everyone", "hello", "/news").join();
            for (WsTestClient client : List.of(aliceTab1, aliceTab2, bob, anonymous)) {
                client.awaitMessage(m -> "for everyone".equals(m.path("title").asText()));
            }
            assertThat(titles(aliceTab1)).containsExactly("for alice", "for everyone");
            assertThat(titles(aliceTab2)).containsExactly("for alice", "for everyone");
            assertThat(titles(bob)).containsExactly("for bob", "for everyone");
            assertThat(titles(anonymous)).containsExactly("for everyone");
        }
    }

    @Test
    void batchFramesCarryOnlyTheReadersOwnItems() {
        try (WsTestClient alice = as("alice"); WsTestClient bob = as("bob")) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 30; i++) {
                String user = i % 3 == 0 ? "\"alice\"" : i % 3 == 1 ? "\"bob\"" : "null";
                body.append(i == 0 ? "" : ",").append("{\"topic\":\"logs\",\"type\":\"log\",\"message\":\"m")
                        .append(i).append("\",\"user_id\":").append(user).append("}");
            }
            new dev.realtimehub.server.testing.HttpTestClient(hub.httpUri()).post("/api/publish", body + "]");
            alice.awaitMessage(m -> m.path("items").findValuesAsText("message").contains("m29")
                    || "m29".equals(m.path("message").asText()));
            bob.awaitMessage(m -> m.path("items").findValuesAsText("message").contains("m29")
                    || "m29".equals(m.path("message").asText()));
            assertThat(alice.events("logs")).allSatisfy(e -> assertThat(e.path("user_id").asText("null")).isIn("alice", "null"));
            assertThat(bob.events("logs")).allSatisfy(e -> assertThat(e.path("user_id").asText("null")).isIn("bob", "null"));
            assertThat(alice.events("logs")).hasSize(20);
            assertThat(bob.events("logs")).hasSize(20);
            assertThat(alice.messages("batch")).isNotEmpty();
        }
    }

    @Test
    void recoveryReplaysOnlyTheReadersOwnNotifications() {
        String epoch;
        try (WsTestClient alice = as("alice")) {
            epoch = alice.messages("subscription").stream()
                    .filter(m -> "notifications".equals(m.path("topic").asText())).findFirst().orElseThrow()
                    .path("epoch").asText();
        }
        hub.broadcasts().notification("alice", "missed by alice", "x", null).join();
        hub.broadcasts().notification("bob", "missed by bob", "x", null).join();
        hub.broadcasts().notification(null, "missed by all", "x", null).join();
        for (String user : List.of("alice", "bob")) {
            try (WsTestClient back = WsTestClient.connected(URI.create(hub.webSocketUri() + "?token="
                    + Tokens.hs256(user, List.of(), 300)))) {
                JsonNode reply = back.request("{\"action\":\"subscribe\",\"topic\":\"notifications\",\"since\":0,"
                        + "\"epoch\":\"" + epoch + "\"}", "subscription", "notifications");
                assertThat(reply.path("recovered").asBoolean()).isTrue();
                back.awaitMessage(m -> "missed by all".equals(m.path("title").asText()));
                assertThat(titles(back)).containsExactly("missed by " + user, "missed by all");
            }
        }
    }
}
