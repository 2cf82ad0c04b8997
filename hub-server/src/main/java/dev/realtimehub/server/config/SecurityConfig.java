package dev.realtimehub.server.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The security settings: who may connect (anonymous access, JWT connection tokens), who may publish (API keys), and
 * TLS. See docs/SECURITY.md.
 *
 * <p>Immutable; validated on construction with the config key named.
 *
 * @param anonymous {@code auth.anonymous}: accept WebSockets without a token
 * @param jwtHmacSecret {@code auth.jwt.hmac-secret}: the HMAC secret, or null; 32 bytes verify HS256, 48 also HS384, 64
 *     also HS512
 * @param jwtPublicKeyFile {@code auth.jwt.public-key-file}: a PEM public key or a JWKS file for RS/PS/ES tokens, or null
 * @param jwtRolesClaim {@code auth.jwt.roles-claim}: the claim holding the roles
 * @param jwtCookie {@code auth.jwt.cookie}: a cookie that may carry the token, or null
 * @param jwtRequireExp {@code auth.jwt.require-exp}: refuse tokens without an {@code exp} claim
 * @param apiKeys {@code api-keys}: keys for publishing and the admin API; empty leaves them open
 * @param tlsCertFile {@code tls.cert-file}: PEM certificate chain, or null
 * @param tlsKeyFile {@code tls.key-file}: PEM private key (PKCS#8), or null
 */
public record SecurityConfig(boolean anonymous, String jwtHmacSecret, Path jwtPublicKeyFile, String jwtRolesClaim,
                             String jwtCookie, boolean jwtRequireExp, List<String> apiKeys, Path tlsCertFile,
                             Path tlsKeyFile) {

    /** The developer default: anonymous, no tokens (each needing an exp once there are), no keys, no TLS. */
    public static final SecurityConfig DEFAULTS = new Builder().build();

    public SecurityConfig {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        for (String key : apiKeys) {
            if (key == null || key.length() < 16) {
                throw new IllegalArgumentException("api-keys: every key needs at least 16 characters");
            }
        }
        if (jwtHmacSecret != null && jwtHmacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("auth.jwt.hmac-secret: expected at least 32 bytes (256 bits)");
        }
        if (jwtRolesClaim == null || jwtRolesClaim.isBlank()) {
            throw new IllegalArgumentException("auth.jwt.roles-claim: expected a claim name");
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException(tlsCertFile == null
                    ? "tls.cert-file: needed together with tls.key-file"
                    : "tls.key-file: needed together with tls.cert-file");
        }
        if (!anonymous && jwtHmacSecret == null && jwtPublicKeyFile == null) {
            throw new IllegalArgumentException(
                    "auth.anonymous: false needs auth.jwt.hmac-secret or auth.jwt.public-key-file to verify tokens");
        }
    }

    /** Whether connection tokens can be verified. */
    public boolean tokensEnabled() {
        return jwtHmacSecret != null || jwtPublicKeyFile != null;
    }

    /** Builds a {@link SecurityConfig}; not thread-safe. */
    public static final class Builder {
        private boolean anonymous = true;
        private String jwtHmacSecret;
        private Path jwtPublicKeyFile;
        private String jwtRolesClaim = "roles";
        private String jwtCookie;
        private boolean jwtRequireExp = true;
        private List<String> apiKeys = List.of();
        private Path tlsCertFile;
        private Path tlsKeyFile;

        public Builder anonymous(boolean value) {
            this.anonymous = value;
            return this;
        }

        public Builder jwtHmacSecret(String value) {
            this.jwtHmacSecret = value;
            return this;
        }

        public Builder jwtPublicKeyFile(Path value) {
            this.jwtPublicKeyFile = value;
            return this;
        }

        public Builder jwtRolesClaim(String value) {
            this.jwtRolesClaim = value;
            return this;
        }

        public Builder jwtCookie(String value) {
            this.jwtCookie = value;
            return this;
        }

        public Builder jwtRequireExp(boolean value) {
            this.jwtRequireExp = value;
            return this;
        }

        public Builder apiKeys(List<String> value) {
            this.apiKeys = value;
            return this;
        }

        public Builder tlsCertFile(Path value) {
            this.tlsCertFile = value;
            return this;
        }

        public Builder tlsKeyFile(Path value) {
            this.tlsKeyFile = value;
            return this;
        }

        /** The validated settings. */
        public SecurityConfig build() {
            return new SecurityConfig(anonymous, jwtHmacSecret, jwtPublicKeyFile, jwtRolesClaim, jwtCookie, jwtRequireExp,
                    apiKeys, tlsCertFile, tlsKeyFile);
        }
    }
}
