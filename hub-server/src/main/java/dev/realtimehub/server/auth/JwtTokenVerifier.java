package dev.realtimehub.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;
import dev.realtimehub.core.spi.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies JWT connection tokens with nimbus-jose-jwt: HS256/384/512 against a shared secret, or RS/PS/ES against public
 * keys (see {@link PublicKeys}). {@code sub} becomes the user id, the roles claim (a list, or a string of names
 * separated by spaces or commas) the roles, {@code exp} the expiry; {@code exp} and {@code nbf} are checked with a
 * 60-second allowance for clock skew.
 *
 * <p>Immutable and thread-safe; verification does no I/O.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final Set<JWSAlgorithm> PUBLIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String rolesClaim;

    private JwtTokenVerifier(JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms, String rolesClaim) {
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new KidTolerantKeySelector(algorithms, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub")));
        this.rolesClaim = rolesClaim;
    }

    /** A verifier of HMAC-signed tokens; the secret needs at least 32 bytes. */
    public static JwtTokenVerifier hmac(String secret, String rolesClaim) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("auth.jwt.hmac-secret: expected at least 32 bytes (256 bits)");
        }
        return new JwtTokenVerifier(new ImmutableSecret<>(bytes), HMAC, rolesClaim);
    }

    /** A verifier of tokens signed with the private halves of {@code keys}. */
    public static JwtTokenVerifier publicKeys(JWKSet keys, String rolesClaim) {
        return new JwtTokenVerifier(new ImmutableJWKSet<>(keys), PUBLIC, rolesClaim);
    }

    @Override
    public Identity verify(String token) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("Invalid token: not a JWT", e);
        } catch (BadJOSEException e) {
            throw new InvalidTokenException(describe(e), e);
        } catch (JOSEException e) {
            throw new InvalidTokenException("Invalid token: " + e.getMessage(), e);
        }
        long expiresAt = claims.getExpirationTime() == null ? 0 : claims.getExpirationTime().getTime();
        return new Identity(claims.getSubject(), roles(claims.getClaim(rolesClaim)), expiresAt);
    }

    private static String describe(BadJOSEException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Expired")) {
            return "Token expired";
        }
        if (message.contains("sub")) {
            return "Invalid token: no sub claim";
        }
        return "Invalid token: " + message;
    }

    private static Set<String> roles(Object claim) {
        Set<String> roles = new HashSet<>();
        if (claim instanceof Collection<?> values) {
            values.stream().filter(v -> v != null).map(String::valueOf).forEach(roles::add);
        } else if (claim instanceof String text) {
            roles.addAll(Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList());
        }
        return roles;
    }

    /** The algorithms this verifier accepts. */
    public static List<String> algorithms(boolean hmac) {
        return (hmac ? HMAC : PUBLIC).stream().map(JWSAlgorithm::getName).sorted().toList();
    }
}
