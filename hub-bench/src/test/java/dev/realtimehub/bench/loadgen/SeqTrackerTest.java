package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SeqTrackerTest {

    @Test
    void anUnbrokenSequenceHasNoLossAndNoDuplicate() {
        SeqTracker tracker = receive(1, 2, 3, 4);
        tracker.finish(4);

        assertThat(tracker.received()).isEqualTo(4);
        assertThat(tracker.lost()).isZero();
        assertThat(tracker.duplicated()).isZero();
        assertThat(tracker.outOfOrder()).isZero();
    }

    @Test
    void skippedSeqsCountAsLost() {
        SeqTracker tracker = receive(1, 2, 5, 6, 9);
        tracker.finish(9);

        assertThat(tracker.lost()).isEqualTo(4);
        assertThat(tracker.received()).isEqualTo(5);
    }

    @Test
    void aSeqArrivingAfterALaterOneIsOutOfOrderNotLost() {
        SeqTracker tracker = receive(1, 3, 2, 4);
        tracker.finish(4);

        assertThat(tracker.lost()).isZero();
        assertThat(tracker.outOfOrder()).isEqualTo(1);
        assertThat(tracker.duplicated()).isZero();
        assertThat(tracker.received()).isEqualTo(4);
    }

    @Test
    void aLateArrivalInsideALongGapSplitsIt() {
        SeqTracker tracker = receive(1, 10, 5, 5, 2, 9);
        tracker.finish(10);

        assertThat(tracker.outOfOrder()).isEqualTo(3);
        assertThat(tracker.duplicated()).isEqualTo(1);
        assertThat(tracker.lost()).isEqualTo(5); // 3, 4, 6, 7 and 8
    }

    @Test
    void aSeqReceivedTwiceIsADuplicate() {
        SeqTracker tracker = receive(1, 2, 2, 3, 1);
        tracker.finish(3);

        assertThat(tracker.duplicated()).isEqualTo(2);
        assertThat(tracker.lost()).isZero();
    }

    @Test
    void whatNeverArrivedByTheEndIsLost() {
        SeqTracker tracker = receive(1, 2);
        tracker.finish(5);

        assertThat(tracker.lost()).isEqualTo(3);
    }

    @Test
    void aConnectionThatReceivedNothingLostEverything() {
        SeqTracker tracker = new SeqTracker();
        tracker.finish(7);

        assertThat(tracker.lost()).isEqualTo(7);
    }

    @Test
    void onlyAcknowledgedSeqsAreOwed() {
        SeqTracker tracker = receive(1, 2, 4);
        BitSet acked = new BitSet();
        acked.set(1, 6);
        acked.clear(3); // refused with 503: nobody is owed it

        tracker.finish(6, acked);

        assertThat(tracker.lost()).isEqualTo(1); // 5; 6 was never acknowledged either
        assertThat(tracker.missing(4, 6, acked)).isEqualTo(1);
        assertThat(tracker.missing(1, 4, acked)).isZero();
    }

    @Test
    void aConnectionOfOneChannelIsOwedOnlyItsChannelsSeqs() {
        // slot 2 of 5: seqs 3, 8, 13, 18, 23, …
        SeqTracker tracker = new SeqTracker(2, 5);
        for (long seq : new long[] {3, 8, 13, 23}) {
            assertThat(tracker.onSeq(seq)).isTrue();
        }
        tracker.finish(25);

        assertThat(tracker.received()).isEqualTo(4);
        assertThat(tracker.lost()).isEqualTo(1); // 18
        assertThat(tracker.missing(14, 25, null)).isEqualTo(1);
        assertThat(tracker.missing(1, 13, null)).isZero();
        assertThat(tracker.misrouted()).isZero();
        assertThat(tracker.outOfOrder()).isZero();
    }

    @Test
    void anotherChannelsSeqIsMisroutedNotADelivery() {
        SeqTracker tracker = new SeqTracker(0, 3); // seqs 1, 4, 7, …
        assertThat(tracker.onSeq(1)).isTrue();
        assertThat(tracker.onSeq(2)).isFalse();
        assertThat(tracker.onSeq(3)).isFalse();
        assertThat(tracker.onSeq(4)).isTrue();
        tracker.finish(6);

        assertThat(tracker.misrouted()).isEqualTo(2);
        assertThat(tracker.received()).isEqualTo(2);
        assertThat(tracker.lost()).isZero(); // 2, 3, 5 and 6 were never owed
        assertThat(tracker.duplicated()).isZero();
    }

    @Test
    void duplicatesAndOrderAreJudgedWithinTheChannel() {
        SeqTracker tracker = new SeqTracker(1, 4); // seqs 2, 6, 10, 14, …
        tracker.onSeq(2);
        tracker.onSeq(10);
        tracker.onSeq(6);
        tracker.onSeq(10);
        tracker.finish(14);

        assertThat(tracker.outOfOrder()).isEqualTo(1);
        assertThat(tracker.duplicated()).isEqualTo(1);
        assertThat(tracker.received()).isEqualTo(3);
        assertThat(tracker.lost()).isEqualTo(1); // 14
    }

    @Test
    void aChannelIsOwedOnlyItsAcknowledgedSeqs() {
        SeqTracker tracker = new SeqTracker(1, 3); // seqs 2, 5, 8, 11
        tracker.onSeq(2);
        BitSet acked = new BitSet();
        acked.set(1, 12);
        acked.clear(5); // refused: nobody owed it
        tracker.finish(11, acked);

        assertThat(tracker.lost()).isEqualTo(2); // 8 and 11
        assertThat(tracker.missing(3, 7, acked)).isZero();
        assertThat(tracker.missing(6, 8, acked)).isEqualTo(1);
    }

    @Test
    void aSlotOutsideTheSlotsIsRefused() {
        assertThatThrownBy(() -> new SeqTracker(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeqTracker(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SeqTracker receive(long... seqs) {
        SeqTracker tracker = new SeqTracker();
        for (long seq : seqs) {
            tracker.onSeq(seq);
        }
        return tracker;
    }
}
