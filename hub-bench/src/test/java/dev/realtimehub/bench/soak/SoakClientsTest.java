package dev.realtimehub.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak run's clients and publisher against a real hub on a real socket: while a third of the clients a second
 * close and reconnect with {@code since}/{@code epoch}, every acknowledged event of the immediate and the batch topic
 * still reaches every client of its topic exactly once.
 */
@Timeout(120)
class SoakClientsTest {

    private static final int CLIENTS = 30;
    private static final List<String> TOPICS = List.of("soaknow", "soakbatch");

    @Test
    void churningClientsRecoverEveryAcknowledgedEventOnce() throws Exception {
        try (RealtimeHub hub = RealtimeHub.builder().port(0)
                .topic(TopicConfig.builder("soaknow").policy(DeliveryPolicy.IMMEDIATE).build())
                .topic(TopicConfig.builder("soakbatch").policy(DeliveryPolicy.BATCH).build())
                .start()) {
            SoakCounters counters = new SoakCounters();
            try (SoakClients clients = new SoakClients(List.of(hub.webSocketUri()), TOPICS, CLIENTS, counters, 0)) {
                clients.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> counters.connected.get() == CLIENTS);
                clients.churn(CLIENTS / 3.0);
                try (SoakPublisher publisher = new SoakPublisher(
                        List.of(URI.create(hub.httpUri() + "/api/publish")), TOPICS, counters)) {
                    publisher.start(20);
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> counters.churned.sum() >= CLIENTS && counters.published.sum() >= 60);
                }
                // the publisher has stopped; what it had in flight is acknowledged (or refused) by now or soon
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(counters.delivered.sum())
                        .isEqualTo(counters.published.sum() / TOPICS.size() * CLIENTS)); // events per topic x all clients
                assertThat(counters.publishRefused.sum()).isZero();
                assertThat(counters.told.sum()).as("recovery within the history: never told").isZero();
                assertThat(counters.protocolErrors.sum()).isZero();
                assertThat(counters.gaps.sum()).isZero();
                assertThat(counters.closesByCode()).as("the hub ended no connection").isEmpty();
            }
        }
    }

    @Test
    void theChurnBringsClientsBackToANodeThatRestartedUntilBothHoldAboutAsMany() throws Exception {
        RealtimeHub a = RealtimeHub.builder().port(0).topic(TopicConfig.builder("soaknow").build()).start();
        RealtimeHub b = RealtimeHub.builder().port(0).topic(TopicConfig.builder("soaknow").build()).start();
        int portB = b.port();
        URI uriB = b.webSocketUri();
        SoakCounters counters = new SoakCounters();
        try (SoakClients clients = new SoakClients(List.of(a.webSocketUri(), uriB), List.of("soaknow"), CLIENTS,
                counters, 0)) {
            clients.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> counters.connected.get() == CLIENTS);
            assertThat(clients.subscribedPerNode()).containsExactly(CLIENTS / 2, CLIENTS / 2);

            b.close(); // its clients move to a: b refuses while it is down
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.subscribedPerNode()[0] == CLIENTS);
            b = RealtimeHub.builder().port(portB).topic(TopicConfig.builder("soaknow").build()).start();
            clients.churn(CLIENTS / 3.0);
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.subscribedPerNode()[1] >= CLIENTS / 2 - 2);
            assertThat(counters.duplicates.sum()).isZero();
            assertThat(counters.protocolErrors.sum()).isZero();
        } finally {
            a.close();
            b.close();
        }
    }
}
