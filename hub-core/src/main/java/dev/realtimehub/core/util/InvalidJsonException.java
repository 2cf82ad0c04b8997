package dev.realtimehub.core.util;

/**
 * Input that is not one JSON document; the message says what is wrong with it in the hub's words
 * ({@code "nested deeper than 64 levels"}), safe to answer a client with.
 */
public final class InvalidJsonException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidJsonException(String message) {
        super(message);
    }

    public InvalidJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
