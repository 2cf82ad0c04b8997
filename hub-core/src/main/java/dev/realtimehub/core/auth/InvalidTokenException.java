package dev.realtimehub.core.auth;

/** A connection token that cannot be accepted (bad signature, expired, malformed); the message says which. */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
