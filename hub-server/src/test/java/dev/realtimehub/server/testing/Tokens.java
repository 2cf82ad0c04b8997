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
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs JWT connection tokens for tests: HS256 with a secret, RS256 and ES256 with generated keys, and any HMAC algorithm
 * over a claims set written as JSON (so a test can give {@code sub} a number or {@code null}).
 */
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

    /**
     * A token signed with {@code algorithm} (HS256/384/512) and {@code secret} over exactly {@code claimsJson}. The MAC is
     * computed directly, not with nimbus' signer, which would refuse a secret shorter than the hash: a hub must be shown
     * such a token to prove it refuses it.
     */
    public static String hmac(JWSAlgorithm algorithm, String secret, String claimsJson) {
        return hmac(algorithm, "{\"alg\":\"" + algorithm.getName() + "\"}", secret, claimsJson);
    }

    /** As {@link #hmac(JWSAlgorithm, String, String)}, with exactly {@code headerJson} as the header. */
    public static String hmac(JWSAlgorithm algorithm, String headerJson, String secret, String claimsJson) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        String javaName = "HmacSHA" + algorithm.getName().substring(2);
        try {
            Mac mac = Mac.getInstance(javaName);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaName));
            return signingInput + "." + base64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token ({@code "alg":"none"}, no signature) over {@code claimsJson}. */
    public static String unsecured(String claimsJson) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** Now in whole seconds since the epoch, as {@code exp} and {@code nbf} count. */
    public static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
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
