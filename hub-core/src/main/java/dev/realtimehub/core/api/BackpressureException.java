package dev.realtimehub.core.api;

/**
 * A publish refused because the fan-out queues stayed full for the whole wait: nothing was accepted, the publisher
 * should retry later (HTTP answers 503 with {@code Retry-After}).
 */
public final class BackpressureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackpressureException(String message) {
        super(message);
    }
}
