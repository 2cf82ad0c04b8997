package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.Tokens;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicRolesTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s
            .topic(TopicConfig.builder("audit").roles(List.of("admin", "auditor")).build())
            .topic(TopicConfig.builder("system").roles(List.of("admin")).build())
            .security().jwtHmacSecret(Tokens.SECRET));

    private RealtimeHub hub;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
    }

    private WsTestClient as(String user, List<String> roles) {
        return WsTestClient.connected(URI.create(hub.webSocketUri() + "?token=" + Tokens.hs256(user, roles, 300)));
    }

    private static List<String> available(WsTestClient client) {
        return client.messages("connected").get(0).path("available_topics").findValuesAsText("")
                .isEmpty() ? toList(client.messages("connected").get(0).path("available_topics")) : List.of();
    }

    private static List<String> toList(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void aForbiddenSubscribeIsRefusedAndTheTopicIsNotListed() {
        try (WsTestClient viewer = as("vic", List.of("viewer"))) {
            assertThat(available(viewer)).doesNotContain("audit", "system").contains("stats", "logs", "alerts");
            JsonNode reply = viewer.request("{\"action\":\"subscribe\",\"topic\":\"audit\"}", "subscription", "audit");
            assertThat(reply.path("success").asBoolean()).isFalse();
            assertThat(reply.path("error").asText()).isEqualTo("forbidden");
            hub.publish("audit", dev.realtimehub.core.api.Publication.of("entry", java.util.Map.of("n", 1))).join();
            assertThat(viewer.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
            assertThat(viewer.seqs("audit")).isEmpty();
        }
    }

    @Test
    void anyOfTheTopicsRolesLetsTheConnectionIn() {
        try (WsTestClient auditor = as("ann", List.of("auditor")); WsTestClient admin = as("root", List.of("admin"))) {
            assertThat(available(auditor)).contains("audit").doesNotContain("system");
            assertThat(available(admin)).contains("audit", "system");
            assertThat(auditor.subscribe("audit").path("success").asBoolean()).isTrue();
            assertThat(admin.subscribe("system").path("success").asBoolean()).isTrue();
        }
    }

    @Test
    void anonymousConnectionsSeeOnlyOpenTopics() {
        try (WsTestClient anonymous = WsTestClient.connected(hub.webSocketUri())) {
            assertThat(available(anonymous)).doesNotContain("audit", "system");
            assertThat(anonymous.request("{\"action\":\"subscribe\",\"topic\":\"system\"}", "subscription", "system")
                    .path("error").asText()).isEqualTo("forbidden");
        }
    }
}
