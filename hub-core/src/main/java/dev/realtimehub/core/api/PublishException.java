package dev.realtimehub.core.api;

/**
 * A publish the hub refused because of its input (unknown topic, invalid event); the message is safe to show a client.
 */
public class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the problem. */
    public PublishException(String message) {
        super(message);
    }
}
