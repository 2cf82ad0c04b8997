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
 * <p>Stateless and thread-safe.
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
        /** One event's {@code bench_seq} and {@code bench_ts} (publish time, epoch microseconds). */
        void item(long seq, long publishedMicros);
    }

    private static final byte[] TYPE_PREFIX = ascii("{\"type\":\"");
    private static final byte[] SEQ_KEY = ascii("\"bench_seq\":");
    private static final byte[] TS_KEY = ascii(",\"bench_ts\":");
    private static final byte[] SUCCESS_TRUE = ascii("\"success\":true");

    private FrameScanner() {
    }

    /** The kind of the frame in {@code buf}'s readable bytes. */
    static Kind kind(ByteBuf buf) {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
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
     * Visits every {@code bench_seq}/{@code bench_ts} pair in {@code buf}'s readable bytes, in order.
     *
     * @return how many pairs were visited
     */
    static int forEachItem(ByteBuf buf, ItemVisitor visitor) {
        int end = buf.writerIndex();
        int at = buf.readerIndex();
        int items = 0;
        while (true) {
            int key = indexOf(buf, at, end, SEQ_KEY);
            if (key < 0) {
                return items;
            }
            int digits = key + SEQ_KEY.length;
            long seq = 0;
            int i = digits;
            byte b;
            while (i < end && (b = buf.getByte(i)) >= '0' && b <= '9') {
                seq = seq * 10 + (b - '0');
                i++;
            }
            if (i == digits || !matches(buf, i, end, TS_KEY)) {
                at = i;
                continue;
            }
            i += TS_KEY.length;
            int tsDigits = i;
            long ts = 0;
            while (i < end && (b = buf.getByte(i)) >= '0' && b <= '9') {
                ts = ts * 10 + (b - '0');
                i++;
            }
            at = i;
            if (i == tsDigits) {
                continue;
            }
            visitor.item(seq, ts);
            items++;
        }
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
