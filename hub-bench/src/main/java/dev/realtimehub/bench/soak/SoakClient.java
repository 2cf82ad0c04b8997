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

    /**
     * A subscription reply arrived.
     *
     * @return whether it told the client it could not recover ({@code recovered:false})
     */
    synchronized boolean subscribed(JsonNode reply) {
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
     * An event with {@code seq} arrived.
     *
     * @return whether it was new (a seq at or below the last one seen is a duplicate)
     */
    synchronized boolean saw(long seq) {
        if (seq <= lastSeq) {
            return false;
        }
        lastSeq = seq;
        return true;
    }

    synchronized SoakConnection connection() {
        return connection;
    }

    synchronized void connection(SoakConnection current) {
        this.connection = current;
    }
}
