package dev.realtimehub.bench.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether a series of the soak run stayed flat. The definition, stated once here and in bench/scenarios.md:
 *
 * <ol>
 *   <li>Samples before {@code warmupSeconds} are left out (JIT, heap sizing, connections still arriving), and so is
 *       every sample from a restart's SIGTERM to {@code restartSettleSeconds} after the node was healthy again (the
 *       drain, the new JVM starting, every client reconnecting and replaying at once are a spike, not a trend);
 *       missing samples too.</li>
 *   <li>What is left is split in thirds by time; {@code early} is the median of the first third, {@code late} the
 *       median of the last. For heap in use, which saws up and down with every collection, the 10th percentile
 *       instead: the troughs are what a collection leaves, and a leak lifts them (the young generation the collector
 *       sizes as it likes lifts the peaks and the median).</li>
 *   <li>The series is flat when {@code late} has not moved from {@code early} in its troublesome direction (up for a
 *       resource, down for the delivery rate) by more than the {@link Tolerance}.</li>
 *   <li>The least-squares slope over the same samples, per hour, is reported beside it (not judged: a sawtooth's slope
 *       over a short run says little).</li>
 * </ol>
 * Fewer than {@link #MIN_SAMPLES} samples left is no verdict at all, and counts as not flat: a run too short to judge
 * must not pass.
 *
 * <p>Stateless and thread-safe.
 */
final class Flatness {

    /** Fewest samples (after the exclusions) a verdict needs: two per third at least. */
    static final int MIN_SAMPLES = 6;

    private final double warmupSeconds;
    private final double restartSettleSeconds;

    Flatness(double warmupSeconds, double restartSettleSeconds) {
        if (!(warmupSeconds >= 0) || !(restartSettleSeconds >= 0)) {
            throw new IllegalArgumentException("warmupSeconds and restartSettleSeconds must be >= 0, were "
                    + warmupSeconds + " and " + restartSettleSeconds);
        }
        this.warmupSeconds = warmupSeconds;
        this.restartSettleSeconds = restartSettleSeconds;
    }

    /**
     * The verdict on {@code series}, given the restarts as {SIGTERM, healthy again} pairs of seconds since the start
     * (healthy again {@code NaN}: not before the run ended).
     */
    Verdict judge(Series series, double[][] restarts, Tolerance tolerance) {
        double[] t = series.seconds();
        double[] v = series.values();
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (Double.isNaN(v[i]) || t[i] < warmupSeconds || nearRestart(t[i], restarts)) {
                continue;
            }
            kept.add(new double[] {t[i], v[i]});
        }
        kept.sort((a, b) -> Double.compare(a[0], b[0]));
        int n = kept.size();
        if (n < MIN_SAMPLES) {
            return new Verdict(series.name(), n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                    "too few samples to judge (" + n + " after warm-up and restarts; need " + MIN_SAMPLES + ")");
        }
        int third = n / 3;
        double quantile = series.name().endsWith("_heap_bytes") ? 0.10 : 0.5;
        double early = quantile(kept.subList(0, third), quantile);
        double late = quantile(kept.subList(n - third, n), quantile);
        double change = late - early;
        double allowed = tolerance.allowedFrom(early);
        double troublesome = series.trouble() == Series.Trouble.GROWTH ? change : -change;
        boolean flat = troublesome <= allowed;
        String why = String.format(java.util.Locale.ROOT, "%s %s -> %s (%s%s, allowed %s)",
                flat ? "flat:" : (series.trouble() == Series.Trouble.GROWTH ? "GROWS:" : "FALLS:"),
                series.format(early), series.format(late), change >= 0 ? "+" : "-",
                series.format(Math.abs(change)), series.format(allowed));
        return new Verdict(series.name(), n, early, late, allowed, slopePerHour(kept), flat, why);
    }

    private boolean nearRestart(double seconds, double[][] restarts) {
        for (double[] span : excludedSpans(restarts)) {
            if (seconds >= span[0] && seconds <= span[1]) {
                return true;
            }
        }
        return false;
    }

    /** The spans the verdict leaves out for {@code restarts}: SIGTERM to healthy again plus the settling time. */
    double[][] excludedSpans(double[][] restarts) {
        double[][] spans = new double[restarts.length][];
        for (int i = 0; i < restarts.length; i++) {
            double up = Double.isNaN(restarts[i][1]) ? Double.POSITIVE_INFINITY : restarts[i][1];
            spans[i] = new double[] {restarts[i][0], up + restartSettleSeconds};
        }
        return spans;
    }

    double warmupSeconds() {
        return warmupSeconds;
    }

    /** The {@code q} quantile (0.5: the median) of the values, interpolated between the nearest ranks. */
    static double quantile(List<double[]> samples, double q) {
        double[] values = samples.stream().mapToDouble(s -> s[1]).toArray();
        Arrays.sort(values);
        double rank = q * (values.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return values[below] + (values[above] - values[below]) * (rank - below);
    }

    private static double slopePerHour(List<double[]> samples) {
        double meanT = samples.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double meanV = samples.stream().mapToDouble(s -> s[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] s : samples) {
            num += (s[0] - meanT) * (s[1] - meanV);
            den += (s[0] - meanT) * (s[0] - meanT);
        }
        return den == 0 ? 0 : num / den * 3600;
    }

    /**
     * The judgement of one series: how many samples it rests on, the early and late medians, the movement allowed,
     * the slope per hour, whether it is flat, and one line saying so.
     */
    record Verdict(String series, int samples, double early, double late, double allowed, double slopePerHour,
                   boolean flat, String line) {
    }
}
