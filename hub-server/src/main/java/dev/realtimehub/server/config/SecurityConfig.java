package dev.realtimehub.server.config;

import dev.realtimehub.core.api.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The security settings: who may connect (anonymous access, JWT connection tokens), who may publish (API keys), and
 * TLS. See docs/SECURITY.md.
 *
 * <p>Immutable; each value is validated by its {@link Setting}, which names the config key.
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

    public static final Setting<Boolean> ANONYMOUS = Setting.ofBoolean("auth.anonymous", true);
    public static final Setting<String> JWT_HMAC_SECRET = Setting.ofString("auth.jwt.hmac-secret", null,
            secret -> secret.getBytes(StandardCharsets.UTF_8).length >= 32, "at least 32 bytes (256 bits)").secret();
    public static final Setting<Path> JWT_PUBLIC_KEY_FILE = Setting.ofPath("auth.jwt.public-key-file");
    public static final Setting<String> JWT_ROLES_CLAIM = Setting.ofString("auth.jwt.roles-claim", "roles",
            claim -> !claim.isBlank(), "a claim name");
    public static final Setting<String> JWT_COOKIE = Setting.ofString("auth.jwt.cookie", null, c -> !c.isBlank(),
            "a cookie name");
    public static final Setting<Boolean> JWT_REQUIRE_EXP = Setting.ofBoolean("auth.jwt.require-exp", true);
    public static final Setting<List<String>> API_KEYS = Setting.ofList("api-keys", List.of(),
            keys -> keys.stream().allMatch(k -> k != null && k.length() >= 16), "keys of at least 16 characters each")
            .secret();
    public static final Setting<Path> TLS_CERT_FILE = Setting.ofPath("tls.cert-file");
    public static final Setting<Path> TLS_KEY_FILE = Setting.ofPath("tls.key-file");

    /** The developer default: anonymous, no tokens (each needing an exp once there are), no keys, no TLS. */
    public static final SecurityConfig DEFAULTS = new Builder().build();

    public SecurityConfig {
        apiKeys = API_KEYS.check(apiKeys == null ? List.of() : new ArrayList<>(apiKeys));
        apiKeys = List.copyOf(apiKeys);
        JWT_HMAC_SECRET.check(jwtHmacSecret);
        if (jwtRolesClaim == null) {
            JWT_ROLES_CLAIM.check("");
        }
        JWT_ROLES_CLAIM.check(jwtRolesClaim);
        JWT_COOKIE.check(jwtCookie);
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
        private boolean anonymous = ANONYMOUS.defaultValue();
        private String jwtHmacSecret = JWT_HMAC_SECRET.defaultValue();
        private Path jwtPublicKeyFile = JWT_PUBLIC_KEY_FILE.defaultValue();
        private String jwtRolesClaim = JWT_ROLES_CLAIM.defaultValue();
        private String jwtCookie = JWT_COOKIE.defaultValue();
        private boolean jwtRequireExp = JWT_REQUIRE_EXP.defaultValue();
        private List<String> apiKeys = API_KEYS.defaultValue();
        private Path tlsCertFile = TLS_CERT_FILE.defaultValue();
        private Path tlsKeyFile = TLS_KEY_FILE.defaultValue();

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
