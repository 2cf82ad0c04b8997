package dev.realtimehub.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ceiling on real sockets: a subscriber that stops reading makes its connection unwritable, and from then on
 * publishes (and their HTTP answers) wait; once it reads again they are taken and answered 200. The longest hold is
 * set to ten minutes, so an answer can only come from the release, not from the hold expiring.
 */
@Timeout(120)
class CeilingBackpressureTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aPublishWaitsWhileASubscriberIsUnwritableAndIsAnsweredOnceItReads() throws Exception {
        try (CeilingServer ceiling = CeilingServer.start("127.0.0.1", 0, 1,
                new CeilingTuning(TimeUnit.MINUTES.toMillis(10), HoldThreshold.ANY, 0, 0));
             Socket subscriber = new Socket()) {
            subscriber.setReceiveBufferSize(4096);
            subscriber.connect(new InetSocketAddress("127.0.0.1", ceiling.port()));
            subscribe(subscriber, "t");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String event = MAPPER.writeValueAsString(java.util.Map.of("topic", "t", "type", "x",
                    "data", "y".repeat(60_000)));
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();

            // the subscriber reads nothing: publish until one is held (the kernel and Netty's buffers are full)
            await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() -> {
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ceiling.port()
                        + "/api/publish")).POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                        HttpResponse.BodyHandlers.ofString()));
                return stats(http, ceiling).path("held_publishes").asLong() > 0;
            });
            assertThat(stats(http, ceiling).path("unwritable").asInt()).isEqualTo(1);
            assertThat(answers).anyMatch(answer -> !answer.isDone());

            Thread reader = new Thread(() -> drain(subscriber), "stalled-subscriber-reads-again");
            reader.setDaemon(true);
            reader.start();

            await().atMost(60, TimeUnit.SECONDS).until(() -> answers.stream().allMatch(CompletableFuture::isDone));
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }
            JsonNode stats = stats(http, ceiling);
            assertThat(stats.path("held_too_long").asLong()).isZero();
            assertThat(stats.path("slow_consumers_closed").asLong()).isZero();
            assertThat(stats.path("published").asLong()).isEqualTo(answers.size());
        }
    }

    private static JsonNode stats(HttpClient http, CeilingServer ceiling) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ceiling.port() + "/api/ws/stats")).build(), HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(response.body());
    }

    /** The upgrade, {@code connected}, then a masked {@code subscribe} frame and its reply. */
    private static void subscribe(Socket socket, String topic) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(("GET /api/ws/realtime HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        assertThat(readTextFrame(in)).contains("\"connected\"");
        byte[] payload = ("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length); // masked, short length; mask key 0 leaves the payload as is
        System.arraycopy(payload, 0, frame, 6, payload.length);
        out.write(frame);
        out.flush();
        assertThat(readTextFrame(in)).contains("\"subscription\"", "\"success\":true");
    }

    private static String readTextFrame(InputStream in) throws Exception {
        int first = in.read();
        int length = in.read() & 0x7F;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        assertThat(first).isEqualTo(0x81);
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void drain(Socket socket) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = socket.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // read and forget: the subscriber keeps pace again
            }
        } catch (java.io.IOException e) {
            // closed at the end of the test
        }
    }
}
