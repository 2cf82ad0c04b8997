package dev.realtimehub.server.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Signs JWT connection tokens for tests: HS256 with a secret, RS256 and ES256 with generated keys. */
public final class Tokens {

    /** A 32-byte HMAC secret. */
    public static final String SECRET = "test-secret-of-at-least-32-bytes!!";

    private Tokens() {
    }

    /** An HS256 token for {@code user} with {@code roles}, expiring in {@code ttlSeconds} (0: no exp). */
    public static String hs256(String secret, String user, List<String> roles, long ttlSeconds) {
        return sign(new MACSignerFactory(secret), JWSAlgorithm.HS256, null, user, roles, ttlSeconds);
    }

    /** An HS256 token signed with {@link #SECRET}. */
    public static String hs256(String user, List<String> roles, long ttlSeconds) {
        return hs256(SECRET, user, roles, ttlSeconds);
    }

    /** A fresh RSA key pair. */
    public static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh P-256 key pair. */
    public static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(RSAKey key, String user, List<String> roles, long ttlSeconds) {
        return sign(() -> new RSASSASigner(key), JWSAlgorithm.RS256, key.getKeyID(), user, roles, ttlSeconds);
    }

    public static String es256(ECKey key, String user, List<String> roles, long ttlSeconds) {
        return sign(() -> new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(), user, roles, ttlSeconds);
    }

    /** The PEM {@code PUBLIC KEY} block of an RSA key. */
    public static String pem(RSAKey key) {
        try {
            byte[] der = key.toRSAPublicKey().getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface SignerFactory {
        JWSSigner create() throws JOSEException;
    }

    private record MACSignerFactory(String secret) implements SignerFactory {
        @Override
        public JWSSigner create() throws JOSEException {
            return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String sign(SignerFactory signer, JWSAlgorithm algorithm, String keyId, String user,
                               List<String> roles, long ttlSeconds) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issueTime(new Date());
        if (user != null) {
            claims.subject(user);
        }
        if (roles != null) {
            claims.claim("roles", roles);
        }
        if (ttlSeconds != 0) {
            claims.expirationTime(new Date(System.currentTimeMillis() + ttlSeconds * 1000));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims.build());
        try {
            jwt.sign(signer.create());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
