package dev.realtimehub.bench.ceiling;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The JSON frames the ceiling server sends — the same shapes as the hub's (protocol v1) — and the wire form of a
 * server-to-client WebSocket text frame, built once and shared by every subscriber.
 *
 * <p>Stateless and thread-safe.
 */
final class CeilingFrames {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int OPCODE_TEXT_FIN = 0x81;
    /** The hub's timestamp format: ISO-8601 UTC, always with milliseconds. */
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CeilingFrames() {
    }

    /** Writes one JSON document. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] json(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * An event as the hub sends it: {@code {"type","topic","seq",…fields,"timestamp"}}, from a published object whose
     * {@code topic} and {@code type} were checked ({@code throttle} is dropped, as the hub does).
     */
    static byte[] event(JsonNode published, long seq, long nowMillis) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", published.get("type").textValue());
            g.writeStringField("topic", published.get("topic").textValue());
            g.writeNumberField("seq", seq);
            for (Map.Entry<String, JsonNode> field : published.properties()) {
                switch (field.getKey()) {
                    case "type", "topic", "throttle", "seq", "timestamp" -> { }
                    default -> {
                        g.writeFieldName(field.getKey());
                        MAPPER.writeTree(g, field.getValue());
                    }
                }
            }
            g.writeStringField("timestamp", ISO.format(Instant.ofEpochMilli(nowMillis)));
            g.writeEndObject();
        });
    }

    static byte[] connected(String clientId, long nowMillis) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", "connected");
            g.writeStringField("client_id", clientId);
            g.writeArrayFieldStart("available_topics");
            g.writeEndArray();
            g.writeStringField("timestamp", ISO.format(Instant.ofEpochMilli(nowMillis)));
            g.writeNumberField("protocol", 1);
            g.writeStringField("node", "ceiling");
            g.writeEndObject();
        });
    }

    static byte[] subscribed(String topic, long seq) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", "subscription");
            g.writeStringField("topic", topic);
            g.writeBooleanField("success", true);
            g.writeNumberField("seq", seq);
            g.writeStringField("epoch", "ceiling");
            g.writeEndObject();
        });
    }

    static byte[] unsubscribed(String topic) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", "unsubscription");
            g.writeStringField("topic", topic);
            g.writeBooleanField("success", true);
            g.writeEndObject();
        });
    }

    static byte[] pong() {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", "pong");
            g.writeEndObject();
        });
    }

    static byte[] error(String message) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }

    /** A direct buffer holding a whole unmasked, final text frame of {@code payload} (RFC 6455, 5.2). */
    static ByteBuf wire(byte[] payload, ByteBufAllocator allocator) {
        int length = payload.length;
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf buf = allocator.directBuffer(header + length);
        buf.writeByte(OPCODE_TEXT_FIN);
        if (length <= 125) {
            buf.writeByte(length);
        } else if (length <= 0xFFFF) {
            buf.writeByte(126);
            buf.writeShort(length);
        } else {
            buf.writeByte(127);
            buf.writeLong(length);
        }
        buf.writeBytes(payload);
        return buf;
    }
}
