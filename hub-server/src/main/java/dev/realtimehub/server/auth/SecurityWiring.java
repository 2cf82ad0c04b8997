package dev.realtimehub.server.auth;

import dev.realtimehub.core.spi.TokenVerifier;
import dev.realtimehub.server.config.SecurityConfig;
import dev.realtimehub.transport.base.HubSecurity;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@link SecurityConfig} into the transport's {@link HubSecurity}: token verifier, API keys and TLS context. */
public final class SecurityWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityWiring.class);

    private SecurityWiring() {
    }

    /**
     * The transport's security for {@code config}, reading key and certificate files.
     *
     * @throws IllegalArgumentException naming the config key whose value cannot be used
     */
    public static HubSecurity build(SecurityConfig config) {
        if (config.jwtHmacSecret() != null && config.jwtPublicKeyFile() != null) {
            throw new IllegalArgumentException(
                    "auth.jwt.hmac-secret and auth.jwt.public-key-file: set one of them, not both");
        }
        TokenVerifier verifier = null;
        if (config.jwtHmacSecret() != null) {
            JwtTokenVerifier hmac = JwtTokenVerifier.hmac(config.jwtHmacSecret(), config.jwtRolesClaim(),
                    config.jwtRequireExp());
            // the secret's length decides (RFC 7518 3.2): said where the operator looks, never to a client
            List<String> algorithms = hmac.algorithms();
            LOG.info("connection tokens: accepting {}{}", String.join(", ", algorithms), algorithms.size() < 3
                    ? " (auth.jwt.hmac-secret is too short for the others: HS384 needs 48 bytes, HS512 64)" : "");
            verifier = hmac;
        } else if (config.jwtPublicKeyFile() != null) {
            verifier = JwtTokenVerifier.publicKeys(PublicKeys.load(config.jwtPublicKeyFile()), config.jwtRolesClaim(),
                    config.jwtRequireExp());
        }
        SslContext ssl = config.tlsCertFile() == null ? null : TlsContexts.server(config.tlsCertFile(), config.tlsKeyFile());
        return new HubSecurity(verifier, config.anonymous(), config.jwtCookie(), config.apiKeys(), ssl);
    }

    /** Whether {@code host} only listens on the loopback interface. */
    public static boolean isLoopback(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
