package dev.realtimehub.core.api;

/**
 * A publish refused because {@code limits.max-channels} channels exist on the node: not the publisher's mistake, so
 * it may retry once idle channels have been dropped (HTTP answers 503 with {@code Retry-After}).
 */
public class ChannelLimitException extends PublishException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the limit. */
    public ChannelLimitException(String message) {
        super(message);
    }
}
