package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.Tokens;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private RealtimeHub hmacHub(boolean anonymous) {
        return hubs.start(s -> s.security().jwtHmacSecret(Tokens.SECRET).anonymous(anonymous));
    }

    private static URI withToken(RealtimeHub hub, String token) {
        return URI.create(hub.webSocketUri() + "?token=" + token);
    }

    @Test
    void aValidTokenInTheQueryConnectsAsItsUser() {
        RealtimeHub hub = hmacHub(false);
        try (WsTestClient client = WsTestClient.connected(withToken(hub, Tokens.hs256("alice", List.of("ops"), 60)))) {
            assertThat(hub.engine().connections()).singleElement()
                    .satisfies(c -> {
                        assertThat(c.userId()).isEqualTo("alice");
                        assertThat(c.roles()).containsExactly("ops");
                    });
            assertThat(client.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
    }

    @Test
    void aTokenMayComeAsABearerHeaderOrACookie() {
        RealtimeHub hub = hubs.start(
                s -> s.security().jwtHmacSecret(Tokens.SECRET).anonymous(false).jwtCookie("hub_token"));
        try (WsTestClient header = WsTestClient.connected(hub.webSocketUri(),
                     "Authorization", "Bearer " + Tokens.hs256("bob", List.of(), 60));
             WsTestClient cookie = WsTestClient.connected(hub.webSocketUri(),
                     "Cookie", "theme=dark; hub_token=" + Tokens.hs256("carol", List.of(), 60))) {
            assertThat(hub.engine().connections()).extracting(c -> c.userId()).containsExactlyInAnyOrder("bob", "carol");
        }
    }

    @Test
    void missingInvalidAndExpiredTokensAreRefusedWith401AndNoUpgrade() throws Exception {
        RealtimeHub hub = hmacHub(false);
        assertRefused(hub, null, "Missing token");
        assertRefused(hub, "not-a-jwt", "Invalid token");
        assertRefused(hub, Tokens.hs256("other-secret-that-is-long-enough-32b", "mallory", List.of(), 60), "Invalid token");
        assertRefused(hub, Tokens.hs256("alice", List.of(), -120), "Token expired");
        assertRefused(hub, Tokens.hs256(null, List.of(), 60), "no sub");
        assertThat(hub.engine().connectionCount()).isZero();
        assertThatThrownBy(() -> WsTestClient.connect(hub.webSocketUri())).hasRootCauseMessage("Unexpected HTTP response status code 401")
                .isNotNull();
    }

    private static void assertRefused(RealtimeHub hub, String token, String reason) throws Exception {
        String target = token == null ? "" : "Authorization: Bearer " + token;
        try (RawWebSocket raw = token == null ? RawWebSocket.connect(hub.port()) : RawWebSocket.connect(hub.port(), target)) {
            assertThat(raw.handshakeResponse()).startsWith("HTTP/1.1 401").containsIgnoringCase("www-authenticate: Bearer");
            assertThat(raw.upgraded()).isFalse();
            raw.timeout(2000);
            String body = new String(raw.readBody(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body).contains("\"error\"").contains(reason);
        }
    }

    @Test
    void anonymousAccessStaysOpenButABadTokenIsStillRefused() throws Exception {
        RealtimeHub hub = hmacHub(true);
        try (WsTestClient anonymous = WsTestClient.connected(hub.webSocketUri())) {
            assertThat(hub.engine().connections()).singleElement().satisfies(c -> assertThat(c.userId()).isNull());
            try (RawWebSocket raw = RawWebSocket.connect(hub.port(), "Authorization: Bearer forged")) {
                assertThat(raw.handshakeResponse()).startsWith("HTTP/1.1 401");
            }
        }
    }

    @Test
    void aConnectionWhoseTokenExpiresIsClosedWith4001() {
        // expired 57 s ago: still honoured for the 60 s of clock skew, so closed about 3 s from now
        RealtimeHub hub = hmacHub(false);
        try (WsTestClient client = WsTestClient.connected(withToken(hub, Tokens.hs256("alice", List.of(), -57)))) {
            assertThat(client.closeCode()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(4001);
        }
    }

    @Test
    void rs256TokensAreVerifiedWithAPemPublicKey(@TempDir Path dir) throws Exception {
        RSAKey key = Tokens.rsaKey();
        Path pem = dir.resolve("public.pem");
        Files.writeString(pem, Tokens.pem(key));
        RealtimeHub hub = hubs.start(s -> s.security().jwtPublicKeyFile(pem).anonymous(false));
        String dave = Tokens.rs256(key, "dave", List.of("admin"), 60);
        try (WsTestClient client = WsTestClient.connected(withToken(hub, dave))) {
            assertThat(hub.engine().connections()).singleElement().satisfies(c -> assertThat(c.userId()).isEqualTo("dave"));
            try (RawWebSocket raw = RawWebSocket.connect(hub.port(),
                    "Authorization: Bearer " + Tokens.rs256(Tokens.rsaKey(), "eve", List.of(), 60))) {
                assertThat(raw.handshakeResponse()).as("signed by another key").startsWith("HTTP/1.1 401");
            }
            try (RawWebSocket raw = RawWebSocket.connect(hub.port(),
                    "Authorization: Bearer " + Tokens.hs256("eve", List.of(), 60))) {
                assertThat(raw.handshakeResponse()).as("an HMAC token where keys are public").startsWith("HTTP/1.1 401");
            }
        }
    }

    @Test
    void es256TokensAreVerifiedWithAJwksFile(@TempDir Path dir) throws Exception {
        ECKey key = Tokens.ecKey();
        Path jwks = dir.resolve("keys.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        RealtimeHub hub = hubs.start(s -> s.security().jwtPublicKeyFile(jwks).anonymous(false));
        try (WsTestClient client = WsTestClient.connected(withToken(hub, Tokens.es256(key, "erin", List.of(), 60)))) {
            assertThat(hub.engine().connections()).singleElement().satisfies(c -> assertThat(c.userId()).isEqualTo("erin"));
        }
    }

    @Test
    void aMissingKeyFileOrAShortSecretFailsTheStartNamingTheKey(@TempDir Path dir) {
        RealtimeHub.Builder missing = RealtimeHub.builder().port(0);
        missing.settings().security().jwtPublicKeyFile(dir.resolve("nope.pem"));
        assertThatThrownBy(missing::start).hasMessageStartingWith("auth.jwt.public-key-file: cannot read");
        RealtimeHub.Builder shortSecret = RealtimeHub.builder().port(0);
        shortSecret.settings().security().jwtHmacSecret("short");
        assertThatThrownBy(shortSecret::start).hasMessageStartingWith("auth.jwt.hmac-secret: expected at least 32 bytes");
        RealtimeHub.Builder noWay = RealtimeHub.builder().port(0);
        noWay.settings().security().anonymous(false);
        assertThatThrownBy(noWay::start).hasMessageStartingWith("auth.anonymous: false needs");
    }
}
