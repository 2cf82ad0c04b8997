package dev.realtimehub.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One logical client of the soak run across its connections: its topic and what it needs to recover after a
 * reconnect — the last seq it saw and the topic's epoch — as the hub's own clients keep them.
 *
 * <p>Guarded by this: a connection's callbacks and the reconnect that replaces it may run on different threads.
 */
final class SoakClient {

    private final int index;
    private final String topic;
    private long lastSeq;
    private String epoch;
    private SoakConnection connection;
    /** Connection attempts in a row that ended before the hub confirmed the subscription. */
    private int failures;

    SoakClient(int index, String topic) {
        this.index = index;
        this.topic = topic;
    }

    int index() {
        return index;
    }

    String topic() {
        return topic;
    }

    /** The subscribe frame: plain the first time, with {@code since} and {@code epoch} once it has seen the topic. */
    synchronized String subscribeFrame() {
        if (epoch == null) {
            return "{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}";
        }
        return "{\"action\":\"subscribe\",\"topic\":\"" + topic + "\",\"since\":" + lastSeq + ",\"epoch\":\"" + epoch
                + "\"}";
    }

    /** What an event meant to the client: new, seen already, or from a connection the client has left. */
    enum Seen {
        NEW,
        DUPLICATE,
        /** From a connection the client has since replaced (the churn closed it): not counted either way. */
        STALE
    }

    /**
     * A subscription reply arrived on {@code from}; ignored unless {@code from} is the client's current connection.
     *
     * @return whether it told the client it could not recover ({@code recovered:false})
     */
    synchronized boolean subscribed(SoakConnection from, JsonNode reply) {
        if (from != connection) {
            return false;
        }
        failures = 0;
        boolean told = reply.path("recovered").isBoolean() && !reply.path("recovered").asBoolean();
        if (epoch == null || told) {
            lastSeq = Math.max(told ? 0 : lastSeq, reply.path("seq").asLong());
        }
        if (reply.hasNonNull("epoch")) {
            epoch = reply.get("epoch").asText();
        }
        return told;
    }

    /**
     * An event with {@code seq} arrived on {@code from}. Only the current connection counts: the churn replaces a
     * connection while its callbacks may still be handing over a frame (a batch of items, say), and the replacement
     * recovers from the last seq the client had when it subscribed — an event the old connection counted after that
     * would come again in the replay and be taken for a duplicate the hub never sent.
     *
     * @return {@link Seen#NEW} if it was new, {@link Seen#DUPLICATE} for a seq at or below the last one seen on the
     *     current connection's stream, {@link Seen#STALE} if {@code from} is no longer the client's connection
     */
    synchronized Seen saw(SoakConnection from, long seq) {
        if (from != connection) {
            return Seen.STALE;
        }
        if (seq <= lastSeq) {
            return Seen.DUPLICATE;
        }
        lastSeq = seq;
        return Seen.NEW;
    }

    /** The last seq the client has seen (or was told to start from). */
    synchronized long lastSeq() {
        return lastSeq;
    }

    /**
     * An attempt ended before the hub confirmed the subscription (refused, timed out, closed early).
     *
     * @return the attempts in a row that have failed so far, this one included
     */
    synchronized int failed() {
        return ++failures;
    }

    synchronized SoakConnection connection() {
        return connection;
    }

    synchronized void connection(SoakConnection current) {
        this.connection = current;
    }
}
