package dev.realtimehub.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlatnessTest {

    private static final double MIB = 1024 * 1024;
    private final Flatness flatness = new Flatness(60, 45);

    @Test
    void aSawtoothAroundOneLevelIsFlat() {
        Series heap = series("heap", Series.Trouble.GROWTH, i -> 100 * MIB + (i % 6) * 20 * MIB);

        Flatness.Verdict verdict = flatness.judge(heap, new double[0][], new Tolerance(0.2, 16 * MIB));

        assertThat(verdict.flat()).as(verdict.line()).isTrue();
        assertThat(verdict.samples()).isEqualTo(180 - 6);
        assertThat(verdict.line()).startsWith("flat:");
    }

    @Test
    void heapIsJudgedByItsTroughsSoAYoungGenerationThatGrowsIsNotALeakButRisingTroughsAre() {
        // troughs at 100 MiB throughout; the peaks climb from 140 to 300 MiB as the collector enlarges eden
        Series eden = series("node1_heap_bytes", Series.Trouble.GROWTH,
                i -> i % 6 == 0 ? 100 * MIB : 100 * MIB + (40 + i) * MIB * (i % 6) / 5);
        // the same saw with its troughs climbing 100 -> 190 MiB
        Series leak = series("node1_heap_bytes", Series.Trouble.GROWTH,
                i -> (100 + i / 2.0) * MIB + (i % 6 == 0 ? 0 : 40 * MIB));
        Tolerance tolerance = new Tolerance(0.2, 16 * MIB);

        Flatness.Verdict young = flatness.judge(eden, new double[0][], tolerance);
        assertThat(young.flat()).as(young.line()).isTrue();
        assertThat(young.early()).isEqualTo(100 * MIB);
        assertThat(flatness.judge(leak, new double[0][], tolerance).flat()).isFalse();
    }

    @Test
    void theQuantileInterpolatesBetweenRanks() {
        java.util.List<double[]> samples = java.util.List.of(new double[] {0, 4}, new double[] {1, 1},
                new double[] {2, 3}, new double[] {3, 2});
        assertThat(Flatness.quantile(samples, 0.5)).isEqualTo(2.5);
        assertThat(Flatness.quantile(samples, 0.0)).isEqualTo(1);
        assertThat(Flatness.quantile(samples, 1.0)).isEqualTo(4);
    }

    @Test
    void steadyGrowthBeyondTheToleranceIsNotFlat() {
        // +1 MiB every 10 s: +180 MiB over the run, far beyond 20 % of 100 MiB + 16 MiB
        Series heap = series("heap", Series.Trouble.GROWTH, i -> 100 * MIB + i * MIB);

        Flatness.Verdict verdict = flatness.judge(heap, new double[0][], new Tolerance(0.2, 16 * MIB));

        assertThat(verdict.flat()).isFalse();
        assertThat(verdict.line()).startsWith("GROWS:");
        assertThat(verdict.slopePerHour()).isCloseTo(360 * MIB, org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void growthWithinTheToleranceIsFlat() {
        // +10 MiB over the whole run on 100 MiB: inside 20 % + 16 MiB
        Series rss = series("rss", Series.Trouble.GROWTH, i -> 100 * MIB + i * (10 * MIB / 180));

        assertThat(flatness.judge(rss, new double[0][], new Tolerance(0.2, 16 * MIB)).flat()).isTrue();
    }

    @Test
    void restartSpikesAndTheWarmUpAreLeftOut() {
        // SIGTERM at 600 s, healthy again at 630 s; SIGTERM at 1200 s, healthy again at 1200 s
        double[][] restarts = {{600, 630}, {1200, 1200}};
        // flat at 500 fds, but 5,000 during the warm-up and until 45 s after each restart (clients reconnecting)
        Series fds = series("fds", Series.Trouble.GROWTH, i -> {
            double t = i * 10.0;
            boolean spike = t < 60 || (t >= 600 && t <= 675) || (t >= 1200 && t <= 1245);
            return spike ? 5000 : 500;
        });

        Flatness.Verdict verdict = flatness.judge(fds, restarts, new Tolerance(0.05, 50));

        assertThat(verdict.flat()).as(verdict.line()).isTrue();
        assertThat(verdict.early()).isEqualTo(500);
        assertThat(verdict.late()).isEqualTo(500);
        assertThat(verdict.samples()).isEqualTo(180 - 6 - 8 - 5);
    }

    @Test
    void aRestartThatNeverCameBackLeavesOutTheRestOfTheRun() {
        Series fds = series("fds", Series.Trouble.GROWTH, i -> i >= 120 ? 5000 : 500);

        Flatness.Verdict verdict = flatness.judge(fds, new double[][] {{1195, Double.NaN}}, new Tolerance(0.05, 50));

        assertThat(verdict.flat()).as(verdict.line()).isTrue();
        assertThat(verdict.samples()).isEqualTo(120 - 6);
    }

    @Test
    void aSpikeOutsideTheRestartWindowsCounts() {
        // the last third sits at 800: a level shift the exclusions must not hide
        Series fds = series("fds", Series.Trouble.GROWTH, i -> i >= 120 ? 800 : 500);

        assertThat(flatness.judge(fds, new double[][] {{600, 610}}, new Tolerance(0.05, 50)).flat()).isFalse();
    }

    @Test
    void aFallingDeliveryRateIsNotFlatButARisingOneIs() {
        Series falling = series("delivered_per_s", Series.Trouble.DECLINE, i -> 10_000 - i * 40.0);
        Series rising = series("delivered_per_s", Series.Trouble.DECLINE, i -> 10_000 + i * 40.0);
        Tolerance tolerance = new Tolerance(0.25, 0);

        Flatness.Verdict fell = flatness.judge(falling, new double[0][], tolerance);
        assertThat(fell.flat()).isFalse();
        assertThat(fell.line()).startsWith("FALLS:");
        assertThat(flatness.judge(rising, new double[0][], tolerance).flat()).isTrue();
    }

    @Test
    void missingSamplesAreSkippedAndTooFewSamplesAreNoPass() {
        Series mostlyDown = series("heap", Series.Trouble.GROWTH, i -> i % 40 == 0 ? 100 * MIB : Double.NaN);

        Flatness.Verdict verdict = flatness.judge(mostlyDown, new double[0][], new Tolerance(0.2, 16 * MIB));

        assertThat(verdict.flat()).isFalse();
        assertThat(verdict.samples()).isLessThan(Flatness.MIN_SAMPLES);
        assertThat(verdict.line()).contains("too few samples");
    }

    /** 180 samples, one every 10 s (a 30-minute run). */
    private static Series series(String name, Series.Trouble trouble, java.util.function.IntToDoubleFunction value) {
        double[] t = new double[180];
        double[] v = new double[180];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 10.0;
            v[i] = value.applyAsDouble(i);
        }
        Series.Unit unit = name.equals("fds") ? Series.Unit.COUNT
                : name.startsWith("delivered") ? Series.Unit.PER_SECOND : Series.Unit.BYTES;
        return new Series(name, unit, trouble, t, v);
    }
}
