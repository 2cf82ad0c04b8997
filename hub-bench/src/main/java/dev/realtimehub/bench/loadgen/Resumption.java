package dev.realtimehub.bench.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * One logical client of the load generator across its connections: its seq account, and what it needs to recover after
 * a reconnect — the last hub seq it saw and the topic's epoch — as a browser's {@code wsManager} keeps them.
 *
 * <p>Confined to the event loop of its current connection (a reconnect is scheduled on the loop of the connection that
 * closed, and the next connection is opened on that loop).
 */
final class Resumption {

    private final SeqTracker tracker;
    private final int index;
    private final Audience.Subscription subscription;
    private long lastHubSeq;
    private String epoch;
    private boolean subscribedOnce;
    private long disconnectedMicros;
    /** Attempts since the last connection that subscribed, the drain attempt included (the client's backoff step). */
    private int attempts;

    /** Client {@code index} of its process, subscribing to {@code subscription}. */
    Resumption(int index, Audience.Subscription subscription) {
        this.index = index;
        this.subscription = subscription;
        this.tracker = new SeqTracker(subscription.slot(), subscription.slots());
    }

    /** Which connection of the process this is (its source address). */
    int index() {
        return index;
    }

    SeqTracker tracker() {
        return tracker;
    }

    Audience.Subscription subscription() {
        return subscription;
    }

    /**
     * The subscribe frame to its topic or channel (with its filter, if any): plain the first time, with {@code since}
     * and {@code epoch} once it has seen the topic. A connection holds one subscription, so the hub seq it remembers
     * is that channel's.
     */
    String subscribeFrame() {
        String filter = subscription.filterJson() == null ? "" : ",\"filter\":" + subscription.filterJson();
        if (epoch == null) {
            return "{\"action\":\"subscribe\",\"topic\":\"" + subscription.topic() + "\"" + filter + "}";
        }
        return "{\"action\":\"subscribe\",\"topic\":\"" + subscription.topic() + "\"" + filter + ",\"since\":"
                + lastHubSeq + ",\"epoch\":\"" + epoch + "\"}";
    }

    /** An attempt to reconnect starts; how many had started before it since the last subscription. */
    int nextAttempt() {
        return attempts++;
    }

    /** An event frame with hub seq {@code seq} arrived. */
    void sawSeq(long seq) {
        if (seq > lastHubSeq) {
            lastHubSeq = seq;
        }
    }

    /**
     * A subscription reply arrived: remembers its epoch (and, on the first subscription, its seq, so a recovery right
     * after asks for everything since then).
     *
     * @return whether this was the first subscription of this client
     */
    boolean subscribed(String reply) {
        String replyEpoch = stringField(reply, "epoch");
        if (!subscribedOnce) {
            long seq = longField(reply, "seq");
            if (seq > lastHubSeq) {
                lastHubSeq = seq;
            }
        }
        if (replyEpoch != null) {
            epoch = replyEpoch;
        }
        attempts = 0;
        boolean first = !subscribedOnce;
        subscribedOnce = true;
        return first;
    }

    boolean subscribedOnce() {
        return subscribedOnce;
    }

    void disconnectedAt(long micros) {
        this.disconnectedMicros = micros;
    }

    long disconnectedMicros() {
        return disconnectedMicros;
    }

    /** The text of a frame, for the rare frames parsed whole. */
    static String text(io.netty.buffer.ByteBuf buf, int start, int end) {
        return buf.toString(start, end - start, StandardCharsets.UTF_8);
    }

    /** The hub seq of an event frame: the first {@code "seq":N} near its start, or -1. */
    static long hubSeq(io.netty.buffer.ByteBuf buf, int start, int end) {
        int limit = Math.min(end, start + 160) - 6;
        for (int i = start; i < limit; i++) {
            if (buf.getByte(i) == '"' && buf.getByte(i + 1) == 's' && buf.getByte(i + 2) == 'e'
                    && buf.getByte(i + 3) == 'q' && buf.getByte(i + 4) == '"' && buf.getByte(i + 5) == ':') {
                long value = 0;
                int j = i + 6;
                boolean any = false;
                for (; j < end; j++) {
                    byte b = buf.getByte(j);
                    if (b < '0' || b > '9') {
                        break;
                    }
                    value = value * 10 + (b - '0');
                    any = true;
                }
                return any ? value : -1;
            }
        }
        return -1;
    }

    static String stringField(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    static long longField(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        long value = 0;
        boolean any = false;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            value = value * 10 + (json.charAt(i++) - '0');
            any = true;
        }
        return any ? value : -1;
    }
}
