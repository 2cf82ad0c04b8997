package dev.realtimehub.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The soak client's accounting across its connections: only the current connection counts, so a connection the churn
 * replaced cannot make the replacement's recovery look like duplicates; failures in a row back off; a connection the
 * hub never answers is given up and its client queued to reconnect.
 */
class SoakClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Nothing listens on port 1: a connect there is refused. */
    private static final URI NOWHERE = URI.create("ws://127.0.0.1:1/api/ws/realtime");

    private static JsonNode reply(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void anEventOnAReplacedConnectionIsNeitherNewNorADuplicate() throws Exception {
        SoakClient client = new SoakClient(0, "soakbatch");
        SoakConnection old = new SoakConnection(client, null, NOWHERE);
        client.connection(old);
        client.subscribed(old, reply("{\"type\":\"subscription\",\"success\":true,\"seq\":10,\"epoch\":\"e1\"}"));
        assertThat(client.saw(old, 11)).isEqualTo(SoakClient.Seen.NEW);

        SoakConnection replacement = new SoakConnection(client, null, NOWHERE);
        client.connection(replacement); // the churn: the old one may still be handing over a batch
        assertThat(client.saw(old, 12)).isEqualTo(SoakClient.Seen.STALE);
        assertThat(client.subscribeFrame()).as("recovers from what the client counted")
                .contains("\"since\":11").contains("\"epoch\":\"e1\"");
        assertThat(client.saw(replacement, 12)).as("the replay of what the old one had in hand").isEqualTo(
                SoakClient.Seen.NEW);
        assertThat(client.saw(replacement, 12)).isEqualTo(SoakClient.Seen.DUPLICATE);
    }

    @Test
    void aReplyOnAReplacedConnectionIsIgnored() throws Exception {
        SoakClient client = new SoakClient(0, "soaknow");
        SoakConnection old = new SoakConnection(client, null, NOWHERE);
        SoakConnection replacement = new SoakConnection(client, null, NOWHERE);
        client.connection(replacement);
        assertThat(client.subscribed(old,
                reply("{\"type\":\"subscription\",\"success\":true,\"seq\":5,\"recovered\":false,\"epoch\":\"e\"}")))
                .isFalse();
        assertThat(client.subscribeFrame()).doesNotContain("since");
    }

    @Test
    void failuresInARowCountUntilASubscriptionIsConfirmed() throws Exception {
        SoakClient client = new SoakClient(0, "soaknow");
        assertThat(client.failed()).isEqualTo(1);
        assertThat(client.failed()).isEqualTo(2);
        SoakConnection connection = new SoakConnection(client, null, NOWHERE);
        client.connection(connection);
        client.subscribed(connection, reply("{\"type\":\"subscription\",\"success\":true,\"seq\":0,\"epoch\":\"e\"}"));
        assertThat(client.failed()).isEqualTo(1);
    }

    @Test
    void theBackoffDoublesFromTheJitterUpToItsCap() {
        assertThat(SoakClients.backoffBound(2000, 1)).isEqualTo(2000);
        assertThat(SoakClients.backoffBound(2000, 2)).isEqualTo(4000);
        assertThat(SoakClients.backoffBound(2000, 4)).isEqualTo(16_000);
        assertThat(SoakClients.backoffBound(2000, 5)).isEqualTo(SoakClients.MAX_BACKOFF_MS);
        assertThat(SoakClients.backoffBound(2000, 1000)).isEqualTo(SoakClients.MAX_BACKOFF_MS);
        assertThat(SoakClients.backoffBound(0, 7)).isZero();
    }

    @Test
    void aStalledChurnTimerOwesAtMostASecondsWorth() {
        assertThat(SoakClients.accrueChurn(0, 10, 0.1)).as("a tenth of a second at 10 a second").isEqualTo(1,
                within(1e-9));
        double debt = SoakClients.accrueChurn(0, 10, 70); // the first tick after a 70 s stall
        assertThat(debt).isEqualTo(10);
        for (int tick = 0; tick < 700; tick++) { // missed ticks run back to back: no time has passed for them
            debt = SoakClients.accrueChurn(debt, 10, 0);
        }
        assertThat(debt).isEqualTo(10);
        assertThat(SoakClients.accrueChurn(0.9, 0.5, 0.1)).as("a slow churn still reaches one").isEqualTo(0.95,
                within(1e-9));
        assertThat(SoakClients.accrueChurn(0, 10, -1)).as("a clock going back owes nothing").isZero();
    }

    @Test
    void aConnectionNeverSubscribedIsGivenUpAndItsClientWaitsToReconnect() {
        SoakCounters counters = new SoakCounters();
        // a minute of jitter: the reconnect waits, so the test sees the client queued, not yet trying again
        try (SoakClients clients = new SoakClients(List.of(NOWHERE), List.of("soaknow"), 1, counters, 60_000)) {
            SoakClient client = new SoakClient(0, "soaknow");
            SoakConnection silent = new SoakConnection(client, clients, NOWHERE);
            client.connection(silent);

            assertThat(silent.giveUpIfNotSubscribed()).isTrue();
            assertThat(silent.giveUpIfNotSubscribed()).as("once").isFalse();
            assertThat(counters.subscribeTimeouts.sum()).isEqualTo(1);
            assertThat(counters.reconnects.sum()).isEqualTo(1);
            assertThat(counters.connected.get()).as("it was never counted in").isZero();
            assertThat(clients.state()).contains("waiting to reconnect 1");
        }
    }
}
