package dev.realtimehub.core.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.presence.PresenceChange;
import dev.realtimehub.core.presence.PresenceSnapshot;
import dev.realtimehub.core.util.Json;
import java.io.IOException;

/**
 * Encodes the presence frames: the {@code presence} reply and the {@code join}/{@code leave} frames. None carries a
 * {@code seq}: they are not events of the topic, never enter its history, and never count in its seq order.
 */
public final class PresenceFrames {

    private PresenceFrames() {
    }

    /** {@code {"type":"presence","topic":T,"connections":N,"users":[…]}}. */
    public static Frame snapshot(PresenceSnapshot snapshot) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "presence");
            g.writeStringField("topic", snapshot.topic());
            writeBody(g, snapshot);
            g.writeEndObject();
        }));
    }

    /** The fields {@code connections} and {@code users}, shared with {@code GET /api/presence/T}. */
    public static void writeBody(JsonGenerator g, PresenceSnapshot snapshot) throws IOException {
        g.writeNumberField("connections", snapshot.connections());
        g.writeArrayFieldStart("users");
        for (String user : snapshot.users()) {
            g.writeString(user);
        }
        g.writeEndArray();
    }

    /** A refused {@code presence} request: {@code {"type":"presence","topic":T,"success":false,"error":…}}. */
    public static Frame refused(String topic, String error) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", "presence");
            if (topic == null) {
                g.writeNullField("topic");
            } else {
                g.writeStringField("topic", topic);
            }
            g.writeBooleanField("success", false);
            g.writeStringField("error", error);
            g.writeEndObject();
        }));
    }

    /** {@code {"type":"join"|"leave","topic":T,"user_id":u}}, {@code user_id} null when anonymous. */
    public static Frame change(PresenceChange change) {
        return Frame.control(Json.encode(g -> {
            g.writeStartObject();
            g.writeStringField("type", change.kind().wireName());
            g.writeStringField("topic", change.topic());
            if (change.userId() == null) {
                g.writeNullField("user_id");
            } else {
                g.writeStringField("user_id", change.userId());
            }
            g.writeEndObject();
        }));
    }
}
