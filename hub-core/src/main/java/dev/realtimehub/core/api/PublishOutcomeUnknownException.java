package dev.realtimehub.core.api;

/**
 * A publish whose fate the hub cannot know: the broker's connection broke (or its answer timed out) after the event was
 * sent, so it may have been accepted — and then delivered — or not. Unlike {@link BackpressureException} and a broker
 * that refused outright, this is not "nothing was accepted": retry with the same {@link Publication#id() id} to learn
 * the seq without publishing it twice (an event without an id may be published twice by a retry). HTTP answers 504.
 */
public final class PublishOutcomeUnknownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
