package dev.realtimehub.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.util.Timestamps;
import java.io.IOException;
import java.util.Collection;

/** Encodes the frames the hub sends of its own accord or in reply: {@code connected}, {@code subscription}, and so on. */
public final class Replies {

    /** The protocol version announced in {@code connected}. */
    public static final int PROTOCOL_VERSION = 1;

    private static final Frame PONG = Frame.control(Json.encode(g -> {
        g.writeStartObject();
        g.writeStringField("type", "pong");
        g.writeEndObject();
    }));

    private Replies() {
    }

    /** The first frame of every connection. */
    public static Frame connected(String clientId, Collection<String> topics, String nodeId, long nowMillis) {
        return connected(clientId, topics, nodeId, nowMillis, null);
    }

    /**
     * The first frame of every connection, with {@code session} last when {@code sessionId} is not null (a transport
     * whose client sends its frames apart from the stream it reads); without it the same bytes as above.
     */
    public static Frame connected(String clientId, Collection<String> topics, String nodeId, long nowMillis,
                                  String sessionId) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "connected");
            g.writeStringField("client_id", clientId);
            g.writeArrayFieldStart("available_topics");
            for (String topic : topics) {
                g.writeString(topic);
            }
            g.writeEndArray();
            g.writeStringField("timestamp", Timestamps.iso(nowMillis));
            g.writeNumberField("protocol", PROTOCOL_VERSION);
            g.writeStringField("node", nodeId);
            if (sessionId != null) {
                g.writeStringField("session", sessionId);
            }
            g.writeEndObject();
        }));
    }

    /**
     * A successful {@code subscription} reply.
     *
     * @param recovered {@code null} when the client asked for no recovery
     */
    public static Frame subscribed(String topic, long seq, String epoch, Boolean recovered) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "subscription");
            g.writeStringField("topic", topic);
            g.writeBooleanField("success", true);
            g.writeNumberField("seq", seq);
            g.writeStringField("epoch", epoch);
            if (recovered != null) {
                g.writeBooleanField("recovered", recovered);
            }
            g.writeEndObject();
        }));
    }

    /** A refused {@code subscription} reply with the reason. */
    public static Frame subscriptionRefused(String topic, String error) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "subscription");
            writeTopic(g, topic);
            g.writeBooleanField("success", false);
            g.writeStringField("error", error);
            g.writeEndObject();
        }));
    }

    /** The {@code unsubscription} reply. */
    public static Frame unsubscribed(String topic, boolean success, String error) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "unsubscription");
            writeTopic(g, topic);
            g.writeBooleanField("success", success);
            if (error != null) {
                g.writeStringField("error", error);
            }
            g.writeEndObject();
        }));
    }

    /** The reply to {@code ping}. */
    public static Frame pong() {
        return PONG;
    }

    /** An {@code error} frame; the connection stays open. */
    public static Frame error(String message) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeStringField("message", message);
            g.writeEndObject();
        }));
    }

    /** A {@code gap} frame: events {@code from..to} of {@code topic} were skipped for this connection. */
    public static Frame gap(String topic, long from, long to) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "gap");
            g.writeStringField("topic", topic);
            g.writeNumberField("from", from);
            g.writeNumberField("to", to);
            g.writeEndObject();
        }));
    }

    /**
     * A {@code disconnect} frame: how a transport without close frames of its own (SSE) tells the client the close
     * code and reason, as the last frame before its stream ends.
     */
    public static Frame disconnect(int code, String reason) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "disconnect");
            g.writeNumberField("code", code);
            g.writeStringField("reason", reason == null ? "" : reason);
            g.writeEndObject();
        }));
    }

    private static void writeTopic(JsonGenerator g, String topic) throws IOException {
        if (topic == null) {
            g.writeNullField("topic");
        } else {
            g.writeStringField("topic", topic);
        }
    }
}
