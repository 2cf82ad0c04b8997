package dev.realtimehub.core.api;

/**
 * A WebSocket close code the hub sends, with what a client should do about it.
 *
 * <p>Ranges: 1000–1015 are RFC 6455 codes; 4000–4999 are the hub's own. The browser client carries the same table
 * (codes, names, reconnect policies) in ws-manager.js; hub-server's CloseCodeTableTest keeps the two equal.
 *
 * @param code the numeric close code
 * @param name a short name for logs and metrics
 * @param reconnect what the client should do after this close
 */
public record CloseCode(int code, String name, Reconnect reconnect) {

    /** What a client does after a close. */
    public enum Reconnect {
        /** Do not reconnect. */
        NEVER,
        /** Reconnect with exponential backoff. */
        BACKOFF,
        /** Reconnect after a random delay of 0–5 s, then with backoff; recover with {@code since}. */
        JITTERED,
        /** Reconnect at once and recover with {@code since}. */
        AT_ONCE,
        /** Fetch a new token, then reconnect at once. */
        NEW_TOKEN
    }

    /**
     * Normal close. After a close it asked for itself a client does nothing; a 1000 it did not ask for (a server or a
     * proxy closed the connection) is reconnected with backoff, recovering with {@code since}.
     */
    public static final CloseCode NORMAL = new CloseCode(1000, "normal", Reconnect.BACKOFF);
    /** The hub is shutting down or draining. */
    public static final CloseCode GOING_AWAY = new CloseCode(1001, "going_away", Reconnect.JITTERED);
    /** Policy violation: inbound rate, abuse. */
    public static final CloseCode POLICY_VIOLATION = new CloseCode(1008, "policy_violation", Reconnect.BACKOFF);
    /** An inbound frame was too big. */
    public static final CloseCode TOO_BIG = new CloseCode(1009, "too_big", Reconnect.BACKOFF);
    /** An internal error. */
    public static final CloseCode INTERNAL_ERROR = new CloseCode(1011, "internal_error", Reconnect.BACKOFF);
    /** The connection's token expired. */
    public static final CloseCode TOKEN_EXPIRED = new CloseCode(4001, "token_expired", Reconnect.NEW_TOKEN);
    /** Access revoked or forbidden. */
    public static final CloseCode FORBIDDEN = new CloseCode(4003, "forbidden", Reconnect.NEVER);
    /** Slow consumer: the client fell too far behind. */
    public static final CloseCode SLOW_CONSUMER = new CloseCode(4008, "slow_consumer", Reconnect.AT_ONCE);
    /** Nothing arrived from the client within the heartbeat timeout. */
    public static final CloseCode HEARTBEAT_TIMEOUT = new CloseCode(4009, "heartbeat_timeout", Reconnect.BACKOFF);

    public CloseCode {
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("code must be in 1000..4999, was " + code);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (reconnect == null) {
            throw new IllegalArgumentException("reconnect must not be null");
        }
    }
}
