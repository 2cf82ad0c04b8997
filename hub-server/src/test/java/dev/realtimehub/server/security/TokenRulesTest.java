package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.ClientTexts;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.Tokens;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token rules of docs/SECURITY.md against a real hub, with real signed tokens: 60 s of clock skew on {@code exp} and
 * {@code nbf} (at the handshake and for the 4001 close), {@code sub} a non-empty string, {@code exp} required unless
 * {@code auth.jwt.require-exp: false}, the secret's length deciding the HMAC algorithms, and refusals that say what was
 * wrong with the token in the hub's words and nothing about the key.
 */
class TokenRulesTest {

    private static final String SECRET_48 = "a-secret-of-exactly-forty-eight-bytes-0123456789";
    private static final String SECRET_64 = SECRET_48 + "-sixty-four-by!!";

    private static RealtimeHub hub(String secret, boolean requireExp) {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0);
        builder.settings().security().jwtHmacSecret(secret).anonymous(false).jwtRequireExp(requireExp);
        return builder.start();
    }

    private static RealtimeHub hub() {
        return hub(Tokens.SECRET, true);
    }

    private static String claims(String sub, Long exp, Long nbf) {
        StringBuilder json = new StringBuilder("{\"sub\":").append(sub);
        if (exp != null) {
            json.append(",\"exp\":").append(exp);
        }
        if (nbf != null) {
            json.append(",\"nbf\":").append(nbf);
        }
        return json.append('}').toString();
    }

    private static String token(String claimsJson) {
        return Tokens.hmac(JWSAlgorithm.HS256, Tokens.SECRET, claimsJson);
    }

    private static URI withToken(RealtimeHub hub, String token) {
        return URI.create(hub.webSocketUri() + "?token=" + token);
    }

    /** The JSON body of the 401 that refuses {@code token}'s handshake, after checking that nothing was upgraded. */
    private static String refusal(RealtimeHub hub, String token) throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(hub.port(), "Authorization: Bearer " + token)) {
            assertThat(raw.handshakeResponse()).startsWith("HTTP/1.1 401");
            assertThat(raw.upgraded()).isFalse();
            raw.timeout(2000);
            String body = new String(raw.readBody(), StandardCharsets.UTF_8);
            ClientTexts.assertNothingAboutTheKey(body);
            return body;
        } finally {
            // a client of the test that closed just before is let go asynchronously; a refused one is never counted
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.engine().connectionCount() == 0);
        }
    }

    @Test
    void aTokenExpiredWithinTheClockSkewStillConnects() {
        try (RealtimeHub hub = hub();
             WsTestClient client = WsTestClient.connected(withToken(hub,
                     token(claims("\"alice\"", Tokens.nowSeconds() - 30, null))))) {
            assertThat(hub.engine().connections()).singleElement()
                    .satisfies(c -> assertThat(c.userId()).isEqualTo("alice"));
        }
    }

    @Test
    void aTokenExpiredBeyondTheClockSkewIsRefused() throws Exception {
        try (RealtimeHub hub = hub()) {
            assertThat(refusal(hub, token(claims("\"alice\"", Tokens.nowSeconds() - 90, null))))
                    .isEqualTo("{\"error\":\"Token expired\"}");
        }
    }

    @Test
    void theExpiryCloseAlsoWaitsForTheClockSkew() {
        long exp = Tokens.nowSeconds() - 56;
        long skewEnds = exp * 1000 + 60_000;
        try (RealtimeHub hub = hub();
             WsTestClient client = WsTestClient.connected(withToken(hub, token(claims("\"alice\"", exp, null))))) {
            CompletableFuture<Long> closedAt = client.closeCode().thenApply(code -> System.currentTimeMillis());

            assertThat(client.closeCode()).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(4001);
            assertThat(closedAt.join()).as("closed at or after exp + 60 s").isGreaterThanOrEqualTo(skewEnds);
        }
    }

    @Test
    void notBeforeAllowsTheClockSkewToo() throws Exception {
        try (RealtimeHub hub = hub()) {
            long now = Tokens.nowSeconds();
            try (WsTestClient client = WsTestClient.connected(withToken(hub,
                    token(claims("\"alice\"", now + 600, now + 30))))) {
                assertThat(hub.engine().connectionCount()).isOne();
            }
            assertThat(refusal(hub, token(claims("\"alice\"", now + 600, now + 120))))
                    .isEqualTo("{\"error\":\"Invalid token: not valid yet (nbf)\"}");
        }
    }

    @ParameterizedTest(name = "sub {0}")
    @ValueSource(strings = {"null", "\"\"", "\"  \"", "42", "4.5", "true", "[\"alice\"]", "{\"id\":\"alice\"}"})
    void aSubThatIsNotANonEmptyStringIsRefusedLikeAMissingOne(String sub) throws Exception {
        try (RealtimeHub hub = hub()) {
            String expected = "{\"error\":\"Invalid token: no sub claim (a non-empty string)\"}";
            assertThat(refusal(hub, token(claims(sub, Tokens.nowSeconds() + 600, null)))).isEqualTo(expected);
            assertThat(refusal(hub, token("{\"exp\":" + (Tokens.nowSeconds() + 600) + "}"))).isEqualTo(expected);
        }
    }

    @Test
    void aTokenWithoutExpIsRefusedUnlessRequireExpIsOff() throws Exception {
        String noExp = token(claims("\"alice\"", null, null));
        try (RealtimeHub hub = hub()) {
            assertThat(refusal(hub, noExp)).isEqualTo("{\"error\":\"Invalid token: no exp claim\"}");
        }
        try (RealtimeHub hub = hub(Tokens.SECRET, false);
             WsTestClient client = WsTestClient.connected(withToken(hub, noExp))) {
            assertThat(hub.engine().connections()).singleElement()
                    .satisfies(c -> assertThat(c.expiresAtMillis()).isZero());
        }
    }

    @Test
    void theSecretsLengthDecidesWhichHmacAlgorithmsAreAccepted() throws Exception {
        String[][] cases = {
            {Tokens.SECRET, "HS256"}, {SECRET_48, "HS256,HS384"}, {SECRET_64, "HS256,HS384,HS512"},
        };
        for (String[] c : cases) {
            String secret = c[0];
            try (RealtimeHub hub = hub(secret, true)) {
                for (JWSAlgorithm algorithm : new JWSAlgorithm[] {JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512}) {
                    String token = Tokens.hmac(algorithm, secret, claims("\"alice\"", Tokens.nowSeconds() + 600, null));
                    if (c[1].contains(algorithm.getName())) {
                        try (WsTestClient client = WsTestClient.connected(withToken(hub, token))) {
                            assertThat(hub.engine().connectionCount()).as("%s with %d bytes", algorithm,
                                    secret.length()).isOne();
                        }
                        await().until(() -> hub.engine().connectionCount() == 0);
                    } else {
                        assertThat(refusal(hub, token)).as("%s with %d bytes", algorithm, secret.length())
                                .isEqualTo("{\"error\":\"Invalid token: signature not verified\"}");
                    }
                }
            }
        }
    }

    @Test
    void anUnsecuredTokenIsRefusedNamingTheAlgorithm() throws Exception {
        try (RealtimeHub hub = hub()) {
            assertThat(refusal(hub, Tokens.unsecured(claims("\"alice\"", Tokens.nowSeconds() + 600, null))))
                    .isEqualTo("{\"error\":\"Invalid token: unsupported algorithm none\"}");
        }
    }

    @Test
    void aTokenOfAnotherAlgorithmFamilyIsRefusedNamingTheAlgorithm() throws Exception {
        try (RealtimeHub hub = hub()) {
            assertThat(refusal(hub, Tokens.rs256(Tokens.rsaKey(), "alice", List.of(), 600)))
                    .isEqualTo("{\"error\":\"Invalid token: unsupported algorithm RS256\"}");
        }
    }

    @Test
    void aBadSignatureOrAMalformedTokenIsRefusedInTheHubsWords() throws Exception {
        String claims = claims("\"alice\"", Tokens.nowSeconds() + 600, null);
        try (RealtimeHub hub = hub()) {
            assertThat(refusal(hub, Tokens.hmac(JWSAlgorithm.HS256, SECRET_48, claims)))
                    .isEqualTo("{\"error\":\"Invalid token: signature not verified\"}");
            assertThat(refusal(hub, "not-a-jwt")).isEqualTo("{\"error\":\"Invalid token: not a JWT\"}");
            assertThat(refusal(hub, token("{\"sub\":\"alice\",\"exp\":\"tomorrow\"}")))
                    .isEqualTo("{\"error\":\"Invalid token: malformed claims\"}");
            assertThat(refusal(hub, Tokens.hmac(JWSAlgorithm.HS256, "{\"alg\":\"HS256\",\"typ\":\"secevent+jwt\"}",
                    Tokens.SECRET, claims))).isEqualTo("{\"error\":\"Invalid token: unsupported type secevent+jwt\"}");
        }
    }
}
