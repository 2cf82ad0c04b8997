package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.engine.ConnectionView;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.RawWebSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kernel's side of a connection, at the defaults: the send buffer grows to what is in flight, so a backlog moves
 * at loopback speed, while what a client has not read waits in the hub, where it is counted, not in the socket.
 */
class SocketBuffersTest {

    private static final int EVENTS = 5_000;
    private static final String PAD = "p".repeat(4_000);

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            s -> s.topic(TopicConfig.builder("orders").history(20_000).build()));

    /**
     * A fixed 64 KiB send buffer holds less than one loopback segment's worth in flight past the first, so the
     * receiver, waiting for more than one full segment, acknowledges only on its delayed-ACK timer: a 20 MB recovery
     * then took 7.0-10.9 s and 163-243 delayed ACKs. The counter, not the time, is what this judges.
     */
    @Test
    void aLargeRecoveryOverLoopbackWaitsOnNoDelayedAck(RealtimeHub hub) throws Exception {
        for (int i = 0; i < EVENTS; i++) {
            hub.publish("orders", Publication.of("order", Map.of("pad", PAD))).join();
        }
        String epoch = hub.engine().position("orders").epoch();
        try (RawWebSocket client = RawWebSocket.connect(hub.port())) {
            client.readTextContaining("\"connected\"");
            long delayedAcksBefore = delayedAcks();
            client.sendText("{\"action\":\"subscribe\",\"topic\":\"orders\",\"since\":0,\"epoch\":\"" + epoch + "\"}");
            List<Long> seqs = new ArrayList<>();
            while (seqs.size() < EVENTS) {
                RawWebSocket.ServerFrame frame = client.readFrame();
                JsonNode message = Json.mapper().readTree(frame.text());
                if ("batch".equals(message.path("type").asText())) {
                    message.path("items").forEach(item -> seqs.add(item.path("seq").asLong()));
                } else if ("order".equals(message.path("type").asText())) {
                    seqs.add(message.path("seq").asLong());
                }
            }
            long delayedAcks = delayedAcks() - delayedAcksBefore;
            assertThat(seqs).as("every event, in order").isEqualTo(LongStream.rangeClosed(1, EVENTS).boxed().toList());
            assertThat(delayedAcks).as("delayed ACKs on this machine while %d MB were recovered", EVENTS * 4 / 1000)
                    .isLessThan(40);
        }
    }

    @Test
    void whatAStalledClientHasNotReadWaitsInTheHubNotInTheSocket(RealtimeHub hub) throws Exception {
        try (RawWebSocket stalled = RawWebSocket.connect(hub.port(), 4096)) {
            stalled.readTextContaining("\"connected\"");
            stalled.sendText("{\"action\":\"subscribe\",\"topic\":\"orders\"}");
            stalled.readTextContaining("\"subscription\"");
            ConnectionView connection = hub.engine().connections().get(0);
            int events = 500; // 2 MB: under the hard limit, over what an autotuned send buffer would take in
            for (int i = 0; i < events; i++) {
                hub.publish("orders", Publication.of("order", Map.of("pad", PAD))).join();
            }
            long published = (long) events * PAD.length();
            // the socket may hold its unsent bound, what the client's 4 KiB window lets through, and one write's excess
            long kernelAtMost = 256 * 1024;
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(queuedBytes(connection))
                    .as("bytes queued in the hub for the stalled client, of %d published", published)
                    .isGreaterThan(published - kernelAtMost));
        }
    }

    private static long queuedBytes(ConnectionView connection) {
        CompletableFuture<Long> queued = new CompletableFuture<>();
        connection.lane().execute(() -> queued.complete(connection.queuedBytes()));
        return queued.join();
    }

    /** The kernel's count of ACKs sent on the delayed-ACK timer ({@code TcpExt DelayedACKs}), machine-wide. */
    private static long delayedAcks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).split(" ");
                String[] values = lines.get(i + 1).split(" ");
                for (int k = 1; k < names.length; k++) {
                    if ("TcpExt:".equals(names[0]) && "DelayedACKs".equals(names[k])) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no TcpExt DelayedACKs in /proc/net/netstat");
    }
}
