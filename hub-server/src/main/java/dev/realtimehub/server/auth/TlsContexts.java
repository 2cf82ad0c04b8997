package dev.realtimehub.server.auth;

import dev.realtimehub.server.config.SecurityConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Builds the server's TLS context from PEM files ({@code tls.cert-file}, {@code tls.key-file}). */
public final class TlsContexts {

    /** The header of a PKCS#1 RSA key, what {@code openssl genrsa -traditional} and older OpenSSL versions write. */
    private static final String PKCS1_HEADER = "-----BEGIN RSA PRIVATE KEY-----";

    private TlsContexts() {
    }

    /**
     * A server context for the certificate chain and PKCS#8 private key.
     *
     * @throws IllegalArgumentException naming the key whose file is missing or unusable
     */
    public static SslContext server(Path certFile, Path keyFile) {
        requireReadable(certFile, SecurityConfig.TLS_CERT_FILE.key());
        requireReadable(keyFile, SecurityConfig.TLS_KEY_FILE.key());
        requirePkcs8(keyFile);
        try {
            return SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("tls.cert-file/tls.key-file: cannot use " + certFile + " and " + keyFile
                    + ": " + root.getMessage(), e);
        }
    }

    /**
     * Refuses a PKCS#1 key with the command that converts it. Without BouncyCastle the JDK cannot read one and the
     * failure says only "algid parse error"; with BouncyCastle on the classpath it would be read, so the same file
     * would work in one deployment and not in the next. PKCS#8 is what the hub documents, so it is what it takes.
     */
    private static void requirePkcs8(Path keyFile) {
        String pem;
        try {
            pem = Files.readString(keyFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException(SecurityConfig.TLS_KEY_FILE.key() + ": cannot read " + keyFile + ": " + e.getMessage(), e);
        }
        if (pem.contains(PKCS1_HEADER)) {
            throw new IllegalArgumentException(SecurityConfig.TLS_KEY_FILE.key() + ": " + keyFile + " is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY)"
                    + " but the hub reads PKCS#8 (BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in "
                    + keyFile + " -out " + converted(keyFile));
        }
    }

    /** {@code key.pem} → {@code key-pkcs8.pem}, next to it. */
    private static Path converted(Path keyFile) {
        String name = keyFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String converted = dot > 0 ? name.substring(0, dot) + "-pkcs8" + name.substring(dot) : name + "-pkcs8";
        return keyFile.resolveSibling(converted);
    }

    private static void requireReadable(Path file, String key) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(key + ": cannot read " + file);
        }
    }
}
