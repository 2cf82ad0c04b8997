package dev.realtimehub.server.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the public keys that verify connection tokens from {@code auth.jwt.public-key-file}: a JWKS document
 * ({@code {"keys":[…]}}) or PEM {@code PUBLIC KEY} blocks (RSA or EC), one or several.
 */
public final class PublicKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private PublicKeys() {
    }

    /**
     * The keys in {@code file}.
     *
     * @throws IllegalArgumentException naming {@code auth.jwt.public-key-file} and what is wrong
     */
    public static JWKSet load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("auth.jwt.public-key-file: cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JWKSet set = text.trim().startsWith("{") ? JWKSet.parse(text).toPublicJWKSet() : fromPem(text);
            if (set.getKeys().isEmpty()) {
                throw new IllegalArgumentException("no public key found");
            }
            return set;
        } catch (java.text.ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.jwt.public-key-file: " + file
                    + ": expected a JWKS document or PEM 'PUBLIC KEY' blocks (" + e.getMessage() + ")", e);
        }
    }

    private static JWKSet fromPem(String text) throws GeneralSecurityException {
        List<JWK> keys = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            keys.add(toJwk(der));
        }
        return new JWKSet(keys);
    }

    private static JWK toJwk(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(spec);
            return new RSAKey.Builder((RSAPublicKey) key).build();
        } catch (GeneralSecurityException notRsa) {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(spec);
            return new ECKey.Builder(Curve.forECParameterSpec(key.getParams()), key).build();
        }
    }
}
