package dev.realtimehub.server.console;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.api.HubLogMarkers;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.transport.http.HttpResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with a topic snapshot for the console's GET endpoints: {@code {"<list>":[events…],"seq":N,"epoch":"…",…}}, each
 * event exactly as subscribers receive it, so a page handles snapshot and live events with the same code and goes on
 * with {@code since = seq}. Stateless.
 *
 * <p>The reply's seq is where the history read ended (the slice's head, or else the position read just before it, the
 * events capped there): an event published later is not in the snapshot but comes with the replay after
 * {@code since}, so a page misses nothing and sees no event twice.
 */
final class SnapshotJson {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotJson.class);

    private SnapshotJson() {
    }

    /**
     * Reads {@code topic}'s history and answers with the events {@code keep} takes, if {@code access} lets the
     * request read the topic; any thread.
     *
     * @param list the name of the events' array ({@code tasks}, {@code samples})
     * @param extra further fields of the reply
     */
    static void reply(ChannelHandlerContext ctx, FullHttpRequest request, HubEngine hub, TopicReadAccess access, String topic,
                      String list, Predicate<Event> keep, Map<String, ?> extra) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        TopicConfig config = hub.topics().get(hub.topics().indexOf(topic));
        TopicReadAccess.Refusal refusal = access.check(request, config);
        if (refusal != null) {
            LOG.debug("snapshot of {} refused: {}", topic, refusal.message());
            HttpResponses.error(ctx, keepAlive, refusal.status(), refusal.message());
            return;
        }
        Broker.TopicPosition before = hub.position(topic);
        hub.history(topic).whenComplete((slice, failure) -> {
            if (failure != null) {
                LOG.warn(HubLogMarkers.DELIVERY_PATH, "history of {} unavailable for a snapshot: {}", topic,
                        failure.toString());
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "History of " + topic + " unavailable");
                return;
            }
            // a store that knows its head says where the slice ends; else the position read before it bounds it
            Broker.TopicPosition position = slice.epoch() != null
                    ? new Broker.TopicPosition(slice.headSeq(), slice.epoch()) : before;
            List<Event> events = slice.events().stream()
                    .filter(event -> event.seq() <= position.seq())
                    .filter(keep)
                    .toList();
            HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(encode(list, events, position, extra)), "application/json; charset=utf-8");
        });
    }

    /**
     * The JSON bytes of a snapshot.
     *
     * @param list the name of the events' array ({@code tasks}, {@code samples})
     * @param events the events, in seq order; events meant for one user are left out
     * @param position the topic's position the events were read up to
     * @param extra further fields, written after {@code epoch}
     */
    static byte[] encode(String list, List<Event> events, Broker.TopicPosition position, Map<String, ?> extra) {
        return Json.encode(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart(list);
            for (Event event : events) {
                if (event.userId() == null) {
                    g.writeRawValue(new String(event.frame().json(), StandardCharsets.UTF_8));
                }
            }
            g.writeEndArray();
            g.writeNumberField("seq", position.seq());
            g.writeStringField("epoch", position.epoch());
            writeExtra(g, extra);
            g.writeEndObject();
        });
    }

    private static void writeExtra(JsonGenerator g, Map<String, ?> extra) throws IOException {
        for (Map.Entry<String, ?> field : extra.entrySet()) {
            g.writeFieldName(field.getKey());
            g.writeObject(field.getValue());
        }
    }
}
