package dev.realtimehub.core.connection;

/** How a subscribe with {@code since} ended; the metric label is {@link #label()}. */
public enum RecoveryOutcome {
    /** Every missed event (or the current state of a conflate topic) was replayed: {@code "recovered":true}. */
    RECOVERED("recovered"),
    /** History no longer reaches back to {@code since}: {@code "recovered":false}. */
    HISTORY_GONE("history_gone"),
    /** The client's epoch is not the topic's current one (history started afresh): {@code "recovered":false}. */
    EPOCH_CHANGED("epoch_changed"),
    /** {@code since} is negative or beyond the topic's last seq: {@code "recovered":false}. */
    OUT_OF_RANGE("out_of_range"),
    /** The broker could not read history (e.g. Redis unavailable): {@code "recovered":false}. */
    FAILED("failed");

    private final String label;

    RecoveryOutcome(String label) {
        this.label = label;
    }

    /** The value of the {@code result} label in metrics. */
    public String label() {
        return label;
    }
}
