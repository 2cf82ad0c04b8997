package dev.realtimehub.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chaos check finds what it must: a silent loss, a told stretch, a duplicate, a reordering, a refused delivery. */
class ChaosVerifierTest {

    private static final String EPOCH = "e1";

    private final PublishLedger ledger = new PublishLedger();

    @BeforeEach
    void fivePublishesAcknowledgedAndOneRefused() {
        for (int seq = 1; seq <= 5; seq++) {
            ledger.acknowledged("p" + seq, seq);
        }
        ledger.refused("refused", 503);
        ledger.unknown("maybe");
    }

    @Test
    void aClientThatGotEverythingOnceInOrderPasses() {
        ClientLog client = subscribedAt(0);
        for (int seq = 1; seq <= 5; seq++) {
            client.event("p" + seq, seq);
        }
        client.event("p4", 4); // a redelivery around a recovery: dropped, as the docs tell clients to

        ChaosVerifier.Tally tally = ChaosVerifier.check(ledger, List.of(client));

        assertThat(tally.broken()).isFalse();
        assertThat(tally.delivered()).isEqualTo(5);
        assertThat(tally.redelivered()).isEqualTo(1);
    }

    @Test
    void anAcknowledgedEventThatNeverArrivedIsASilentLoss() {
        ClientLog client = subscribedAt(0);
        client.event("p1", 1);
        client.event("p2", 2);
        client.event("p4", 4);
        client.event("p5", 5);

        ChaosVerifier.Tally tally = ChaosVerifier.check(ledger, List.of(client));

        assertThat(tally.missing()).isEqualTo(1);
        assertThat(tally.broken()).isTrue();
        assertThat(tally.problems()).singleElement().asString().contains("missed seq 3");
    }

    @Test
    void aStretchTheClientWasToldAboutIsNotALoss() {
        ClientLog client = subscribedAt(0);
        client.event("p1", 1);
        client.subscribed(3, EPOCH, false); // reconnected: recovered:false, the live stream goes on after 3
        client.event("p4", 4);
        client.gap(5, 5);

        ChaosVerifier.Tally tally = ChaosVerifier.check(ledger, List.of(client));

        assertThat(tally.broken()).isFalse();
        assertThat(tally.told()).isEqualTo(3);
        assertThat(tally.delivered()).isEqualTo(2);
    }

    @Test
    void eventsBeforeTheFirstSubscriptionAreNotExpected() {
        ClientLog client = subscribedAt(3);
        client.event("p4", 4);
        client.event("p5", 5);

        assertThat(ChaosVerifier.check(ledger, List.of(client)).broken()).isFalse();
    }

    @Test
    void theSamePublishUnderTwoSeqsIsADuplicate() {
        ClientLog client = subscribedAt(0);
        for (int seq = 1; seq <= 5; seq++) {
            client.event("p" + seq, seq);
        }
        client.event("p3", 6);

        ChaosVerifier.Tally tally = ChaosVerifier.check(ledger, List.of(client));

        assertThat(tally.duplicated()).isEqualTo(1);
        assertThat(tally.broken()).isTrue();
    }

    @Test
    void anEventBehindALaterOneIsOutOfOrder() {
        ClientLog client = subscribedAt(0);
        client.event("p1", 1);
        client.event("p3", 3);
        client.event("p2", 2);
        client.event("p4", 4);
        client.event("p5", 5);

        ChaosVerifier.Tally tally = ChaosVerifier.check(ledger, List.of(client));

        assertThat(tally.outOfOrder()).isEqualTo(1);
        assertThat(tally.missing()).as("the client dropped it: it is lost to the application too").isEqualTo(1);
        assertThat(tally.broken()).isTrue();
        assertThat(tally.problems()).contains("c got seq 2 (p2) after seq 3; last subscription reply: seq 0, "
                + "not recovered");
    }

    @Test
    void anEventInsideAStretchTheClientWasToldItMissedIsOutOfOrderAndSaysSo() {
        ClientLog client = subscribedAt(0);
        client.event("p1", 1);
        client.subscribed(4, EPOCH, false); // told: 2..4 missed
        client.event("p3", 3);
        client.event("p5", 5);

        ChaosVerifier.Tally tally = ChaosVerifier.check(ledger, List.of(client));

        assertThat(tally.outOfOrder()).isEqualTo(1);
        assertThat(tally.told()).as("2 and 4 were told; 3 was told too, and then came anyway").isEqualTo(3);
        assertThat(tally.problems()).containsExactly("c got seq 3 (p3) after seq 4, inside a stretch it was told "
                + "it missed; last subscription reply: seq 4, not recovered");
        assertThat(tally.broken()).isTrue();
    }

    @Test
    void aRefusedPublishThatArrivesIsCaughtAndAnUnknownOneIsNot() {
        ClientLog client = subscribedAt(0);
        for (int seq = 1; seq <= 5; seq++) {
            client.event("p" + seq, seq);
        }
        client.event("maybe", 6);
        client.event("refused", 7);

        ChaosVerifier.Tally tally = ChaosVerifier.check(ledger, List.of(client));

        assertThat(tally.refusedButDelivered()).isEqualTo(1);
        assertThat(tally.broken()).isTrue();
    }

    @Test
    void anEpochChangeBreaksThePromiseOfTheAppendOnlyFile() {
        ClientLog client = subscribedAt(0);
        client.subscribed(0, "e2", false);

        assertThat(ChaosVerifier.check(ledger, List.of(client)).epochChanges()).isEqualTo(1);
    }

    @Test
    void twoPublishesAcknowledgedWithOneSeqAreCounted() {
        ledger.acknowledged("again", 5);

        assertThat(ledger.seqReused()).isEqualTo(1);
    }

    private static ClientLog subscribedAt(long seq) {
        ClientLog client = new ClientLog("c");
        client.subscribed(seq, EPOCH, false);
        return client;
    }
}
