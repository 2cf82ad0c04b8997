package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads what the load generator needs from a server frame without parsing its JSON: the frame's kind, from the
 * {@code "type"} that every server frame starts with, and the {@code "bench_seq":N,"bench_ts":MICROS} pairs the
 * publisher put into its events (one in an event frame, one per item in a {@code batch} frame).
 *
 * <p>It relies on the two facts that make it cheap: servers write {@code type} as the first field, and the publisher
 * writes {@code bench_seq} and {@code bench_ts} as its first two fields, next to each other, so both servers keep them
 * together near the start of each event. A frame that does not look like that simply yields no items.
 *
 * <p>Scanning is the load generator's main cost per frame, so it is guided by {@link Hints}: the key's offset in the
 * previous event frame, and the distance between consecutive items of the previous batch. A server writes every event
 * of a run with the same layout and the publisher pads every event to the same length, so the guess is almost always
 * right and a frame costs a few dozen byte comparisons instead of a scan of all its bytes; when the guess misses, the
 * scan runs. A guess is only taken when the whole key matches there, and in a batch the scan resumes right after each
 * item, so a wrong guess can at worst skip an item, which then shows up as a lost event, never hide one.
 *
 * <p>Static methods are stateless and thread-safe; a {@link Hints} belongs to one thread.
 */
final class FrameScanner {

    /** What a server frame is, as far as the load generator cares. */
    enum Kind {
        /** {@code connected}: the first frame of a connection. */
        CONNECTED,
        /** A {@code subscription} reply with {@code "success":true}. */
        SUBSCRIBED,
        /** A {@code subscription} reply refusing the topic. */
        REFUSED,
        /** A {@code gap} frame: the server skipped events for this connection and says so. */
        GAP,
        /** A {@code batch} frame of several events. */
        BATCH,
        /** Any other reply ({@code pong}, {@code error}, {@code unsubscription}). */
        CONTROL,
        /** A single event. */
        EVENT
    }

    /** Receives the benchmark numbers of one event. */
    @FunctionalInterface
    interface ItemVisitor {
        /**
         * One event's {@code bench_seq}, {@code bench_ts} (its scheduled publish time) and {@code bench_sent} (when its
         * publish request was sent; {@code bench_ts} when the event has none), epoch microseconds.
         */
        void item(long seq, long scheduledMicros, long sentMicros);
    }

    private static final byte[] TYPE_PREFIX = ascii("{\"type\":\"");
    private static final byte[] SEQ_KEY = ascii("\"bench_seq\":");
    private static final byte[] TS_KEY = ascii(",\"bench_ts\":");
    private static final byte[] SENT_KEY = ascii(",\"bench_sent\":");
    private static final byte[] SUCCESS_TRUE = ascii("\"success\":true");

    private FrameScanner() {
    }

    /** Where the keys were in the previous frames of one loop; confined to that loop. */
    static final class Hints {
        /** Offset of the first {@code bench_seq} key from the start of the previous frame that had one. */
        int firstKey = -1;
        /** Distance between the keys of the last two consecutive items of a batch. */
        int stride = -1;
    }

    /** The kind of the frame in {@code buf}'s readable bytes. */
    static Kind kind(ByteBuf buf) {
        return kind(buf, buf.readerIndex(), buf.writerIndex());
    }

    /** The kind of the frame in {@code buf}'s bytes [start, end). */
    static Kind kind(ByteBuf buf, int start, int end) {
        if (!matches(buf, start, end, TYPE_PREFIX)) {
            return Kind.CONTROL;
        }
        int at = start + TYPE_PREFIX.length;
        if (at >= end) {
            return Kind.CONTROL;
        }
        switch (buf.getByte(at)) {
            case 'b':
                if (matchesText(buf, at, end, "batch\"")) {
                    return Kind.BATCH;
                }
                break;
            case 'c':
                if (matchesText(buf, at, end, "connected\"")) {
                    return Kind.CONNECTED;
                }
                break;
            case 'g':
                if (matchesText(buf, at, end, "gap\"")) {
                    return Kind.GAP;
                }
                break;
            case 's':
                if (matchesText(buf, at, end, "subscription\"")) {
                    return indexOf(buf, at, end, SUCCESS_TRUE) >= 0 ? Kind.SUBSCRIBED : Kind.REFUSED;
                }
                break;
            case 'e':
                if (matchesText(buf, at, end, "error\"")) {
                    return Kind.CONTROL;
                }
                break;
            case 'p':
                if (matchesText(buf, at, end, "pong\"")) {
                    return Kind.CONTROL;
                }
                break;
            case 'u':
                if (matchesText(buf, at, end, "unsubscription\"")) {
                    return Kind.CONTROL;
                }
                break;
            default:
                break;
        }
        return Kind.EVENT;
    }

    /**
     * Visits every {@code bench_seq}/{@code bench_ts} pair in {@code buf}'s readable bytes, in order, without hints.
     *
     * @return how many pairs were visited
     */
    static int forEachItem(ByteBuf buf, ItemVisitor visitor) {
        return forEachItem(buf, buf.readerIndex(), buf.writerIndex(), Integer.MAX_VALUE, new Hints(), visitor);
    }

    /**
     * Visits the {@code bench_seq}/{@code bench_ts} pairs in {@code buf}'s bytes [start, end), in order, at most
     * {@code maxItems} of them (1 for an event frame: the rest of it is not scanned), trying the places {@code hints}
     * suggest before scanning, and updating them.
     *
     * @return how many pairs were visited
     */
    static int forEachItem(ByteBuf buf, int start, int end, int maxItems, Hints hints, ItemVisitor visitor) {
        int guess = hints.firstKey < 0 ? -1 : start + hints.firstKey;
        int key = guess >= 0 && matches(buf, guess, end, SEQ_KEY) ? guess : indexOf(buf, start, end, SEQ_KEY);
        int items = 0;
        int previousItemKey = -1;
        while (key >= 0) {
            int after = item(buf, key, end, visitor);
            if (after < 0) {
                // the key without a number and a bench_ts after it: not one of ours, keep looking
                key = indexOf(buf, key + SEQ_KEY.length, end, SEQ_KEY);
                continue;
            }
            if (items == 0) {
                hints.firstKey = key - start;
            } else {
                hints.stride = key - previousItemKey;
            }
            items++;
            if (items == maxItems) {
                return items;
            }
            previousItemKey = key;
            guess = hints.stride > 0 ? key + hints.stride : -1;
            key = guess > after && matches(buf, guess, end, SEQ_KEY) ? guess : indexOf(buf, after, end, SEQ_KEY);
        }
        return items;
    }

    /**
     * Reads the pair whose {@code bench_seq} key starts at {@code key} and hands it to {@code visitor}.
     *
     * @return the index after the {@code bench_ts} digits, or -1 when the pair is not complete there
     */
    private static int item(ByteBuf buf, int key, int end, ItemVisitor visitor) {
        int i = key + SEQ_KEY.length;
        int digits = i;
        long seq = 0;
        byte b;
        while (i < end && (b = buf.getByte(i)) >= '0' && b <= '9') {
            seq = seq * 10 + (b - '0');
            i++;
        }
        if (i == digits || !matches(buf, i, end, TS_KEY)) {
            return -1;
        }
        i += TS_KEY.length;
        int tsDigits = i;
        long ts = 0;
        while (i < end && (b = buf.getByte(i)) >= '0' && b <= '9') {
            ts = ts * 10 + (b - '0');
            i++;
        }
        if (i == tsDigits) {
            return -1;
        }
        long sent = ts;
        if (matches(buf, i, end, SENT_KEY)) {
            int sentDigits = i + SENT_KEY.length;
            long value = 0;
            int j = sentDigits;
            while (j < end && (b = buf.getByte(j)) >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                j++;
            }
            if (j > sentDigits) {
                sent = value;
                i = j;
            }
        }
        visitor.item(seq, ts, sent);
        return i;
    }

    /** The index of the first occurrence of {@code needle} (which starts with a quote) in [from, to), or -1. */
    private static int indexOf(ByteBuf buf, int from, int to, byte[] needle) {
        byte first = needle[0];
        int last = to - needle.length;
        int at = from;
        while (at <= last) {
            // Netty's indexOf scans eight bytes at a time, which matters in long padding strings
            int hit = buf.indexOf(at, last + 1, first);
            if (hit < 0) {
                return -1;
            }
            if (matches(buf, hit, to, needle)) {
                return hit;
            }
            at = hit + 1;
        }
        return -1;
    }

    private static boolean matches(ByteBuf buf, int at, int end, byte[] expected) {
        if (end - at < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buf.getByte(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesText(ByteBuf buf, int at, int end, String expected) {
        if (end - at < expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (buf.getByte(at + i) != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
