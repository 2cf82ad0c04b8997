package dev.realtimehub.server.testing;

import java.util.OptionalDouble;

/** Reads sample values out of a Prometheus text exposition, for tests. */
public final class PrometheusText {

    private final String text;

    public PrometheusText(String text) {
        this.text = text;
    }

    /** The value of the sample written exactly as {@code series} ({@code name} or {@code name{label="v"}}), if any. */
    public OptionalDouble value(String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]));
            }
        }
        return OptionalDouble.empty();
    }

    /** The value of {@code series}; fails when it is missing. */
    public double get(String series) {
        return value(series).orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + text));
    }

    /** The whole text. */
    @Override
    public String toString() {
        return text;
    }
}
