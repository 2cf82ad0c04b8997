package dev.realtimehub.server.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.SseTestClient;
import dev.realtimehub.server.testing.Tokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who an SSE stream belongs to: tickets, tokens in headers or cookies, never in the URL, and what it may then read. */
class SseAuthTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private RealtimeHub securedHub() {
        return hubs.start(s -> s.security().jwtHmacSecret(Tokens.SECRET).anonymous(false).jwtCookie("hub_token"));
    }

    private static HttpTestClient.Reply ticket(RealtimeHub hub, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.httpUri().resolve("/api/sse/ticket"))
                .POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new HttpTestClient(hub.httpUri()).send(request.build());
    }

    private static String ticketFor(RealtimeHub hub, String user, List<String> roles) {
        HttpTestClient.Reply reply = ticket(hub, "Authorization", "Bearer " + Tokens.hs256(user, roles, 300));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("expires_in_ms").asLong()).isEqualTo(30_000);
        return reply.json().path("ticket").asText();
    }

    @Test
    void aTicketOpensTheStreamAsItsTokensUserOnceOnly() {
        RealtimeHub hub = securedHub();
        String ticket = ticketFor(hub, "alice", List.of("ops"));
        assertThat(ticket).matches("[A-Za-z0-9_-]{22}");
        try (SseTestClient stream = SseTestClient.open(hub.port(), SseTestClient.PATH + "?ticket=" + ticket)) {
            assertThat(stream.status()).isEqualTo(200);
            stream.session();
            assertThat(hub.engine().connections()).singleElement().satisfies(c -> {
                assertThat(c.userId()).isEqualTo("alice");
                assertThat(c.roles()).containsExactly("ops");
                assertThat(c.expiresAtMillis()).isPositive();
            });
            try (SseTestClient reused = SseTestClient.open(hub.port(), SseTestClient.PATH + "?ticket=" + ticket)) {
                assertThat(reused.status()).isEqualTo(401);
                assertThat(reused.error().path("error").asText())
                        .isEqualTo("Unknown, used or expired ticket: get a new one with POST /api/sse/ticket");
            }
        }
    }

    @Test
    void aStreamIsClosedWith4001WhenItsTokenExpires() {
        RealtimeHub hub = securedHub();
        // expired 57 s ago: within the 60 s clock skew for about 3 s more
        String token = Tokens.hs256("alice", List.of(), -57);
        HttpTestClient.Reply ticket = ticket(hub, "Authorization", "Bearer " + token);
        assertThat(ticket.status()).isEqualTo(200);
        try (SseTestClient stream = SseTestClient.open(hub.port(),
                SseTestClient.PATH + "?ticket=" + ticket.json().path("ticket").asText())) {
            assertThat(stream.status()).isEqualTo(200);
            JsonNode disconnect = stream.awaitMessage(m -> "disconnect".equals(m.path("type").asText()));
            assertThat(disconnect.path("code").asInt()).isEqualTo(4001);
            assertThat(disconnect.path("reason").asText()).isEqualTo("token expired");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(stream::ended);
            assertThat(stream.endedCleanly()).isTrue();
        }
    }

    @Test
    void withoutATokenOrTicketASecuredHubRefusesTheStream() {
        RealtimeHub hub = securedHub();
        try (SseTestClient stream = SseTestClient.open(hub.port(), SseTestClient.PATH)) {
            assertThat(stream.status()).isEqualTo(401);
            assertThat(stream.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(stream.error().path("error").asText()).startsWith("Missing token");
        }
        try (SseTestClient forged = SseTestClient.open(hub.port(), SseTestClient.PATH + "?ticket=forged")) {
            assertThat(forged.status()).isEqualTo(401);
        }
        assertThat(hub.engine().connectionCount()).isZero();
    }

    @Test
    void aTokenInTheUrlIsRefusedEvenWhenValid() {
        RealtimeHub hub = securedHub();
        try (SseTestClient stream = SseTestClient.open(hub.port(),
                SseTestClient.PATH + "?token=" + Tokens.hs256("alice", List.of(), 300))) {
            assertThat(stream.status()).isEqualTo(400);
            assertThat(stream.error().path("error").asText()).startsWith("No tokens in URLs");
        }
    }

    @Test
    void aBearerHeaderOrTheTokenCookieOpensTheStreamToo() {
        RealtimeHub hub = securedHub();
        try (SseTestClient header = SseTestClient.connected(hub.port(),
                     "Authorization", "Bearer " + Tokens.hs256("bob", List.of(), 300));
             SseTestClient cookie = SseTestClient.connected(hub.port(),
                     "Cookie", "hub_token=" + Tokens.hs256("carol", List.of(), 300))) {
            assertThat(hub.engine().connections()).extracting(c -> c.userId()).containsExactlyInAnyOrder("bob", "carol");
        }
    }

    @Test
    void theTicketEndpointVerifiesTheTokenAsAHandshakeDoes() {
        RealtimeHub hub = securedHub();
        assertThat(ticket(hub).status()).isEqualTo(401);
        assertThat(ticket(hub, "Authorization", "Bearer not.a.token").status()).isEqualTo(401);
        assertThat(ticket(hub, "Authorization", "Bearer " + Tokens.hs256("x", List.of(), -60)).json()
                .path("error").asText()).isNotBlank();
        assertThat(ticket(hub, "Cookie", "hub_token=" + Tokens.hs256("dave", List.of(), 300)).status()).isEqualTo(200);
        assertThat(ticket(hub, "Authorization", "Bearer " + Tokens.hs256("eve", List.of(), 300),
                "Origin", "https://evil.example").status()).isEqualTo(403);
        assertThat(new HttpTestClient(hub.httpUri()).get("/api/sse/ticket").status()).isEqualTo(405);
    }

    @Test
    void withoutAKeyTicketsAreNotOffered(RealtimeHub open) {
        HttpTestClient.Reply reply = ticket(open, "Authorization", "Bearer " + Tokens.hs256("alice", List.of(), 300));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").asText())
                .isEqualTo("Tokens are not accepted: no key is configured to verify them");
        // an anonymous stream still opens
        try (SseTestClient stream = SseTestClient.connected(open.port())) {
            assertThat(stream.session()).isNotBlank();
        }
    }

    @Test
    void aTargetedNotificationReachesOnlyItsUsersStream() {
        RealtimeHub hub = hubs.start(s -> s.security().jwtHmacSecret(Tokens.SECRET));
        HttpTestClient http = new HttpTestClient(hub.httpUri());
        try (SseTestClient alice = SseTestClient.connected(hub.port(),
                     "Authorization", "Bearer " + Tokens.hs256("alice", List.of(), 300));
             SseTestClient bob = SseTestClient.open(hub.port(),
                     SseTestClient.PATH + "?ticket=" + ticketFor(hub, "bob", List.of()));
             SseTestClient anonymous = SseTestClient.connected(hub.port())) {
            for (SseTestClient client : List.of(alice, bob, anonymous)) {
                assertThat(http.post(SseTestClient.PATH + "/" + client.session(),
                        "{\"action\":\"subscribe\",\"topic\":\"notifications\"}").status()).isEqualTo(204);
                client.awaitMessage(m -> "subscription".equals(m.path("type").asText()));
            }
            hub.broadcasts().notification("alice", "for alice", "secret", null).join();
            hub.broadcasts().notification("bob", "for bob", "secret", null).join();
            hub.broadcasts().notification(null, "for everyone", "hello", null).join();
            for (SseTestClient client : List.of(alice, bob, anonymous)) {
                client.awaitMessage(m -> "for everyone".equals(m.path("title").asText()));
            }
            assertThat(titles(alice)).containsExactly("for alice", "for everyone");
            assertThat(titles(bob)).containsExactly("for bob", "for everyone");
            assertThat(titles(anonymous)).containsExactly("for everyone");
        }
    }

    @Test
    void anOriginTheHubDoesNotAllowCannotOpenAStream(RealtimeHub hub) {
        try (SseTestClient stream = SseTestClient.open(hub.port(), SseTestClient.PATH,
                "Origin", "https://evil.example")) {
            assertThat(stream.status()).isEqualTo(403);
        }
        URI self = hub.httpUri();
        try (SseTestClient stream = SseTestClient.open(hub.port(), SseTestClient.PATH,
                "Origin", "http://127.0.0.1:" + self.getPort())) {
            assertThat(stream.status()).isEqualTo(200);
        }
    }

    private static List<String> titles(SseTestClient client) {
        return client.events("notifications").stream().map((JsonNode e) -> e.path("title").asText()).toList();
    }
}
