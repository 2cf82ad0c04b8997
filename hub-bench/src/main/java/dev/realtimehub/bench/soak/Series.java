package dev.realtimehub.bench.soak;

import java.util.Objects;

/**
 * One sampled series of the soak run: its name (a CSV column), its unit, which direction is trouble, and the samples
 * as (seconds since the start, value) pairs; a missing sample (a node down during its restart) is {@code NaN}.
 *
 * <p>Immutable.
 */
record Series(String name, Unit unit, Trouble trouble, double[] seconds, double[] values) {

    /** How the values read. */
    enum Unit {
        BYTES, COUNT, PER_SECOND
    }

    /** Which way a series must not move: resources must not grow; the delivery rate must not fall. */
    enum Trouble {
        GROWTH, DECLINE
    }

    Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(trouble, "trouble");
        if (seconds.length != values.length) {
            throw new IllegalArgumentException("seconds and values differ in length: " + seconds.length + " and "
                    + values.length);
        }
        seconds = seconds.clone();
        values = values.clone();
    }

    int size() {
        return seconds.length;
    }

    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** {@code value} formatted in this series' unit (MiB for bytes). */
    String format(double value) {
        return switch (unit) {
            case BYTES -> String.format(java.util.Locale.ROOT, "%.1f MiB", value / (1024.0 * 1024.0));
            case COUNT -> String.format(java.util.Locale.ROOT, "%.0f", value);
            case PER_SECOND -> String.format(java.util.Locale.ROOT, "%.0f/s", value);
        };
    }
}
