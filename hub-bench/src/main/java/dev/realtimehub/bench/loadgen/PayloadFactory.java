package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Writes the published events: {@code {"topic":T,"type":Y,"bench_seq":N,"bench_ts":MICROS,"message":"xxx…"}}, padded
 * with {@code message} so that each event's JSON is {@code payloadBytes} long (or as short as it can be, when that is
 * less). {@code bench_seq} and {@code bench_ts} come first so both servers keep them together near the start of the
 * frame, where {@link FrameScanner} finds them.
 *
 * <p>On a run of channels, {@code T} is event N's channel; on a run of filters, {@code "f":"v…"} (event N's filter
 * value) comes after {@code bench_sent}, before the padding ({@link Audience}). Names of one run have one length, so
 * every event of the run is padded alike.
 *
 * <p>Immutable and thread-safe.
 */
final class PayloadFactory {

    private final Audience audience;
    private final byte[] afterTopic;
    private final int payloadBytes;
    private final byte[] padding;

    /** Events of a flat topic. */
    PayloadFactory(String topic, String eventType, int payloadBytes) {
        this(new Audience(Audience.Mode.FLAT, topic, 1, 0), eventType, payloadBytes);
    }

    /** Events spread over {@code audience}'s channels or filter values. */
    PayloadFactory(Audience audience, String eventType, int payloadBytes) {
        this.audience = audience;
        this.afterTopic = ascii("\",\"type\":\"" + eventType + "\",\"bench_seq\":");
        this.payloadBytes = payloadBytes;
        this.padding = new byte[payloadBytes];
        Arrays.fill(padding, (byte) 'x');
    }

    /**
     * A request body of {@code count} events numbered from {@code firstSeq}: one object, or an array of them.
     *
     * @param publishedMicros the {@code bench_ts} of a seq (its scheduled publish time)
     * @param sentMicros the {@code bench_sent} of every event of the body: when the request is sent
     */
    ByteBuf body(ByteBufAllocator allocator, long firstSeq, int count, LongUnaryOperator publishedMicros,
                 long sentMicros) {
        ByteBuf buf = allocator.buffer(count * (Math.max(payloadBytes, 96) + 1) + 2);
        if (count > 1) {
            buf.writeByte('[');
        }
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                buf.writeByte(',');
            }
            long seq = firstSeq + i;
            write(buf, seq, publishedMicros.applyAsLong(seq), sentMicros);
        }
        if (count > 1) {
            buf.writeByte(']');
        }
        return buf;
    }

    /** One event as a string (for tests and logs). */
    String event(long seq, long publishedMicros) {
        ByteBuf buf = io.netty.buffer.Unpooled.buffer();
        try {
            write(buf, seq, publishedMicros, publishedMicros);
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    private void write(ByteBuf buf, long seq, long publishedMicros, long sentMicros) {
        int start = buf.writerIndex();
        ByteBufUtil.writeAscii(buf, "{\"topic\":\"");
        ByteBufUtil.writeAscii(buf, audience.publishTopic(seq));
        buf.writeBytes(afterTopic);
        ByteBufUtil.writeAscii(buf, Long.toString(seq));
        ByteBufUtil.writeAscii(buf, ",\"bench_ts\":");
        ByteBufUtil.writeAscii(buf, Long.toString(publishedMicros));
        ByteBufUtil.writeAscii(buf, ",\"bench_sent\":");
        ByteBufUtil.writeAscii(buf, Long.toString(sentMicros));
        String filterValue = audience.publishFilterValue(seq);
        if (filterValue != null) {
            ByteBufUtil.writeAscii(buf, ",\"" + Audience.FILTER_FIELD + "\":\"" + filterValue + "\"");
        }
        ByteBufUtil.writeAscii(buf, ",\"message\":\"");
        int written = buf.writerIndex() - start;
        int pad = Math.max(0, payloadBytes - written - 2);
        buf.writeBytes(padding, 0, pad);
        buf.writeByte('"');
        buf.writeByte('}');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
