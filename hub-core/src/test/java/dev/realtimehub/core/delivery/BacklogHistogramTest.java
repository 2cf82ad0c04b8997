package dev.realtimehub.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BacklogHistogramTest {

    @Test
    void theTypicalBacklogIsTheLowerMediansBucketBoundNeverBelowTheMedianAndAtMostTwiceIt() {
        BacklogHistogram histogram = new BacklogHistogram();
        assertThat(histogram.typical()).isZero();
        for (long queued : new long[] {0, 0, 100, 3000, 3000, 5000, 1_000_000}) {
            histogram.add(queued);
        }
        // sorted: 0 0 100 [3000] 3000 5000 1000000 -> the median 3000 lies in 2048..4095
        assertThat(histogram.typical()).isEqualTo(4095);
        assertThat(histogram.count()).isEqualTo(7);
    }

    @Test
    void oneStalledConnectionAmongIdleOnesLeavesTheTypicalBacklogAtZero() {
        BacklogHistogram histogram = new BacklogHistogram();
        histogram.add(0);
        histogram.add(4_000_000);
        assertThat(histogram.typical()).as("the lower median of two").isZero();
    }

    @Test
    void histogramsOfSeveralLanesAddUp() {
        BacklogHistogram a = new BacklogHistogram();
        BacklogHistogram b = new BacklogHistogram();
        a.add(10);
        b.add(1_000);
        b.add(1_000);
        BacklogHistogram hub = a.copy();
        hub.addAll(b);
        assertThat(hub.count()).isEqualTo(3);
        assertThat(hub.typical()).isEqualTo(1023);
        a.clear();
        assertThat(a.count()).isZero();
        assertThat(hub.count()).as("a copy is independent").isEqualTo(3);
    }

    @Test
    void bucketsCoverEveryNonNegativeLong() {
        assertThat(BacklogHistogram.bucket(0)).isZero();
        assertThat(BacklogHistogram.bucket(1)).isEqualTo(1);
        assertThat(BacklogHistogram.bucket(Long.MAX_VALUE)).isEqualTo(63);
        assertThat(BacklogHistogram.upperBound(63)).isEqualTo(Long.MAX_VALUE);
    }
}
