package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static SeqTracker receive(long... seqs) {
        SeqTracker tracker = new SeqTracker();
        for (long seq : seqs) {
            tracker.onSeq(seq);
        }
        return tracker;
    }
}
