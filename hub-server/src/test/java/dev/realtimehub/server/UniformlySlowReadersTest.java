package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.PacedReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Overload is not a slow consumer: when every reader is slower than the publisher, the hub holds the publisher back
 * (slow acknowledgements, then 503 with Retry-After) instead of degrading or closing anyone, and every acknowledged
 * event reaches every reader, in order.
 */
class UniformlySlowReadersTest {

    private static final int READERS = 10;
    private static final String PAD = "p".repeat(2000);

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s.publishMaxWaitMs(300)
            .topic(TopicConfig.builder("orders").history(10_000).build()));

    @Test
    void everyReaderSlowerThanThePublisherHoldsThePublisherAndLosesNothing(RealtimeHub hub) throws Exception {
        List<PacedReader> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            readers.add(PacedReader.open(hub.port(), "orders", 200_000)); // 200 KB/s each: ~100 events of 2 KB a second
        }
        HttpTestClient http = new HttpTestClient(hub.httpUri());
        // one publisher posting one event per request as fast as it is answered: far more than the readers take
        long acknowledged = 0;
        int refused = 0;
        for (int attempt = 0; attempt < 20_000 && (refused < 3 || acknowledged < 300); attempt++) {
            HttpTestClient.Reply reply = http.post("/api/publish",
                    "{\"topic\":\"orders\",\"type\":\"order\",\"pad\":\"" + PAD + "\"}");
            if (reply.status() == 503) {
                assertThat(reply.raw().headers().firstValue("retry-after")).hasValue("1");
                assertThat(reply.json().path("error").asText()).contains("the subscribers stayed behind");
                refused++;
            } else {
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.json().path("seqs").get(0).asLong()).as("seqs stay consecutive").isEqualTo(++acknowledged);
            }
        }
        assertThat(refused).as("the publisher was held back and refused").isGreaterThanOrEqualTo(3);
        assertThat(hub.engine().counters().fanOutHolds()).isPositive();

        long last = acknowledged;
        List<Long> all = LongStream.rangeClosed(1, last).boxed().toList();
        for (PacedReader reader : readers) {
            await().atMost(Duration.ofSeconds(120)).until(() -> reader.seqs().size() >= last);
            assertThat(reader.seqs()).containsExactlyElementsOf(all);
            assertThat(reader.gaps()).isEmpty();
            assertThat(reader.closeCode()).isZero();
        }
        assertThat(hub.engine().counters().slowConsumers().degraded()).isZero();
        assertThat(hub.engine().counters().slowConsumers().disconnected()).isZero();
        assertThat(hub.engine().connectionCount()).isEqualTo(READERS);
        for (PacedReader reader : readers) {
            reader.close();
        }
    }
}
