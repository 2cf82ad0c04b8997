package dev.realtimehub.core.auth;

import java.util.Set;

/**
 * Who a connection belongs to: a user id and roles from a verified token, or nobody (anonymous).
 *
 * <p>Immutable.
 *
 * @param userId the token's subject, or {@code null} when anonymous
 * @param roles the roles the token grants (empty when anonymous)
 * @param expiresAtMillis when the hub stops honouring the token (epoch ms): for a JWT its {@code exp} plus the clock skew
 *     the verifier allows; 0 for never
 */
public record Identity(String userId, Set<String> roles, long expiresAtMillis) {

    /** A connection without a token. */
    public static final Identity ANONYMOUS = new Identity(null, Set.of(), 0);

    public Identity {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        if (expiresAtMillis < 0) {
            throw new IllegalArgumentException("expiresAtMillis must be >= 0, was " + expiresAtMillis);
        }
    }

    /** Whether no token stands behind this identity. */
    public boolean isAnonymous() {
        return userId == null;
    }
}
