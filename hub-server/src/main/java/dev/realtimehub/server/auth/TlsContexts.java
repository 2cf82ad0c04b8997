package dev.realtimehub.server.auth;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Builds the server's TLS context from PEM files ({@code tls.cert-file}, {@code tls.key-file}). */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * A server context for the certificate chain and PKCS#8 private key.
     *
     * @throws IllegalArgumentException naming the key whose file is missing or unusable
     */
    public static SslContext server(Path certFile, Path keyFile) {
        requireReadable(certFile, "tls.cert-file");
        requireReadable(keyFile, "tls.key-file");
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

    private static void requireReadable(Path file, String key) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(key + ": cannot read " + file);
        }
    }
}
