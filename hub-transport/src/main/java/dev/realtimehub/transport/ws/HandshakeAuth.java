package dev.realtimehub.transport.ws;

import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;
import dev.realtimehub.transport.base.HubSecurity;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides who opens a connection from the token it brought (or none), the same way for every transport: no token is
 * anonymous when {@code auth.anonymous} allows it; a token needs a configured verifier, a valid signature and a future
 * expiry. Counts the refusals for {@code hub_auth_failures_total}.
 *
 * <p>Thread-safe.
 */
public final class HandshakeAuth {

    private final HubSecurity security;
    private final LongAdder failures = new LongAdder();

    public HandshakeAuth(HubSecurity security) {
        this.security = security;
    }

    /**
     * The identity for {@code token}, or the anonymous one for a null token when allowed.
     *
     * @param missingHint what the client should send, for the error when a token is missing
     * @throws InvalidTokenException with a message safe to answer with (counted as an auth failure)
     */
    public Identity authenticate(String token, String missingHint) throws InvalidTokenException {
        try {
            if (token == null) {
                if (security.anonymous()) {
                    return Identity.ANONYMOUS;
                }
                throw new InvalidTokenException("Missing token: send " + missingHint);
            }
            return verify(token);
        } catch (InvalidTokenException e) {
            failures.increment();
            throw e;
        }
    }

    /** Whether tokens can be verified at all (a key is configured). */
    public boolean acceptsTokens() {
        return security.tokenVerifier() != null;
    }

    /** Counts a refusal decided elsewhere (an unknown or reused SSE ticket). */
    public void countFailure() {
        failures.increment();
    }

    /** Handshakes refused for a missing, invalid or expired token. */
    public long failures() {
        return failures.sum();
    }

    private Identity verify(String token) throws InvalidTokenException {
        if (security.tokenVerifier() == null) {
            throw new InvalidTokenException("Tokens are not accepted: no key is configured to verify them");
        }
        Identity identity = security.tokenVerifier().verify(token);
        // the identity's expiry already holds the verifier's clock skew: the same instant here and for the 4001 close
        if (identity.expiresAtMillis() > 0 && identity.expiresAtMillis() <= System.currentTimeMillis()) {
            throw new InvalidTokenException("Token expired");
        }
        return identity;
    }
}
