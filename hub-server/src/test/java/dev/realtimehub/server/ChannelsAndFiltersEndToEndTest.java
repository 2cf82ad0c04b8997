package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HttpTestClient.Reply;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channels and filters over real sockets: the WebSocket protocol, HTTP publish and /api/ws/stats. */
class ChannelsAndFiltersEndToEndTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s.metricsIntervalMs(60_000).maxChannels(3)
            .topic(TopicConfig.builder("job").channels(true).build())
            .topic(TopicConfig.builder("joblog").channels(true).policy(DeliveryPolicy.BATCH).build()));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    private Reply publish(String topic, String fields) {
        return http.post("/api/publish", "{\"topic\":\"" + topic + "\",\"type\":\"event\"" + fields + "}");
    }

    @Test
    void aSubscriberOfAChannelGetsItsEventsOnlyWithTheChannelsOwnSeqs() {
        try (WsTestClient job42 = WsTestClient.connected(hub.webSocketUri());
             WsTestClient namespace = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode reply = job42.subscribe("job:42");
            assertThat(reply.path("success").asBoolean()).isTrue();
            assertThat(reply.path("epoch").asText()).isNotEmpty();
            namespace.subscribe("job");

            assertThat(publish("job:42", ",\"n\":1").json().path("seqs").get(0).asLong()).isEqualTo(1);
            assertThat(publish("job:7", ",\"n\":2").json().path("seqs").get(0).asLong()).isEqualTo(1);
            assertThat(publish("job:42", ",\"n\":3").json().path("seqs").get(0).asLong()).isEqualTo(2);
            assertThat(publish("job", ",\"n\":4").json().path("seqs").get(0).asLong()).isEqualTo(1);

            namespace.awaitMessage(m -> m.path("n").asInt() == 4);
            job42.awaitMessage(m -> m.path("n").asInt() == 3);
            assertThat(job42.seqs("job:42")).containsExactly(1L, 2L);
            assertThat(job42.events("job:42")).extracting(e -> e.path("n").asInt()).containsExactly(1, 3);
            assertThat(namespace.events("job")).extracting(e -> e.path("n").asInt()).containsExactly(4);
        }
    }

    @Test
    void aReturningClientRecoversAChannelWithSinceAndEpoch() {
        publish("job:1", ",\"n\":1");
        publish("job:1", ",\"n\":2");
        publish("job:1", ",\"n\":3");
        String epoch = hub.engine().position("job:1").epoch();
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode reply = client.request("{\"action\":\"subscribe\",\"topic\":\"job:1\",\"since\":1,\"epoch\":\""
                    + epoch + "\"}", "subscription", "job:1");
            assertThat(reply.path("recovered").asBoolean()).isTrue();
            client.awaitMessage(m -> m.path("n").asInt() == 3);
            assertThat(client.seqs("job:1")).containsExactly(2L, 3L);
        }
    }

    @Test
    void aFilteredSubscriptionReceivesOnlyMatchingEventsAndRecoversOnlyThose() {
        for (String level : new String[] {"INFO", "ERROR", "INFO", "CRITICAL"}) {
            http.post("/api/publish", "{\"topic\":\"logs\",\"type\":\"log\",\"level\":\"" + level
                    + "\",\"message\":\"m\",\"module\":\"billing\",\"throttle\":false}");
        }
        String epoch = hub.engine().position("logs").epoch();
        try (WsTestClient errors = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode reply = errors.request("{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":0,\"epoch\":\""
                    + epoch + "\",\"filter\":{\"level\":[\"ERROR\",\"CRITICAL\"]}}", "subscription", "logs");
            assertThat(reply.path("success").asBoolean()).isTrue();
            assertThat(reply.path("recovered").asBoolean()).isTrue();
            http.post("/api/publish", "{\"topic\":\"logs\",\"type\":\"log\",\"level\":\"INFO\",\"message\":\"live\"}");
            http.post("/api/publish", "{\"topic\":\"logs\",\"type\":\"log\",\"level\":\"ERROR\",\"message\":\"last\"}");
            errors.awaitMessage(m -> m.toString().contains("\"last\""));
            assertThat(errors.events("logs")).extracting(e -> e.path("level").asText())
                    .containsExactly("ERROR", "CRITICAL", "ERROR");
            assertThat(errors.events("logs")).noneMatch(e -> e.path("level").asText().equals("INFO"));
        }
    }

    @Test
    void aMalformedFilterIsRefusedAndTheConnectionStaysUsable() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode reply = client.request("{\"action\":\"subscribe\",\"topic\":\"logs\",\"filter\":{\"level\":[[1]]}}",
                    "subscription", "logs");
            assertThat(reply.path("success").asBoolean()).isFalse();
            assertThat(reply.path("error").asText()).isEqualTo("Invalid filter: filter field 'level': values must be"
                    + " JSON scalars (string, number, boolean, null)");
            assertThat(client.subscribe("job:1").path("success").asBoolean()).isTrue();
        }
    }

    @Test
    void pastMaxChannelsSubscribeIsRefusedAndHttpPublishAnswers503WithTheReason() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("job:1");
            client.subscribe("job:2");
            assertThat(publish("job:3", "").status()).isEqualTo(200);
            JsonNode refused = client.subscribe("job:4");
            assertThat(refused.path("success").asBoolean()).isFalse();
            assertThat(refused.path("error").asText()).contains("limits.max-channels");

            Reply reply = http.post("/api/publish", "[{\"topic\":\"job:1\",\"type\":\"e\"},{\"topic\":\"job:5\",\"type\":\"e\"}]");
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.raw().headers().firstValue("retry-after")).isPresent();
            assertThat(reply.json().path("error").asText()).startsWith("Event 1: Too many channels: at most 3 per node")
                    .endsWith("(nothing of this request was published)");
            assertThat(hub.engine().position("job:1").seq()).as("event 0 was not published either").isZero();
        }
    }

    @Test
    void badChannelsAre400WithTheReason() {
        Reply reply = publish("logs:1", "");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText())
                .isEqualTo("Topic logs has no channels (it is not declared with channels: true)");
        assertThat(publish("job:a b", "").json().path("error").asText())
                .isEqualTo("Invalid channel 'job:a b': channel key must match [A-Za-z0-9_.-]{1,64}");
    }

    @Test
    void statsCountChannelsPerNamespaceNeverPerChannel() {
        try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
            client.subscribe("job:1");
            client.subscribe("job:2");
            publish("joblog:9", "");
            JsonNode stats = http.get("/api/ws/stats").json();
            assertThat(stats.path("channel_count").asInt()).isEqualTo(3);
            assertThat(stats.path("channels").path("job").path("channels").asInt()).isEqualTo(2);
            assertThat(stats.path("channels").path("job").path("subscribers").asInt()).isEqualTo(2);
            assertThat(stats.path("channels").path("joblog").path("channels").asInt()).isEqualTo(1);
            assertThat(stats.path("subscriptions").has("job:1")).isFalse();
            assertThat(http.get("/metrics").body()).doesNotContain("job:1");
        }
    }
}
