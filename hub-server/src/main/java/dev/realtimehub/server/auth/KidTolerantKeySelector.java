package dev.realtimehub.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Set;

/**
 * Picks the verification keys for a token by algorithm and key id, like nimbus' {@code JWSVerificationKeySelector},
 * except that keys without an id (PEM files carry none) still match a token whose header names one.
 *
 * <p>Immutable and thread-safe.
 */
final class KidTolerantKeySelector implements JWSKeySelector<SecurityContext> {

    private final Set<JWSAlgorithm> algorithms;
    private final JWKSource<SecurityContext> keys;

    KidTolerantKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys) {
        this.algorithms = Set.copyOf(algorithms);
        this.keys = keys;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!algorithms.contains(header.getAlgorithm())) {
            return List.of();
        }
        JWKMatcher exact = JWKMatcher.forJWSHeader(header);
        if (exact == null) {
            return List.of();
        }
        List<JWK> found = keys.get(new JWKSelector(exact), context);
        if (found.isEmpty() && header.getKeyID() != null) {
            JWKMatcher anyId = new JWKMatcher.Builder(exact).keyID(null).withKeyIDOnly(false).build();
            found = keys.get(new JWKSelector(anyId), context).stream().filter(k -> k.getKeyID() == null).toList();
        }
        return KeyConverter.toJavaKeys(found);
    }
}
