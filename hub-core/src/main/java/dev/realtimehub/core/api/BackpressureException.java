package dev.realtimehub.core.api;

/**
 * A publish refused because the hub stayed overloaded for the whole wait ({@code publish.max-wait-ms}): the
 * subscribers as a whole were behind, or the fan-out queues held more than {@code publish.max-queued-bytes}. Nothing
 * was accepted — no subscriber will see the event — and the publisher should retry later (HTTP answers 503 with
 * {@code Retry-After}).
 */
public final class BackpressureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackpressureException(String message) {
        super(message);
    }
}
