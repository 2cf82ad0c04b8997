package dev.realtimehub.server.console;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.util.Texts;
import dev.realtimehub.core.wire.PresenceFrames;
import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/presence/{topic}}: {@code {"topic":T,"connections":N,"users":[…]}}, who is subscribed to a topic
 * with {@code presence: true} on every node. Open to every reader unless the topic has roles, as the other reading
 * endpoints are (see {@link TopicReadAccess}): a request may ask what its token could subscribe to. Errors are JSON:
 * 404 for an unknown topic or one without presence, 401/403 as {@link TopicReadAccess} says, 503 when the store
 * cannot answer. Stateless; any thread.
 */
final class PresenceEndpoint implements HttpEndpoint {

    /** The path prefix; the topic follows it. */
    static final String PATH = "/api/presence/";

    private static final Logger LOG = LoggerFactory.getLogger(PresenceEndpoint.class);

    private final HubEngine hub;
    private final TopicReadAccess access;

    PresenceEndpoint(HubEngine hub, TopicReadAccess access) {
        this.hub = hub;
        this.access = access;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET");
            return;
        }
        String topic = new QueryStringDecoder(request.uri()).path().substring(PATH.length());
        TopicConfig options = hub.presenceOptions(topic);
        if (options == null) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "Unknown topic: " + Texts.clip(topic, 64));
            return;
        }
        if (!options.presence()) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND,
                    "Presence is off for topic " + topic + " (topics." + topic + ".presence)");
            return;
        }
        TopicReadAccess.Refusal refusal = access.check(request, options);
        if (refusal != null) {
            HttpResponses.error(ctx, keepAlive, refusal.status(), refusal.message());
            return;
        }
        hub.presence(topic).whenComplete((snapshot, failure) -> {
            if (failure != null) {
                LOG.debug("presence of {} unavailable: {}", topic, failure.toString());
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "Presence of " + topic + " unavailable right now");
                return;
            }
            byte[] body = Json.encode(g -> {
                g.writeStartObject();
                g.writeStringField("topic", snapshot.topic());
                PresenceFrames.writeBody(g, snapshot);
                g.writeEndObject();
            });
            HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body),
                    "application/json; charset=utf-8");
        });
    }
}
