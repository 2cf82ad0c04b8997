package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.server.RealtimeHub;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.FileInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    private static SSLContext trusting(Path certFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (FileInputStream in = new FileInputStream(certFile.toFile())) {
            trust.setCertificateEntry("hub", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    void httpsAndWssAreServedOnTheSamePortWithTheGivenCertificate() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        RealtimeHub.Builder builder = RealtimeHub.builder().host("localhost").port(0);
        builder.settings().security().tlsCertFile(certificate.certificate().toPath())
                .tlsKeyFile(certificate.privateKey().toPath());
        try (RealtimeHub hub = builder.start()) {
            assertThat(hub.httpUri().getScheme()).isEqualTo("https");
            assertThat(hub.webSocketUri().getScheme()).isEqualTo("wss");
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate.certificate().toPath()))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(hub.httpUri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket socket = client.newWebSocketBuilder().buildAsync(hub.webSocketUri(), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    first.complete(data.toString());
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(first.get(10, TimeUnit.SECONDS)).contains("\"type\":\"connected\"");
            socket.abort();

            HttpClient untrusting = HttpClient.newHttpClient();
            assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(hub.httpUri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        } finally {
            certificate.delete();
        }
    }

    @Test
    void aMissingOrBadCertificateFailsTheStartWithAClearMessage(@TempDir Path dir) throws Exception {
        RealtimeHub.Builder missing = RealtimeHub.builder().port(0);
        missing.settings().security().tlsCertFile(dir.resolve("cert.pem")).tlsKeyFile(dir.resolve("key.pem"));
        assertThatThrownBy(missing::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tls.cert-file: cannot read " + dir.resolve("cert.pem"));

        Path cert = dir.resolve("garbage-cert.pem");
        Path key = dir.resolve("garbage-key.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n");
        RealtimeHub.Builder bad = RealtimeHub.builder().port(0);
        bad.settings().security().tlsCertFile(cert).tlsKeyFile(key);
        assertThatThrownBy(bad::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.cert-file/tls.key-file: cannot use " + cert);

        RealtimeHub.Builder half = RealtimeHub.builder().port(0);
        half.settings().security().tlsCertFile(cert);
        assertThatThrownBy(half::start).hasMessage("tls.key-file: needed together with tls.cert-file");
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt(@TempDir Path dir) throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        try {
            Path key = dir.resolve("hub-key.pem");
            Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1(certificate.key()))
                    + "\n-----END RSA PRIVATE KEY-----\n");
            RealtimeHub.Builder builder = RealtimeHub.builder().port(0);
            builder.settings().security().tlsCertFile(certificate.certificate().toPath()).tlsKeyFile(key);
            // refused whether or not BouncyCastle (which would read it) is on the classpath, as it is in this test
            assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tls.key-file: " + key + " is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY) but the hub reads"
                            + " PKCS#8 (BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + key
                            + " -out " + dir.resolve("hub-key-pkcs8.pem"));
        } finally {
            certificate.delete();
        }
    }

    /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: SEQUENCE {version, algorithm, OCTET STRING {it}}. */
    private static byte[] pkcs1(PrivateKey key) {
        ByteBuffer der = ByteBuffer.wrap(key.getEncoded());
        enter(der, 0x30);
        skip(der, 0x02); // version
        skip(der, 0x30); // algorithm identifier
        byte[] rsaPrivateKey = new byte[enter(der, 0x04)];
        der.get(rsaPrivateKey);
        return rsaPrivateKey;
    }

    private static void skip(ByteBuffer der, int tag) {
        int length = enter(der, tag);
        der.position(der.position() + length);
    }

    /** Reads a DER tag (which must be {@code tag}) and its length; returns the length, leaving the buffer at the value. */
    private static int enter(ByteBuffer der, int tag) {
        assertThat(der.get() & 0xff).as("DER tag").isEqualTo(tag);
        int first = der.get() & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der.get() & 0xff);
        }
        return length;
    }
}
