package dev.realtimehub.server.auth;

import dev.realtimehub.server.config.SecurityConfig;
import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;
import dev.realtimehub.core.util.Texts;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * Verifies JWT connection tokens with nimbus-jose-jwt, HMAC-signed against a shared secret or RS/PS/ES-signed against
 * public keys (see {@link PublicKeys}), then reads their claims with {@link TokenClaims}.
 *
 * <p>A secret verifies only the HS algorithms whose hash it is at least as long as (RFC 7518 3.2): 32 bytes HS256, 48
 * bytes also HS384, 64 bytes also HS512. A refusal says what is wrong with the token in the hub's words and nothing about
 * the key: a token of an algorithm the secret is too short for is told, as a forged one is, that its signature was not
 * verified.
 *
 * <p>Immutable and thread-safe; verification does no I/O.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    private static final List<JWSAlgorithm> HMAC = List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final List<JWSAlgorithm> PUBLIC = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** Longest algorithm name echoed back, so a token cannot make the hub answer with its header. */
    private static final int MAX_ECHO = 20;

    /** The algorithms of the configured kind of key; any other is unsupported. */
    private final Set<JWSAlgorithm> family;
    /** The algorithms the keys verify: the family, less the HS ones the secret is too short for. */
    private final List<JWSAlgorithm> accepted;
    private final KidTolerantKeySelector keys;
    private final JWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
    private final TokenClaims claims;

    private JwtTokenVerifier(List<JWSAlgorithm> family, List<JWSAlgorithm> accepted, KidTolerantKeySelector keys,
                             TokenClaims claims) {
        this.family = Set.copyOf(family);
        this.accepted = List.copyOf(accepted);
        this.keys = keys;
        this.claims = claims;
    }

    /** A verifier of HMAC-signed tokens; the secret needs at least 32 bytes. */
    public static JwtTokenVerifier hmac(String secret, String rolesClaim, boolean requireExp) {
        return hmac(secret, rolesClaim, requireExp, Clock.system());
    }

    static JwtTokenVerifier hmac(String secret, String rolesClaim, boolean requireExp, Clock clock) {
        SecurityConfig.JWT_HMAC_SECRET.check(secret);
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<JWSAlgorithm> accepted = HMAC.stream().filter(a -> bytes.length * 8 >= minimumSecretBits(a)).toList();
        return new JwtTokenVerifier(HMAC, accepted, new KidTolerantKeySelector(Set.copyOf(accepted),
                new ImmutableSecret<>(bytes)), new TokenClaims(rolesClaim, requireExp, clock));
    }

    /** A verifier of tokens signed with the private halves of {@code keys}. */
    public static JwtTokenVerifier publicKeys(JWKSet keys, String rolesClaim, boolean requireExp) {
        return new JwtTokenVerifier(PUBLIC, PUBLIC, new KidTolerantKeySelector(Set.copyOf(PUBLIC),
                new ImmutableJWKSet<>(keys)), new TokenClaims(rolesClaim, requireExp, Clock.system()));
    }

    private static int minimumSecretBits(JWSAlgorithm algorithm) {
        try {
            return MACSigner.getMinRequiredSecretLength(algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("not an HMAC algorithm: " + algorithm, e);
        }
    }

    /** The algorithms this verifier accepts, by name. */
    public List<String> algorithms() {
        return accepted.stream().map(JWSAlgorithm::getName).toList();
    }

    @Override
    public Identity verify(String token) throws InvalidTokenException {
        SignedJWT jwt = signed(token);
        if (!verified(jwt)) {
            throw new InvalidTokenException("Invalid token: signature not verified");
        }
        return claims.identity(jwt);
    }

    /** {@code token} as a JWS of this verifier's algorithm family, or the reason it is none. */
    private SignedJWT signed(String token) throws InvalidTokenException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("Invalid token: not a JWT", e);
        }
        Algorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!(jwt instanceof SignedJWT signed) || !family.contains(algorithm)) {
            // an unsecured ("none") or encrypted token, or a signature of another kind of key
            throw new InvalidTokenException("Invalid token: unsupported algorithm "
                    + Texts.clip(algorithm == null ? "?" : algorithm.getName(), MAX_ECHO));
        }
        JOSEObjectType type = signed.getHeader().getType();
        if (type != null && !JOSEObjectType.JWT.getType().equalsIgnoreCase(type.getType())) {
            throw new InvalidTokenException("Invalid token: unsupported type " + Texts.clip(type.getType(), MAX_ECHO));
        }
        return signed;
    }

    /** Whether one of the keys for {@code jwt}'s header verifies its signature. */
    private boolean verified(SignedJWT jwt) {
        List<? extends Key> candidates;
        try {
            candidates = keys.selectJWSKeys(jwt.getHeader(), null);
        } catch (KeySourceException e) {
            return false;
        }
        for (Key key : candidates) {
            try {
                if (jwt.verify(verifiers.createJWSVerifier(jwt.getHeader(), key))) {
                    return true;
                }
            } catch (JOSEException e) {
                // this key cannot check this signature (a key of another type or size): the next may
            }
        }
        return false;
    }
}
