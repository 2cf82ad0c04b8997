package dev.realtimehub.server.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;
import dev.realtimehub.core.spi.Clock;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a connection token whose signature is verified, turned into an {@link Identity}: {@code sub} (a
 * non-empty string) is the user id, the roles claim (a list, or names separated by spaces or commas) the roles; {@code exp}
 * (required unless {@code auth.jwt.require-exp} is false) and {@code nbf} are honoured with {@link #CLOCK_SKEW_MILLIS} of
 * clock skew, at the handshake and for the 4001 close alike, since the identity's expiry includes the skew.
 *
 * <p>Immutable and thread-safe.
 */
final class TokenClaims {

    /** How far the issuer's clock may be from the hub's: docs/SECURITY.md promises 60 s. */
    static final long CLOCK_SKEW_MILLIS = 60_000;

    private final String rolesClaim;
    private final boolean requireExp;
    private final Clock clock;

    TokenClaims(String rolesClaim, boolean requireExp, Clock clock) {
        this.rolesClaim = rolesClaim;
        this.requireExp = requireExp;
        this.clock = clock;
    }

    /** The identity {@code jwt} stands for, or the reason it stands for none. */
    Identity identity(SignedJWT jwt) throws InvalidTokenException {
        Map<String, Object> payload = jwt.getPayload().toJSONObject();
        if (payload == null) {
            throw new InvalidTokenException("Invalid token: malformed claims");
        }
        // the raw claim decides: nimbus would read a numeric sub as its text, and a null or empty one names nobody
        if (!(payload.get("sub") instanceof String subject) || subject.isBlank()) {
            throw new InvalidTokenException("Invalid token: no sub claim (a non-empty string)");
        }
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(payload);
        } catch (ParseException e) {
            throw new InvalidTokenException("Invalid token: malformed claims", e);
        }
        long now = clock.millis();
        Date expiry = claims.getExpirationTime();
        if (expiry == null && requireExp) {
            throw new InvalidTokenException("Invalid token: no exp claim");
        }
        long honouredUntil = expiry == null ? 0 : plusSkew(expiry.getTime());
        if (expiry != null && honouredUntil <= now) {
            throw new InvalidTokenException("Token expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.getTime() - CLOCK_SKEW_MILLIS > now) {
            throw new InvalidTokenException("Invalid token: not valid yet (nbf)");
        }
        return new Identity(subject, roles(claims.getClaim(rolesClaim)), honouredUntil);
    }

    private static long plusSkew(long millis) {
        return millis > Long.MAX_VALUE - CLOCK_SKEW_MILLIS ? Long.MAX_VALUE : millis + CLOCK_SKEW_MILLIS;
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
}
