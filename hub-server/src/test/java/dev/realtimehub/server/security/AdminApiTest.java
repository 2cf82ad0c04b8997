package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Publisher API keys and revocation. */
class AdminApiTest {

    private static final String KEY = "k-0123456789abcdef";

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s
            .metricsIntervalMs(60_000) // the sampler's events on 'metrics' stay out of the counts
            .security().jwtHmacSecret(Tokens.SECRET).apiKeys(List.of(KEY, "second-key-0123456789")));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    private HttpTestClient.Reply post(String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.httpUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }

    @Test
    void publishingNeedsAConfiguredKey() {
        String event = "{\"topic\":\"alerts\",\"type\":\"alert\"}";
        for (String wrong : new String[] {null, "Bearer nope", "Bearer " + KEY + "x", "Basic " + KEY, "Bearer "}) {
            HttpTestClient.Reply reply = post("/api/publish", event, wrong);
            assertThat(reply.status()).as(String.valueOf(wrong)).isEqualTo(401);
            assertThat(reply.json().path("error").asText()).contains("API key");
            assertThat(reply.raw().headers().firstValue("www-authenticate")).hasValue("Bearer");
        }
        assertThat(post("/api/publish", event, "Bearer " + KEY).status()).isEqualTo(200);
        assertThat(post("/api/publish", event, "bearer second-key-0123456789").status()).isEqualTo(200);
        assertThat(hub.engine().stats().totalBroadcasts()).isEqualTo(2);
        assertThat(http.get("/api/ws/stats").status()).as("reading stats stays open").isEqualTo(200);
    }

    @Test
    void revokingAUserClosesEveryTabWith4003() {
        String alice = Tokens.hs256("alice", List.of(), 300);
        try (WsTestClient tab1 = WsTestClient.connected(URI.create(hub.webSocketUri() + "?token=" + alice));
             WsTestClient tab2 = WsTestClient.connected(URI.create(hub.webSocketUri() + "?token=" + alice));
             WsTestClient bob = WsTestClient.connected(URI.create(hub.webSocketUri() + "?token="
                     + Tokens.hs256("bob", List.of(), 300)))) {
            assertThat(post("/api/connections/disconnect", "{\"user_id\":\"alice\"}", null).status()).isEqualTo(401);
            HttpTestClient.Reply reply = post("/api/connections/disconnect", "{\"user_id\":\"alice\"}", "Bearer " + KEY);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("disconnected").asInt()).isEqualTo(2);
            assertThat(tab1.closeCode()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(4003);
            assertThat(tab2.closeCode()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(4003);
            assertThat(bob.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
            assertThat(bob.isClosed()).isFalse();
        }
    }

    @Test
    void revokingOneClientClosesOnlyIt() {
        try (WsTestClient one = WsTestClient.connected(hub.webSocketUri());
             WsTestClient other = WsTestClient.connected(hub.webSocketUri())) {
            String id = one.messages("connected").get(0).path("client_id").asText();
            HttpTestClient.Reply reply = post("/api/connections/disconnect", "{\"client_id\":\"" + id + "\"}",
                    "Bearer " + KEY);
            assertThat(reply.json().path("disconnected").asInt()).isEqualTo(1);
            assertThat(one.closeCode()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(4003);
            assertThat(other.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
    }

    @Test
    void aBadRevocationRequestIs400() {
        for (String body : new String[] {"{}", "{\"user_id\":5}", "{\"user_id\":\"a\",\"client_id\":\"b\"}", "[]", "nope"}) {
            HttpTestClient.Reply reply = post("/api/connections/disconnect", body, "Bearer " + KEY);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().path("error").asText()).isNotBlank();
        }
    }
}
