package dev.realtimehub.bench.loadgen;

import java.util.BitSet;

/**
 * Who is owed which event: the one thing that differs between a flat run (every connection subscribes to the topic
 * and is owed every event), a channels run ({@code --channels N}) and a filters run ({@code --filters N}).
 *
 * <p>Both of the latter split the connections and the events into {@code N} slots. Connection {@code i} (its index
 * over the whole run: its index in its process plus {@code --index-offset}, so that several processes give distinct
 * indexes) is in slot {@code i mod N}; event {@code bench_seq} {@code s} is in slot {@code (s - 1) mod N}, the
 * publisher's round robin. A connection is owed exactly the events of its slot:
 * <ul>
 *   <li>channels: slot {@code k} is the channel {@code <topic>:c<k>}, which the connection subscribes to and the
 *       event is published to;</li>
 *   <li>filters: slot {@code k} is the value {@code v<k>} of the event field {@code f}; the connection subscribes to
 *       {@code <topic>} with the filter {@code {"f":["v<k>"]}} and the event carries {@code "f":"v<k>"}.</li>
 * </ul>
 * The slot number in a name is zero-padded to the width of {@code N - 1} ({@code c0042} of 10,000), so every event
 * frame of a run has the same layout and {@link FrameScanner}'s guesses hold as they do on a flat topic.
 *
 * <p>Immutable and thread-safe.
 */
final class Audience {

    /** How the connections subscribe. */
    enum Mode {
        /** One topic, every connection owed every event. */
        FLAT,
        /** One channel {@code <topic>:c<k>} per slot. */
        CHANNELS,
        /** The topic, with one filter value {@code f = v<k>} per slot. */
        FILTERS
    }

    /** The event field the filters run filters on. */
    static final String FILTER_FIELD = "f";

    /**
     * What one connection subscribes to.
     *
     * @param topic the topic or channel of its subscribe
     * @param filterJson its {@code filter} object, or {@code null} for none
     * @param slot the slot whose events it is owed (0 on a flat topic)
     * @param slots how many slots the run has (1 on a flat topic)
     */
    record Subscription(String topic, String filterJson, int slot, int slots) {
    }

    private final Mode mode;
    private final String topic;
    private final int slots;
    private final int indexOffset;
    private final String format;

    Audience(Mode mode, String topic, int slots, int indexOffset) {
        if (slots < 1 || (mode == Mode.FLAT && slots != 1)) {
            throw new IllegalArgumentException("slots: expected ≥ 1 (1 on a flat topic) but was " + slots);
        }
        if (indexOffset < 0) {
            throw new IllegalArgumentException("--index-offset: expected ≥ 0 but was " + indexOffset);
        }
        this.mode = mode;
        this.topic = topic;
        this.slots = slots;
        this.indexOffset = indexOffset;
        this.format = "%0" + Integer.toString(slots - 1).length() + "d";
    }

    /** The audience {@code settings} ask for. */
    static Audience of(LoadGenSettings settings) {
        if (settings.channels() > 0) {
            return new Audience(Mode.CHANNELS, settings.topic(), settings.channels(), settings.indexOffset());
        }
        if (settings.filters() > 0) {
            return new Audience(Mode.FILTERS, settings.topic(), settings.filters(), settings.indexOffset());
        }
        return new Audience(Mode.FLAT, settings.topic(), 1, settings.indexOffset());
    }

    Mode mode() {
        return mode;
    }

    int slots() {
        return slots;
    }

    /** The slot of event {@code seq} (from 1): the publisher's round robin over the slots. */
    static int slotOfSeq(long seq, int slots) {
        return (int) ((seq - 1) % slots);
    }

    /** The slot of the connection with index {@code localIndex} in its process. */
    int slotOfConnection(int localIndex) {
        return (int) (((long) localIndex + indexOffset) % slots);
    }

    /** What the connection with index {@code localIndex} in its process subscribes to. */
    Subscription subscription(int localIndex) {
        int slot = slotOfConnection(localIndex);
        return switch (mode) {
            case FLAT -> new Subscription(topic, null, 0, 1);
            case CHANNELS -> new Subscription(channel(slot), null, slot, slots);
            case FILTERS -> new Subscription(topic, "{\"" + FILTER_FIELD + "\":[\"" + filterValue(slot) + "\"]}",
                    slot, slots);
        };
    }

    /** The {@code topic} event {@code seq} is published to. */
    String publishTopic(long seq) {
        return mode == Mode.CHANNELS ? channel(slotOfSeq(seq, slots)) : topic;
    }

    /** The value of the field {@code f} of event {@code seq}, or {@code null} when the run does not filter. */
    String publishFilterValue(long seq) {
        return mode == Mode.FILTERS ? filterValue(slotOfSeq(seq, slots)) : null;
    }

    private String channel(int slot) {
        return topic + ":c" + String.format(format, slot);
    }

    private String filterValue(int slot) {
        return "v" + String.format(format, slot);
    }

    /**
     * Deliveries owed to connections subscribed {@code subscribedBySlot[k]} to each slot {@code k}, for the events
     * 1..{@code lastSeq} the server acknowledged ({@code acked}; {@code null}: all of them).
     */
    long owedDeliveries(int[] subscribedBySlot, BitSet acked, long lastSeq) {
        if (slots == 1) {
            long events = acked == null ? lastSeq : acked.get(1, (int) lastSeq + 1).cardinality();
            return events * subscribedBySlot[0];
        }
        long owed = 0;
        for (long seq = 1; seq <= lastSeq; seq++) {
            if (acked == null || acked.get((int) seq)) {
                owed += subscribedBySlot[slotOfSeq(seq, slots)];
            }
        }
        return owed;
    }
}
