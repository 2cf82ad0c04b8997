package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.SseTestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SSE behind a load balancer without sticky sessions: a command POST may reach any node, and the node that does not
 * hold the stream forwards it over Redis to the one that does.
 */
class SseForwardingScaleOutTest {

    private final Cluster cluster = new Cluster(Cluster.SHARED_REDIS);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aCommandPostedToAnotherNodeReachesTheStreamAndItsRepliesComeOnTheStream() {
        RealtimeHub a = cluster.start("node-a");
        RealtimeHub b = cluster.start("node-b");
        try (SseTestClient stream = SseTestClient.connected(a.port())) {
            assertThat(stream.session()).endsWith(".node-a");
            HttpTestClient viaB = new HttpTestClient(b.httpUri());

            HttpTestClient.Reply reply = viaB.post(SseTestClient.PATH + "/" + stream.session(),
                    "[{\"action\":\"subscribe\",\"topic\":\"alerts\"},{\"action\":\"ping\"}]");
            assertThat(reply.status()).as(reply.body()).isEqualTo(204);
            JsonNode subscribed = stream.awaitMessage(m -> "subscription".equals(m.path("type").asText()));
            assertThat(subscribed.path("topic").asText()).isEqualTo("alerts");
            assertThat(subscribed.path("success").asBoolean()).isTrue();
            stream.awaitMessage(m -> "pong".equals(m.path("type").asText()));

            // published on b, delivered by a to the stream the command subscribed
            b.publish("alerts", Publication.of("alert", Map.of("title", "through b"))).join();
            JsonNode alert = stream.awaitMessage(m -> "alert".equals(m.path("type").asText()));
            assertThat(alert.path("title").asText()).isEqualTo("through b");
        }
    }

    @Test
    void aStreamThatEndedOrANodeThatIsGoneIs404ThroughAnyNode() {
        RealtimeHub a = cluster.start("node-a");
        RealtimeHub b = cluster.start("node-b");
        HttpTestClient viaB = new HttpTestClient(b.httpUri());
        String session;
        try (SseTestClient stream = SseTestClient.connected(a.port())) {
            session = stream.session();
        }
        org.awaitility.Awaitility.await().until(() -> a.engine().connectionCount() == 0);

        HttpTestClient.Reply ended = viaB.post(SseTestClient.PATH + "/" + session, "{\"action\":\"ping\"}");
        assertThat(ended.status()).isEqualTo(404);
        assertThat(ended.json().path("error").asText()).startsWith("Unknown session");

        HttpTestClient.Reply gone = viaB.post(SseTestClient.PATH + "/" + session.replace(".node-a", ".node-x"),
                "{\"action\":\"ping\"}");
        assertThat(gone.status()).as("no node-x listens: 404 at once, not a timeout").isEqualTo(404);

        HttpTestClient.Reply badJson = viaB.post(SseTestClient.PATH + "/" + session, "{nope");
        assertThat(badJson.status()).as("bad JSON is refused by the node it reached").isEqualTo(400);
    }
}
